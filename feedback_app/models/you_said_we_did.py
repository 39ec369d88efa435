"""'You said, we did': what children said, and what the service changed because of it.

Written by staff for the Children in Care Council view, so it holds no one's own words.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

if TYPE_CHECKING:
    from .staff import StaffUser


class YouSaidWeDid(Base):
    __tablename__ = "you_said_we_did"

    id: Mapped[int] = mapped_column(primary_key=True)
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime | None]

    created_by: Mapped[StaffUser | None] = relationship()


__all__ = ["YouSaidWeDid"]
