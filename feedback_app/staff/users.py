"""Admin pages for staff accounts: list, create, change role, deactivate, reset password.

A role that reads answers, and a new password for an account that has one,
are asked for here and approved by an IRO manager (`auth.approvals`,
`staff.approvals`): the admin never sets such a password.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import audit
from ..access import ROLES, get_or_refuse, requires, scope
from ..access.policy import MANAGE_ACCOUNTS
from ..auth import (
    AccountError,
    WeakPassword,
    approvals,
    change_role,
    create_user,
    current_user,
    reset_password,
    set_active,
)
from ..extensions import db
from ..models import AccessRequest, StaffUser
from . import bp
from .forms import ActiveForm, AskForm, NewUserForm, PasswordResetForm, RoleForm


@bp.get("/users")
@requires(MANAGE_ACCOUNTS)
def users() -> str:
    people = db.session.scalars(select(StaffUser).where(scope(current_user(), StaffUser)).order_by(StaffUser.active.desc(), StaffUser.email)).all()
    waiting_ids = {request.user_id for request in approvals.waiting() if request.new_account}
    return render_template("staff/users/list.html", people=people, waiting_ids=waiting_ids)


@bp.route("/users/new", methods=["GET", "POST"])
@requires(MANAGE_ACCOUNTS)
def new_user() -> Response | str:
    form = NewUserForm()
    if form.validate_on_submit():
        if approvals.needs_second_person(form.role.data):
            request = _ask_for_new_account(form)
            if request is None:
                return render_template("staff/users/new.html", form=form)
            user = request.user
            audit.record("user_created", "staff_user", user.id, role=user.role, waiting_for_approval=True)
            audit.record("access_requested", "access_request", request.id, kind=request.kind, role=request.role)
            db.session.commit()
            flash(f"Account made for {user.email}. An IRO manager must approve the role and set the password first.")
            return redirect(url_for("staff.user", user_id=user.id), code=303)
        try:
            if not form.password.data:
                raise WeakPassword("Enter a password.")
            user = create_user(form.email.data or "", form.role.data, form.password.data, form.display_name.data)
        except AccountError as problem:
            form.email.errors.append(str(problem))
        except WeakPassword as problem:
            form.password.errors.append(str(problem))
        else:
            audit.record("user_created", "staff_user", user.id, role=user.role)
            db.session.commit()
            flash(f"Account made for {user.email}.")
            return redirect(url_for("staff.user", user_id=user.id), code=303)
        db.session.rollback()
    return render_template("staff/users/new.html", form=form)


def _ask_for_new_account(form: NewUserForm) -> AccessRequest | None:
    """A new account with a role that reads answers: made deactivated, with no
    password, until approved (not committed). None, with the form's errors, if refused."""
    if form.password.data:
        form.password.errors.append(
            "Leave the password empty for this role: the IRO manager who approves it sets the password."
        )
        return None
    try:
        return approvals.ask_for_new_account(
            form.email.data or "", form.role.data, form.display_name.data, by=current_user()
        )
    except AccountError as problem:
        db.session.rollback()
        form.email.errors.append(str(problem))
        return None


@bp.get("/users/<int:user_id>")
@requires(MANAGE_ACCOUNTS)
def user(user_id: int) -> str:
    person = _person(user_id)
    return _user_page(person)


@bp.post("/users/<int:user_id>/role")
@requires(MANAGE_ACCOUNTS)
def user_role(user_id: int) -> Response | tuple[str, int]:
    person = _person(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _user_page(person, role_form=form), 400
    before = {"role": person.role, "display_name": person.display_name}
    try:
        if form.role.data != person.role and approvals.needs_second_person(form.role.data):
            request = approvals.ask_for_role(person, form.role.data, by=current_user())
            audit.record("access_requested", "access_request", request.id, kind=request.kind, role=request.role)
            flash("An IRO manager must approve the new role; until then the role stays as it was.")
        else:
            change_role(person, form.role.data)
    except AccountError as problem:
        db.session.rollback()
        form.role.errors.append(str(problem))
        return _user_page(person, role_form=form), 400
    person.display_name = (form.display_name.data or "").strip()
    after = {"role": person.role, "display_name": person.display_name}
    changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if changed:
        audit.record("user_changed", "staff_user", person.id, changed=changed)
        flash("Changes saved.")
    db.session.commit()
    return redirect(url_for("staff.user", user_id=person.id), code=303)


@bp.post("/users/<int:user_id>/active")
@requires(MANAGE_ACCOUNTS)
def user_active(user_id: int) -> Response | tuple[str, int]:
    person = _person(user_id)
    form = ActiveForm()
    if not form.validate_on_submit() or form.active.data not in {"yes", "no"}:
        abort(400)
    make_active = form.active.data == "yes"
    try:
        if make_active and approvals.blocks_reactivation(person):
            raise AccountError("This account is waiting for an IRO manager to approve its role.")
        set_active(person, make_active, by=current_user())
    except AccountError as problem:
        db.session.rollback()
        return _user_page(person, active_error=str(problem)), 400
    audit.record("user_reactivated" if make_active else "user_deactivated", "staff_user", person.id)
    db.session.commit()
    flash("Account reactivated." if make_active else "Account deactivated. Any open sessions have ended.")
    return redirect(url_for("staff.user", user_id=person.id), code=303)


@bp.post("/users/<int:user_id>/password")
@requires(MANAGE_ACCOUNTS)
def user_password(user_id: int) -> Response | tuple[str, int]:
    person = _person(user_id)
    if approvals.needs_second_person(person.role):
        if not AskForm().validate_on_submit():
            abort(400)
        request = approvals.ask_for_new_password(person, by=current_user())
        audit.record("access_requested", "access_request", request.id, kind=request.kind)
        db.session.commit()
        flash("An IRO manager must approve the new password; they set it and give it to the person.")
        return redirect(url_for("staff.user", user_id=person.id), code=303)
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            reset_password(person, form.new_password.data or "", by=current_user())
        except WeakPassword as problem:
            db.session.rollback()
            form.new_password.errors.append(str(problem))
        else:
            audit.record("user_password_reset", "staff_user", person.id)
            db.session.commit()
            flash("Password changed. The person's other sessions have ended.")
            return redirect(url_for("staff.user", user_id=person.id), code=303)
    return _user_page(person, password_form=form), 400


def _person(user_id: int) -> StaffUser:
    return get_or_refuse(current_user(), StaffUser, user_id)


def _user_page(
    person: StaffUser,
    role_form: RoleForm | None = None,
    password_form: PasswordResetForm | None = None,
    active_error: str | None = None,
) -> str:
    return render_template(
        "staff/users/edit.html",
        person=person,
        role_name=ROLES.get(person.role, person.role),
        role_form=role_form or RoleForm(formdata=None, role=person.role, display_name=person.display_name),
        password_form=password_form or PasswordResetForm(formdata=None),
        needs_approval=approvals.needs_second_person(person.role),
        waiting=approvals.waiting(person),
        active_form=ActiveForm(formdata=None),
        active_error=active_error,
    )
