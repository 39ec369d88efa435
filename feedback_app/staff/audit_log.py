"""The audit log page, for those who read it (admins): newest first, a page at a time, filtered by action."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from ..access import requires, scope
from ..access.policy import READ_AUDIT_LOG
from ..auth import current_user
from ..extensions import db
from ..models import AuditEvent
from ..query_args import code, page_number
from . import bp

PER_PAGE = 50


@bp.get("/audit")
@requires(READ_AUDIT_LOG)
def audit_log() -> str:
    action = code("action")
    visible = scope(current_user(), AuditEvent)
    query = select(AuditEvent).where(visible).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE, error_out=False)
    actions = db.session.scalars(select(AuditEvent.action).where(visible).distinct().order_by(AuditEvent.action)).all()
    return render_template("staff/audit.html", page=page, actions=actions, action=action)
