"""Retention: `flask purge` deletes what is past its period, on a clock the tests move (issue 9.18)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from feedback_app import clock, retention
from feedback_app.conversation import service
from feedback_app.extensions import db
from feedback_app.models import (
    Answer,
    AuditEvent,
    BankedQuote,
    Conversation,
    FurtherWords,
    Invitation,
    SafeguardingAlert,
    StaffTask,
)

QID = "young-person-before-review"
WORDS = "My stepdad hits me when he is drunk"


@pytest.fixture
def now(monkeypatch):
    """The purge's clock: set `now.current` to move it."""

    class Now:
        current = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    monkeypatch.setattr(clock, "now", lambda: Now.current)
    return Now


def conversation_started(app, at: datetime, with_everything: bool = False) -> int:
    """A conversation started at `at` with an answer; with a quote, a request and an invitation when asked."""
    with app.app_context():
        invitation = None
        if with_everything:
            invitation = Invitation(
                token=f"tok-{at.timestamp()}", questionnaire_id=QID, audience="child", review_date=at.date(),
                first_name="Sam", created_at=at, expires_at=at + timedelta(days=14),
            )  # fmt: skip
            db.session.add(invitation)
            db.session.flush()
        conversation = service.new(QID, invitation=invitation)
        conversation.created_at = at
        answer = Answer(conversation_id=conversation.id, question_id="going_well", value=WORDS, answered_at=at)
        db.session.add(answer)
        db.session.flush()
        if with_everything:
            db.session.add(BankedQuote(answer_id=answer.id, theme="safety", sentiment="negative",
                                       suggested_text=WORDS, redacted_text=WORDS))  # fmt: skip
            db.session.add(StaffTask(kind="talk_to_iro", conversation_id=conversation.id, question_id="talk"))
        db.session.commit()
        return conversation.id


def alert_about(app, conversation_id: int, acknowledged_at: datetime | None) -> int:
    with app.app_context():
        answer_id = db.session.scalar(select(Answer.id).where(Answer.conversation_id == conversation_id))
        alert = SafeguardingAlert(
            conversation_id=conversation_id, answer_id=answer_id, questionnaire_id=QID, question_id="going_well",
            category="abuse", evidence=["hits me"], text=WORDS, acknowledged_at=acknowledged_at,
        )  # fmt: skip
        db.session.add(alert)
        db.session.flush()
        db.session.add(FurtherWords(alert_id=alert.id, question_id="worries", category="abuse", text=WORDS))
        db.session.commit()
        return alert.id


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def purge(runner, *args):
    result = runner.invoke(args=["purge", *args])
    assert result.exit_code == 0, result.output
    return result


def test_answers_are_kept_for_their_reporting_year_and_two_more(app, now):
    with app.app_context():
        now.current = datetime(2027, 3, 31, 23, 0, tzinfo=UTC)
        assert retention.answers_kept_from() == datetime(2024, 4, 1, tzinfo=UTC)
        now.current = datetime(2027, 4, 1, 0, 0, tzinfo=UTC)
        assert retention.answers_kept_from() == datetime(2025, 4, 1, tzinfo=UTC)


def test_the_report_on_a_year_still_has_the_year_before_when_it_is_written(app, now):
    # The report on 2025-26 is written in 2026-27, and sets 2025-26 beside 2024-25.
    with app.app_context():
        now.current = datetime(2027, 3, 1, tzinfo=UTC)
        assert retention.answers_kept_from() <= datetime(2024, 4, 1, tzinfo=UTC)


def test_a_conversation_past_its_period_goes_with_its_answers_quotes_requests_and_invitation(app, runner, now):
    old = conversation_started(app, datetime(2024, 3, 30, tzinfo=UTC), with_everything=True)  # 2023-24
    kept = conversation_started(app, datetime(2024, 4, 2, tzinfo=UTC), with_everything=True)  # 2024-25
    purge(runner)
    with app.app_context():
        assert db.session.scalars(select(Conversation.id)).all() == [kept]
        assert db.session.scalar(select(func.count()).select_from(Answer).where(Answer.conversation_id == old)) == 0
    assert (count(app, BankedQuote), count(app, StaffTask), count(app, Invitation)) == (1, 1, 1)


