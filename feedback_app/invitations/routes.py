"""Making invitations and opening them: the staff pages and the person's link.

Once a link has been opened it is no longer shown to staff: it is the
person's key to their answers, and what an IRO reads must go through the
"shared with my IRO" choice, at /staff/my-reviews.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from .. import audit, clock
from ..access import get_or_refuse, reaches_everyone, requires
from ..access.policy import INVITE
from ..auth import signed_in_user
from ..extensions import db
from ..models import Invitation, StaffUser
from ..vocabulary import AUDIENCES, CHILD
from . import bp, qr, service
from .forms import ConfirmForm, InvitationForm, ParticipationForm
from .service import InvitationError

# States in which the link may still be shown and printed.
LINK_SHOWN = ("created", "sent")


@bp.route("/staff/invitations/new", methods=["GET", "POST"])
@requires(INVITE)
def new_invitation() -> Response | str | tuple[str, int]:
    user = signed_in_user()
    form = InvitationForm()
    # Without JavaScript the questionnaire list can't follow the audience
    # field, so `?audience=` narrows it; a mismatch is refused with a clear error.
    audience = request.args.get("audience") if request.method == "GET" else None
    choices = _iro_choices(user)
    form.fill_choices(audience, choices)
    if request.method == "GET" and audience in AUDIENCES:
        form.audience.data = audience
    if not form.validate_on_submit():
        return render_template("invitations/new.html", form=form, user=user), 400 if request.method == "POST" else 200
    try:
        invitation = service.create(
            questionnaire_id=form.questionnaire.data,
            audience=form.audience.data,
            review_date=form.review_date.data,
            iro=user if choices is None else _chosen_iro(form, choices),
            created_by=user,
            first_name=form.first_name.data,
            expires_on=form.expires_on.data,
        )
    except InvitationError as problem:
        db.session.rollback()
        getattr(form, problem.field or "questionnaire").errors.append(str(problem))
        return render_template("invitations/new.html", form=form, user=user), 400
    audit.record(
        "invitation_created", "invitation", invitation.id,
        questionnaire=invitation.questionnaire_id, audience=invitation.audience, iro_id=invitation.iro_id,
    )  # fmt: skip
    db.session.commit()
    flash("Invitation made. Give the person the link or the QR code.")
    return redirect(url_for("invitations.invitation", invitation_id=invitation.id), code=303)


@bp.get("/staff/invitations")
@requires(INVITE)
def invitations() -> str:
    user = signed_in_user()
    found = list(db.session.scalars(service.visible_to(user)))
    return render_template(
        "invitations/list.html", invitations=found, states=service.states_of(found), state_names=service.STATES
    )


@bp.get("/staff/invitations/<int:invitation_id>")
@requires(INVITE)
def invitation(invitation_id: int) -> str:
    found = _managed(invitation_id)
    return _show(found, _participation_form(found))


def _show(found: Invitation, participation_form: ParticipationForm | None) -> str:
    """The invitation's page (with the participation form as posted, after a refused code)."""
    state = service.states_of([found])[found.id]
    shown = state in LINK_SHOWN and _made_by_me(found)
    return render_template(
        "invitations/show.html",
        invitation=found,
        state=state,
        state_names=service.STATES,
        link=service.link(found) if shown else None,
        code=service.short_code(found) if shown else None,
        made_by_me=_made_by_me(found),
        code_address=service.code_address(),
        last_day=service.last_day(found),
        form=ConfirmForm(),
        participation_form=participation_form,
    )


@bp.post("/staff/invitations/<int:invitation_id>/participation")
@requires(INVITE)
def record_participation(invitation_id: int) -> Response | tuple[str, int]:
    """The IRO records, after the review, the DfE code for how the child took part."""
    found = _managed(invitation_id)
    form = _participation_form(found)
    if form is None:
        abort(
            400, description="A participation code is recorded for a child's invitation once the review has been held."
        )
    if not form.validate_on_submit():
        return _show(found, form), 400
    found.participation_code = form.code.data
    audit.record("participation_recorded", "invitation", found.id, code=form.code.data)
    db.session.commit()
    flash(f"Recorded: {form.code.data}.")
    return redirect(url_for("invitations.invitation", invitation_id=found.id), code=303)


def _participation_form(found: Invitation) -> ParticipationForm | None:
    """The form for a child's invitation once the review day has come; None otherwise."""
    if found.audience != CHILD or found.review_date > clock.now().date():
        return None
    form = ParticipationForm()
    if not form.is_submitted():
        form.code.data = found.participation_code or ""
    return form


@bp.get("/staff/invitations/<int:invitation_id>/qr.svg")
@requires(INVITE)
def qr_code(invitation_id: int) -> Response:
    found = _managed(invitation_id, link_shown=True)
    return Response(qr.svg(service.link(found)), mimetype="image/svg+xml")


@bp.get("/staff/invitations/<int:invitation_id>/print")
@requires(INVITE)
def print_invitation(invitation_id: int) -> str:
    found = _managed(invitation_id, link_shown=True)
    return render_template(
        "invitations/print.html",
        invitation=found,
        link=service.link(found),
        code=service.short_code(found),
        code_address=service.code_address(),
        last_day=service.last_day(found),
    )


@bp.post("/staff/invitations/<int:invitation_id>/sent")
@requires(INVITE)
def mark_sent(invitation_id: int) -> Response:
    found = _managed(invitation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if found.sent_at is None:
        found.sent_at = clock.now()
        audit.record("invitation_marked_sent", "invitation", found.id)
        db.session.commit()
        flash("Marked as sent.")
    return redirect(url_for("invitations.invitation", invitation_id=found.id), code=303)


@bp.post("/staff/invitations/<int:invitation_id>/stop")
@requires(INVITE)
def stop(invitation_id: int) -> Response:
    found = _managed(invitation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if found.revoked_at is None:
        found.revoked_at = clock.now()
        audit.record("invitation_stopped", "invitation", found.id)
        db.session.commit()
        flash("The link has been stopped. Anyone who opens it now is told to ask for a new one.")
    return redirect(url_for("invitations.invitation", invitation_id=found.id), code=303)


def _iro_choices(user: StaffUser) -> list[StaffUser] | None:
    """The IROs `user` may name, or None when they can only name themselves
    (an IRO, who sees only their own reviews)."""
    choices = service.iros(for_user=user)
    if not reaches_everyone(user) and [iro.id for iro in choices] in ([], [user.id]):
        return None
    return choices


def _chosen_iro(form: InvitationForm, choices: list[StaffUser]) -> StaffUser:
    by_id = {str(iro.id): iro for iro in choices}
    chosen = by_id.get(form.iro.data or "")
    if chosen is None:
        raise InvitationError("Choose the IRO who will chair the review.", "iro")
    return chosen


def _managed(invitation_id: int, link_shown: bool = False) -> Invitation:
    """The invitation if the signed-in person may manage it: 404 if there is
    none, 403 if it is another IRO's, 404 for its link once that is hidden or
    to anyone but the person who made it."""
    found = get_or_refuse(signed_in_user(), Invitation, invitation_id, hidden=403)
    if link_shown and (service.states_of([found])[found.id] not in LINK_SHOWN or not _made_by_me(found)):
        abort(404)
    return found


def _made_by_me(invitation: Invitation) -> bool:
    """Only the person who made an invitation is shown its link (and QR code and
    print page): it is the child's key until they first answer, so it goes to as
    few people as it can (docs/child-links.md)."""
    return invitation.created_by_id is not None and invitation.created_by_id == signed_in_user().id
