"""The annual report for one person and one reporting year, kept for a short while.

Counting a year of a big council's answers takes seconds, and the page, its
three downloads and each chart all need the same report. So a report is kept,
per app, for `KEEP_FOR`, and only while the data it was counted from is
unchanged: the key holds a fingerprint of the stored data (the number and the
newest of conversations, sent ones, answers and alerts, the reviews imported,
and the newest audited change by staff), read in one quick query. Any new or
changed answer, sent conversation, alert, imported review, purge or change by
staff (a quote approved, an alert acknowledged, a code recorded) changes it;
what it cannot see (a re-analysis of stored answers) shows within `KEEP_FOR`.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from .. import clock
from ..access.policy import Principal
from ..extensions import db
from ..models import Answer, AuditEvent, Conversation, ReviewCount, SafeguardingAlert, utcnow
from .counted_years import year_figures
from .layout import Report
from .participation import participation_blocks
from .sections import build
from .year import ReportingYear

KEEP_FOR = timedelta(minutes=10)
KEPT = 8  # reports kept per app
_KEY = "report.kept"


def annual_report(user: Principal, year: ReportingYear) -> Report:
    """Everything the report holds for `year`, as `user` may count it, with the previous year beside it."""
    kept: OrderedDict = current_app.extensions.setdefault(_KEY, OrderedDict())
    key = (getattr(user, "role", None), getattr(user, "id", None), year, fingerprint())
    now = clock.now()
    found = kept.get(key)
    if found is not None and now - found[0] < KEEP_FOR:
        kept.move_to_end(key)
        return found[1]
    report = count_report(user, year)
    kept[key] = (now, report)
    while len(kept) > KEPT:
        kept.popitem(last=False)
    return report


def count_report(user: Principal, year: ReportingYear) -> Report:
    """The report, counted afresh (a closed year's aggregates are read back once counted: `counted_years`)."""
    today = utcnow().date()
    this = year_figures(user, year, today)
    last = year_figures(user, year.previous, today, details=False)
    return build(this, last, participation_blocks(user, year))


def fingerprint() -> tuple:
    """What changes whenever the data a report is counted from changes (see the module's docstring)."""
    maxima = [
        func.count(Conversation.id), func.max(Conversation.id), func.count(Conversation.submitted_at),
        func.max(Answer.id), func.max(Answer.answered_at), func.count(SafeguardingAlert.id),
        func.sum(ReviewCount.reviews),
    ]  # fmt: skip
    # Every change staff make (an approved quote, an acknowledged alert, a participation
    # code, a "You said, we did" entry) is audited; reading the report is too, and is left out.
    changed = func.max(AuditEvent.id)
    queries = [select(value).scalar_subquery() for value in maxima]
    queries.append(select(changed).where(AuditEvent.action.not_in(READING)).scalar_subquery())
    return tuple(db.session.execute(select(*queries)).one())


READING = ("report_viewed", "report_exported")


__all__ = ["KEEP_FOR", "annual_report", "count_report", "fingerprint"]
