"""A second person for access to answers.

Granting a role that reads answers (a new account with one, or a change of
role to one) and a new password for an account that has one are asked for by
an admin and take effect only when an IRO manager approves them. The approver
sets the password there and then, so nobody who manages accounts ever knows
the password of an account that reads children's words. docs/access.md says why.

Functions raise AccountError (or WeakPassword) with a message for the person
acting, and leave committing and auditing to the caller, as `accounts` does.
"""

from __future__ import annotations

from sqlalchemy import select

from .. import clock
from ..access import current_policy
from ..access.policy import APPROVE_ACCESS
from ..extensions import db
from ..models import AccessRequest, StaffUser
from ..models.access_request import APPROVED, GRANT_ROLE, NEW_PASSWORD, REFUSED, REPLACED
from .accounts import AccountError, check_role_change, create_user, reset_password


def needs_second_person(role: str) -> bool:
    """Whether giving `role` (or a new password to an account that has it) needs approval."""
    return current_policy().reads_answers(role)


def ask_for_new_account(email: str, role: str, display_name: str | None, by: StaffUser) -> AccessRequest:
    """Make the account, deactivated and with no password, and ask for its role to be approved."""
    user = create_user(email, role, None, display_name)
    user.active = False
    return _ask(user, GRANT_ROLE, by, role=role, new_account=True)


def ask_for_role(user: StaffUser, role: str, by: StaffUser) -> AccessRequest:
    """Ask for `user` to be given `role`; their role stays as it is until approved."""
    if role == user.role:
        raise AccountError("The account already has that role.")
    check_role_change(user, role)
    return _ask(user, GRANT_ROLE, by, role=role)


def ask_for_new_password(user: StaffUser, by: StaffUser) -> AccessRequest:
    return _ask(user, NEW_PASSWORD, by)


def _ask(user: StaffUser, kind: str, by: StaffUser, role: str | None = None, new_account: bool = False) -> AccessRequest:
    now = clock.now()
    for earlier in waiting(user, kind):
        earlier.outcome, earlier.decided_at = REPLACED, now
    request = AccessRequest(
        kind=kind, user=user, role=role, new_account=new_account, requested_by=by, requested_at=now
    )
    db.session.add(request)
    db.session.flush()
    return request


def waiting(user: StaffUser | None = None, kind: str | None = None) -> list[AccessRequest]:
    """Requests not decided yet, oldest first (for one account and kind, if given)."""
    query = select(AccessRequest).where(AccessRequest.outcome.is_(None)).order_by(AccessRequest.requested_at)
    if user is not None:
        query = query.where(AccessRequest.user_id == user.id)
    if kind is not None:
        query = query.where(AccessRequest.kind == kind)
    return list(db.session.scalars(query.order_by(AccessRequest.id)))


def check_approver(request: AccessRequest, approver: StaffUser) -> None:
    """Raise AccountError unless `approver` may decide `request`: a second person."""
    if not current_policy().may(approver, APPROVE_ACCESS):
        raise AccountError("Only an IRO manager can approve this.")
    if approver.id in (request.requested_by_id, request.user_id):
        raise AccountError("Someone other than the person who asked, and other than the account's owner, must decide.")
    if not request.waiting:
        raise AccountError("This request has already been decided.")


def approve(request: AccessRequest, approver: StaffUser, password: str) -> None:
    """Make the change, with the password the approver sets; end the account's sessions."""
    check_approver(request, approver)
    user = request.user
    if request.kind == GRANT_ROLE:
        check_role_change(user, request.role or "")
        user.role = request.role or user.role
    reset_password(user, password, by=approver)  # raises WeakPassword; ends the account's sessions
    if request.new_account:
        user.active = True
    request.outcome, request.decided_by, request.decided_at = APPROVED, approver, clock.now()


def refuse(request: AccessRequest, approver: StaffUser) -> None:
    """Refuse the change. A new account made by the request stays deactivated."""
    check_approver(request, approver)
    request.outcome, request.decided_by, request.decided_at = REFUSED, approver, clock.now()


def blocks_reactivation(user: StaffUser) -> bool:
    """A new account waiting for its role to be approved is reactivated only by the approval."""
    return any(request.new_account for request in waiting(user, GRANT_ROLE))


__all__ = [
    "approve", "ask_for_new_account", "ask_for_new_password", "ask_for_role",
    "blocks_reactivation", "check_approver", "needs_second_person", "refuse", "waiting",
]  # fmt: skip
