"""What one commit costs on SQLite on this disk, with the service's settings.

    .venv/bin/python benchmarks/sqlite_commit.py [--commits N] [--folder DIR]

Inserts one conversation-sized row per transaction (BEGIN IMMEDIATE ... COMMIT)
into a new WAL database in DIR (default: the system's temporary folder; give one
on the disk the service's database will live on), N times with synchronous=FULL
(the service's setting: the log is flushed to disk at every commit, so an
acknowledged answer survives a power cut) and N times with synchronous=NORMAL (for
comparison only: it survives a crash of the app, not of the machine). Prints p50,
p99 and the most commits a second one writer can make with each. Writers take the
one write lock in turn and hold it through the flush, so the FULL figure is also
the ceiling for every worker together: see docs/performance.md.
"""

from __future__ import annotations

import argparse
import secrets
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def commit_times(path: Path, synchronous: str, commits: int) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={synchronous}")
    connection.execute(
        "CREATE TABLE conversations (id INTEGER PRIMARY KEY, token TEXT UNIQUE, questionnaire_id TEXT, created_at TEXT)"
    )
    connection.execute("CREATE INDEX ix_created ON conversations (created_at)")
    times = []
    for n in range(commits):
        began = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO conversations (token, questionnaire_id, created_at) VALUES (?, ?, ?)",
            (secrets.token_urlsafe(32), "young-person-before-review", f"2026-12-01 12:00:{n:08d}"),
        )
        connection.execute("COMMIT")
        times.append(time.perf_counter() - began)
    connection.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--folder", help="where to make the database (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        for synchronous in ("FULL", "NORMAL"):
            times = sorted(commit_times(Path(folder) / f"{synchronous}.db", synchronous, args.commits))
            p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99)]
            print(f"synchronous={synchronous:<6} p50 {1000 * p50:6.2f} ms, p99 {1000 * p99:6.2f} ms, "
                  f"at most {1 / statistics.fmean(times):6.0f} commits a second")  # fmt: skip


if __name__ == "__main__":
    main()
