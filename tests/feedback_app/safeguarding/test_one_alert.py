"""One conversation has one alert (issue 9.5): later worrying words gather on it,
with one e-mail, and the queue shows the new words until they are acknowledged."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.database import alembic_config
from feedback_app.extensions import db
from feedback_app.models import FurtherWords, SafeguardingAlert, StaffUser
from feedback_app.safeguarding import alerts
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, QID, say_through_api, stored_alerts

CHANGED = [f"My stepdad hits me every night, {n} times this week" for n in range(2, 11)]


def changing_a_disclosure(client, times: list[str]) -> str:
    """An anonymous person discloses, then changes the answer to each of `times`; returns the token."""
    token = client.post("/api/v1/conversations", json={"questionnaire": QID}).get_json()["token"]
    state = say_through_api(client, token, DISCLOSURE)
    question_id = next(m["question_id"] for m in state["messages"] if m.get("question_id") and m["kind"] == "answer")
    for text in times:
        response = client.post(f"/api/v1/conversations/{token}/answers", json={"question_id": question_id, "value": text})
        assert response.status_code == 200, response.get_json()
    return token


def further_words(app) -> list[FurtherWords]:
    with app.app_context():
        return list(db.session.scalars(select(FurtherWords).order_by(FurtherWords.id)))


def test_ten_changed_answers_raise_one_alert_and_one_email_with_the_new_words_on_it(app, client, smtp_server):
    changing_a_disclosure(client, CHANGED)
    [alert] = stored_alerts(app)
    assert alert.text == DISCLOSURE
    assert [words.text for words in further_words(app)] == CHANGED
    smtp_server.wait_for(2, seconds=1)
    assert len(smtp_server.messages) == 1


def test_the_same_words_sent_again_add_nothing(app, client):
    changing_a_disclosure(client, [CHANGED[0], CHANGED[0], DISCLOSURE])
    assert len(stored_alerts(app)) == 1
    assert [words.text for words in further_words(app)] == [CHANGED[0]]


def test_the_queue_shows_new_words_on_an_acknowledged_alert_until_they_are_acknowledged(app, client, make_account):
    token = changing_a_disclosure(client, [])
    [alert] = stored_alerts(app)
    lead = make_account("safeguarding_lead")
    staff = app.test_client()
    sign_in_quickly(app, staff, lead)
    page = staff.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    staff.post(f"/staff/safeguarding/{alert.id}/acknowledge", data={"csrf_token": csrf_token(page), "note": "Rang the school."})
    assert 'data-state="acknowledged"' in staff.get("/staff/safeguarding").get_data(as_text=True)

    question_id = alert.question_id
    client.post(f"/api/v1/conversations/{token}/answers", json={"question_id": question_id, "value": CHANGED[0]})
    queue = staff.get("/staff/safeguarding").get_data(as_text=True)
    assert 'data-state="waiting"' in queue and "New words" in queue and "1 waiting to be acknowledged" in queue
    page = staff.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    assert CHANGED[0] in page and "Rang the school." in page and "Acknowledge the new words" in page

    staff.post(f"/staff/safeguarding/{alert.id}/acknowledge", data={"csrf_token": csrf_token(page), "note": "Visited."})
    assert 'data-state="acknowledged"' in staff.get("/staff/safeguarding").get_data(as_text=True)
    [words] = further_words(app)
    [alert] = stored_alerts(app)
    assert (words.action_note, alert.action_note) == ("Visited.", "Rang the school.")


def test_new_words_on_an_acknowledged_alert_are_due_a_working_day_after_they_arrived(app, client, make_account, alert_clock):
    token = changing_a_disclosure(client, [])
    lead = make_account("safeguarding_lead")
    with app.app_context():
        alert = db.session.scalars(select(SafeguardingAlert)).one()
        alerts.acknowledge(alert, db.session.get(StaffUser, lead.id), "Done.")
        db.session.commit()
    alert_clock.advance(days=10)
    client.post(f"/api/v1/conversations/{token}/answers", json={"question_id": alert.question_id, "value": CHANGED[0]})
    with app.app_context():
        alert = db.session.scalars(select(SafeguardingAlert)).one()
        assert alerts.due_at(alert) == alerts.one_working_day_after(alert.further_words[0].created_at)
        assert not alerts.is_overdue(alert)
        alert_clock.advance(days=4)
        assert alerts.is_overdue(alert)


def test_a_second_worrying_answer_goes_on_the_same_alert_and_the_child_is_told_after_each(app, client, smtp_server):
    token = changing_a_disclosure(client, [])
    state = say_through_api(client, token, CHANGED[0])  # the next free-text question
    assert len([m for m in state["messages"] if m["kind"] == "notice"]) == 4  # two messages after each answer
    [alert] = stored_alerts(app)
    [words] = further_words(app)
    assert words.question_id != alert.question_id and words.text == CHANGED[0]
    smtp_server.wait_for(2, seconds=1)
    assert len(smtp_server.messages) == 1


def test_the_sweep_adds_a_flagged_answer_to_its_conversations_alert(app, client, runner):
    say_through_api(client, changing_a_disclosure(client, []), CHANGED[0])
    with app.app_context():
        db.session.execute(sa.delete(FurtherWords))
        db.session.commit()
    assert "0 safeguarding alerts raised." in runner.invoke(args=["safeguarding", "sweep"]).output
    assert len(stored_alerts(app)) == 1 and [w.text for w in further_words(app)] == [CHANGED[0]]


def test_the_migration_gathers_a_conversations_several_alerts_into_one(tmp_path: Path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/old.db"})
    with app.app_context(), db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "7ef1ec301e9a")  # before this change
        connection.execute(sa.text(
            "INSERT INTO questionnaire_versions (id, questionnaire_id, version, content_hash, definition, first_used_at)"
            " VALUES (1, 'q', 1, 'h', '{}', '2026-01-01 00:00:00')"
        ))  # fmt: skip
        connection.execute(sa.text(
            "INSERT INTO conversations (id, token, questionnaire_version_id, questionnaire_id, audience, language,"
            " created_at) VALUES (1, 't', 1, 'q', 'child', 'en', '2026-01-01 00:00:00')"
        ))  # fmt: skip
        for n, (text, note) in enumerate([("first", None), ("second", "Dealt with."), ("third", None)], start=1):
            connection.execute(
                sa.text(
                    "INSERT INTO safeguarding_alerts (id, created_at, conversation_id, questionnaire_id, question_id,"
                    " category, evidence, text, invited, email_status, email_attempts, action_note)"
                    " VALUES (:id, :at, 1, 'q', 'worries', 'abuse', '[]', :text, 0, 'sent', 1, :note)"
                ),
                {"id": n, "at": f"2026-01-0{n} 00:00:00", "text": text, "note": note},
            )
        command.upgrade(config, "head")
        assert connection.execute(sa.text("SELECT id, text FROM safeguarding_alerts")).all() == [(1, "first")]
        gathered = connection.execute(
            sa.text("SELECT alert_id, text, action_note FROM safeguarding_further_words ORDER BY id")
        ).all()
        assert gathered == [(1, "second", "Dealt with."), (1, "third", None)]
