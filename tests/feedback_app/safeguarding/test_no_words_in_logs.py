"""No child's words in any log line, on any path where something fails (issue 9.7).

Each test makes a real failure happen while a child discloses, captures every
log line, and checks that the line saying what failed is there (so the test
can fail) and that none of the child's words are.
"""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from feedback_app.chat import routes as chat_routes
from feedback_app.extensions import db
from feedback_app.models import SafeguardingAlert
from feedback_app.safeguarding import alerts, notify
from tests.feedback_app.safeguarding.conftest import say_in_chat, say_through_api, start_anonymous, stored_alerts

WORDS = "My uncle Barnaby hurts me in the garage"
SECRET = "Barnaby"


@pytest.fixture(autouse=True)
def _capture(caplog):
    caplog.set_level(logging.DEBUG)


@pytest.fixture
def storing_fails(monkeypatch):
    """The alert's insert fails in the database, with the words among its values: a NOT NULL
    question id (PostgreSQL's DETAIL then quotes the whole failing row)."""
    real = alerts._new_alert

    def without_question(*args):
        alert = real(*args)
        alert.question_id = None
        return alert

    monkeypatch.setattr(alerts, "_new_alert", without_question)


def no_words_in(caplog) -> None:
    assert SECRET not in caplog.text
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert record.exc_info is None or SECRET not in repr(record.exc_info[1])


def test_when_storing_the_alert_fails_the_log_says_so_without_the_words(app, client, caplog, storing_fails):
    say_in_chat(client, start_anonymous(client), WORDS)
    assert stored_alerts(app) == []
    assert "could not store a safeguarding alert" in caplog.text and "IntegrityError" in caplog.text
    no_words_in(caplog)


def test_when_the_email_fails_unexpectedly_the_log_says_so_without_the_words(app, client, caplog, monkeypatch):
    def compose_with_a_bug(alert, *_):
        raise ValueError(f"cannot format {alert.text!r}")

    monkeypatch.setattr(notify, "compose", compose_with_a_bug)
    say_in_chat(client, start_anonymous(client), WORDS)
    [alert] = stored_alerts(app)
    assert alert.email_status == "failed"
    assert "e-mail failed unexpectedly" in caplog.text and "ValueError" in caplog.text
    no_words_in(caplog)


def test_when_the_sweep_meets_a_row_it_cannot_raise_the_log_says_so_without_the_words(
    app, client, runner, caplog, monkeypatch
):
    say_in_chat(client, start_anonymous(client), WORDS)
    with app.app_context():
        db.session.execute(sa.delete(SafeguardingAlert))
        db.session.commit()
    real = alerts._new_alert

    def without_question(*args):
        alert = real(*args)
        alert.question_id = None
        return alert

    monkeypatch.setattr(alerts, "_new_alert", without_question)
    result = runner.invoke(args=["safeguarding", "sweep"])
    assert result.exit_code == 1
    assert "safeguarding sweep: could not raise an alert for answer" in caplog.text
    no_words_in(caplog)
    assert SECRET not in result.output


def test_a_500_in_a_view_is_logged_without_the_words(app, client, caplog, monkeypatch):
    token = client.post("/api/v1/conversations", json={"questionnaire": "young-person-before-review"}).get_json()["token"]
    say_through_api(client, token, WORDS)

    def failing_page(conversation, state, *args, **kwargs):
        raise RuntimeError(f"could not draw {[m.text for m in state.messages]}")

    monkeypatch.setattr(chat_routes, "_page", failing_page)
    assert client.get(f"/c/{token}").status_code == 500
    assert "unexpected error on GET" in caplog.text and "RuntimeError" in caplog.text
    no_words_in(caplog)


def test_a_database_errors_sql_and_sqlstate_are_kept_for_whoever_debugs_it(app, client, caplog, storing_fails):
    say_in_chat(client, start_anonymous(client), WORDS)
    assert "[SQL: INSERT INTO safeguarding_alerts" in caplog.text
    assert "message withheld" in caplog.text
