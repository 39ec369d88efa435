"""The audit log page, for admins: newest first, a page at a time, filtered by action."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from ..auth import requires_role
from ..extensions import db
from ..models import AuditEvent
from . import bp

PER_PAGE = 50


@bp.get("/audit")
@requires_role("admin")
def audit_log() -> str:
    action = request.args.get("action", "").strip()
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    page = db.paginate(query, page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False)
    actions = db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)).all()
    return render_template("staff/audit.html", page=page, actions=actions, action=action)
