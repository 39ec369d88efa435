"""Holding back guessing without letting a stranger lock a named person out.

After 10 refused sign-ins within 5 minutes, sign-ins are refused for 15
minutes, counted three ways (every refusal is one row, kept for a day):

- per address: from an address that failed 10 times (at any accounts), every
  sign-in is held back, except from a browser known for the account;
- per account, from unknown places: failures at an account from places not
  known for it (known_places.py) hold back sign-ins to it from unknown places
  only, so the person at their own known device or address still gets in;
- per known device: a known device that fails 10 times is held back too
  (a stolen laptop does not get unlimited guesses).

The addresses are the people's own, not the proxy's: FLASK_TRUSTED_PROXIES
says how many proxies in front may be believed (security.py). Rows live in
the database, so every worker and every host on it shares the counts, and
they survive a restart. Refusals during a hold are failures too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, select

from ..extensions import db
from ..models import SignInFailure
from .known_places import UNKNOWN, Place

ATTEMPTS = 10
WINDOW = timedelta(minutes=5)
HOLD = timedelta(minutes=15)
KEEP = timedelta(days=1)
# A failure from a known address counts only against the address: its e-mail key is empty.
KNOWN_ADDRESS = ""


def counted_as(email: str, place: Place) -> str:
    """The key a failure is counted under: the account's e-mail from an unknown place,
    the device from a known device, nothing (the address only) from a known address."""
    if place.device is not None:
        return f"device:{place.device}"
    return KNOWN_ADDRESS if place.known else email


def held_until(email: str, ip: str, now: datetime, place: Place = UNKNOWN) -> datetime | None:
    """When the hold on this sign-in ends, or None if there is none."""
    if place.device is not None:
        conditions = [SignInFailure.email == counted_as(email, place)]
    elif place.known:
        conditions = [SignInFailure.ip == ip]
    else:
        conditions = [SignInFailure.email == email, SignInFailure.ip == ip]
    holds = [_held_until(condition, now) for condition in conditions]
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


def record_failure(email: str, ip: str, now: datetime, place: Place = UNKNOWN) -> None:
    db.session.add(SignInFailure(email=counted_as(email, place), ip=ip, at=now))
    # Old failures only matter for a day at most; keep the table small.
    db.session.execute(delete(SignInFailure).where(SignInFailure.at < now - KEEP))
