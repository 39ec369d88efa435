"""Re-analysing stored answers: how long it takes, and that memory stays flat.

Fills a throwaway SQLite database with N free-text answers, runs the same
`reanalyse` that `flask --app feedback_app analyse --all` runs, and prints the
rate and the process's peak memory after each size. Flat memory means the
peak hardly grows from the smallest size to the largest.

    .venv/bin/python benchmarks/reanalyse.py [N ...]      (default: 10000 50000 100000)
"""

from __future__ import annotations

import json
import random
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from feedback_app import create_app
from feedback_app.answer_analysis import reanalyse
from feedback_app.database import upgrade_schema
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation, QuestionnaireVersion, utcnow

PIECES = (
    "my foster carers are kind", "i miss my mum", "nobody listens to me", "school is ok",
    "my social worker keeps changing", "i got told off at my review", "i like football on saturdays",
    "i want to see my brother more", "the meeting had too many people", "my iro is nice",
    "i dont understand why im in care", "i want to stay here", "they never ring me back",
)  # fmt: skip


def fill(count: int, rng: random.Random) -> None:
    """Add `count` analysed-long-ago free-text answers, 14 to a conversation."""
    version = QuestionnaireVersion(questionnaire_id="bench", version=1, content_hash="x", definition={})
    db.session.add(version)
    db.session.flush()
    made = 0
    while made < count:
        conversations = [
            {"token": secrets.token_urlsafe(16), "questionnaire_version_id": version.id, "questionnaire_id": "bench",
             "audience": "child", "language": "en", "created_at": utcnow()}
            for _ in range(100)
        ]  # fmt: skip
        ids = db.session.scalars(insert(Conversation).returning(Conversation.id), conversations).all()
        rows = []
        for conversation_id in ids:
            for q in range(14):
                if made >= count:
                    break
                text = " and ".join(rng.sample(PIECES, k=rng.randint(1, 3)))
                rows.append({"conversation_id": conversation_id, "question_id": f"q{q}", "value": text,
                             "skipped": False, "answered_at": utcnow(), "analyser_version": "old"})  # fmt: skip
                made += 1
        db.session.execute(insert(Answer), rows)
        db.session.commit()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(sizes: list[int]) -> None:
    rng = random.Random(1)
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{Path(folder) / 'r.db'}"})
            with app.app_context():
                upgrade_schema()
                fill(size, rng)
                started = time.perf_counter()
                done = reanalyse(batch_size=1000)
                seconds = time.perf_counter() - started
                db.engine.dispose()
        results.append({"answers": done, "seconds": round(seconds, 1),
                        "answers_per_second": round(done / seconds), "peak_rss_mb": round(peak_mb(), 1)})  # fmt: skip
        print(json.dumps(results[-1]), flush=True)
    print(json.dumps({"minutes_for_100000": round(100_000 / results[-1]["answers_per_second"] / 60, 1)}))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 50_000, 100_000])
