"""Safeguarding: a worrying answer is never left unseen.

When a free-text answer is stored with a concern, the person is told at once
what happens next and where to get help (messages.py), an alert is stored and
e-mailed (alerts.py, notify.py), and staff work through the queue at
/staff/safeguarding, acknowledging each alert with what they did (routes.py).
Anyone showing answers beyond the staff side leaves flagged ones out with
`flags.flagged_answer_ids()`.
"""

from flask import Blueprint

from ..conversation.signals import answer_stored
from .alerts import on_answer_stored
from .flags import flagged_answer_ids, is_flagged

bp = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding")

# Connected once, at import; a strong reference, so it can never be collected.
answer_stored.connect(on_answer_stored, weak=False)

from . import routes  # noqa: E402,F401 - routes attach themselves to bp

__all__ = ["bp", "flagged_answer_ids", "is_flagged"]
