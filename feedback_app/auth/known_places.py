"""Where an account has signed in before: its known devices and addresses.

So that a stranger cannot keep a named person (say, the safeguarding lead)
locked out by guessing at their e-mail, the hold on an account applies only
to sign-ins from places not known for it (see throttle.py). A place is known
when the browser carries this account's known-device cookie (set at each
sign-in, signed with SECRET_KEY so it cannot be made up), or when the
address is one the account signed in from in the last KNOWN_ADDRESS_DAYS
(from the audit log's "sign_in" events).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Request, Response, current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from ..extensions import db
from ..models import AuditEvent, StaffUser

COOKIE = "known_device"
COOKIE_DAYS = 180
KNOWN_ADDRESS_DAYS = 90
# A shared office computer may be known for a few accounts; more is not a device, it is a list.
ACCOUNTS_PER_DEVICE = 5


@dataclass(frozen=True)
class Place:
    """Where a sign-in comes from, as the throttle counts it.

    `device`: the known device's id, when the browser is known for this account.
    `known`: the device or the address is known for this account.
    """

    device: str | None
    known: bool


# Nowhere known: a new device at a new address, or an e-mail that is no account's.
UNKNOWN = Place(None, False)


def place_of(request: Request, user: StaffUser | None, ip: str, now: datetime) -> Place:
    if user is None:
        return UNKNOWN
    device, accounts = _read(request)
    if device is not None and user.id in accounts:
        return Place(device, True)
    return Place(None, _known_address(user, ip, now))


def remember(response: Response, request: Request, user: StaffUser) -> None:
    """Mark this browser as a known device for `user` (after a successful sign-in)."""
    device, accounts = _read(request)
    device = device or secrets.token_urlsafe(16)
    accounts = [a for a in accounts if a != user.id][-(ACCOUNTS_PER_DEVICE - 1) :] + [user.id]
    response.set_cookie(
        COOKIE,
        _serializer().dumps({"d": device, "u": accounts}),
        max_age=COOKIE_DAYS * 24 * 3600,
        path="/staff/login",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def _read(request: Request) -> tuple[str | None, list[int]]:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None, []
    try:
        value = _serializer().loads(raw, max_age=COOKIE_DAYS * 24 * 3600)
    except BadSignature:
        return None, []
    if not isinstance(value, dict) or not isinstance(value.get("d"), str) or not isinstance(value.get("u"), list):
        return None, []
    return value["d"], [a for a in value["u"] if isinstance(a, int)]


def _known_address(user: StaffUser, ip: str, now: datetime) -> bool:
    return (
        db.session.scalar(
            select(AuditEvent.id)
            .where(
                AuditEvent.action == "sign_in",
                AuditEvent.actor_id == user.id,
                AuditEvent.ip == ip,
                AuditEvent.at > now - timedelta(days=KNOWN_ADDRESS_DAYS),
            )
            .limit(1)
        )
        is not None
    )


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="known-device")
