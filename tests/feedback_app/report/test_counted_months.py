"""The report's answer counts kept per month add up to exactly what counting the answers afresh gives,
whatever happened to the answers after their month was kept."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from feedback_app.access import COMMAND_LINE
from feedback_app.extensions import db
from feedback_app.models import Conversation, CountedMonth, FurtherWords, SafeguardingAlert, StaffUser
from feedback_app.periods import Period
from feedback_app.report import counted_months
from feedback_app.report.figures import counted_figures
from feedback_app.report.year import ReportingYear
from tests.feedback_app.report.known_years import _dated, build_known_years
from tests.feedback_app.responses.builders import COMPLAINT, PARENTS, PRAISE, YOUNG_PEOPLE, answer_to, converse

YEAR = ReportingYear(2025)


def _seeded() -> list[int]:
    """The known years, plus young people's conversations spread over five months of 2025-26.
    Returns the ids of the extra sent conversations."""
    build_known_years()
    extra = []
    for i in range(10):
        said = PRAISE if i % 2 else COMPLAINT
        started = datetime(2025, 4 + i // 2, 3 + i, 9, tzinfo=UTC)
        extra.append(converse(YOUNG_PEOPLE, {"home": "good" if i % 3 else "great", "going_well": said}))
        _dated(extra[-1], started)
    return extra


def _afresh(user, monkeypatch):
    """The year counted from the answers, as before months were kept (no period is whole months)."""
    with monkeypatch.context() as patched:
        patched.setattr(counted_months, "whole_months", lambda period: None)
        return counted_figures(user, YEAR)


def _kept(user):
    found = counted_figures(user, YEAR)
    db.session.commit()
    return found


def _flag_with_an_alert(conversation_id: int) -> None:
    answer = answer_to(conversation_id, "going_well")
    db.session.add(
        SafeguardingAlert(
            conversation_id=conversation_id, answer_id=answer.id, questionnaire_id=YOUNG_PEOPLE,
            question_id="going_well", category="unsafe", text="flagged later",
        )
    )  # fmt: skip
    db.session.commit()


def test_a_year_summed_from_its_kept_months_equals_counting_its_answers_afresh(app, monkeypatch):
    with app.app_context():
        _seeded()
        kept = _kept(COMMAND_LINE)
        assert db.session.query(CountedMonth).count() == 6  # April to September 2025
        read_back = _kept(COMMAND_LINE)
        assert kept == read_back == _afresh(COMMAND_LINE, monkeypatch)
    assert sum(kept.analysed.values()) == 20


def test_months_kept_are_read_back_without_counting_their_answers_again(app, monkeypatch):
    with app.app_context():
        _seeded()
        first = _kept(COMMAND_LINE)

        def refuse(*args, **kwargs):
            raise AssertionError("a kept month was counted again")

        monkeypatch.setattr(counted_months.answer_rows, "closed_rows", refuse)
        monkeypatch.setattr(counted_months.answer_rows, "written_rows", refuse)
        assert counted_figures(COMMAND_LINE, YEAR) == first


def test_an_answer_flagged_by_an_alert_after_its_month_was_kept_leaves_the_figures(app, monkeypatch):
    with app.app_context():
        extra = _seeded()
        before = _kept(COMMAND_LINE)
        _flag_with_an_alert(extra[0])
        after = _kept(COMMAND_LINE)
        assert after == _afresh(COMMAND_LINE, monkeypatch)
    assert sum(after.analysed.values()) == sum(before.analysed.values()) - 1


def test_an_answer_flagged_by_further_words_after_its_month_was_kept_leaves_the_figures(app, monkeypatch):
    with app.app_context():
        extra = _seeded()
        _flag_with_an_alert(extra[1])
        before = _kept(COMMAND_LINE)
        alert = db.session.scalars(select(SafeguardingAlert)).one()
        answer = answer_to(extra[2], "going_well")
        db.session.add(
            FurtherWords(alert_id=alert.id, answer_id=answer.id, question_id="going_well", category="unsafe", text="more")
        )
        db.session.commit()
        after = _kept(COMMAND_LINE)
        assert after == _afresh(COMMAND_LINE, monkeypatch)
    assert sum(after.analysed.values()) == sum(before.analysed.values()) - 1


def test_an_alert_purged_after_its_month_was_kept_counts_its_answer_again(app, monkeypatch):
    with app.app_context():
        extra = _seeded()
        _flag_with_an_alert(extra[0])
        before = _kept(COMMAND_LINE)
        db.session.execute(SafeguardingAlert.__table__.delete())
        db.session.commit()
        after = _kept(COMMAND_LINE)
        assert after == _afresh(COMMAND_LINE, monkeypatch)
    assert sum(after.analysed.values()) == sum(before.analysed.values()) + 1


def test_analysing_again_forgets_the_kept_months_and_the_figures_follow_the_new_analyses(app, monkeypatch):
    from feedback_app import answer_analysis

    with app.app_context():
        _seeded()
        before = _kept(COMMAND_LINE)
        monkeypatch.setattr(
            answer_analysis, "analyse_text", lambda text: {"sentiment": "negative", "themes": ["contact"], "unsure": False}
        )
        assert answer_analysis.reanalyse(everything=True) > 0
        assert db.session.query(CountedMonth).count() == 0
        after = _kept(COMMAND_LINE)
        assert after == _afresh(COMMAND_LINE, monkeypatch)
    assert after.sentiment["child"]["negative"] == sum(after.analysed.values()) != before.sentiment["child"]["negative"]


def test_conversations_purged_after_their_month_was_kept_leave_the_figures(app, monkeypatch):
    with app.app_context():
        extra = _seeded()
        before = _kept(COMMAND_LINE)
        db.session.delete(db.session.get(Conversation, extra[0]))
        db.session.commit()
        after = _kept(COMMAND_LINE)
        assert after == _afresh(COMMAND_LINE, monkeypatch)
    assert sum(after.analysed.values()) == sum(before.analysed.values()) - 1


def test_a_conversation_sent_in_a_kept_month_is_counted(app, monkeypatch):
    with app.app_context():
        _seeded()
        before = _kept(COMMAND_LINE)
        _dated(converse(PARENTS, {"notes_in_time": "yes"}), datetime(2025, 5, 20, 9, tzinfo=UTC))
        after = _kept(COMMAND_LINE)
        assert after == _afresh(COMMAND_LINE, monkeypatch)
    notes = next(question for question in after.closed if question.question_id == "notes_in_time")
    assert notes.answered == next(q for q in before.closed if q.question_id == "notes_in_time").answered + 1


def test_a_narrower_scope_is_counted_afresh_and_never_given_everyones_kept_months(app, monkeypatch, make_account):
    iro = make_account("iro")
    with app.app_context():
        _seeded()
        everyone = _kept(COMMAND_LINE)
        kept_rows = db.session.query(CountedMonth).count()
        narrow = db.session.get(StaffUser, iro.id)
        own = _kept(narrow)
        assert own == _afresh(narrow, monkeypatch)
        assert db.session.query(CountedMonth).count() == kept_rows
    assert sum(own.analysed.values()) < sum(everyone.analysed.values())


def test_counting_every_month_keeps_each_month_with_conversations_once(app):
    with app.app_context():
        _seeded()
        assert counted_months.count_every_month(COMMAND_LINE) == 7  # 2024-09, 2025-04..09 (the known years' days)
        db.session.commit()
        assert counted_months.count_every_month(COMMAND_LINE) == 0


@pytest.mark.parametrize(
    ("period", "months"),
    [
        (Period(date(2025, 4, 1), date(2026, 3, 31)), 12),
        (Period(date(2025, 12, 1), date(2026, 1, 31)), 2),
        (Period(date(2025, 4, 2), date(2026, 3, 31)), None),
        (Period(date(2025, 4, 1), date(2026, 3, 30)), None),
        (Period(None, date(2026, 3, 31)), None),
    ],
)
def test_only_a_period_of_whole_months_is_summed_from_months(period, months):
    found = counted_months.whole_months(period)
    assert (len(found) if found is not None else None) == months
    if found:
        assert found[0].start == period.start and found[-1].end == period.end
        assert all(b.start - a.end == timedelta(days=1) for a, b in zip(found, found[1:], strict=False))


def test_a_month_whose_conversations_are_all_purged_keeps_no_counts(app):
    with app.app_context():
        extra = _seeded()
        _kept(COMMAND_LINE)
        assert db.session.query(CountedMonth).filter_by(month="2025-04").count() == 1
        for conversation_id in extra[:2]:  # the two started in April 2025
            db.session.delete(db.session.get(Conversation, conversation_id))
        db.session.commit()
        _kept(COMMAND_LINE)
        assert db.session.query(CountedMonth).filter_by(month="2025-04").count() == 0


def test_the_analyse_command_counts_the_months_again_after_changing_the_analyses(app, runner):
    with app.app_context():
        _seeded()
        _kept(COMMAND_LINE)
        db.session.query(CountedMonth).update({"fingerprint": "counted from the old analyses"})
        db.session.commit()
    result = runner.invoke(args=["analyse", "--all"])
    with app.app_context():
        marks = counted_months.fingerprints(COMMAND_LINE, counted_months.whole_months(YEAR.period), _asked())
        kept = {row.month: row.fingerprint for row in db.session.query(CountedMonth)}
    assert result.exit_code == 0 and "brought up to date for 7 months" in result.output
    assert all(kept[f"{month.start:%Y-%m}"] == mark for month, mark in marks.items())


def _asked():
    from feedback_app.report.answer_rows import asked_everywhere

    return asked_everywhere()
