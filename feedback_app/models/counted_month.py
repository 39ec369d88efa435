"""One calendar month's counts of the answers in the annual report, kept so that a month is counted once.

Only grouped counts are kept (a closed question's stored value and how many
chose it; a written answer's sentiment, themes and doubt and how many had
them): never an answer's words, never an id of a person. They are everyone's
counts (an unrestricted scope); a narrower reach is counted afresh. The
fingerprint is of the month's data (see `report.counted_months`); a row whose
fingerprint no longer matches is counted again and replaced.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class CountedMonth(Base):
    __tablename__ = "counted_months"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)  # "2025-04": conversations started that month (UTC)
    fingerprint: Mapped[str] = mapped_column(String(64))
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    counted_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["CountedMonth"]
