"""Changing staff accounts: the rules shared by the admin pages and the command line.

Each function raises AccountError (or WeakPassword) with a message for the
person making the change, and leaves committing and auditing to the caller.
"""

from __future__ import annotations

from sqlalchemy import func, select

from .. import clock
from ..access import current_policy
from ..extensions import db
from ..models import StaffUser
from . import sessions
from .passwords import check_password, hash_password
from .signin import find_user, normalise_email


class AccountError(ValueError):
    """The change cannot be made as asked; the message says why."""


def create_user(email: str, role: str, password: str | None, display_name: str | None = None) -> StaffUser:
    """Add a staff account (flushed, not committed). Raises AccountError or WeakPassword.

    With `password` None the account has none until one is set (an account
    waiting for a second person to approve its role: see `approvals`).
    """
    email = normalise_email(email)
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 254:
        raise AccountError("Enter an email address, like name@council.gov.uk.")
    _check_role(role)
    if find_user(email) is not None:
        raise AccountError("There is already an account with that email address.")
    if password is not None:
        check_password(password, email)
    now = clock.now()
    user = StaffUser(
        email=email,
        role=role,
        display_name=(display_name or "").strip()[:120] or local,
        password_hash=hash_password(password) if password is not None else "!",  # "!" matches no password
        created_at=now,
        password_changed_at=now,
    )
    db.session.add(user)
    db.session.flush()
    return user


def change_role(user: StaffUser, role: str) -> None:
    check_role_change(user, role)
    user.role = role


def check_role_change(user: StaffUser, role: str) -> None:
    """Raise AccountError unless `user` may be given `role` (a known role, never leaving no admin)."""
    _check_role(role)
    if user.role == "admin" and role != "admin" and _is_last_active_admin(user):
        raise AccountError("This is the only active admin account. Make someone else an admin first.")


def set_active(user: StaffUser, active: bool, by: StaffUser | None) -> None:
    """Deactivating also ends every session the person has open."""
    if not active:
        if by is not None and by.id == user.id:
            raise AccountError("You can't deactivate your own account.")
        if user.role == "admin" and _is_last_active_admin(user):
            raise AccountError("This is the only active admin account. Make someone else an admin first.")
        sessions.end_all_for(user, "account_changed")
    user.active = active


def reset_password(user: StaffUser, password: str, by: StaffUser | None) -> None:
    """Set a new password and end the person's other sessions. Raises WeakPassword."""
    check_password(password, user.email)
    user.password_hash = hash_password(password)
    user.password_changed_at = clock.now()
    sessions.end_all_for(user, "account_changed", keep_current=by is not None and by.id == user.id)


def _check_role(role: str) -> None:
    roles = current_policy().account_roles()
    if role not in roles:
        raise AccountError(f"Choose a role: {', '.join(roles)}.")


def _is_last_active_admin(user: StaffUser) -> bool:
    others = db.session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(StaffUser.role == "admin", StaffUser.active.is_(True), StaffUser.id != user.id)
    )
    return not others
