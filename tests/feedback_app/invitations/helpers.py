"""Invitations for tests: two small test questionnaires (`SETTINGS` runs the
app with them), fixtures to make an invitation and answer through it, and
helpers to read them back. A plugin (tests/conftest.py), so any folder may
use them; the invitation and access tests' conftests run the app with `SETTINGS`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from feedback_app.conversation import service as conversations
from feedback_app.extensions import db
from feedback_app.invitations import service
from feedback_app.models import Conversation, Invitation, StaffUser

QUESTIONNAIRES = Path(__file__).parent / "questionnaires"
CHILD = "test-child-before"
PARENT = "test-parent-after"
# The fake clock says 4 May 2026, 09:00 UTC.
REVIEW = date(2026, 5, 12)
SETTINGS = {"QUESTIONNAIRES_DIR": str(QUESTIONNAIRES), "PUBLIC_BASE_URL": "https://feedback.example"}


@pytest.fixture
def invite(app: Flask):
    """Make an invitation as `iro` (an Account); returns (id, token)."""

    def make(iro=None, questionnaire: str = CHILD, audience: str = "child", **options) -> tuple[int, str]:
        with app.app_context():
            person = db.session.get(StaffUser, iro.id) if iro is not None else None
            invitation = service.create(
                questionnaire_id=questionnaire, audience=audience, review_date=options.pop("review_date", REVIEW),
                iro=person, created_by=person, **options,
            )  # fmt: skip
            db.session.commit()
            return invitation.id, invitation.token

    return make


@pytest.fixture
def answer_through(app: Flask):
    """Open an invitation's conversation and answer it in the service, as the
    chat would: `answers` maps question ids to values (None skips), and
    `send` says whether to send it back at the end. Returns the conversation id."""

    def answer(token: str, answers: dict[str, object], send: bool = True) -> int:
        with app.app_context():
            conversation = service.open_link(token)
            for question_id, value in answers.items():
                conversations.record_answer(conversation, question_id, value, skip=value is None)
            if send:
                conversations.finish_early(conversation)
                conversations.submit(conversation)
            return conversation.id

    return answer


def begin_through_link(client, token: str, question_id: str = "home", value: str = "good") -> str:
    """Open the link as the child does and give the first answer on its first
    screen, which begins the conversation on this client (its "device");
    returns the chat page's path."""
    from tests.conftest import csrf_token

    page = client.get(f"/i/{token}").get_data(as_text=True)
    response = client.post(
        f"/i/{token}", data={"csrf_token": csrf_token(page), "question_id": question_id, "value": value}
    )
    assert response.status_code == 303, response.status_code
    return response.headers["Location"].split("#")[0]


def invitation_row(app: Flask, invitation_id: int) -> Invitation:
    with app.app_context():
        invitation = db.session.get(Invitation, invitation_id)
        _ = invitation.conversation  # load it while the session is open
        return invitation


def conversation_of(app: Flask, invitation_id: int) -> Conversation | None:
    with app.app_context():
        return db.session.scalar(db.select(Conversation).where(Conversation.invitation_id == invitation_id))
