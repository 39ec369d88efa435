"""The three hot paths under wrk, each against a bare Flask endpoint doing the same
single insert or select on the same database, in the same run, alternating.

    python3 dev.py bench          (or: .venv/bin/python benchmarks/hot_paths.py)

The paths: starting a conversation (`POST /api/v1/conversations`, against one
INSERT into conversations), answering (`POST .../answers`, against one INSERT into
answers) and the chat page (`GET /c/<token>`, against one SELECT by token). Both
servers run under gunicorn with the same workers and the same database settings;
they are measured in alternating rounds and the median round is reported, so a
busy neighbour slows both. Prints, per database: requests a second for each,
their ratio (target: at least 0.5 for start and answer), p50/p95/p99 latency
(target: p99 under 50 ms at 8 connections) and errors (target: none).

Runs on SQLite, and on PostgreSQL too when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL)
names a server: a database of its own is made there and dropped afterwards.
Options by environment: BENCH_SECONDS per wrk run (default 8), BENCH_ROUNDS (3),
BENCH_CONNECTIONS (8), BENCH_WORKERS (2), BENCH_DATABASES (e.g. "sqlite"), BENCH_PORT
(the service's port, the bare app's the next one; default: any two free ports).
Needs wrk (Debian and Ubuntu: `apt-get install wrk`; macOS: `brew install wrk`).
Not a test: the figures depend on the machine.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedback_app import question_types  # noqa: E402
from feedback_app.config import normalise_url  # noqa: E402
from tests.servers import Server, free_port, server_env  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "0"))  # 0: a free one
QID = "young-person-before-review"
LUA = Path(__file__).with_name("hot_paths.lua")
# Conversations answered side by side: request k and k+SPREAD are one conversation's
# consecutive answers, far enough apart that k has been answered before k+SPREAD is sent.
SPREAD = 512
# More requests listed than a run can send, so that no line is sent twice.
MOST_PER_SECOND = 3000


def find_wrk() -> str:
    found = shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)
    if found is None:
        sys.exit("wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk; on macOS: brew install wrk.")
    return found


@dataclass
class Figures:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: dict
    refused: str  # the status of each refused request, e.g. "409 409 500 "
    wrapped: int  # times wrk reached the end of the list and began it again

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def wrk(url: str, lines: list[str], folder: Path) -> Figures:
    listed = folder / f"requests-{secrets.token_hex(4)}.tsv"
    listed.write_text("\n".join(lines) + "\n")
    _empty_the_wal()
    result = subprocess.run(
        [find_wrk(), "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS:g}s", "--timeout", "10s", "-s", str(LUA), url, "--",
         str(listed)],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    )
    listed.unlink()
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Figures(**figures)


# The SQLite database being measured, if it is SQLite: see _empty_the_wal.
SQLITE_URL: str | None = None


def _empty_the_wal() -> None:
    """Before each run on SQLite, copy the write-ahead log into the database and empty it.

    Otherwise a run inherits the log the one before it (or the setup's bulk insert
    of conversations, just before the service's runs) left, and its requests pay
    for copying those pages back into the database: SQLite checkpoints inside
    whichever commit takes the log past 1,000 pages. Each run starts level.
    """
    if SQLITE_URL is None:
        return
    from sqlalchemy import create_engine

    engine = create_engine(SQLITE_URL)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def answer_sequence(base: str) -> list[tuple[str, object]]:
    """The (question id, answer) of every question, in order, for the example answers:
    the same for every conversation given the same answers."""
    state = requests.post(f"{base}/api/v1/conversations", json={"questionnaire": QID}, timeout=10).json()
    sequence = []
    while state["question"] is not None:
        q = state["question"]
        value = question_types.of(q["type"]).example([o["value"] for o in q["options"][:1]], "It is ok here.")
        sequence.append((q["id"], value))
        response = requests.post(f"{base}/api/v1/conversations/{state['token']}/answers",
                                 json={"question_id": q["id"], "value": value}, timeout=10)  # fmt: skip
        response.raise_for_status()
        state = response.json()
    return sequence


def make_conversations(url: str, version_id: int, count: int) -> list[tuple[int, str]]:
    """`count` fresh conversations, straight into the database: (id, token) each."""
    from sqlalchemy import create_engine, insert, select

    from feedback_app.conversation.service import new_token
    from feedback_app.models import Conversation, utcnow

    table = Conversation.__table__
    tokens = [new_token() for _ in range(count)]
    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        now = utcnow()
        connection.execute(insert(table), [
            {"token": t, "questionnaire_version_id": version_id, "questionnaire_id": QID, "audience": "child",
             "language": "en", "created_at": now} for t in tokens
        ])  # fmt: skip
        rows = dict(connection.execute(select(table.c.token, table.c.id).where(table.c.token.in_(tokens))).all())
    engine.dispose()
    return [(rows[t], t) for t in tokens]


def answer_lines(conversations: list[tuple[int, str]], sequence: list[tuple[str, object]]) -> list[str]:
    """Requests answering the conversations SPREAD at a time, each question after the last."""
    lines = []
    for start in range(0, len(conversations) - SPREAD + 1, SPREAD):
        group = conversations[start : start + SPREAD]
        for question_id, value in sequence:
            for _, token in group:
                body = json.dumps({"question_id": question_id, "value": value})
                lines.append(f"POST\t/api/v1/conversations/{token}/answers\t{body}")
    return lines


def bare_answer_lines(conversations: list[tuple[int, str]], count: int) -> list[str]:
    prefix = secrets.token_hex(3)  # never the same row twice, whichever conversations
    return [
        "POST\t/bare/answers\t" + json.dumps(
            {"conversation_id": conversations[n % len(conversations)][0], "question_id": f"b{prefix}{n}", "value": "good"}
        )
        for n in range(count)
    ]  # fmt: skip


def bench_database(name: str, url: str, folder: Path) -> dict:
    global SQLITE_URL
    SQLITE_URL = normalise_url(url) if url.startswith("sqlite") else None
    env = server_env(url, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "flask", "--app", "feedback_app", "init-db"], cwd=ROOT, env=env,
                   check=True, capture_output=True)  # fmt: skip
    service = Server(env, folder / f"{name}-service.log", workers=WORKERS, wait=False, port=PORT or None)
    bare = Server(env, folder / f"{name}-bare.log", workers=WORKERS, wait=False, app="benchmarks.bare_app:create_bare_app()",
                  health="/bare/c/none", port=PORT + 1 if PORT else free_port())  # fmt: skip
    service.wait_until_up()
    bare.wait_until_up()
    try:
        sequence = answer_sequence(service.url)  # also stores the questionnaire version
        from sqlalchemy import create_engine, text

        engine = create_engine(normalise_url(url))
        with engine.connect() as connection:
            version_id = connection.execute(text("SELECT min(id) FROM questionnaire_versions")).scalar_one()
        engine.dispose()
        per_run = int(MOST_PER_SECOND * SECONDS)
        start_lines = [f"POST\t/api/v1/conversations\t{json.dumps({'questionnaire': QID})}"]
        bare_start_lines = [f"POST\t/bare/conversations\t{json.dumps({'questionnaire': QID, 'version_id': version_id})}"]
        rounds: dict[str, list[tuple[Figures, Figures]]] = {"start": [], "answer": [], "chat page": []}
        # An unmeasured warm-up of each: first-request costs (imports, word lists, caches) do not count.
        warm = make_conversations(url, version_id, SPREAD * 2)
        for target, lines in ((service, start_lines), (bare, bare_start_lines), (service, answer_lines(warm, sequence)),
                              (bare, bare_answer_lines(warm, 500))):  # fmt: skip
            _quick(target.url, lines, folder)
        for _ in range(ROUNDS):
            conversations = make_conversations(url, version_id, max(SPREAD, per_run // len(sequence) // SPREAD * SPREAD))
            pages = [f"GET\t/c/{token}\t" for _, token in conversations[: per_run // 4]]
            bare_pages = [f"GET\t/bare/c/{token}\t" for _, token in conversations[: per_run // 4]]
            rounds["start"].append((wrk(service.url, start_lines, folder), wrk(bare.url, bare_start_lines, folder)))
            rounds["answer"].append((wrk(service.url, answer_lines(conversations, sequence), folder),
                                     wrk(bare.url, bare_answer_lines(conversations, per_run), folder)))  # fmt: skip
            rounds["chat page"].append((wrk(service.url, pages, folder), wrk(bare.url, bare_pages, folder)))
    finally:
        service.stop()
        bare.stop()
    return {path: _median_round(results) for path, results in rounds.items()}


def _quick(url: str, lines: list[str], folder: Path) -> None:
    global SECONDS
    seconds, SECONDS = SECONDS, 1
    try:
        wrk(url, lines, folder)
    finally:
        SECONDS = seconds


def _median_round(results: list[tuple[Figures, Figures]]) -> dict:
    ratios = [service.per_second / bare.per_second for service, bare in results]
    service, bare = results[ratios.index(statistics.median_low(ratios))]
    return {
        "ratio": round(service.per_second / bare.per_second, 2),
        "ratios": [round(r, 2) for r in ratios],
        "service": _summary(service),
        "bare": _summary(bare),
    }


def _summary(figures: Figures) -> dict:
    return {"per_s": round(figures.per_second, 1), "p50_ms": figures.p50_ms, "p95_ms": figures.p95_ms,
            "p99_ms": figures.p99_ms, "errors": figures.error_count,
            "refused": dict(Counter(figures.refused.split())), "wrapped": figures.wrapped}  # fmt: skip


def databases(folder: Path) -> list[tuple[str, str, object]]:
    """(name, url, clean-up) for SQLite and, if a server is named, a fresh PostgreSQL database."""
    wanted = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    found: list[tuple[str, str, object]] = []
    if "sqlite" in wanted:
        found.append(("sqlite", f"sqlite:///{folder / 'bench.db'}", None))
    server = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_POSTGRES_URL")
    if "postgresql" in wanted and server:
        from sqlalchemy import create_engine, text

        admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
        name = f"feedback_bench_{secrets.token_hex(4)}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        found.append(("postgresql", server.rsplit("/", 1)[0] + f"/{name}", drop))
    elif "postgresql" in wanted:
        print("(PostgreSQL left out: set BENCH_POSTGRES_URL=postgresql://user@host:5432/any to include it)")
    return found


def print_table(name: str, results: dict) -> None:
    print(f"\n{name}: {WORKERS} gunicorn workers each, wrk -t1 -c{CONNECTIONS} -d{SECONDS:g}s, median of {ROUNDS} rounds")
    print(f"{'path':<10} {'':<8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}   ratio (rounds)")
    for path, result in results.items():
        for side in ("service", "bare"):
            s = result[side]
            ratio = f"   {result['ratio']:.2f} {result['ratios']}" if side == "service" else ""
            label = path if side == "service" else ""
            print(f"{label:<10} {side:<8} {s['per_s']:>8.0f} {s['p50_ms']:>8.1f} {s['p95_ms']:>8.1f} {s['p99_ms']:>8.1f} "
                  f"{s['errors']:>7}{ratio}")  # fmt: skip
            if s["refused"]:
                print(f"{'':<19} refused: {s['refused']} (status: count)")
            if path == "answer" and s["wrapped"]:
                print(f"{'':<19} the answers listed ran out and began again: raise MOST_PER_SECOND")


def main() -> None:
    find_wrk()
    report = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for database, url, clean_up in databases(folder):
            started = time.time()
            try:
                report[database] = bench_database(database, url, folder)
            finally:
                if clean_up:
                    clean_up()
            print_table(database, report[database])
            print(f"({time.time() - started:.0f} s)")
    targets = {
        "start and answer at least 0.5 x bare": all(
            r[p]["ratio"] >= 0.5 for r in report.values() for p in ("start", "answer")
        ),
        f"p99 under 50 ms at {CONNECTIONS} connections": all(
            r[p]["service"]["p99_ms"] < 50 for r in report.values() for p in r
        ),
        "no errors": all(r[p][side]["errors"] == 0 for r in report.values() for p in r for side in ("service", "bare")),
    }
    print("\ntargets: " + "; ".join(f"{k}: {'met' if v else 'NOT met'}" for k, v in targets.items()))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
