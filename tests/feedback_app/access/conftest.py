"""One of every kind of record, all belonging to one IRO, for walking every staff page as every role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask

from feedback_app.extensions import db
from feedback_app.models import (
    AccessRequest,
    Answer,
    BankedQuote,
    SafeguardingAlert,
    StaffTask,
    StaffUser,
    YouSaidWeDid,
)
from tests.feedback_app.auth.staff_helpers import ALL_ROLES, Account, FakeClock
from tests.feedback_app.invitations.helpers import SETTINGS

# What the invited child said and who they are: none of it may reach a page
# that their role may not see.
FIRST_NAME = "Zephyrine"
WORDS = "the food at my placement is cold and nobody listens"
DISCLOSURE = "my uncle hurts me when nobody is home"


@pytest.fixture
def app_settings() -> dict[str, object]:
    return SETTINGS  # the invitation tests' questionnaires, whose invitations these records use


@pytest.fixture(autouse=True)
def clock(fake_clock: FakeClock) -> FakeClock:
    """Every test here runs on the fake clock (4 May 2026), as the invitation tests do."""
    return fake_clock


@dataclass(frozen=True)
class Records:
    accounts: dict[str, Account]  # one per role; records belong to accounts["iro"]
    invitation: int  # fresh: its link is still shown
    answered: int  # sent back and shared with the IRO
    conversation: int
    alert: int
    task: int
    quote: int
    entry: int
    user: int  # a staff account to look at
    request: int  # an admin asking for that account to become an IRO


@pytest.fixture
def records(app: Flask, make_account, invite, answer_through) -> Records:
    accounts = {role: make_account(role) for role in ALL_ROLES}
    iro = accounts["iro"]
    fresh, _ = invite(iro, first_name=FIRST_NAME)
    answered, token = invite(iro, first_name=FIRST_NAME)
    conversation_id = answer_through(
        token, {"home": "bad", "worries": WORDS, "talk_to_iro": "yes", "advocate": "no", "share_with_iro": "yes"}
    )
    with app.app_context():
        answer = db.session.scalar(
            db.select(Answer).where(Answer.conversation_id == conversation_id, Answer.question_id == "worries")
        )
        alert = SafeguardingAlert(
            conversation_id=conversation_id, answer_id=answer.id, questionnaire_id="test-child-before",
            question_id="worries", category="abuse", evidence=["hurts me"], text=DISCLOSURE, invited=True,
            iro_id=iro.id,
        )  # fmt: skip
        quote = BankedQuote(
            answer_id=answer.id, theme="placement", sentiment="negative", suggested_text=WORDS, redacted_text=WORDS,
            status="approved",
        )  # fmt: skip
        entry = YouSaidWeDid(you_said="Reviews were too long.", we_did="Reviews now take under an hour.")
        request = AccessRequest(
            kind="role", role="iro", user=db.session.get(StaffUser, accounts["cicc"].id),
            requested_by=db.session.get(StaffUser, accounts["admin"].id),
        )  # fmt: skip
        db.session.add_all([alert, quote, entry, request])
        db.session.commit()
        task_id = db.session.scalar(db.select(StaffTask.id).where(StaffTask.conversation_id == conversation_id))
        return Records(
            accounts,
            fresh,
            answered,
            conversation_id,
            alert.id,
            task_id,
            quote.id,
            entry.id,
            accounts["cicc"].id,
            request.id,
        )
