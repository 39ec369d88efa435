"""The child's side of an invitation: the link, the short code typed at /code,
and carrying the conversation on another device.

Opening the link (a GET) stores nothing, since a link preview or a prefetch
opens it too: it shows the questionnaire's first screen, whose script says
it was seen (POST /i/<token>/opened: the staff page's "Opened"), and the first answer begins the conversation
and binds it to this device (conversation/devices.py). Opening it again on
that device carries on. Another device is asked for the code the child was
shown, or may start again after a warning. A request that carries a staff
session never gets the child's conversation. docs/child-links.md explains why.

The short code stands for the link: typed right, it goes to /i/<token>, as
the QR code would. Wrong codes are rate limited per address (RATELIMIT_CODE);
a right one is not counted, so a class at one school address is not locked out.
"""

from __future__ import annotations

from flask import abort, current_app, make_response, redirect, render_template, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from ..auth import current_user
from ..conversation import devices
from ..conversation import service as conversations
from ..extensions import db, limiter
from ..models import Conversation, Invitation
from . import bp, service
from .forms import CodeForm, ConfirmForm

DEFAULT_RATE_LIMIT = "60 per hour"  # per address; RATELIMIT_INVITATION overrides it


def _wrong_only(response) -> bool:
    return response.status_code != 303


@bp.route("/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_CODE"], methods=["POST"], deduct_when=_wrong_only)
def code() -> Response | str | tuple[str, int]:
    form = CodeForm()
    if form.validate_on_submit():
        found = service.find_by_code(form.code.data or "")
        if found is not None:
            return redirect(url_for("invitations.open_link", token=found.token), code=303)
        form.code.errors.append(
            "That code doesn't work. Check it against your letter: it has 8 letters and numbers, like AB12-CD34. "
            "A code stops working when its link does."
        )
    status = 422 if form.errors else 200
    return render_template("invitations/code.html", form=form), status


@bp.get("/i/<token>")
@limiter.limit(lambda: current_app.config.get("RATELIMIT_INVITATION", DEFAULT_RATE_LIMIT))
def open_link(token: str) -> Response | str | tuple[str, int]:
    """The person's link: their first screen, or carry on where they were."""
    from .. import chat  # here: the chat's pages import this package's codes

    invitation = _opened(token)
    conversation = invitation.conversation
    if conversation is None:
        state = conversations.first_screen(invitation.questionnaire_id, request.args.get("lang"), invitation.first_name)
        opened = url_for("invitations.seen", token=token)
        return chat.first_screen_page(invitation.questionnaire_id, request.path, state, chat.AnswerForm(), opened=opened)
    if devices.holds(conversation):
        return redirect(url_for("chat.conversation", token=conversation.token, _anchor="latest"), code=303)
    return _another_device(invitation, conversation)


@bp.post("/i/<token>")
@limiter.limit(lambda: current_app.config["RATELIMIT_START"])
def begin(token: str) -> Response | tuple[str, int]:
    """The first answer through the link: the conversation begins, bound to this device."""
    from .. import chat

    invitation = _opened(token)
    if invitation.conversation is not None:
        return redirect(url_for("invitations.open_link", token=token), code=303)
    secret = devices.new_secret()
    try:
        begun = chat.begin_from_first_screen(
            invitation.questionnaire_id, request.path, invitation=invitation, device_hash=devices.hash_of(secret)
        )
    except IntegrityError:
        db.session.rollback()  # begun on another device at the same moment
        return redirect(url_for("invitations.open_link", token=token), code=303)
    if not isinstance(begun, Conversation):
        return begun
    return devices.give(chat.moved_on(begun.token), begun, secret)


@bp.post("/i/<token>/opened")
@limiter.limit(lambda: current_app.config.get("RATELIMIT_INVITATION", DEFAULT_RATE_LIMIT))
def seen(token: str) -> tuple[str, int]:
    """The first screen was shown to a person (chat.js says so once it is on the
    screen): the invitation is "Opened". A second time changes nothing."""
    invitation = _opened(token)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    service.mark_opened(invitation)
    return "", 204


@bp.post("/i/<token>/device")
@limiter.limit(lambda: current_app.config["RATELIMIT_CODE"], deduct_when=_wrong_only)
def this_device(token: str) -> Response | tuple[str, int]:
    """Carry the conversation on here, with the code the child was shown."""
    invitation = _opened(token)
    conversation = invitation.conversation
    form = CodeForm()
    if conversation is None or conversation.submitted_at is not None:
        return redirect(url_for("invitations.open_link", token=token), code=303)
    if form.validate_on_submit():
        secret = devices.new_secret()
        if service.move_to_device(conversation, form.code.data or "", devices.hash_of(secret)):
            response = redirect(url_for("chat.conversation", token=conversation.token, _anchor="latest"), code=303)
            return devices.give(response, conversation, secret)
        form.code.errors.append(
            "That code doesn't match. It is the one shown on the other phone or tablet, like AB12-CD34."
        )
    return _another_device(invitation, conversation, form), 422


@bp.post("/i/<token>/again")
def start_again(token: str) -> Response:
    """Start again on this device, after the warning: the other device's answers are not sent."""
    invitation = _opened(token)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if invitation.conversation is not None and not devices.holds(invitation.conversation):
        try:
            service.start_again(invitation)
        except service.LinkClosed:
            pass  # already sent: the link's page says so
    return redirect(url_for("invitations.open_link", token=token), code=303)


def _opened(token: str) -> Invitation:
    """The invitation, for the child's own pages only: 403 to a staff session,
    404 for an unknown link, 410 for one that no longer works."""
    if current_user() is not None:
        abort(make_response(render_template("chat/not_this_device.html", staff=True), 403))
    try:
        return service.usable(token)
    except service.UnknownLink:
        abort(404)  # the same page as any unknown address: nothing is revealed
    except service.LinkClosed as closed:
        iro = closed.invitation.iro
        abort(
            make_response(
                render_template("invitations/link_closed.html", iro_name=iro.display_name if iro else None), 410
            )
        )


def _another_device(invitation: Invitation, conversation: Conversation, form: CodeForm | None = None) -> str:
    return render_template(
        "invitations/another_device.html",
        invitation=invitation,
        sent=conversation.submitted_at is not None,
        form=form or CodeForm(),
        confirm=ConfirmForm(),
    )

