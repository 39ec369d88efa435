"""Chat routes: every answer is a normal form post, then a redirect (post, redirect, get).

`/start/<id>` only shows the first screen: a GET never stores anything, so a
link preview, a prefetch or a refresh is not a conversation "started". The
conversation is stored by the first thing posted from that screen, and a
cookie on that one path remembers it, so tapping the same link again on the
same phone offers to carry on rather than starting an empty one.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import abort, current_app, make_response, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from .. import question_types
from ..auth import current_user
from ..conversation import devices, service
from ..conversation.engine import AnswerError
from ..conversation.wording import LANGUAGE_NAMES, counted_text, interface_text
from ..extensions import limiter
from ..invitations import codes
from ..models import Conversation
from ..questionnaire.loader import localise
from . import bp
from .forms import ACTIONS, AnswerForm
from .parts import latest_index


@bp.app_context_processor
def _wording() -> dict:
    # answer_key: a one-time id for each answer form drawn, so the browser posting
    # the same form again (or chat.js resending it) is recognised, not stored twice.
    return {
        "words": interface_text,
        "counted_words": counted_text,
        "question_type": question_types.of,
        "answer_key": lambda: secrets.token_urlsafe(16),
        # What chat.js keeps a half-typed answer under on the phone: not the link itself.
        "draft_key": lambda token: "d" + _mark(token),
    }


# In the session: which conversation the last step on these pages moved on (a hash, not its link).
MOVED_ON = "moved_on"


def _mark(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def moved_on(token: str) -> Response:
    """The redirect after a step, marked so the next page load is not taken for a return."""
    session[MOVED_ON] = _mark(token)
    return redirect(url_for("chat.conversation", token=token, _anchor="latest"), code=303)


# The cookie that remembers, on the /start/<id> path only, the conversation begun there.
CARRY_ON_COOKIE = "conversation"
CARRY_ON_DAYS = 60


@bp.get("/start/<questionnaire_id>")
def start(questionnaire_id: str) -> str:
    language = request.args.get("lang")
    try:
        state = service.first_screen(questionnaire_id, language)
    except service.UnknownQuestionnaire:
        abort(404)
    begun = _begun_here(questionnaire_id)
    if begun is not None and "again" not in request.args:
        return _carry_on_page(questionnaire_id, begun)
    return first_screen_page(questionnaire_id, request.path, state, AnswerForm())


@bp.post("/start/<questionnaire_id>")
@limiter.limit(lambda: current_app.config["RATELIMIT_START"])
def begin(questionnaire_id: str) -> Response | tuple[str, int]:
    """The first answer (or skip, or "finish now") from the first screen: the conversation begins."""
    try:
        service.questionnaire_by_id(questionnaire_id)
    except service.UnknownQuestionnaire:
        abort(404)
    begun = begin_from_first_screen(questionnaire_id, request.path)
    if not isinstance(begun, Conversation):
        return begun
    response = moved_on(begun.token)
    response.set_cookie(
        CARRY_ON_COOKIE,
        begun.token,
        max_age=CARRY_ON_DAYS * 24 * 3600,
        path=url_for("chat.start", questionnaire_id=questionnaire_id),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def begin_from_first_screen(
    questionnaire_id: str, screen: str, invitation=None, device_hash: str | None = None
) -> Conversation | tuple[str, int]:
    """Begin a conversation from the first screen's posted form: the stored
    conversation, or the first screen again with the problem (422).

    `screen` is the first screen's own path, which its form posts back to
    (/start/<id>, or an invitation's /i/<token>). Raises IntegrityError if
    `invitation` already has a conversation."""
    language = request.args.get("lang")
    first_name = invitation.first_name if invitation is not None else None
    first = service.first_screen(questionnaire_id, language, first_name)
    form = AnswerForm()
    if not form.validate_on_submit():
        message = "This page was open for a long time. Please send your answer again."
        return first_screen_page(questionnaire_id, screen, first, form, error=message), 422
    action = request.form.get("action", "answer")
    question_id = form.question_id.data or ""
    try:
        question = service.questionnaire_by_id(questionnaire_id).question(question_id)
        return service.begin(
            questionnaire_id,
            language,
            question_id=question_id,
            value=question_types.of(question).from_form(request.form) if question is not None else None,
            skip=action == "skip",
            finish=action == "finish",
            invitation=invitation,
            key=request.form.get("answer_key"),
            device_hash=device_hash,
        )
    except AnswerError as error:
        return first_screen_page(questionnaire_id, screen, first, form, error=str(error)), 422


def _begun_here(questionnaire_id: str):
    """The open (not yet sent) conversation this phone began at this link, if any."""
    found = service.find(request.cookies.get(CARRY_ON_COOKIE, ""))
    if found is None or found.submitted_at is not None or found.questionnaire_id != questionnaire_id:
        return None
    return found


def _carry_on_page(questionnaire_id: str, found) -> str:
    state = service.state_of(found)
    q = service.questionnaire_of(found)
    return render_template(
        "chat/carry_on.html",
        state=state,
        title=localise(q.title, state.language, q.default_language),
        carry_on=url_for("chat.conversation", token=found.token, _anchor="latest"),
        again=url_for("chat.start", questionnaire_id=questionnaire_id, again=1, lang=request.args.get("lang")),
    )


def first_screen_page(
    questionnaire_id: str, screen: str, state, form: AnswerForm, error: str | None = None, opened: str | None = None
) -> str:
    """The first screen: the questionnaire's opening and first question, posting back to `screen`.
    `opened`: where chat.js says the screen was seen (an invitation's link)."""
    return _page(
        None,
        state,
        form,
        error=error,
        typed=request.form.get("text", ""),
        questionnaire=service.questionnaire_by_id(questionnaire_id),
        first_screen=screen,
        opened=opened,
    )


@bp.get("/c/<token>")
def conversation(token: str) -> str:
    found = _find(token)
    change = request.args.get("change")
    state = service.state_of(found, change=change)
    # Not straight after one of this page's own steps: the person has come
    # back (a new visit, the link tapped again), so greet them and open at
    # the open question rather than at the top of everything said so far.
    returning = session.pop(MOVED_ON, None) != _mark(found.token)
    welcome = returning and change is None and state.status == "open" and state.answered > 0
    return _page(found, state, AnswerForm(), welcome=welcome)


@bp.get("/c/<token>/language/<language>")
def switch_language(token: str, language: str) -> Response:
    """Carry on in another language, from exactly where the person is."""
    found = _find(token)
    service.set_language(found, language)
    return moved_on(found.token)


@bp.post("/c/<token>")
@limiter.limit(lambda: current_app.config["RATELIMIT_ANSWER"])
def act(token: str) -> Response | tuple[str, int]:
    found = _find(token, to_change=True)
    form = AnswerForm()
    if not form.validate_on_submit():
        return _again(found, form, "This page was open for a long time. Please send your answer again.")
    action = request.form.get("action", "answer")
    if action not in ACTIONS:
        action = "answer"
    try:
        if action == "finish":
            service.finish_early(found)
        elif action == "resume":
            service.resume(found)
        elif action == "submit":
            service.submit(found, sharing=request.form.get("sharing", ""))
        else:
            question_id = form.question_id.data or ""
            state = service.record_answer(
                found,
                question_id,
                _value_from(found, question_id),
                skip=action == "skip",
                key=request.form.get("answer_key"),
            )
            if state.status == "review" and request.form.get("back_to") == f"review-{question_id}":
                # A changed answer: back to its card in the review, not the top.
                return redirect(
                    url_for("chat.conversation", token=found.token, _anchor=f"review-{question_id}"), code=303
                )
    except AnswerError as error:
        return _again(found, form, str(error))
    return moved_on(found.token)


def _value_from(found, question_id: str) -> object:
    """The answer as the engine expects it, read from the form as the question's type posts it."""
    question = service.questionnaire_of(found).question(question_id)
    # An unknown question is refused by the engine, in words, whatever was sent.
    return question_types.of(question).from_form(request.form) if question is not None else None


def _again(found, form: AnswerForm, message: str) -> tuple[str, int]:
    """Show the page again with the error, keeping anything the person typed."""
    state = service.state_of(found, change=request.form.get("question_id") or None)
    return _page(found, state, form, error=message, typed=request.form.get("text", "")), 422


def _page(
    found,
    state,
    form: AnswerForm,
    error: str | None = None,
    typed: str = "",
    questionnaire=None,
    first_screen: str | None = None,
    welcome: bool = False,
    opened: str | None = None,
) -> str:
    q = questionnaire or service.questionnaire_of(found)
    title = localise(q.title, state.language, q.default_language)
    languages = [(code, LANGUAGE_NAMES.get(code, code)) for code in q.languages]
    return render_template(
        "chat/conversation.html",
        conversation=found,
        state=state,
        form=form,
        error=error,
        typed=typed,
        title=title,
        languages=languages,
        latest=-1 if welcome else latest_index(state),
        sharing=service.sharing_choice(found) if found is not None and state.status == "review" else None,
        # Shown to an invited child, to carry the conversation on another device.
        device_code=codes.shown(codes.device_code(found.token)) if found is not None and found.invitation_id else None,
        first_screen=first_screen,
        opened=opened,
        welcome=welcome,
    )


def _find(token: str, to_change: bool = False):
    # A step that changes the conversation finds it with its row lock on PostgreSQL (one transaction).
    found = service.find_to_answer(token) if to_change else service.find(token)
    if found is None:
        abort(404)
    closed = service.closed_invitation(found)
    if closed is not None:
        iro_name = closed.iro.display_name if closed.iro else None
        abort(make_response(render_template("invitations/link_closed.html", iro_name=iro_name), 410))
    if devices.refused(found, staff_signed_in=current_user() is not None):
        # An invited child's conversation is theirs alone: never shown to a
        # staff session, nor to a device it is not bound to (docs/child-links.md).
        abort(make_response(render_template("chat/not_this_device.html", staff=current_user() is not None), 403))
    return found
