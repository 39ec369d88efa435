"""A known set of conversations across two reporting years, with the figures counted by hand.

2025-26 (the year reported on):
- 15 young people (12-18) started, 10 sent; "How are things where you live?": 5 Great, 5 Good;
  "What is going well?": the praise (5 of them) or the complaint (5).
- 6 parents sent; "Did you get the review notes in time?": 6 yes.
2024-25 (the year before):
- 5 young people started and sent; all said Good.
Every sent conversation took 4 minutes from start to send.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from feedback_app.extensions import db
from tests.feedback_app.responses.builders import COMPLAINT, PARENTS, PRAISE, YOUNG_PEOPLE, conversation, converse

THIS_YEAR = datetime(2025, 9, 1, 10, tzinfo=UTC)
LAST_YEAR = datetime(2024, 9, 1, 10, tzinfo=UTC)
TOOK = timedelta(minutes=4)


def _dated(conversation_id: int, started: datetime) -> None:
    found = conversation(conversation_id)
    found.created_at = started
    if found.submitted_at is not None:
        found.submitted_at = started + TOOK
    db.session.commit()


def build_known_years() -> None:
    """Needs an app context with the test questionnaires."""
    for i in range(10):
        said = PRAISE if i < 5 else COMPLAINT
        _dated(converse(YOUNG_PEOPLE, {"home": "great" if i < 5 else "good", "going_well": said}), THIS_YEAR)
    for _ in range(5):
        _dated(converse(YOUNG_PEOPLE, {"home": "good"}, send=False), THIS_YEAR)
    for _ in range(6):
        _dated(converse(PARENTS, {"notes_in_time": "yes"}), THIS_YEAR)
    for _ in range(5):
        _dated(converse(YOUNG_PEOPLE, {"home": "good"}), LAST_YEAR)


__all__ = ["LAST_YEAR", "THIS_YEAR", "build_known_years"]
