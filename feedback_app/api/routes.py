"""The API's routes: thin wrappers over feedback_app.conversation.service."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Response, current_app, jsonify, request

from ..auth import current_user
from ..chat import drawn_parts
from ..conversation import devices, service
from ..conversation.engine import AnswerError, NotOpenError, SubmittedError
from ..extensions import csrf, limiter
from ..questionnaire import registry
from ..questionnaire.loader import localise
from . import bp
from .document import document
from .requests import RequestProblem, json_object, optional_string
from .serialise import state_json

# The API is authorised by the conversation token in the URL, never by a
# cookie alone, so cross-site request forgery has nothing to ride on. (An
# invited child's conversation also asks for its device cookie, as well as the token.)
csrf.exempt(bp)

# `?render=chat`: the state also carries the chat page's parts as HTML, for chat.js.
RENDERINGS = ("chat",)


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[Response, int]:
    return jsonify(error=error.message), error.status


@bp.before_request
def _known_rendering() -> None:
    # Checked before anything is done, so that a bad request never stores an answer first.
    if request.args.get("render", RENDERINGS[0]) not in RENDERINGS:
        raise RequestProblem(f"'render' can only be {', '.join(RENDERINGS)}.")


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())


@bp.get("/questionnaires")
def list_questionnaires() -> Response:
    items = []
    for loaded in registry.available().values():
        q = loaded.questionnaire
        items.append(
            {
                "id": q.id,
                "title": localise(q.title, q.default_language, q.default_language),
                "audience": q.audience,
                "age_band": q.age_band,
                "purpose": q.purpose,
                "languages": list(q.languages),
                "version": q.version,
            }
        )
    return jsonify(questionnaires=items)


@bp.post("/conversations")
@limiter.limit(lambda: current_app.config["RATELIMIT_START"])
def create_conversation() -> tuple[Response, int]:
    data = json_object({"questionnaire", "language"})
    questionnaire_id = data.get("questionnaire")
    if not isinstance(questionnaire_id, str) or not questionnaire_id:
        raise RequestProblem('Say which questionnaire to start, as {"questionnaire": "its-id"}.')
    language = optional_string(data, "language", limit=16)
    try:
        conversation = service.start(questionnaire_id, language)
    except service.UnknownQuestionnaire:
        raise ApiError(404, f"There is no questionnaire called {questionnaire_id[:64]!r}.") from None
    return _json_state(conversation, service.state_of_new(conversation)), 201


@bp.get("/conversations/<token>")
def get_conversation(token: str) -> Response:
    conversation = _conversation(token)
    change = request.args.get("change")
    return _state(conversation, change=change)


@bp.post("/conversations/<token>/answers")
@limiter.limit(lambda: current_app.config["RATELIMIT_ANSWER"])
def answer(token: str) -> Response:
    data = json_object({"question_id", "value", "skip", "key"})
    conversation = _conversation(token, to_answer=True)
    question_id = data.get("question_id")
    if not isinstance(question_id, str):
        raise RequestProblem('Say which question this answers, as {"question_id": "..."}.')
    skip = data.get("skip", False)
    if not isinstance(skip, bool):
        raise RequestProblem("'skip' should be true or false.")
    if not skip and "value" not in data:
        raise RequestProblem('Give the answer as "value", or send "skip": true.')
    with _answer_errors():
        state = service.record_answer(conversation, question_id, data.get("value"), skip=skip, key=data.get("key"))
    return _json_state(conversation, state)


@bp.post("/conversations/<token>/finish")
def finish(token: str) -> Response:
    json_object(set())
    conversation = _conversation(token)
    with _answer_errors():
        return _json_state(conversation, service.finish_early(conversation))


@bp.post("/conversations/<token>/resume")
def resume(token: str) -> Response:
    json_object(set())
    conversation = _conversation(token)
    with _answer_errors():
        return _json_state(conversation, service.resume(conversation))


@bp.post("/conversations/<token>/submit")
def submit(token: str) -> Response:
    data = json_object({"sharing"})
    conversation = _conversation(token)
    with _answer_errors():
        return _json_state(conversation, service.submit(conversation, sharing=data.get("sharing", "")))


def _conversation(token: str, to_answer: bool = False):
    conversation = service.find_to_answer(token) if to_answer else service.find(token)
    if conversation is None:
        raise ApiError(404, "There is no conversation at this link. Check the link, or start again.")
    if service.closed_invitation(conversation) is not None:
        raise ApiError(410, "This link doesn't work any more: it was stopped or has expired. Ask for a new one.")
    if devices.refused(conversation, staff_signed_in=current_user() is not None):
        # An invited child's conversation answers only the device it is bound to,
        # and never a staff session (docs/child-links.md).
        raise ApiError(
            403, "This conversation is open on another device. Open your link again there, or type your code."
        )
    return conversation


def _state(conversation, change: str | None = None) -> Response:
    return _json_state(conversation, service.state_of(conversation, change=change))


def _json_state(conversation, state) -> Response:
    body = state_json(conversation.token, state)
    if request.args.get("render") == "chat":
        body["html"] = drawn_parts(conversation, state)
    return jsonify(body)


@contextmanager
def _answer_errors() -> Iterator[None]:
    """Map the engine's refusals to HTTP: sent or not open is 409, a bad value 422."""
    try:
        yield
    except (SubmittedError, NotOpenError) as error:
        raise ApiError(409, str(error)) from None
    except AnswerError as error:
        raise ApiError(422, str(error)) from None
