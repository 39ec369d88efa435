"""What people said, for staff: the dashboard, the responses list with filters,
one conversation with its analysis, and closed questions' figures.

Every view is under /staff/ and names its capability with `requires`.
What it shares with other features lives outside it: bar charts in
`feedback_app/charts.py`, periods and reporting years in `feedback_app/periods.py`,
conditions on stored JSON in `feedback_app/stored_json.py`; the rule for answers
flagged as a safeguarding concern is safeguarding's (`feedback_app.safeguarding`).
"""

from flask import Blueprint

from .queries import drop_off, latest_questionnaire, stopped_at

bp = Blueprint("responses", __name__, url_prefix="/staff")

from . import routes  # noqa: E402,F401 - routes attach themselves to bp

__all__ = ["bp", "drop_off", "latest_questionnaire", "stopped_at"]
