"""A closed reporting year's aggregates are counted once, stored, and read back while its data is unchanged."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from feedback_app.access import COMMAND_LINE
from feedback_app.extensions import db
from feedback_app.models import CountedYear, StaffUser
from feedback_app.report import counted_years
from feedback_app.report.year import ReportingYear
from tests.feedback_app.report.known_years import THIS_YEAR, _dated, build_known_years
from tests.feedback_app.responses.builders import COMPLAINT, PARENTS, PRAISE, converse

TODAY = date(2026, 12, 1)
CLOSED = ReportingYear(2025)


def _count_again_fails(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the closed year was counted again")

    monkeypatch.setattr(counted_years, "counted_figures", refuse)


def test_a_closed_year_is_counted_once_and_then_read_back_with_the_same_figures(app, monkeypatch):
    with app.app_context():
        build_known_years()
        first = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        _count_again_fails(monkeypatch)
        again = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
    assert again == first
    assert again.taking_part["child:12-18"].sent == 10


def test_the_previous_year_read_back_has_no_stops_as_when_it_is_counted(app, monkeypatch):
    with app.app_context():
        build_known_years()
        with_stops = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        _count_again_fails(monkeypatch)
        without = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY, details=False)
    assert with_stops.stops and without.stops == []
    assert without.taking_part == with_stops.taking_part


def test_the_year_still_open_is_counted_every_time_and_never_stored(app):
    with app.app_context():
        build_known_years()
        counted_years.year_figures(COMMAND_LINE, ReportingYear(2025), date(2026, 3, 31))
        db.session.commit()
        assert db.session.query(CountedYear).count() == 0


def test_a_conversation_sent_in_a_closed_year_counts_it_again(app):
    with app.app_context():
        build_known_years()
        before = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        _dated(converse(PARENTS, {"notes_in_time": "yes"}), THIS_YEAR)
        after = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
    assert (before.taking_part["parent"].sent, after.taking_part["parent"].sent) == (6, 7)


@pytest.mark.parametrize("words", [PRAISE, COMPLAINT])
def test_what_is_stored_holds_no_words_anyone_wrote(app, words):
    with app.app_context():
        build_known_years()
        counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        stored = json.dumps([row.figures for row in db.session.query(CountedYear)])
    assert words not in stored and words.lower() not in stored.lower()


def test_analysing_stored_answers_again_forgets_the_stored_years(app):
    from feedback_app.answer_analysis import reanalyse

    with app.app_context():
        build_known_years()
        counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        assert reanalyse(everything=True) > 0
        assert db.session.query(CountedYear).count() == 0


def test_a_year_stored_by_another_worker_at_the_same_moment_is_not_an_error(app, monkeypatch):
    with app.app_context():
        build_known_years()
        first = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        db.session.query(CountedYear).update({"fingerprint": "older"})
        db.session.commit()
        # This worker looked before the other one's row was stored.
        monkeypatch.setattr(counted_years, "_stored", lambda year, who: None)
        again = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY)
        db.session.commit()
        assert db.session.query(CountedYear).count() == 1
    assert again == first


def test_a_closed_year_counted_by_the_command_line_is_read_back_for_every_iro_manager(app, monkeypatch, make_account):
    first_manager, second_manager = make_account("iro_manager"), make_account("iro_manager")
    with app.app_context():
        build_known_years()
        counted = counted_years.year_figures(COMMAND_LINE, CLOSED, TODAY, details=False)
        db.session.commit()
        _count_again_fails(monkeypatch)
        for account in (first_manager, second_manager):
            manager = db.session.get(StaffUser, account.id)
            assert counted_years.year_figures(manager, CLOSED, TODAY, details=False) == counted
        assert db.session.scalars(select(CountedYear.counted_for)).all() == [counted_years.EVERYONE]


def test_a_narrower_reach_keeps_figures_of_its_own(app, make_account):
    iro = make_account("iro")
    with app.app_context():
        assert counted_years.counted_for(COMMAND_LINE) == counted_years.EVERYONE
        assert counted_years.counted_for(db.session.get(StaffUser, iro.id)) == f"iro:{iro.id}"
