"""Which answers are flagged as a safeguarding concern, for the reporting pages.

The rule itself belongs to safeguarding (`feedback_app.safeguarding.flags`):
an answer is flagged when an alert was raised for it, or when its analysis
found a concern. A flagged answer never reaches a quote, the Children in Care
Council view or anything exported for it. Reporting code asks here, so that
the rule is applied the same way everywhere it is needed.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, not_

from ..safeguarding.flags import answer_is_flagged, is_flagged


def flagged() -> ColumnElement[bool]:
    """A SQL condition on `Answer`: true for a flagged answer."""
    return answer_is_flagged()


def not_flagged() -> ColumnElement[bool]:
    """A SQL condition on `Answer`: true for an answer that may be counted or quoted."""
    return not_(answer_is_flagged())


__all__ = ["flagged", "is_flagged", "not_flagged"]
