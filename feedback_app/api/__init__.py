"""The JSON API, version 1: the same conversation engine as the chat pages."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import routes  # noqa: E402,F401 - routes attach themselves to bp
