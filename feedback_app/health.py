"""`GET /healthz`: 200 when the app and its database answer, 503 when not."""

from flask import Blueprint, jsonify

from .database import database_is_up

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    if database_is_up():
        return jsonify(status="ok")
    return jsonify(status="database unavailable"), 503
