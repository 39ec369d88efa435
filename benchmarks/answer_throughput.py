"""How fast the answer endpoint is, against a bare Flask endpoint doing the same insert.

Both run under gunicorn (same workers, same database settings) in one run, so
the ratio means something on a shared, noisy machine. Prints answers a second
and p95 latency for each, and the ratio (target: at least 0.5).

    python3 dev.py bench            (or: .venv/bin/python benchmarks/answer_throughput.py)

Options by environment: BENCH_SECONDS (default 10), BENCH_CLIENTS (4),
BENCH_WORKERS (2), DATABASE_URL (default: a new SQLite file).
"""

from __future__ import annotations

import http.client
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
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
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


def run_clients(port: int, work) -> tuple[int, list[float]]:
    """Run `work(connection, record)` in CLIENTS threads for SECONDS; return count and latencies."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + SECONDS

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


def bench_service(port: int) -> tuple[int, list[float], float]:
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
    run_clients(port, timed)
    elapsed = time.perf_counter() - started
    return len(answered), answered, elapsed


def bench_bare(port: int, conversation_ids: list[int]) -> tuple[int, list[float], float]:
    counter = iter(range(10**9))
    lock = threading.Lock()

    def work(connection: http.client.HTTPConnection) -> None:
        with lock:
            n = next(counter)
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
    count, latencies = run_clients(port, work)
    return count, latencies, time.perf_counter() - started


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        env = dict(
            os.environ,
            DATABASE_URL=url,
            SECRET_KEY=secrets.token_hex(32),
            FLASK_RATELIMIT_ENABLED="false",
            PYTHONPATH=str(ROOT),
        )
        subprocess.run([sys.executable, "-m", "flask", "--app", "feedback_app", "init-db"], cwd=ROOT, env=env, check=True)

        port = free_port()
        service = start_server("feedback_app:create_app()", port, env)
        try:
            count, latencies, elapsed = bench_service(port)
        finally:
            stop(service)

        bare_port = free_port()
        # The bare endpoint needs conversations to attach its rows to: reuse the ones made above.
        from sqlalchemy import create_engine, text

        from feedback_app.config import normalise_url

        engine = create_engine(normalise_url(url))
        with engine.connect() as connection:
            ids = [row[0] for row in connection.execute(text("SELECT id FROM conversations"))]
        engine.dispose()
        bare = start_server("benchmarks.bare_app:create_bare_app()", bare_port, env)
        try:
            bare_count, bare_latencies, bare_elapsed = bench_bare(bare_port, ids)
        finally:
            stop(bare)

    service_rate = count / elapsed
    bare_rate = bare_count / bare_elapsed
    print(json.dumps(
        {
            "database": url.split(":")[0],
            "workers": int(WORKERS),
            "clients": CLIENTS,
            "seconds": SECONDS,
            "service_answers_per_second": round(service_rate, 1),
            "service_p95_ms": round(p95(latencies), 1),
            "bare_inserts_per_second": round(bare_rate, 1),
            "bare_p95_ms": round(p95(bare_latencies), 1),
            "ratio": round(service_rate / bare_rate, 3),
        },
        indent=2,
    ))


if __name__ == "__main__":
    main()
