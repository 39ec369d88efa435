"""Who may do what. Deny by default: a staff page is open only to the roles it names.

Every view under `/staff/` declares its roles with `requires_role(...)` (or is
marked `public_staff_page`, which only sign-in and sign-out are). A view that
declares nothing is refused for everyone, by `refuse_undeclared`, so a
forgotten decorator fails closed; a test also walks the URL map to catch it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, redirect, request, url_for

from .. import areas

ROLES: dict[str, str] = {
    "admin": "Administrator",
    "iro_manager": "IRO manager",
    "iro": "Independent Reviewing Officer (IRO)",
    "cicc": "Children in Care Council member",
    "safeguarding_lead": "Safeguarding lead",
}

# The attribute a view carries to say who may use it. PUBLIC means anyone, signed in or not.
ACCESS_ATTRIBUTE = "staff_access"
PUBLIC = "public"

View = TypeVar("View", bound=Callable[..., Any])


def requires_role(*roles: str) -> Callable[[View], View]:
    """Allow the view only to signed-in staff with one of `roles`.

    Someone not signed in is sent to the sign-in page and back; a signed-in
    person with another role gets 403. Raises ValueError at import time for
    an unknown role name, so a typo cannot quietly lock everyone out.
    """
    if not roles:
        raise ValueError("requires_role needs at least one role")
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) {sorted(unknown)}; roles are {sorted(ROLES)}")
    allowed = frozenset(roles)

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            from .sessions import current_user

            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        setattr(guarded, ACCESS_ATTRIBUTE, allowed)
        return guarded  # type: ignore[return-value]

    return decorate


def public_staff_page(view: View) -> View:
    """Mark a view under /staff/ as open to everyone (the sign-in page, sign-out)."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def access_of(endpoint: str) -> frozenset[str] | str | None:
    """The roles allowed at `endpoint`, PUBLIC, or None if it declares nothing."""
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def role_may_use(role: str, endpoint: str) -> bool:
    access = access_of(endpoint)
    return access == PUBLIC or (isinstance(access, frozenset) and role in access)


def refuse_undeclared() -> None:
    """Before every request: a /staff/ page that names no roles is refused (403)."""
    if not areas.is_staff_page(request.path) or request.endpoint is None:
        return
    if access_of(request.endpoint) is None:
        current_app.logger.error("refused %s: the view declares no roles", request.endpoint)
        abort(403)


def can_view_conversation(user: Any, conversation: Any) -> bool:
    """Whether `user` may read one person's answers in `conversation`.

    The IRO manager sees every conversation. An IRO sees the conversation of
    a person whose invitation names them (`conversation.invitation.iro_id`),
    once it is sent back, and only if the person chose to share it with their
    IRO by name. The safeguarding lead sees a conversation with an answer
    flagged as a concern. Admins run accounts and CiCC members see only anonymised
    figures: neither ever reads one person's answers.
    """
    if user is None or not getattr(user, "active", False):
        return False
    if user.role == "iro_manager":
        return True
    if user.role == "iro":
        invitation = getattr(conversation, "invitation", None)
        if invitation is None or getattr(invitation, "iro_id", None) != user.id:
            return False
        return shared_with_their_iro(conversation)
    if user.role == "safeguarding_lead":
        return any((answer.analysis or {}).get("concern") for answer in conversation.answers)
    return False


def shared_with_their_iro(conversation: Any) -> bool:
    """Whether the person sent the conversation and said their IRO may see it with their name."""
    from ..invitations.service import sent_and_shared_with_iro  # late: invitations builds on auth

    return sent_and_shared_with_iro(conversation)
