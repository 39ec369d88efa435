"""Flagged answers, for everyone who must leave them out of quotes and the CiCC's view."""

from __future__ import annotations

from sqlalchemy import select, update

from feedback_app.extensions import db
from feedback_app.models import Answer, SafeguardingAlert
from feedback_app.safeguarding import flagged_answer_ids, is_flagged
from tests.conftest import csrf_token
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_anonymous, stored_alerts


def free_text_answers(app) -> list[Answer]:
    with app.app_context():
        return list(db.session.scalars(select(Answer).where(Answer.analyser_version.is_not(None))))


def unflagged_texts(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Answer.value).where(Answer.id.not_in(flagged_answer_ids()))))


def test_a_flagged_answer_is_left_out_and_an_everyday_one_kept(app, client):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    say_in_chat(client, start_anonymous(client), "I like my school and my carers")
    assert DISCLOSURE not in unflagged_texts(app)
    assert "I like my school and my carers" in unflagged_texts(app)


def test_an_answer_changed_after_an_alert_stays_flagged(app, client):
    url = start_anonymous(client)
    say_in_chat(client, url, DISCLOSURE)
    [alert] = stored_alerts(app)
    page = client.get(f"{url}?change={alert.question_id}").get_data(as_text=True)
    client.post(url, data={"csrf_token": csrf_token(page), "question_id": alert.question_id, "text": "It's fine"})
    assert "It's fine" not in unflagged_texts(app)
    with app.app_context():
        assert is_flagged(db.session.get(Answer, alert.answer_id))


def test_is_flagged_is_false_for_an_everyday_answer(app, client):
    say_in_chat(client, start_anonymous(client), "I like my school")
    [answer] = free_text_answers(app)
    with app.app_context():
        assert not is_flagged(answer)


def test_the_sweep_raises_an_alert_for_a_flagged_answer_that_has_none(app, client, runner, smtp_server):
    say_in_chat(client, start_anonymous(client), DISCLOSURE)
    with app.app_context():  # as if storing the alert had failed
        db.session.execute(update(SafeguardingAlert).values(answer_id=None))
        db.session.execute(SafeguardingAlert.__table__.delete())
        db.session.commit()
    smtp_server.messages.clear()
    result = runner.invoke(args=["safeguarding", "sweep"])
    assert result.exit_code == 0 and "1 safeguarding alert raised" in result.output
    [alert] = stored_alerts(app)
    assert alert.text == DISCLOSURE and alert.email_status == "sent"
    assert runner.invoke(args=["safeguarding", "sweep"]).output.startswith("0 safeguarding alerts raised")
