"""Deny by default: a staff page opens only for the capability it names.

Every view under `/staff/` declares what it needs with `requires(capability)`
(or is marked `public_staff_page`, which only sign-in and sign-out are). A
view that declares nothing is refused for everyone by `refuse_undeclared`, so
a forgotten decorator fails closed; a test also walks the URL map to catch it.
Which roles hold a capability is the policy's business, not the view's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, has_app_context, redirect, request, url_for

from .. import areas
from .policy import CAPABILITIES, POLICY, Policy, Principal

# The attribute a view carries to say what it needs. PUBLIC means anyone, signed in or not.
ACCESS_ATTRIBUTE = "staff_access"
PUBLIC = "public"
# Where an app keeps a policy other than the standard one (tests of a new role).
POLICY_KEY = "access_policy"

View = TypeVar("View", bound=Callable[..., Any])


def current_policy() -> Policy:
    """The policy in force: the app's own if it was given one, else `POLICY`."""
    if has_app_context():
        return current_app.extensions.get(POLICY_KEY, POLICY)
    return POLICY


def may(user: Principal | None, capability: str) -> bool:
    """Whether `user` (an active account, or the command line) holds `capability`."""
    return current_policy().may(user, capability)


def reaches_everyone(user: Principal | None) -> bool:
    """Whether `user`'s role sees everyone's records (not only some IROs')."""
    role = current_policy().role_of(user)
    return role is not None and role.reach.everyone


def requires(capability: str) -> Callable[[View], View]:
    """Allow the view only to signed-in staff whose role holds `capability`.

    Someone not signed in is sent to the sign-in page and back; a signed-in
    person without it gets 403, and the refusal is audited. Raises ValueError
    at import time for an unknown capability, so a typo cannot quietly lock
    everyone out.
    """
    if capability not in CAPABILITIES:
        raise ValueError(f"unknown capability {capability!r}; capabilities are {sorted(CAPABILITIES)}")

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            from ..auth import current_user  # late: auth builds on access

            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if not may(user, capability):
                refuse(user, capability)
            return view(*args, **kwargs)

        setattr(guarded, ACCESS_ATTRIBUTE, capability)
        return guarded  # type: ignore[return-value]

    return decorate


def refuse(user: Principal, capability: str, status: int = 403) -> None:
    """Record in the audit log that `user` was refused, then abort with `status`.

    The refusal is its own unit of work, committed here: the view never runs,
    and the error page that follows commits nothing.
    """
    from .. import audit
    from ..extensions import db

    db.session.rollback()  # nothing the refused request did before this is kept
    audit.record("access_refused", "page", request.endpoint, actor=user, capability=capability, path=request.path)
    db.session.commit()
    abort(status)


def public_staff_page(view: View) -> View:
    """Mark a view under /staff/ as open to everyone (the sign-in page, sign-out)."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def access_of(endpoint: str) -> str | None:
    """The capability `endpoint` needs, PUBLIC, or None if it declares nothing."""
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def may_use(user: Principal | None, endpoint: str) -> bool:
    """Whether `user` may open the page at `endpoint` (for links to show or hide)."""
    access = access_of(endpoint)
    if access == PUBLIC:
        return True
    return access is not None and may(user, access)


def refuse_undeclared() -> None:
    """Before every request: a /staff/ page that names no capability is refused (403)."""
    if not areas.is_staff_page(request.path) or request.endpoint is None:
        return
    if access_of(request.endpoint) is None:
        current_app.logger.error("refused %s: the view declares no capability", request.endpoint)
        abort(403)
