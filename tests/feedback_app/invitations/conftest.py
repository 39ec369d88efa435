"""Fixtures for the invitation tests: the app with two small test
questionnaires, staff accounts, a clock the tests move, and helpers to make
an invitation and answer through it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from feedback_app.conversation import service as conversations
from feedback_app.extensions import db
from feedback_app.invitations import service
from feedback_app.models import Conversation, Invitation, StaffUser
from tests.conftest import fresh_app
from tests.feedback_app.auth.staff_helpers import FakeClock, fake_clock, fast_hashing, make_account  # noqa: F401

QUESTIONNAIRES = Path(__file__).parent / "questionnaires"
CHILD = "test-child-before"
PARENT = "test-parent-after"
# The fake clock says 4 May 2026, 09:00 UTC.
REVIEW = date(2026, 5, 12)


@pytest.fixture
def app(_schema: str) -> Iterator[Flask]:
    with fresh_app(_schema, QUESTIONNAIRES_DIR=str(QUESTIONNAIRES), PUBLIC_BASE_URL="https://feedback.example") as app:
        yield app


@pytest.fixture(autouse=True)
def clock(fake_clock: FakeClock) -> FakeClock:  # noqa: F811
    """Every test here runs on the fake clock (4 May 2026)."""
    return fake_clock


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


def invitation_row(app: Flask, invitation_id: int) -> Invitation:
    with app.app_context():
        invitation = db.session.get(Invitation, invitation_id)
        _ = invitation.conversation  # load it while the session is open
        return invitation


def conversation_of(app: Flask, invitation_id: int) -> Conversation | None:
    with app.app_context():
        return db.session.scalar(db.select(Conversation).where(Conversation.invitation_id == invitation_id))
