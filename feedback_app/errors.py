"""Error pages in one place: JSON for API clients, a kind page for people."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from sqlalchemy import exc as database_errors
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

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
    503: "Sorry, we can't save answers for a moment. Your earlier answers are saved. Please try again in a minute.",
}

# The database is not reachable (stopped, restarting, or the network between),
# or too busy to answer in time: the request can be tried again, and the pool
# reconnects by itself (pool_pre_ping), so this is a 503, not a 500.
DATABASE_UNAVAILABLE = (
    database_errors.OperationalError,
    database_errors.InterfaceError,
    database_errors.DisconnectionError,
    database_errors.TimeoutError,
)
RETRY_AFTER_SECONDS = 5


def register(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    for error in DATABASE_UNAVAILABLE:
        app.register_error_handler(error, _database_unavailable)
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
        _roll_back()
        return False


def _unexpected_error(error: Exception):
    # Never leave a half-done transaction behind a 500. (An HTTPException never
    # comes here: Flask gives it to the more specific `_http_error`.)
    _roll_back()
    from flask import current_app

    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    return _http_error(InternalServerError())


def _database_unavailable(error: Exception):
    from flask import current_app

    if not _passing(error):
        return _unexpected_error(error)
    _roll_back()
    # Only the driver's own first line: the whole error would quote the SQL's
    # parameters, which can be a child's words.
    reason = (str(getattr(error, "orig", None) or error).strip().splitlines() or [""])[0]
    current_app.logger.warning(
        "database unavailable on %s %s: %s: %s", request.method, request.path, type(error).__name__, reason
    )
    response, status = _http_error(ServiceUnavailable())
    response = current_app.make_response((response, status))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _passing(error: Exception) -> bool:
    """Whether the failure will pass by itself. On SQLite only a lock held too long
    (or a file briefly unopenable) does; a missing table, say, is a real fault."""
    if db.engine.dialect.name != "sqlite":
        return True
    message = str(getattr(error, "orig", error)).lower()
    return any(word in message for word in ("locked", "busy", "unable to open"))


def _roll_back() -> None:
    """End the failed transaction; when the connection itself is gone there is nothing to end."""
    try:
        db.session.rollback()
    except database_errors.DBAPIError:
        db.session.close()
