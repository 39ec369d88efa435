"""How long the annual report takes, and how much memory, with a big council's two years of answers.

    nice .venv/bin/python benchmarks/annual_report.py [--conversations 100000] [--database URL [--reuse]] [--page-and-word]

Fills a fresh database (SQLite in a temporary folder unless --database names
one, which is emptied first) with N conversations, about 15 answers each
(100,000 conversations make about 1.5 million answers), spread over the two
reporting years 2024-25 and 2025-26, using bulk inserts. Free-text answers
carry a stored analysis, as the service leaves them. It then keeps every
month's answer counts (`report.counted_months`), as `flask init-db` does after
the migration and the service does from then on, and times that. Then it times the
report page for 2025-26 (as the IRO manager, through the test client) and
each export, and measures each one's peak Python memory with tracemalloc in
a second run. The page and the Word document are timed as a year is first
counted (no report in memory, no closed year stored, so both years shown are
counted from the months kept, every chart drawn), the page also with nothing
kept at all (no month either, as just after `flask analyse`), with both
closed years and their charts stored (as a fresh worker finds them), and while 2025-26 is still
open (the clock set to March 2026: that year is counted every time, the year
before is read back). Targets on the project's machine: the page in 3 s or less, the
Word document in 10 s or less, and peak memory that does not grow with N
(run it with two sizes and compare). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, insert, text  # noqa: E402

from analysis import ANALYSER_VERSION, analyse  # noqa: E402
from feedback_app import clock, create_app, question_types  # noqa: E402
from feedback_app.access import COMMAND_LINE  # noqa: E402
from feedback_app.auth import sessions  # noqa: E402
from feedback_app.auth.accounts import create_user  # noqa: E402
from feedback_app.conversation import service  # noqa: E402
from feedback_app.extensions import db  # noqa: E402
from feedback_app.models import (  # noqa: E402
    Answer,
    Base,
    Conversation,
    CountedMonth,
    CountedYear,
    DrawnChart,
    SafeguardingAlert,
)  # fmt: skip
from feedback_app.questionnaire import registry  # noqa: E402
from feedback_app.report import chart_images, counted_months  # noqa: E402
from feedback_app.report.exports import export  # noqa: E402
from feedback_app.report.year import ReportingYear  # noqa: E402

YEAR = ReportingYear(2025)
FIRST_DAY = datetime(2024, 4, 1, tzinfo=UTC)
SPAN = datetime(2026, 3, 31, 23, tzinfo=UTC) - FIRST_DAY
SENT_SHARE = 0.85
ALERTS = 300
BATCH = 5000
TEXTS = (
    "My IRO really listens to me and always explains what is happening.",
    "I hate my review meetings because there are too many people there.",
    "My foster carers are kind and it feels like home.",
    "Nobody told me when my review was.",
    "I want to see my brother more, we only get an hour a month.",
    "Things are ok. I started football on Saturdays.",
    "The review notes came really late again.",
    "My social worker keeps changing and I have to explain everything again.",
    "I like my new school and I have made friends.",
    "I would like more pocket money and a later bedtime.",
)


def fill(n: int, rng: random.Random) -> int:
    """Add n conversations and their answers with bulk inserts; returns the number of answers."""
    analyses = {t: analyse(t).to_dict() for t in TEXTS}
    versions = []
    for questionnaire_id in registry.available():
        started = service.start(questionnaire_id)
        q = service.questionnaire_of(started)
        versions.append((started.questionnaire_version_id, questionnaire_id, q))
    db.session.commit()
    answers_made = 0
    conversation_rows: list[dict] = []
    answer_rows: list[dict] = []
    next_id = (db.session.scalar(text("SELECT max(id) FROM conversations")) or 0) + 1

    def flush() -> None:
        if conversation_rows:
            db.session.execute(insert(Conversation), conversation_rows)
            conversation_rows.clear()
        if answer_rows:
            db.session.execute(insert(Answer), answer_rows)
            answer_rows.clear()
        db.session.commit()

    for i in range(n):
        version_id, questionnaire_id, q = versions[i % len(versions)]
        conversation_id = next_id + i
        created = FIRST_DAY + SPAN * rng.random()
        sent = rng.random() < SENT_SHARE
        conversation_rows.append(
            {
                "id": conversation_id, "token": secrets.token_hex(16), "questionnaire_version_id": version_id,
                "questionnaire_id": questionnaire_id, "audience": q.audience, "language": "en", "created_at": created,
                "submitted_at": created + timedelta(minutes=rng.randint(3, 20)) if sent else None,
            }
        )  # fmt: skip
        questions = q.questions if sent else q.questions[: rng.randint(1, len(q.questions))]
        for question in questions:
            kind = question_types.of(question)
            words = rng.choice(TEXTS)
            picks = rng.sample([o.value for o in question.options], k=min(2, len(question.options))) if question.options else []
            value = kind.example(picks, words)
            is_text = kind.answer == "text"
            answer_rows.append(
                {
                    "conversation_id": conversation_id, "question_id": question.id, "value": value, "skipped": False,
                    "answered_at": created, "analysis": analyses[words] if is_text else None,
                    "analyser_version": ANALYSER_VERSION if is_text else None,
                }
            )  # fmt: skip
            answers_made += 1
        if len(answer_rows) >= BATCH * 10:
            flush()
    flush()
    alerts = []
    for _ in range(ALERTS):
        created = FIRST_DAY + SPAN * rng.random()
        acknowledged = created + timedelta(hours=rng.choice([1, 3, 20, 30, 70]))
        alerts.append(
            {
                "created_at": created, "questionnaire_id": "benchmark", "question_id": "worries", "category": "unsafe",
                "evidence": [], "text": "made up for the benchmark", "acknowledged_at": acknowledged,
            }
        )  # fmt: skip
    db.session.execute(insert(SafeguardingAlert), alerts)
    db.session.commit()
    return answers_made


def measure(label: str, work: Callable[[], object], forget: Callable[[], None]) -> None:
    """Time `work` from cold (nothing kept), then run it cold again under tracemalloc for its peak memory."""
    forget()
    start, cpu = time.perf_counter(), time.process_time()
    work()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    forget()
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<34} {seconds:7.2f} s (CPU {cpu_seconds:6.2f} s)   peak Python memory {peak / 1e6:7.1f} MB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--database", help="a database URL to fill (emptied first); default: SQLite in a temporary folder")
    parser.add_argument("--reuse", action="store_true", help="use --database as it is when it already holds conversations")
    parser.add_argument("--page-and-word", action="store_true", help="time the page and the Word document only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'report-benchmark.db'}"
        app = create_app({"TESTING": True, "DATABASE_URL": url, "RATELIMIT_ENABLED": False})
        with app.app_context():
            if args.reuse and args.database and db.session.scalar(text("SELECT count(*) FROM conversations")):
                held = db.session.scalar(text("SELECT count(*) FROM answers"))
                print(f"reusing {url}: {held:,} answers")
                db.session.execute(text("DELETE FROM staff_sessions"))
                db.session.execute(text("DELETE FROM audit_events"))
                db.session.execute(text("DELETE FROM staff_users"))
                db.session.commit()
                Base.metadata.create_all(db.engine)  # any table added since the database was filled
            else:
                Base.metadata.drop_all(db.engine)
                Base.metadata.create_all(db.engine)
                started = time.perf_counter()
                answers = fill(args.conversations, random.Random(7))
                print(f"{args.conversations:,} conversations, {answers:,} answers in {time.perf_counter() - started:.0f} s ({url.split(':')[0]})")
            # As `flask init-db` leaves a database after the migration: every month's answer counts kept.
            started = time.perf_counter()
            counted = counted_months.count_every_month(COMMAND_LINE)
            db.session.commit()
            print(f"{'months counted and kept':<34} {time.perf_counter() - started:7.2f} s ({counted} months)", flush=True)
            manager = create_user("manager@benchmark.example", "iro_manager", secrets.token_urlsafe(16), "Benchmark manager")
            key = sessions.open_session(manager)
            db.session.commit()
        client = app.test_client()
        with client.session_transaction() as cookie_session:
            cookie_session[sessions.SESSION_KEY] = key

        def page() -> None:
            response = client.get(f"/staff/report?year={YEAR.name}")
            assert response.status_code == 200, response.status_code

        def file(fmt: str) -> Callable[[], None]:
            def write() -> None:
                with app.app_context():
                    size = sum(len(chunk) for chunk in export(COMMAND_LINE, YEAR, fmt))
                    db.session.commit()  # as `flask annual-report` does: a closed year counted is kept
                assert size > 0

            return write

        def forget_kept() -> None:
            """As a fresh worker: no report or chart in memory (closed years and drawn charts stay stored)."""
            app.extensions.get("report.kept", {}).clear()
            chart_images.png.cache_clear()
            chart_images.svg.cache_clear()

        def forget() -> None:
            """As a year is first counted: no report in memory, no closed year stored, no chart drawn
            (the months' answer counts stay kept, as the service keeps them)."""
            forget_kept()
            with app.app_context():
                db.session.execute(delete(CountedYear))
                db.session.execute(delete(DrawnChart))
                db.session.commit()

        def forget_all() -> None:
            """Nothing kept at all, not even the months' answer counts (as just after `flask analyse`)."""
            forget()
            with app.app_context():
                db.session.execute(delete(CountedMonth))
                db.session.commit()

        measure(f"page /staff/report {YEAR.name}, cold", page, forget)
        measure("page, no month kept", page, forget_all)
        start = time.perf_counter()
        page()  # the report counted by the cold run is kept
        print(f"{'page again, report kept':<34} {time.perf_counter() - start:7.2f} s", flush=True)
        # Both years shown (2025-26 and 2024-25) are closed: their figures were stored when first counted.
        measure("page, closed years stored", page, forget_kept)
        measure("Word (.docx), cold", file("docx"), forget)
        measure("Word, closed years stored", file("docx"), forget_kept)
        start = time.perf_counter()
        file("docx")()  # the report and its charts are kept from the run before
        print(f"{'Word again, report and charts kept':<34} {time.perf_counter() - start:7.2f} s", flush=True)
        # A day in March 2026: 2025-26 is still open, so it is counted each time (never stored),
        # while 2024-25, closed, is read back as stored by the runs above.
        clock.source = lambda: datetime(2026, 3, 20, 12, tzinfo=UTC)
        try:
            measure("page, year still open", page, forget_kept)
            measure("Word, year still open", file("docx"), forget_kept)
        finally:
            clock.source = real_time
        if not args.page_and_word:
            measure("spreadsheet (.xlsx), cold", file("xlsx"), forget)
            measure("spreadsheet, closed years stored", file("xlsx"), forget_kept)
            measure("answers (.csv)", file("csv"), forget)
        with app.app_context():
            db.engine.dispose()
    return 0


real_time = clock.source


if __name__ == "__main__":
    raise SystemExit(main())
