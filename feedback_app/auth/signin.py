"""Checking a sign-in. Every refusal looks the same from outside: same message, similar time."""

from __future__ import annotations

import hashlib
import hmac

from flask import Request, current_app
from sqlalchemy import select

from .. import audit, clock
from ..extensions import db
from ..models import StaffUser
from . import known_places, throttle
from .passwords import dummy_hash, hash_password, needs_rehash, verify_password

# The one message for every refusal. Saying which part was wrong, or that the
# account is held back, would tell a guesser which e-mails are real.
REFUSED = "That email and password did not match, or sign-in is paused. Try again later."


def normalise_email(email: str) -> str:
    return email.strip().lower()


def unknown_email_key(email: str) -> str:
    """What is kept of an e-mail that is no account's: a keyed fingerprint, never the text.

    People type their password into the e-mail box; that must not end up in the
    audit log or the failures table. The fingerprint still lets repeated
    guesses at one unknown e-mail be counted and seen together.
    """
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return "unknown:" + hmac.new(secret, email.encode(), hashlib.sha256).hexdigest()[:16]


def find_user(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def authenticate(email: str, password: str, ip: str, request: Request | None = None) -> StaffUser | None:
    """The account if the sign-in may go ahead, else None (the failure is counted and audited).

    The password is always checked against a hash, a dummy one when no
    account has the e-mail, so an unknown e-mail takes as long to refuse.
    Either way the caller commits what was recorded.
    """
    email = normalise_email(email)
    now = clock.now()
    user = find_user(email)
    matches = verify_password(user.password_hash if user else dummy_hash(), password)
    # Only an account's own e-mail is kept as typed (see unknown_email_key).
    email = email if user is not None else unknown_email_key(email)
    # Known devices and addresses are counted apart, so a stranger cannot lock this person out.
    place = known_places.place_of(request, user, ip, now) if request is not None else known_places.UNKNOWN
    held = throttle.held_until(email, ip, now, place)
    if user is not None and matches and user.active and held is None:
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_sign_ins = 0
        user.last_sign_in_at = now
        return user
    if held is not None:
        reason = "held_back"
    elif user is None:
        reason = "unknown_email"
    elif not user.active:
        reason = "account_inactive"
    else:
        reason = "wrong_password"
    throttle.record_failure(email, ip, now, place)
    if user is not None:
        user.failed_sign_ins += 1
        user.last_failed_sign_in_at = now
    audit.record(
        "sign_in_failed", "staff_user", user.id if user else None, actor=None, email=email[:254], reason=reason
    )
    return None
