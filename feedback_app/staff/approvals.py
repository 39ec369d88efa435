"""Access approvals: an IRO manager, as the second person, approves or refuses
a role that reads answers or a new password for an account that has one,
and sets that password themselves (`auth.approvals`, docs/access.md)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import audit
from ..access import ROLES, get_or_refuse, requires, scope
from ..access.policy import APPROVE_ACCESS
from ..auth import AccountError, WeakPassword, approvals, current_user
from ..extensions import db
from ..models import AccessRequest, StaffUser
from . import bp
from .forms import DecisionForm, PasswordResetForm

RECENT = 20


@bp.get("/access-requests")
@requires(APPROVE_ACCESS)
def access_requests() -> str:
    user = _user()
    visible = scope(user, AccessRequest)
    decided = db.session.scalars(
        select(AccessRequest)
        .where(visible, AccessRequest.outcome.is_not(None))
        .order_by(AccessRequest.decided_at.desc(), AccessRequest.id.desc())
        .limit(RECENT)
    ).all()
    waiting = db.session.scalars(
        select(AccessRequest).where(visible, AccessRequest.outcome.is_(None)).order_by(AccessRequest.requested_at)
    ).all()
    return render_template("staff/access/list.html", waiting=waiting, decided=decided, role_names=ROLES)


@bp.get("/access-requests/<int:request_id>")
@requires(APPROVE_ACCESS)
def access_request(request_id: int) -> str:
    return _page(_request(request_id))


@bp.post("/access-requests/<int:request_id>/approve")
@requires(APPROVE_ACCESS)
def approve_access(request_id: int) -> Response | tuple[str, int]:
    found = _request(request_id)
    form = PasswordResetForm()
    if not form.validate_on_submit():
        return _page(found, form), 400
    try:
        approvals.approve(found, _user(), form.new_password.data or "")
    except AccountError as problem:
        db.session.rollback()
        return _page(found, form, problem=str(problem)), 400
    except WeakPassword as problem:
        db.session.rollback()
        form.new_password.errors.append(str(problem))
        return _page(found, form), 400
    audit.record(
        "access_request_approved", "access_request", found.id,
        kind=found.kind, role=found.role, staff_user=found.user_id,
    )  # fmt: skip
    db.session.commit()
    flash(f"Approved. Give {found.user.display_name} the password yourself, not through the person who asked.")
    return redirect(url_for("staff.access_requests"), code=303)


@bp.post("/access-requests/<int:request_id>/refuse")
@requires(APPROVE_ACCESS)
def refuse_access(request_id: int) -> Response | tuple[str, int]:
    found = _request(request_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    try:
        approvals.refuse(found, _user())
    except AccountError as problem:
        db.session.rollback()
        return _page(found, problem=str(problem)), 400
    audit.record(
        "access_request_refused", "access_request", found.id,
        kind=found.kind, role=found.role, staff_user=found.user_id,
    )  # fmt: skip
    db.session.commit()
    flash("Refused. Nothing was changed.")
    return redirect(url_for("staff.access_requests"), code=303)


def _page(found: AccessRequest, form: PasswordResetForm | None = None, problem: str | None = None) -> str:
    try:
        approvals.check_approver(found, _user())
        may_decide, why_not = True, None
    except AccountError as reason:
        may_decide, why_not = False, str(reason)
    return render_template(
        "staff/access/request.html",
        found=found,
        form=form or PasswordResetForm(formdata=None),
        refuse_form=DecisionForm(formdata=None),
        may_decide=may_decide,
        why_not=why_not,
        problem=problem,
        role_names=ROLES,
    )


def _request(request_id: int) -> AccessRequest:
    return get_or_refuse(_user(), AccessRequest, request_id)


def _user() -> StaffUser:
    user = current_user()
    assert user is not None  # requires let us in
    return user