def test_an_alert_outlives_its_answer_until_its_own_period_ends(app, runner, now):
    old = conversation_started(app, datetime(2023, 5, 1, tzinfo=UTC))
    alert_id = alert_about(app, old, acknowledged_at=datetime(2025, 1, 10, tzinfo=UTC))
    purge(runner)
    with app.app_context():
        alert = db.session.get(SafeguardingAlert, alert_id)
        assert alert.text == WORDS and alert.answer_id is None and alert.conversation_id is None
    now.current = datetime(2027, 1, 11, tzinfo=UTC)  # 730 days after it was acknowledged
    purge(runner)
    assert (count(app, SafeguardingAlert), count(app, FurtherWords)) == (0, 0)


def test_an_alert_nobody_acknowledged_is_never_purged(app, runner, now):
    alert_about(app, conversation_started(app, datetime(2020, 5, 1, tzinfo=UTC)), acknowledged_at=None)
    now.current = datetime(2035, 1, 1, tzinfo=UTC)
    purge(runner)
    assert count(app, SafeguardingAlert) == 1


def test_audit_events_past_their_period_go_and_the_purge_is_itself_audited(app, runner, now):
    with app.app_context():
        db.session.add_all([AuditEvent(action="export_made", at=datetime(2024, 5, 1, tzinfo=UTC)),
                            AuditEvent(action="export_made", at=datetime(2025, 5, 1, tzinfo=UTC))])  # fmt: skip
        db.session.commit()
    purge(runner)
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        run = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "purge_run"))
    assert actions == ["export_made", "purge_run"]
    assert run.detail["audit_events"] == 1


def test_a_dry_run_says_what_would_go_and_deletes_nothing(app, runner, now):
    conversation_started(app, datetime(2023, 5, 1, tzinfo=UTC))
    result = purge(runner, "--dry-run")
    assert "1  conversations (with their answers, quotes and requests) would be deleted" in result.output
    assert count(app, Conversation) == 1


def test_an_interrupted_purge_keeps_each_batch_it_finished_and_a_second_run_carries_on(app, runner, now, monkeypatch):
    for day in range(1, 6):
        conversation_started(app, datetime(2023, 5, day, tzinfo=UTC))
    real_batch, batches = retention.purge_batch, []

    def batch_then_stop(kind, at, batch_size):
        if batches:
            raise KeyboardInterrupt  # cron's timeout, or someone pressing Ctrl-C
        batches.append(kind)
        return real_batch(kind, at, batch_size)

    monkeypatch.setattr(retention, "purge_batch", batch_then_stop)
    runner.invoke(args=["purge", "--batch-size", "2"])
    assert count(app, Conversation) == 3
    monkeypatch.setattr(retention, "purge_batch", real_batch)
    purge(runner, "--batch-size", "2")
    assert count(app, Conversation) == 0


def test_a_period_that_is_not_a_whole_number_is_refused_in_words(app, runner, now):
    app.config["RETENTION_AUDIT_DAYS"] = "two years"
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code != 0 and "RETENTION_AUDIT_DAYS must be a whole number" in result.output


def test_a_purge_keeps_the_reports_months_up_to_date_afterwards(app, runner, now):
    from feedback_app.access import COMMAND_LINE
    from feedback_app.models import CountedMonth
    from feedback_app.report import counted_months
    from feedback_app.report.answer_rows import asked_everywhere

    conversation_started(app, now.current - timedelta(days=3))
    result = purge(runner)
    with app.app_context():
        month = counted_months.whole_months(month_of(now.current - timedelta(days=3)))
        marks = counted_months.fingerprints(COMMAND_LINE, month, asked_everywhere())
        kept = {row.month: row.fingerprint for row in db.session.query(CountedMonth)}
    assert "brought up to date for 1 month." in result.output
    assert kept == {f"{m.start:%Y-%m}": mark for m, mark in marks.items()}


def month_of(at: datetime):
    """The calendar month `at` falls in, as a Period."""
    from feedback_app.periods import Period

    start = at.date().replace(day=1)
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return Period(start, end)
