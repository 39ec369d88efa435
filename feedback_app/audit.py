"""The audit log: who signed in, viewed, exported or acted on what, and when.

Call `record` for every sign-in (success and failure), sign-out, change to a
staff account, view of one person's conversation, export and safeguarding
action. Admins read the log at /staff/audit.

`record` adds the event to the session and never commits: whoever owns the
unit of work commits it together with the change it records, so the log
never says something happened that was rolled back, and no change is saved
without its entry (docs/developing.md, "Saving").

The log says who looked at what, never what it said: answer text, passwords
and conversation tokens are refused as detail, so a careless call cannot copy
a child's words or a link's secret into it.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context, request

from .extensions import db
from .models import AuditEvent, StaffUser

# Names of detail that must never be stored (nor written to application logs).
FORBIDDEN_DETAIL = frozenset({"password", "token", "text", "answer", "answer_text", "value"})


class _SignedInUser:
    """Default for `actor`: whoever is signed in to this request."""


SIGNED_IN_USER = _SignedInUser()


def record(
    action: str,
    target_type: str | None = None,
    target_id: object | None = None,
    *,
    actor: StaffUser | None | _SignedInUser = SIGNED_IN_USER,
    **detail: Any,
) -> AuditEvent:
    """Add one audit event to the session; the caller commits it with its change.

    `action` is a short snake_case verb phrase such as "sign_in_failed" or
    "conversation_viewed". `detail` must be JSON-serialisable. Raises
    ValueError if `detail` names something that must not be logged.
    """
    forbidden = FORBIDDEN_DETAIL.intersection(detail)
    if forbidden:
        raise ValueError(f"audit detail must not include {sorted(forbidden)}: log which record, not what it says")
    if isinstance(actor, _SignedInUser):
        from .auth import current_user

        actor = current_user()
    event = AuditEvent(
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        actor_id=actor.id if actor is not None else None,
        actor_email=actor.email if actor is not None else None,
        detail=detail,
        ip=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event
