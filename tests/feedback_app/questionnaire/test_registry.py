"""questionnaire/registry.py: the stored copy of each questionnaire version, found or added once."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, event, func, select

from feedback_app.conversation import service
from feedback_app.extensions import db
from feedback_app.models import QuestionnaireVersion
from feedback_app.questionnaire import registry
from tests.conftest import make_app

QID = "young-person-before-review"


def test_two_workers_meeting_a_new_version_at_once_both_start_a_conversation(app, database_url):
    """Two workers both find no stored copy and both insert it: the second waits
    for the first and uses its row, instead of failing on the unique constraint."""
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            pytest.skip("SQLite's BEGIN IMMEDIATE already lets only one writer look and insert at a time")
    other_worker = make_app(database_url)
    both_inserting = threading.Barrier(2, timeout=10)

    def meet_at_the_insert(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("INSERT INTO questionnaire_versions"):
            both_inserting.wait()  # each has looked and found nothing

    outcomes: list[str] = []

    def start(worker) -> None:
        with worker.app_context():
            try:
                outcomes.append(service.start(QID).token and "started")
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcomes.append(repr(error))
            finally:
                db.session.remove()

    event.listen(Engine, "before_cursor_execute", meet_at_the_insert)
    try:
        threads = [threading.Thread(target=start, args=(worker,)) for worker in (app, other_worker)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        event.remove(Engine, "before_cursor_execute", meet_at_the_insert)
        with other_worker.app_context():
            db.engine.dispose()

    assert outcomes == ["started", "started"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QuestionnaireVersion)) == 1


def test_a_version_added_in_a_transaction_that_rolls_back_is_not_remembered(app):
    with app.app_context():
        registry.version_id(registry.current(QID))
        db.session.rollback()
        conversation = service.start(QID)  # would point at a row that is not there
        assert db.session.get(QuestionnaireVersion, conversation.questionnaire_version_id) is not None


def test_a_stored_version_is_looked_up_once_per_app(app):
    with app.app_context():
        first = service.start(QID).questionnaire_version_id
        service.start(QID)  # the second sees it committed and remembers it
        statements: list[str] = []
        listener = lambda _c, _cur, statement, *_a: statements.append(statement)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert service.start(QID).questionnaire_version_id == first
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert not [s for s in statements if "questionnaire_versions" in s]
