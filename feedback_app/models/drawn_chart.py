"""A chart of the annual report as drawn (PNG or SVG), kept so that every worker draws it once.

A picture holds only what its chart shows: the report's figures for two years
and the questionnaires' own words (question, options), never anything a person
wrote. It is found by a hash of everything it was drawn from (`report.chart_images`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class DrawnChart(Base):
    __tablename__ = "drawn_charts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    picture: Mapped[bytes] = mapped_column(LargeBinary)
    drawn_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["DrawnChart"]
