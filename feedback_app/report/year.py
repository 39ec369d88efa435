"""The reporting year: 1 April to 31 March, named as councils write it, "2026-27"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..periods import Period, reporting_year


@dataclass(frozen=True, order=True)
class ReportingYear:
    """The reporting year that starts on 1 April `first`."""

    first: int

    @classmethod
    def of(cls, day: date) -> ReportingYear:
        return cls(reporting_year(day).start.year)

    @classmethod
    def named(cls, name: str) -> ReportingYear:
        """From "2026-27" or "2026". Raises ValueError for anything else."""
        head, _, tail = name.strip().partition("-")
        if not head.isdigit() or len(head) != 4:
            raise ValueError(f"{name!r} is not a reporting year: write it as 2026-27 or 2026")
        year = cls(int(head))
        if tail and tail != f"{(year.first + 1) % 100:02d}":
            raise ValueError(f"{name!r} is not a reporting year: {head} is followed by {(year.first + 1) % 100:02d}")
        if not 2000 <= year.first <= 2100:
            raise ValueError(f"{name!r} is outside the years the service can report on")
        return year

    @property
    def name(self) -> str:
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def period(self) -> Period:
        return Period(date(self.first, 4, 1), date(self.first + 1, 3, 31))

    @property
    def previous(self) -> ReportingYear:
        return ReportingYear(self.first - 1)

    def is_over(self, today: date) -> bool:
        return today > self.period.end

    def describe(self) -> str:
        return f"1 April {self.first} to 31 March {self.first + 1}"

    def __str__(self) -> str:
        return self.name


def default_year(today: date, first_data: date | None) -> ReportingYear:
    """The last complete year, or the current one when no year with anything in it has closed."""
    current = ReportingYear.of(today)
    if first_data is not None and first_data <= current.previous.period.end:
        return current.previous
    return current


__all__ = ["ReportingYear", "default_year"]
