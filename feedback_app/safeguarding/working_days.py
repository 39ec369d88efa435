"""Working days in England: Monday to Friday, except England and Wales bank holidays.

An alert must be acknowledged within one working day: by the same time of
day, UK time, on the next working day. Raised on Friday at 4pm, it is due on
Monday at 4pm (or Tuesday, if Monday is a bank holiday); raised on Saturday,
it is due on Monday at the same time.

Bank holidays come from the `holidays` package, which works them out from
rules (Easter, "first Monday in May", substitute days) with no network; a
one-off holiday such as a coronation arrives with a newer version of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache

from ..vocabulary import UK_TIME

SATURDAY = 5


@cache
def _bank_holidays():
    # Imported here so that a missing package breaks only this calculation,
    # with a message saying what to install, not the whole app at start-up.
    try:
        import holidays
    except ImportError as error:  # pragma: no cover - an install problem
        raise RuntimeError("The 'holidays' package is needed to count working days: pip install holidays") from error
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in _bank_holidays()


def next_working_day(day: date) -> date:
    """The first working day after `day` (not `day` itself)."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def one_working_day_after(moment: datetime) -> datetime:
    """The same UK time of day on the next working day, in UTC.

    Raises ValueError for a naive datetime: the time zone must be known.
    """
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local = moment.astimezone(UK_TIME)
    due = datetime.combine(next_working_day(local.date()), local.time(), tzinfo=UK_TIME)
    return due.astimezone(UTC)
