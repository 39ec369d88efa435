"""Which answers are flagged as a safeguarding concern: decided here, and only here.

An answer is flagged when its analysis found a concern, or when a safeguarding
alert was raised for it (the person may since have changed the words, but the
first words raised the alert). A flagged answer never reaches a quote, the
Children in Care Council view or anything exported for it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, not_, or_, select

from .. import models
from ..models import Answer


def is_flagged(answer: Answer) -> bool:
    """Whether one loaded answer is flagged (see the module docstring)."""
    if (answer.analysis or {}).get("concern"):
        return True
    alert = _alert_model()
    if alert is None or answer.id is None:
        return False
    from ..extensions import db

    return bool(db.session.scalar(select(exists().where(alert.answer_id == answer.id))))


def flagged() -> ColumnElement[bool]:
    """A SQL condition on `Answer`: true for a flagged answer."""
    by_analysis = Answer.analysis["concern"].as_string().is_not(None)
    alert = _alert_model()
    if alert is None:
        return by_analysis
    return or_(by_analysis, exists().where(alert.answer_id == Answer.id))


def not_flagged() -> ColumnElement[bool]:
    """A SQL condition on `Answer`: true for an answer that may be shown in aggregate."""
    return not_(flagged())


def _alert_model() -> Any:
    # Safeguarding alerts are built alongside this; until their model exists
    # the analysis alone decides.
    return getattr(models, "SafeguardingAlert", None)


__all__ = ["flagged", "is_flagged", "not_flagged"]
