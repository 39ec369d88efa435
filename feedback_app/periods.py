"""Periods of time that staff choose figures for: a date range, a reporting year, months.

Dates are whole days in UTC, as the audit log shows them; a period includes
both its first and its last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, true

# Figures are charted by month up to this many months, by reporting year beyond.
MAX_MONTHS = 24


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None  # included

    @property
    def starts_at(self) -> datetime | None:
        return datetime.combine(self.start, time(), UTC) if self.start else None

    @property
    def ends_before(self) -> datetime | None:
        return datetime.combine(self.end + timedelta(days=1), time(), UTC) if self.end else None

    def holds(self, column) -> ColumnElement[bool]:
        """A SQL condition: `column` (a timestamp) falls in the period."""
        conditions = []
        if self.starts_at:
            conditions.append(column >= self.starts_at)
        if self.ends_before:
            conditions.append(column < self.ends_before)
        return and_(*conditions) if conditions else true()

    def describe(self) -> str:
        if self.start and self.end:
            return f"{long_date(self.start)} to {long_date(self.end)}"
        if self.start:
            return f"since {long_date(self.start)}"
        if self.end:
            return f"up to {long_date(self.end)}"
        return "all time"


def long_date(day: date) -> str:
    """'1 April 2025', as GOV.UK writes dates."""
    return f"{day.day} {day:%B %Y}"


def reporting_year(day: date) -> Period:
    """The reporting year (1 April to 31 March) that `day` falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return Period(date(first, 4, 1), date(first + 1, 3, 31))


@dataclass(frozen=True)
class Bucket:
    label: str
    starts_at: datetime
    ends_before: datetime


def buckets(period: Period, today: date) -> list[Bucket]:
    """Months from the period's start to its end (or today), or reporting years if that is too many."""
    start = period.start or reporting_year(today).start
    end = min(period.end or today, max(today, start))
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months <= MAX_MONTHS:
        result = []
        year, month = start.year, start.month
        for _ in range(months):
            following = (year + 1, 1) if month == 12 else (year, month + 1)
            result.append(
                Bucket(
                    date(year, month, 1).strftime("%b %Y"),
                    datetime(year, month, 1, tzinfo=UTC),
                    datetime(*following, 1, tzinfo=UTC),
                )
            )
            year, month = following
        return result
    result = []
    year = reporting_year(start)
    while year.start <= end:
        result.append(Bucket(f"April {year.start.year} to March {year.end.year}", year.starts_at, year.ends_before))
        year = reporting_year(year.end + timedelta(days=1))
    return result


__all__ = ["Bucket", "Period", "buckets", "long_date", "reporting_year"]
