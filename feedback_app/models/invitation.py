"""An invitation: one person's link (and QR code) to a questionnaire before or after a review."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .staff import StaffUser

if TYPE_CHECKING:
    from .conversation import Conversation


class Invitation(Base):
    """A link made by staff for one person and one review.

    The token is the link's secret (256 random bits). Opening it the first
    time starts the conversation; opening it again, on any device, carries
    on that same conversation (`Conversation.invitation_id` is unique).
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(String(16))
    review_date: Mapped[date]
    # The IRO who chairs the review and may read what the person shares with
    # them by name. Null only for an invitation made at the command line
    # without --iro: then only the IRO manager sees it.
    iro_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    # Null when made at the command line.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    # Only to greet the person; never a surname (collect the least).
    first_name: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    expires_at: Mapped[datetime]
    # Staff say when they have texted, e-mailed or handed over the link.
    sent_at: Mapped[datetime | None]
    first_opened_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # After the review, the IRO records how the child took part: a DfE
    # participation code, PN0 to PN7 (feedback_app.vocabulary.PARTICIPATION).
    participation_code: Mapped[str | None] = mapped_column(String(3))
    # A keyed hash of the short code typed at /code (invitations/codes.py);
    # the code itself is never stored. Null for invitations made before codes.
    code_hash: Mapped[str | None] = mapped_column(String(64), index=True)

    iro: Mapped[StaffUser | None] = relationship(foreign_keys=[iro_id])
    created_by: Mapped[StaffUser | None] = relationship(foreign_keys=[created_by_id])
    conversation: Mapped[Conversation | None] = relationship(back_populates="invitation", uselist=False)

    def link_works(self, now: datetime) -> bool:
        """Whether the link (and so the conversation it started) still works at `now`:
        not stopped by staff and not past its last day. One rule for /i/, /c/ and the API."""
        return self.revoked_at is None and now < self.expires_at

    def __repr__(self) -> str:
        return f"<Invitation {self.id} {self.questionnaire_id}>"


__all__ = ["Invitation"]
