"""A character no database can hold never stops an alert (issue 9.1).

A lone surrogate ("\\udc00" in JSON) and NUL (refused by PostgreSQL) are
replaced with U+FFFD at the door, so the answer and its alert are stored.
A row stored before that rule (written here straight into the table) can
still be swept, exported and shown (quoted: tests/feedback_app/quotes), and one answer the sweep cannot
raise never stops the others.
"""

from __future__ import annotations

import json
from importlib import import_module

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, SafeguardingAlert
from feedback_app.models.safeguarding import EMAIL_SENT
from feedback_app.safeguarding import alerts
from feedback_app.text_input import REPLACEMENT
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_anonymous, stored_alerts

QID = "young-person-before-review"
CLEANING_MIGRATION = "feedback_app.migrations.versions.88a439f0f33b_clean_stored_words_a_database_cannot_"


def first_free_text(client, token: str) -> str:
    state = client.get(f"/api/v1/conversations/{token}").get_json()
    while state["question"]["type"] != "free_text":
        state = client.post(
            f"/api/v1/conversations/{token}/answers", json={"question_id": state["question"]["id"], "skip": True}
        ).get_json()
    return state["question"]["id"]


def post_raw_json(client, token: str, body: str):
    """Post a JSON body written by hand, since Python's json would escape what we mean to send."""
    return client.post(f"/api/v1/conversations/{token}/answers", data=body, content_type="application/json")


@pytest.mark.parametrize("odd", ["\\udc00", "\\u0000", "\\ud83d", "\\u001b"])
def test_a_disclosure_through_the_api_with_an_odd_character_is_stored_alerted_and_emailed(
    app, client, smtp_server, odd
):
    token = client.post("/api/v1/conversations", json={"questionnaire": QID}).get_json()["token"]
    question_id = first_free_text(client, token)
    body = '{"question_id": "' + question_id + '", "value": "My stepdad hits me ' + odd + ' when he is drunk"}'
    response = post_raw_json(client, token, body)
    assert response.status_code == 200, response.get_json()
    notices = [m for m in response.get_json()["messages"] if m["kind"] == "notice"]
    assert notices, "the child is told what happens next"
    [alert] = stored_alerts(app)
    assert alert.text == f"My stepdad hits me {REPLACEMENT} when he is drunk"
    assert alert.email_status == EMAIL_SENT and len(smtp_server.wait_for(1)) == 1
    with app.app_context():
        assert db.session.scalars(select(Answer.value).where(Answer.question_id == question_id)).one() == alert.text


def test_a_disclosure_in_the_chat_form_with_a_nul_is_stored_and_alerted(app, client):
    say_in_chat(client, start_anonymous(client), "My stepdad hits me\x00 when he is drunk\r\nplease help")
    [alert] = stored_alerts(app)
    assert alert.text == f"My stepdad hits me{REPLACEMENT} when he is drunk\nplease help"


# -- rows stored before the doors cleaned text ---------------------------------

RAW_ANSWERS = sa.table("answers", sa.column("id"), sa.column("value", sa.JSON), sa.column("analysis", sa.JSON))


def spoil(app, answer_id: int, odd: str) -> None:
    """Put `odd` into an answer's stored words and analysis, as an old row could hold it."""
    with app.app_context():
        value, analysis = db.session.execute(select(Answer.value, Answer.analysis).where(Answer.id == answer_id)).one()
        analysis = {**analysis, "evidence": [*analysis["evidence"], {"finding": "concern:abuse", "phrase": f"x{odd}"}]}
        # A plain JSON column, not the model's, so nothing cleans it on the way in.
        db.session.execute(
            sa.update(RAW_ANSWERS).where(RAW_ANSWERS.c.id == answer_id).values(value=f"{value} {odd}", analysis=analysis)
        )
        db.session.commit()


def upgrade_past_the_cleaning(app) -> None:
    """Run the migration that cleans old rows, as `flask init-db` does when this version is deployed.

    PostgreSQL needs it: it cannot read into JSON holding "\\u0000" or a lone
    surrogate, so `analysis ->> 'concern'` fails for every query that meets the row.
    """
    migration = import_module(CLEANING_MIGRATION)
    with app.app_context():
        with db.engine.begin() as connection:
            with Operations.context(MigrationContext.configure(connection)):
                migration.upgrade()


