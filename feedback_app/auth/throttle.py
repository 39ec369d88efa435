"""Holding back guessing: after 10 refused sign-ins within 5 minutes, for one
e-mail or from one address, every sign-in for it is refused for 15 minutes.

Failures are rows in the database, so the count is shared by every server
process and survives a restart. Refusals during a hold are failures too:
someone who keeps guessing stays held back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, select

from ..extensions import db
from ..models import SignInFailure

ATTEMPTS = 10
WINDOW = timedelta(minutes=5)
HOLD = timedelta(minutes=15)
KEEP = timedelta(days=1)


def held_until(email: str, ip: str, now: datetime) -> datetime | None:
    """When the hold on this e-mail or address ends, or None if there is none."""
    holds = [_held_until(SignInFailure.email == email, now), _held_until(SignInFailure.ip == ip, now)]
    return max((h for h in holds if h is not None), default=None)


def _held_until(condition: ColumnElement[bool], now: datetime) -> datetime | None:
    times = db.session.scalars(
        select(SignInFailure.at).where(condition, SignInFailure.at > now - HOLD - WINDOW).order_by(SignInFailure.at)
    ).all()
    return _end_of_hold(times, now)


def _end_of_hold(times: Sequence[datetime], now: datetime) -> datetime | None:
    """The end of the latest hold still running: a hold starts at the 10th failure of any 5-minute run."""
    until = None
    # Pairs each failure with the one ATTEMPTS-1 later; the shorter list ends it.
    for first, last in zip(times, times[ATTEMPTS - 1 :], strict=False):
        if last - first <= WINDOW and last + HOLD > now:
            until = max(until or last + HOLD, last + HOLD)
    return until


def record_failure(email: str, ip: str, now: datetime) -> None:
    db.session.add(SignInFailure(email=email, ip=ip, at=now))
    # Old failures only matter for a day at most; keep the table small.
    db.session.execute(delete(SignInFailure).where(SignInFailure.at < now - KEEP))
