"""Safeguarding: a worrying answer is never left unseen.

When a free-text answer is stored with a concern, the person is told at once
what happens next and where to get help (messages.py), an alert is stored and
e-mailed (alerts.py, notify.py), and staff work through the queue at
/staff/safeguarding, acknowledging each alert with what they did (routes.py).
Anyone showing answers beyond the staff side leaves flagged ones out with
`not_flagged()` (or `flagged_answer_ids()`, or `is_flagged(answer)` for one);
the conversation asks `notices_for` what to tell the person after a flagged
answer. Other features import these from here, never from the modules.
"""

from flask import Blueprint

from ..conversation.signals import answer_stored
from .alerts import on_answer_stored
from .flags import answer_is_flagged, flagged_answer_ids, is_flagged, not_flagged
from .messages import notices_for
from .working_days import one_working_day_after

bp = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding")

# Connected once, at import; a strong reference, so it can never be collected.
answer_stored.connect(on_answer_stored, weak=False)

from . import routes  # noqa: E402,F401 - routes attach themselves to bp
from .states import AlertState, alert_states, waiting_and_overdue  # noqa: E402 - needs the models and access, as routes do

__all__ = ["AlertState", "alert_states", "answer_is_flagged", "bp", "flagged_answer_ids", "is_flagged", "not_flagged", "notices_for", "one_working_day_after", "waiting_and_overdue"]
