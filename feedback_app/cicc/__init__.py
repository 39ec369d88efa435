"""The Children in Care Council view: child-friendly, anonymised results, approved
quotes and "You said, we did". A `cicc` account sees this page and nothing else."""

from flask import Blueprint

bp = Blueprint("cicc", __name__, url_prefix="/staff/cicc")

from . import routes  # noqa: E402,F401 - routes attach themselves to bp
