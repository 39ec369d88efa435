"""Reviews counted from the council's SSDA903 extract: counts only, never a child.

`import-reviews` keeps, for each month, participation code and age band, how
many reviews there were. A child's id and date of birth are read to work out
the age band and are never stored. So that the same review imported twice
(the same file again, or a later extract that repeats earlier rows) is not
counted twice, each imported review leaves a keyed hash (HMAC-SHA256 with the
service's secret key) of its child and review date: it cannot be turned back
into either, or matched against a list of ids without the key.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class ReviewCount(Base):
    __tablename__ = "review_counts"
    __table_args__ = (UniqueConstraint("month", "code", "age_band"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date]  # the first day of the month the reviews were held in
    code: Mapped[str] = mapped_column(String(3))  # PN0 to PN7
    age_band: Mapped[str] = mapped_column(String(8))  # under-4, 4-7, 8-11, 12-18
    reviews: Mapped[int] = mapped_column(default=0)


class ImportedReview(Base):
    """That one review has been counted: a keyed hash of the child's id and the review date."""

    __tablename__ = "imported_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["ImportedReview", "ReviewCount"]
