"""A closed reporting year's counted figures, kept so that the year is counted once.

Only the report's own aggregates are kept (counts, shares' parts, medians and
the questionnaires' own wording of questions and options): never anything a
person wrote, no quote, no id of a person. The fingerprint is of the data the
figures were counted from (see `report.counted_years`); a row whose
fingerprint no longer matches is counted again and replaced.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class CountedYear(Base):
    __tablename__ = "counted_years"
    __table_args__ = (UniqueConstraint("first", "counted_for"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first: Mapped[int]  # the reporting year that starts on 1 April `first`
    # Whose figures: the role and account they were counted for (a role's reach decides what is counted).
    counted_for: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    counted_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["CountedYear"]