def old_bad_disclosure(app, client, odd: str = "\udc00", upgraded: bool = True) -> tuple[str, int]:
    """A flagged answer stored with `odd` in its words and analysis, and no alert
    (then the upgrade, unless not `upgraded`); returns the chat path and the answer id."""
    url = start_anonymous(client)
    say_in_chat(client, url, DISCLOSURE)
    with app.app_context():
        db.session.execute(sa.delete(SafeguardingAlert))
        db.session.commit()
        answer_id = db.session.scalars(select(Answer.id).where(Answer.analysis["concern"].as_string().is_not(None))).one()
    spoil(app, answer_id, odd)
    if upgraded:
        upgrade_past_the_cleaning(app)
    return url, answer_id


@pytest.mark.parametrize("odd", ["\udc00", "\x00"])
def test_the_sweep_raises_an_alert_for_an_old_row_holding_an_odd_character(app, client, runner, odd):
    old_bad_disclosure(app, client, odd)
    result = runner.invoke(args=["safeguarding", "sweep"])
    assert result.exit_code == 0, result.output
    assert "1 safeguarding alert raised." in result.output
    [alert] = stored_alerts(app)
    assert alert.text == f"{DISCLOSURE} {REPLACEMENT}"


def test_one_answer_the_sweep_cannot_raise_never_stops_the_others(app, client, runner, monkeypatch):
    for _ in range(3):
        say_in_chat(client, start_anonymous(app.test_client()), DISCLOSURE)
    with app.app_context():
        db.session.execute(sa.delete(SafeguardingAlert))
        db.session.commit()
        first = min(db.session.scalars(select(Answer.id).where(Answer.analysis["concern"].as_string().is_not(None))))
    real = alerts.raise_alert

    def failing_for_the_first(conversation, question_id, text, analysis):
        if db.session.get(Answer, first).conversation_id == conversation.id:
            raise RuntimeError("this row cannot be stored")
        return real(conversation, question_id, text, analysis)

    monkeypatch.setattr(alerts, "raise_alert", failing_for_the_first)
    result = runner.invoke(args=["safeguarding", "sweep"])
    assert "2 safeguarding alerts raised." in result.output
    assert "1 flagged answer could not be raised as an alert" in result.output
    assert result.exit_code == 1
    assert len(stored_alerts(app)) == 2


def test_the_csv_export_carries_on_past_an_old_row_holding_a_lone_surrogate(app, client, runner):
    old_bad_disclosure(app, client, upgraded=False)  # read clean even before the upgrade
    result = runner.invoke(args=["export-responses"])
    assert result.exit_code == 0, result.output
    assert f"{DISCLOSURE} {REPLACEMENT}" in result.stdout


@pytest.mark.parametrize("odd", ["\udc00", "\x00"])
def test_the_conversations_pages_still_open_with_an_old_row_holding_an_odd_character(app, client, odd):
    url, _ = old_bad_disclosure(app, client, odd)
    assert client.get(url).status_code == 200
    token = url.rsplit("/", 1)[1]
    state = client.get(f"/api/v1/conversations/{token}")
    assert state.status_code == 200
    assert client.get(f"/api/v1/conversations/{token}?render=chat").status_code == 200


def test_the_migration_cleans_old_rows_so_the_database_can_read_them(app, client):
    _, answer_id = old_bad_disclosure(app, client, "\x00", upgraded=False)
    upgrade_past_the_cleaning(app)
    with app.app_context():
        raw = db.session.execute(sa.select(sa.cast(RAW_ANSWERS.c.value, sa.Text)).where(RAW_ANSWERS.c.id == answer_id))
        assert json.loads(raw.scalar_one()) == f"{DISCLOSURE} {REPLACEMENT}"
        # What PostgreSQL could not read before: the concern inside the analysis.
        concern = select(Answer.analysis["concern"].as_string()).where(Answer.id == answer_id)
        assert db.session.execute(concern).scalar_one() == "abuse"
