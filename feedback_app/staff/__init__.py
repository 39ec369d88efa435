"""The staff side, under /staff/. Every view here names its capability with `requires`."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import approvals, audit_log, routes, users  # noqa: E402,F401 - routes attach themselves to bp
