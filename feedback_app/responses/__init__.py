"""What people said, for staff: the dashboard, the responses list with filters,
one conversation with its analysis, and closed questions' figures.

Every view is under /staff/ and names its roles with `requires_role`.
Other features use `flags.is_flagged` / `flags.not_flagged` to keep answers
flagged as a safeguarding concern out of anything shared.
"""

from flask import Blueprint

bp = Blueprint("responses", __name__, url_prefix="/staff")

from . import routes  # noqa: E402,F401 - routes attach themselves to bp
