"""Where the time of a hot-path request goes, step by step (pyinstrument).

    .venv/bin/python benchmarks/profile_requests.py [start|answer|page] [--requests N] [--html OUT.html]

Runs the app in this process on a new SQLite file (or DATABASE_URL), sends N
requests of one hot path through Flask's test client (no network, no gunicorn)
and prints pyinstrument's call tree of them, so each step's share of a request
shows: routing, finding the conversation, the engine, the analysis, the write,
the commit, rendering, the headers. docs/performance.md says what was found.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from pathlib import Path

from pyinstrument import Profiler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedback_app import create_app, question_types  # noqa: E402
from feedback_app.database import upgrade_schema  # noqa: E402

QID = "young-person-before-review"


def value_for(question: dict):
    return question_types.of(question["type"]).example([o["value"] for o in question["options"][:1]], "It is ok here.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", choices=["start", "answer", "page"])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--html", help="also write pyinstrument's HTML view here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(folder) / 'profile.db'}"
        app = create_app({"DATABASE_URL": url, "RATELIMIT_ENABLED": False, "PUBLIC_BASE_URL": "https://x.example",
                          "SECRET_KEY": secrets.token_hex(32)})  # fmt: skip
        with app.app_context():
            upgrade_schema()
        client = app.test_client()
        start = lambda: client.post("/api/v1/conversations", json={"questionnaire": QID})  # noqa: E731
        states = [start().get_json() for _ in range(max(1, args.requests // 10))]  # warm up, and some to answer

        def answer() -> None:
            state = states.pop(0)
            if state["question"] is None:
                state = start().get_json()
            q = state["question"]
            response = client.post(f"/api/v1/conversations/{state['token']}/answers",
                                   json={"question_id": q["id"], "value": value_for(q)})  # fmt: skip
            assert response.status_code == 200, response.get_json()
            states.append(response.get_json())

        def page() -> None:
            state = states[0]
            states.append(states.pop(0))
            assert client.get(f"/c/{state['token']}").status_code == 200

        work = {"start": start, "answer": answer, "page": page}[args.path]
        for _ in range(50):
            work()
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(args.requests):
            work()
        profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
