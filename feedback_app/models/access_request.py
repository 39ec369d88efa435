"""A change to a staff account that needs a second person: a role that reads
answers, or a new password for an account that has one.

The admin who asks sets no password; the IRO manager who approves sets it,
so that nobody who manages accounts ever knows the password of an account
that reads children's words (docs/access.md).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .staff import StaffUser

# What is asked: a role (for a new account or a change of role), or a new password.
GRANT_ROLE = "role"
NEW_PASSWORD = "password"  # noqa: S105 - a kind of request, not a password
# How a request ended; None while it waits.
APPROVED = "approved"
REFUSED = "refused"
REPLACED = "replaced"  # a newer request of the same kind for the same account


class AccessRequest(Base):
    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    # The role asked for (GRANT_ROLE only).
    role: Mapped[str | None] = mapped_column(String(32))
    # Whether the account was made by this request (it stays deactivated until approved).
    new_account: Mapped[bool] = mapped_column(default=False)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16), index=True)

    user: Mapped[StaffUser] = relationship(foreign_keys=[user_id])
    requested_by: Mapped[StaffUser | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[StaffUser | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def waiting(self) -> bool:
        return self.outcome is None

    def __repr__(self) -> str:
        return f"<AccessRequest {self.id} {self.kind} {self.outcome or 'waiting'}>"


__all__ = ["APPROVED", "GRANT_ROLE", "NEW_PASSWORD", "REFUSED", "REPLACED", "AccessRequest"]
