"""Signed-in staff sessions, checked on the server at every request.

The cookie carries only a random key. The `StaffSession` row behind it says
whether the session is still open: it ends after 30 minutes idle, after 12
hours in all, at sign-out, and when an admin deactivates the account or
resets its password. A copied cookie is then worth nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, g, has_request_context, session
from sqlalchemy import select, update

from .. import clock
from ..extensions import db
from ..models import StaffSession, StaffUser

SESSION_KEY = "staff_session"
ENDED_KEY = "staff_session_ended"
IDLE_LIMIT = timedelta(minutes=30)
TOTAL_LIMIT = timedelta(hours=12)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def open_session(user: StaffUser) -> str:
    """Add a new session for `user` (the caller commits); returns the key for the cookie."""
    key = secrets.token_urlsafe(32)
    now = clock.now()
    db.session.add(StaffSession(key_hash=_hash(key), user_id=user.id, started_at=now, last_seen_at=now))
    return key


def start(user: StaffUser) -> None:
    """Sign `user` in: a fresh cookie session (new CSRF token too) with a new key.

    A session this browser already had is ended on the server first, so
    signing in again (as anyone) leaves no older key that still works.
    """
    if session.get(SESSION_KEY):
        end("signed_in_again")
    session.clear()
    session[SESSION_KEY] = open_session(user)
    g.staff_user = user


def signed_in_user() -> StaffUser:
    """The signed-in staff member, in a view that `access.requires` let in
    (so there is one). Raises RuntimeError if nobody is signed in."""
    user = current_user()
    if user is None:
        raise RuntimeError("signed_in_user() is for views behind access.requires; nobody is signed in")
    return user


def current_user() -> StaffUser | None:
    """The signed-in staff member, or None. Ends a session that has run out, and
    marks the rest as seen now (which is what keeps an active session open).

    That upkeep is a unit of work of its own, committed at once, before the
    view runs: it must hold even when the view then fails.
    """
    if not has_request_context():
        return None
    if "staff_user" in g:
        return g.staff_user
    g.staff_user = _load()
    return g.staff_user


def _load() -> StaffUser | None:
    key = session.get(SESSION_KEY)
    if not key:
        return None
    record = db.session.scalar(select(StaffSession).where(StaffSession.key_hash == _hash(key)))
    reason = _why_over(record)
    if reason is not None:
        if record is not None and record.ended_at is None:
            record.ended_at, record.end_reason = clock.now(), reason
            db.session.commit()
        session.pop(SESSION_KEY, None)
        session[ENDED_KEY] = (record.end_reason if record is not None else None) or "ended"
        return None
    record.last_seen_at = clock.now()
    db.session.commit()
    return record.user


def _why_over(record: StaffSession | None) -> str | None:
    if record is None:
        return "ended"
    if record.ended_at is not None:
        return record.end_reason or "ended"
    if not record.user.active:
        return "account_changed"
    now = clock.now()
    config = current_app.config
    if now - record.last_seen_at >= config.get("STAFF_SESSION_IDLE_LIMIT", IDLE_LIMIT):
        return "idle"
    if now - record.started_at >= config.get("STAFF_SESSION_TOTAL_LIMIT", TOTAL_LIMIT):
        return "too_long"
    return None


def end(reason: str = "signed_out") -> None:
    """End the current session on the server (the caller commits) and forget the cookie's contents."""
    key = session.get(SESSION_KEY)
    if key:
        db.session.execute(
            update(StaffSession)
            .where(StaffSession.key_hash == _hash(key), StaffSession.ended_at.is_(None))
            .values(ended_at=clock.now(), end_reason=reason)
        )
    session.clear()
    session[ENDED_KEY] = reason
    g.staff_user = None


def end_all_for(user: StaffUser, reason: str = "account_changed", keep_current: bool = False) -> int:
    """End every open session of `user` (on deactivation or a password reset); the caller commits.

    Returns how many were ended. With `keep_current`, the session making this
    request stays open (an admin resetting their own password).
    """
    statement = update(StaffSession).where(StaffSession.user_id == user.id, StaffSession.ended_at.is_(None))
    key = session.get(SESSION_KEY) if has_request_context() else None
    if keep_current and key:
        statement = statement.where(StaffSession.key_hash != _hash(key))
    result = db.session.execute(statement.values(ended_at=clock.now(), end_reason=reason))
    return result.rowcount or 0


def pop_end_reason() -> str | None:
    """Why the last session ended (shown once on the sign-in page), or None."""
    return session.pop(ENDED_KEY, None)
