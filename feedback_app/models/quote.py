"""The quote bank: answers offered as quotes, and what the IRO manager decided.

Only an approved quote leaves the quote bank (see `feedback_app.quotes.service.approved_quotes`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .words import Words

if TYPE_CHECKING:
    from .conversation import Answer
    from .staff import StaffUser

QUOTE_STATUSES = ("candidate", "approved", "rejected")


class BankedQuote(Base):
    """One answer offered as a quote: the redaction the service suggested, and the
    wording a person approved.

    The person's own words are not copied here: `original_text` reads the answer,
    so that deleting a conversation (retention) takes its quotes with it.
    """

    __tablename__ = "banked_quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One entry per answer: an answer found again is never offered twice.
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), unique=True)
    theme: Mapped[str] = mapped_column(String(32), index=True)
    sentiment: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(default=0.0)
    suggested_text: Mapped[str] = mapped_column(Words)  # as the redaction left it
    redacted_text: Mapped[str] = mapped_column(Words)  # as shown; the reviewer may edit it
    status: Mapped[str] = mapped_column(String(16), default="candidate", index=True)
    found_at: Mapped[datetime] = mapped_column(default=utcnow)
    redaction_reviewed: Mapped[bool] = mapped_column(default=False)
    consent_checked: Mapped[bool] = mapped_column(default=False)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]

    answer: Mapped[Answer] = relationship()
    reviewed_by: Mapped[StaffUser | None] = relationship()

    @property
    def original_text(self) -> str:
        return self.answer.text or ""

    @property
    def edited(self) -> bool:
        return self.redacted_text != self.suggested_text


__all__ = ["QUOTE_STATUSES", "BankedQuote"]
