"""Stopped means stopped everywhere: once an invitation is stopped or expires, its
conversation's own link (/c/) and the API refuse to show, change or send it (issue 9.9)."""

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation, Invitation, utcnow
from tests.conftest import csrf_token

from .helpers import begin_through_link, conversation_of


@pytest.fixture
def opened(app, client, invite, make_account):
    """An invitation opened and half answered; returns (invitation id, conversation token, a CSRF token)."""
    invitation_id, token = invite(make_account("iro"))
    chat = begin_through_link(client, token)  # the first answer, home: good
    page = client.get(chat).get_data(as_text=True)
    conversation = conversation_of(app, invitation_id)
    return invitation_id, conversation.token, csrf_token(page)


def stop(app, invitation_id):
    with app.app_context():
        db.session.get(Invitation, invitation_id).revoked_at = utcnow()
        db.session.commit()


def answers_and_sent(app, conversation_token):
    with app.app_context():
        conversation = db.session.scalar(select(Conversation).where(Conversation.token == conversation_token))
        count = db.session.scalar(
            select(func.count()).select_from(Answer).where(Answer.conversation_id == conversation.id)
        )
        return count, conversation.submitted_at


def test_a_stopped_invitations_conversation_page_is_410_and_shows_nothing_said(app, client, opened):
    invitation_id, token, _ = opened
    stop(app, invitation_id)
    response = client.get(f"/c/{token}")
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "This link doesn't work any more" in html and "Good" not in html


def test_a_stopped_invitations_conversation_takes_no_answer_and_cannot_be_sent(app, client, opened):
    invitation_id, token, csrf = opened
    stop(app, invitation_id)
    answer = client.post(f"/c/{token}", data={"csrf_token": csrf, "question_id": "worries", "text": "more"})
    send = client.post(f"/c/{token}", data={"csrf_token": csrf, "action": "submit"})
    language = client.get(f"/c/{token}/language/en")
    assert (answer.status_code, send.status_code, language.status_code) == (410, 410, 410)
    assert answers_and_sent(app, token) == (1, None)


def test_an_expired_invitations_conversation_page_is_410(app, client, opened, clock):
    _, token, _ = opened
    clock.advance(days=30)
    assert client.get(f"/c/{token}").status_code == 410


def test_the_api_refuses_a_stopped_invitations_conversation_with_410_in_json(app, client, opened):
    invitation_id, token, _ = opened
    stop(app, invitation_id)
    base = f"/api/v1/conversations/{token}"
    responses = [
        client.get(base),
        client.post(f"{base}/answers", json={"question_id": "worries", "value": "more"}),
        client.post(f"{base}/finish", json={}),
        client.post(f"{base}/resume", json={}),
        client.post(f"{base}/submit", json={}),
    ]
    assert [r.status_code for r in responses] == [410] * 5
    assert all("doesn't work any more" in r.get_json()["error"] for r in responses)
    assert answers_and_sent(app, token) == (1, None)


def test_a_working_invitations_conversation_still_answers(app, client, opened):
    _, token, _ = opened
    assert client.get(f"/c/{token}").status_code == 200
    assert client.get(f"/api/v1/conversations/{token}").status_code == 200
