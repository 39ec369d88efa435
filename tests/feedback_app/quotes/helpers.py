"""Quote bank test data: answers that may or may not be quoted, and the bank's state."""

from __future__ import annotations

from sqlalchemy import select

from feedback_app.access import COMMAND_LINE
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, BankedQuote
from feedback_app.quotes import service
from tests.feedback_app.responses.builders import YOUNG_PEOPLE, converse

PHONE = "My social worker never calls me back when I ring her on 07700 900123 and it makes me sad."


def consenting(text: str, question: str = "going_well", **more) -> int:
    """A sent conversation whose author agreed to be quoted. Returns its id."""
    return converse(YOUNG_PEOPLE, {question: text, "quote": "yes", **more})


def find() -> list[BankedQuote]:
    """Find candidates (committing them, as the quote bank's page does), and return everything in the bank."""
    service.find_candidates(COMMAND_LINE)
    db.session.commit()
    return bank()


def bank() -> list[BankedQuote]:
    return list(db.session.scalars(select(BankedQuote).order_by(BankedQuote.id)))


def quoted_conversations() -> set[int]:
    return {quote.answer.conversation_id for quote in bank()}


def audit_actions() -> list[tuple[str, str | None]]:
    return [(e.action, e.target_id) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
