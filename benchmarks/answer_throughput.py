"""How fast the answer endpoint is, against a bare Flask endpoint doing the same insert.

Both run under gunicorn (same workers, same database settings) in one run, so
the ratio means something on a shared, noisy machine. Prints answers a second
and p95 latency for each, and the ratio (target: at least 0.5).

    python3 dev.py bench            (or: .venv/bin/python benchmarks/answer_throughput.py)

Options by environment: BENCH_SECONDS per round (default 5), BENCH_ROUNDS (3),
BENCH_CLIENTS (4), BENCH_WORKERS (2), DATABASE_URL (default: a new SQLite file).
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
QUESTIONNAIRE = "young-person-before-review"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(app_spec: str, port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", WORKERS, "-b", f"127.0.0.1:{port}", "--log-level", "warning", app_spec],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app_spec} did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def post(connection: http.client.HTTPConnection, path: str, body: dict) -> tuple[int, dict]:
    connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def next_value(question: dict):
    if question["type"] == "free_text":
        return "My carers are kind and I like my school."
    if question["type"] == "multi_choice":
        return [question["options"][0]["value"]]
    return question["options"][0]["value"]


def run_clients(port: int, work, seconds: float = SECONDS) -> tuple[int, list[float]]:
    """Run `work(connection)` in CLIENTS threads for `seconds`; return count and latencies."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            work(connection)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies


def bench_service(port: int, seconds: float = SECONDS) -> tuple[int, list[float], float]:
    """Each client walks through conversations, answering the open question each time."""
    local = threading.local()

    # Time only the answers: run, then count answers from the latencies of answer calls.
    answered: list[float] = []

    def timed(connection: http.client.HTTPConnection) -> None:
        state = getattr(local, "state", None)
        if state is None or state["question"] is None:
            status, local.state = post(connection, "/api/v1/conversations", {"questionnaire": QUESTIONNAIRE})
            assert status == 201, local.state
        question = local.state["question"]
        started = time.perf_counter()
        status, local.state_next = post(
            connection,
            f"/api/v1/conversations/{local.state['token']}/answers",
            {"question_id": question["id"], "value": next_value(question)},
        )
        answered.append(time.perf_counter() - started)
        assert status == 200, local.state_next
        local.state = local.state_next

    started = time.perf_counter()
    run_clients(port, timed, seconds)
    elapsed = time.perf_counter() - started
    return len(answered), answered, elapsed


# Each bare row needs a question id not used before, across every round.
_BARE_ROWS = itertools.count()


def bench_bare(port: int, conversation_ids: list[int], seconds: float = SECONDS) -> tuple[int, list[float], float]:
    lock = threading.Lock()

    def work(connection: http.client.HTTPConnection) -> None:
        with lock:
            n = next(_BARE_ROWS)
        status, _ = post(
            connection,
            "/bare/answers",
            {
                "conversation_id": conversation_ids[n % len(conversation_ids)],
                "question_id": f"q{n}",
                "value": "good",
            },
        )
        assert status == 200

    started = time.perf_counter()
    count, latencies = run_clients(port, work, seconds)
    return count, latencies, time.perf_counter() - started


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] * 1000


def main() -> None:
    """Both servers run side by side; they are measured in alternating rounds
    and the median of the per-round ratios is reported, because on a shared
    machine one long run of each would mostly measure the neighbours."""
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        env = dict(
            os.environ,
            DATABASE_URL=url,
            SECRET_KEY=secrets.token_hex(32),
            FLASK_RATELIMIT_ENABLED="false",
            FLASK_PUBLIC_BASE_URL="http://127.0.0.1",
            PYTHONPATH=str(ROOT),
        )
        subprocess.run([sys.executable, "-m", "flask", "--app", "feedback_app", "init-db"], cwd=ROOT, env=env, check=True)
        port, bare_port = free_port(), free_port()
        service = start_server("feedback_app:create_app()", port, env)
        bare = start_server("benchmarks.bare_app:create_bare_app()", bare_port, env)
        results = []
        try:
            # A short unmeasured round each, so that first-request costs (imports,
            # word lists, the questionnaire cache) do not count.
            bench_service(port, seconds=1.5)
            bench_bare(bare_port, conversation_ids(url), seconds=1.5)
            for _ in range(rounds):
                count, latencies, elapsed = bench_service(port)
                ids = conversation_ids(url)
                bare_count, bare_latencies, bare_elapsed = bench_bare(bare_port, ids)
                results.append((count / elapsed, p95(latencies), bare_count / bare_elapsed, p95(bare_latencies)))
        finally:
            stop(service)
            stop(bare)

    ratios = sorted(r[0] / r[2] for r in results)
    middle = results[[r[0] / r[2] for r in results].index(ratios[len(ratios) // 2])]
    print(json.dumps(
        {
            "database": url.split(":")[0],
            "workers": int(WORKERS),
            "clients": CLIENTS,
            "seconds_per_round": SECONDS,
            "rounds": [
                {"service_per_s": round(a, 1), "service_p95_ms": round(b, 1), "bare_per_s": round(c, 1),
                 "bare_p95_ms": round(d, 1), "ratio": round(a / c, 3)}
                for a, b, c, d in results
            ],  # fmt: skip
            "service_answers_per_second": round(middle[0], 1),
            "service_p95_ms": round(middle[1], 1),
            "bare_inserts_per_second": round(middle[2], 1),
            "bare_p95_ms": round(middle[3], 1),
            "median_ratio": round(ratios[len(ratios) // 2], 3),
        },
        indent=2,
    ))


def conversation_ids(url: str) -> list[int]:
    """The conversations made so far: the bare endpoint attaches its rows to them."""
    from sqlalchemy import create_engine, text

    from feedback_app.config import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM conversations"))]
    engine.dispose()
    return ids


if __name__ == "__main__":
    main()
