"""Error pages in one place: JSON for API clients, a kind page for people."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from . import areas
from .extensions import db

FRIENDLY = {
    400: "Something in that request was not right.",
    403: "You can't see this page.",
    404: "We can't find that page. Check the link, or ask the person who sent it.",
    405: "That doesn't work here.",
    413: "That was too much to send at once. Please make it shorter.",
    415: "That kind of request isn't supported here.",
    429: "Lots of answers came from here very quickly. Please wait a minute and try again.",
    500: "Sorry, something went wrong on our side. Your earlier answers are saved.",
}


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _wants_json() -> bool:
    return areas.answers_in_json(request.path) or request.accept_mimetypes.best == "application/json"


def _http_error(error: HTTPException):
    status = error.code or 500
    if _wants_json():
        # Our own messages are in the description; werkzeug's defaults are
        # replaced by plainer words.
        default = type(error).description
        message = error.description if error.description != default else FRIENDLY.get(status, error.name)
        return jsonify(error=message), status
    # Staff keep their header (who they are, staff home, sign out) on a refusal.
    template = "staff/error.html" if _signed_in_staff() else "error.html"
    return render_template(template, status=status, message=FRIENDLY.get(status, error.name)), status


def _signed_in_staff() -> bool:
    if not (request.path == "/staff" or request.path.startswith("/staff/")):
        return False
    from .auth import current_user

    try:
        return current_user() is not None
    except Exception:  # the database itself may be what failed: the plain page then
        db.session.rollback()
        return False


def _unexpected_error(error: Exception):
    # Never leave a half-done transaction behind a 500.
    db.session.rollback()
    if isinstance(error, HTTPException):  # pragma: no cover - handled above
        return _http_error(error)
    from flask import current_app

    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return _http_error(InternalServerError())
