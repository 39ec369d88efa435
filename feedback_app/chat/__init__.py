"""The chat pages: the conversation as a web page that works without JavaScript."""

from flask import Blueprint

bp = Blueprint("chat", __name__)

from . import routes  # noqa: E402,F401 - routes attach themselves to bp
