"""Tasks for staff: a person asked, inside their conversation, for something to be done."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .invitation import Invitation
from .staff import StaffUser

if TYPE_CHECKING:
    from .conversation import Conversation

# What the person asked for: the `records:` of the question they said yes to.
TASK_KINDS = {
    "talk_to_iro": "Wants to talk to their IRO before the review",
    "advocate_request": "Would like an advocate",
}


class StaffTask(Base):
    """One request from one conversation, until a member of staff marks it done.

    There is at most one task of each kind per conversation: saying yes again
    after changing one's mind reopens the same task instead of adding another.
    """

    __tablename__ = "staff_tasks"
    __table_args__ = (UniqueConstraint("conversation_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"))
    # The IRO it is for; null puts it in the IRO manager's queue (an open link,
    # or an invitation with no IRO named).
    iro_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The person changed the answer away from "yes" before anyone acted on it.
    withdrawn_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None] = mapped_column(index=True)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    # What was done. Staff words, never the person's.
    note: Mapped[str | None] = mapped_column(Text)

    conversation: Mapped[Conversation] = relationship()
    invitation: Mapped[Invitation | None] = relationship()
    iro: Mapped[StaffUser | None] = relationship(foreign_keys=[iro_id])
    done_by: Mapped[StaffUser | None] = relationship(foreign_keys=[done_by_id])

    @property
    def description(self) -> str:
        return TASK_KINDS.get(self.kind, self.kind)

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.withdrawn_at is None


__all__ = ["TASK_KINDS", "StaffTask"]
