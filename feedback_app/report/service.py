"""The annual report for one person and one reporting year."""

from __future__ import annotations

from ..access.policy import Principal
from .figures import year_figures
from .layout import Report
from .participation import participation_blocks
from .sections import build
from .year import ReportingYear


def annual_report(user: Principal, year: ReportingYear) -> Report:
    """Everything the report holds for `year`, as `user` may count it, with the previous year beside it."""
    this = year_figures(user, year)
    last = year_figures(user, year.previous, details=False)
    return build(this, last, participation_blocks(user, year))


__all__ = ["annual_report"]
