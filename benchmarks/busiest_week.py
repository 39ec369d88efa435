"""Ten times a large council's busiest week, compressed into a few minutes.

    .venv/bin/python benchmarks/busiest_week.py          (DATABASE_URL for PostgreSQL)

A large council has about 1,000 children in care, each reviewed every six
months, with the child, a parent and a carer asked each time: about 250
conversations in its busiest week. Ten times that, 2,500 conversations of every
question answered (about 15 answers each) and sent, is run here by wrk from
BUSIEST_CLIENTS connections (default 8), as fast as the service answers. Prints
how long it took, requests a second, p50/p95/p99 latency and every refusal
(targets: no errors, p95 under 100 ms), checks the database holds every answer,
and prints the CPU time the app's workers (and PostgreSQL's backends, on the same
machine) spent per request: the cost docs/performance.md builds its capacity on;
and wrk's own, to show the client is not what limits the run.

Options by environment: BUSIEST_CONVERSATIONS (2500), BUSIEST_CLIENTS (8),
BENCH_WORKERS (2), DATABASE_URL (default: a new SQLite file), BENCH_PORT (default: a free one).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.hot_paths import answer_sequence, find_wrk  # noqa: E402
from feedback_app.config import normalise_url  # noqa: E402
from tests.servers import Server, server_env  # noqa: E402

CONVERSATIONS = int(os.environ.get("BUSIEST_CONVERSATIONS", "2500"))
CLIENTS = int(os.environ.get("BUSIEST_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "0")) or None  # None: a free one
LUA = Path(__file__).with_name("busiest_week.lua")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int], *, with_children: bool = False) -> float:
    """User and system CPU time of these processes so far (Linux /proc); with_children
    adds that of their children already ended (a gunicorn master's restarted workers)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
        if with_children:
            total += int(fields[13]) + int(fields[14])  # cutime, cstime
    return total / TICKS


def server_cpu(server: Server) -> float:
    return cpu_seconds([server.process.pid], with_children=True) + cpu_seconds(server.worker_pids())


def waiting_for_a_cpu(pids: list[int]) -> float:
    """Seconds these processes have spent ready to run but waiting for a CPU (Linux
    /proc/PID/schedstat): on a shared machine, the time the neighbours took."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[1])
        except (OSError, IndexError):
            continue
    return total / 1e9


def postgres_backends(url: str) -> list[int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        pids = connection.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        ).scalars().all()
    engine.dispose()
    return list(pids)


def stored(url: str) -> tuple[int, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        sent = connection.execute(text("SELECT count(*) FROM conversations WHERE submitted_at IS NOT NULL")).scalar()
        answers = connection.execute(text("SELECT count(*) FROM answers")).scalar()
    engine.dispose()
    return sent, answers


def main() -> None:
    wrk = find_wrk()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'busiest.db'}"
        env = server_env(url, PYTHONPATH=str(ROOT))
        subprocess.run([sys.executable, "-m", "flask", "--app", "feedback_app", "init-db"], cwd=ROOT, env=env,
                       check=True, capture_output=True)  # fmt: skip
        server = Server(env, folder / "server.log", workers=WORKERS, port=PORT)
        try:
            sequence = answer_sequence(server.url)
            before_sent, before_answers = stored(url)
            (folder / "sequence.tsv").write_text("".join(f"{q}\t{json.dumps(v)}\n" for q, v in sequence))
            marker = folder / "finished"
            marker.touch()
            app_cpu = server_cpu(server)
            app_waiting = waiting_for_a_cpu(server.worker_pids())
            started = time.time()
            run = subprocess.Popen(
                [wrk, f"-t{CLIENTS}", f"-c{CLIENTS}", "-d3600s", "--timeout", "10s", "-s", str(LUA), server.url, "--",
                 str(folder / "sequence.tsv"), str(marker)],  # fmt: skip
                stdout=subprocess.PIPE,
                text=True,
            )
            while len(marker.read_text().splitlines()) < CONVERSATIONS and run.poll() is None:
                time.sleep(0.1)
            client_cpu = cpu_seconds([run.pid])  # wrk's own, read while it still runs
            run.send_signal(signal.SIGINT)  # enough sent: wrk reports and ends
            output = run.communicate(timeout=60)[0]
            elapsed = time.time() - started
            app_cpu = server_cpu(server) - app_cpu
            app_waiting = waiting_for_a_cpu(server.worker_pids()) - app_waiting
            database_cpu = cpu_seconds(postgres_backends(url)) if url.startswith("postgres") else None
        finally:
            server.stop()
        figures = json.loads(output.strip().splitlines()[-1])
        sent, answers = stored(url)

    requests_made = figures["requests"]
    print(f"{figures['sent']} conversations sent ({figures['answered']} answers) from {CLIENTS} connections "
          f"in {elapsed:.0f} s: {requests_made / elapsed:.0f} requests/s, {WORKERS} gunicorn workers, "
          f"{url.split(':')[0]}")  # fmt: skip
    print(f"latency: p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
          f"max {figures['max_ms']:.0f} ms")  # fmt: skip
    refused = figures["refused"].split()
    errors = sum(figures["errors"].values()) - figures["errors"]["status"] + len(refused)
    print(f"errors: {errors} {figures['errors']} refused: {refused[:20]}")
    print(f"stored: {sent - before_sent} more conversations sent, {answers - before_answers} more answers")
    print(f"app workers' CPU: {1000 * app_cpu / requests_made:.2f} ms a request "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    # Each worker's time: running, ready but waiting for a CPU, and the rest (waiting for a
    # request, for the disk's flush, for the database's lock or for PostgreSQL).
    running, waiting = app_cpu / elapsed / WORKERS, app_waiting / elapsed / WORKERS
    print(f"each worker's time: {100 * running:.0f} % on a CPU, {100 * waiting:.0f} % waiting for one, "
          f"{100 * max(0.0, 1 - running - waiting):.0f} % waiting for a request, the disk or the database")
    print(f"the client's (wrk's) CPU: {1000 * client_cpu / requests_made:.2f} ms a request")
    if database_cpu is not None:
        print(f"PostgreSQL backends' CPU: {1000 * database_cpu / requests_made:.2f} ms a request")
    met = errors == 0 and figures["p95_ms"] < 100 and figures["sent"] >= CONVERSATIONS
    print(f"targets (every conversation sent, 0 errors, p95 under 100 ms): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
