"""The answers' counts kept per calendar month, so that a month's answers are counted once.

Most of a report's time at a big council's size is the two grouped passes over
a year's answers (`report.answer_rows`: closed questions' values, written
answers' analyses), and those counts add up month by month. So for a period
made of whole months (a reporting year is twelve), counted through a scope
that counts every row (then the counts do not depend on who asks), each month's
rows are stored in `counted_months` with a fingerprint of the month's data and
read back while it matches; a month whose data changed is counted again and
replaced. A year still open is then mostly read back: only the months with new
sends (usually the current one) are counted. A narrower scope, or a period of
part months, is counted afresh as before.

The fingerprint of a month (conversations started in it, UTC) is read for all
of a period's months in a few grouped queries: its conversations (how many,
the newest, the sum of their ids, how many sent, the last sent and the sum of
the sent ones' ids; a sent conversation's answers cannot change and a purge
deletes whole conversations, so the answers themselves need not be read), the
alerts and "further words" on its answers (how many, the newest: either flags
an answer, and a flagged answer is never counted; purging an alert changes the
count), which questions are closed (from the questionnaires' latest versions)
and the analyser's version. `flask analyse` forgets every kept month, since it
changes analyses in place, and counts them again. Filling them all at once
(`flask init-db` after the migration, `flask analyse`): `count_every_month`.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import case, delete, func, select
from sqlalchemy.exc import IntegrityError

from analysis import ANALYSER_VERSION

from ..access import Figures, scope
from ..access.policy import Principal
from ..access.scope import counts_every_row
from ..extensions import db
from ..models import Answer, Conversation, CountedMonth, FurtherWords, SafeguardingAlert
from ..periods import Period
from . import answer_rows
from .answer_rows import Asked, ClosedRow, WrittenRow

# Raise when what is stored changes shape, so that older rows are counted again.
STORED_AS = 1


def answer_counts(user: Principal, period: Period) -> tuple[list[ClosedRow], list[WrittenRow]]:
    """`answer_rows.closed_rows` and `answer_rows.written_rows` for the period: the same rows,
    summed from the kept months where they can be (see the module's docstring).

    The caller commits (months newly counted are added and flushed)."""
    asked = answer_rows.asked_everywhere()
    months = whole_months(period)
    if months is None or not counts_every_row(user, Figures):
        return answer_rows.closed_rows(user, period, asked), answer_rows.written_rows(user, period)
    marks = fingerprints(user, months, asked)
    _forget_empty([m for m in months if m not in marks])
    stored = {
        row.month: row
        for row in db.session.scalars(select(CountedMonth).where(CountedMonth.month.in_([_name(m) for m in marks])))
    }
    closed: Counter[tuple] = Counter()
    written: Counter[tuple] = Counter()
    for month, mark in marks.items():
        row = stored.get(_name(month))
        if row is not None and row.fingerprint == mark:
            found = row.figures
        else:
            found = _count_and_keep(user, month, asked, mark, row)
        for *key, count in found["closed"]:
            closed[tuple(key)] += count
        for *key, count in found["written"]:
            written[tuple(key)] += count
    return [(*key, count) for key, count in closed.items()], [(*key, count) for key, count in written.items()]


def _forget_empty(months: list[Period]) -> None:
    """A month with no conversations left (all purged) keeps no counts: they are a copy for
    speed, never a way of keeping figures longer than the answers they came from."""
    if months:
        db.session.execute(delete(CountedMonth).where(CountedMonth.month.in_([_name(m) for m in months])))


def _count_and_keep(user: Principal, month: Period, asked: Asked, mark: str, row: CountedMonth | None) -> dict:
    found = {
        "closed": [list(r) for r in answer_rows.closed_rows(user, month, asked)],
        "written": [list(r) for r in answer_rows.written_rows(user, month)],
    }
    try:
        # A savepoint: another worker may keep the same month at the same moment.
        with db.session.begin_nested():
            if row is None:
                row = CountedMonth(month=_name(month))
                db.session.add(row)
            row.fingerprint, row.figures = mark, found
    except IntegrityError:
        pass  # it did: its counts are the same, or counted again next time if its data was older
    return found


def whole_months(period: Period) -> list[Period] | None:
    """The calendar months that make up `period`, or None if it does not start and end on a month's edge."""
    if period.start is None or period.end is None or period.start.day != 1 or (period.end + timedelta(days=1)).day != 1:
        return None
    months, first = [], period.start
    while first <= period.end:
        following = date(first.year + 1, 1, 1) if first.month == 12 else date(first.year, first.month + 1, 1)
        months.append(Period(first, following - timedelta(days=1)))
        first = following
    return months


def _name(month: Period) -> str:
    assert month.start is not None
    return f"{month.start:%Y-%m}"


def fingerprints(user: Principal, months: list[Period], asked: Asked) -> dict[Period, str]:
    """A hash of each month's data, for the months that have conversations (see the module's docstring)."""
    whole = Period(months[0].start, months[-1].end)
    started = Conversation.created_at
    # Which month a conversation was started in, as one CASE, so that each table is read in one grouped pass.
    month_of = case(*[(started < month.ends_before, i) for i, month in enumerate(months)], else_=len(months))
    in_period = (scope(user, Figures), whole.holds(started))
    found: dict[int, list] = {}

    def add(rows) -> None:
        for index, *values in rows:
            found.setdefault(index, []).append([str(v) for v in values])

    sent_id = case((Conversation.submitted_at.is_not(None), Conversation.id), else_=0)
    add(db.session.execute(
        select(month_of, func.count(Conversation.id), func.max(Conversation.id), func.sum(Conversation.id),
               func.count(Conversation.submitted_at), func.max(Conversation.submitted_at), func.sum(sent_id))
        .where(*in_period).group_by(month_of)
    ))  # fmt: skip
    if not found:
        return {}
    # The flags are few: the year is tested on an expression, not the bare column, so that the
    # database starts from the flags rather than from every conversation of the year and its answers.
    flagged_in_period = (scope(user, Figures), whole.holds(func.coalesce(started, started)))
    for flag in (SafeguardingAlert, FurtherWords):
        add(db.session.execute(
            select(month_of, func.count(flag.id), func.max(flag.id))
            .join(Answer, Answer.id == flag.answer_id)
            .join(Conversation, Conversation.id == Answer.conversation_id)
            .where(*flagged_in_period).group_by(month_of)
        ))  # fmt: skip
    shared = [STORED_AS, ANALYSER_VERSION, sorted((q, sorted(ids)) for q, ids in asked.items())]
    return {
        months[index]: hashlib.sha256(json.dumps([*shared, *_labelled(values)]).encode()).hexdigest()
        for index, values in sorted(found.items())
        if index < len(months)
    }


def _labelled(values: list[list[str]]) -> list[list[str]]:
    # A month with answers but no alert yields fewer groups than one with an alert; the group
    # lists differ in length by kind, so each is kept apart by its own length and values.
    return [[str(len(v)), *v] for v in values]


def count_every_month(user: Principal) -> int:
    """Count and keep every month with conversations that `user` may count (everyone's counts only).
    Returns how many months were counted; the caller commits."""
    if not counts_every_row(user, Figures):
        return 0
    first, last = db.session.execute(
        select(func.min(Conversation.created_at), func.max(Conversation.created_at)).where(scope(user, Figures))
    ).one()
    if first is None:
        return 0
    end = date(last.year + 1, 1, 1) if last.month == 12 else date(last.year, last.month + 1, 1)
    months = whole_months(Period(date(first.year, first.month, 1), end - timedelta(days=1)))
    assert months is not None
    asked = answer_rows.asked_everywhere()
    counted = 0
    for month in months:
        marks = fingerprints(user, [month], asked)
        if not marks:
            continue
        row = db.session.scalar(select(CountedMonth).where(CountedMonth.month == _name(month)))
        if row is None or row.fingerprint != marks[month]:
            _count_and_keep(user, month, asked, marks[month], row)
            counted += 1
    return counted


def keep_every_month() -> str:
    """Count and keep, for everyone's figures, every month whose data changed: what the
    command line runs after changing data in bulk (`flask init-db`, `flask analyse`,
    `flask purge`), so that nobody waits for it in the report. Returns the sentence to
    print; the command commits."""
    from ..access import COMMAND_LINE

    counted = count_every_month(COMMAND_LINE)
    return f"The annual report's counts were brought up to date for {counted} month{'' if counted == 1 else 's'}."


__all__ = ["STORED_AS", "answer_counts", "count_every_month", "fingerprints", "keep_every_month", "whole_months"]
