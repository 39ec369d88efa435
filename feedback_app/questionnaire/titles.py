"""How staff pages name a questionnaire: its title, who it is for, before or after.

Several questionnaires share a title ("Before my review" for each age band),
so a title alone is ambiguous and an id ("young-person-before-review") is not
words. Every staff page, list and error names a questionnaire through
`staff_title`, or the `questionnaire_name` template filter, which is the same.
"""

from __future__ import annotations

from flask import g
from sqlalchemy import func, select

from ..extensions import db
from ..models import QuestionnaireVersion
from ..vocabulary import AUDIENCES
from . import registry
from .loader import staff_text
from .schema import Questionnaire

# Who a questionnaire is for, as a staff list reads it: children by age band.
_YOUNG = {"4-7": "children 4-7", "8-11": "children 8-11", "12-18": "young people 12-18"}
_WHEN = {"before_review": "before the review", "after_review": "after the review"}


def for_whom(q: Questionnaire) -> str:
    """'young people 12-18', 'parents', 'carers'."""
    if q.age_band in _YOUNG:
        return _YOUNG[q.age_band]
    return AUDIENCES[q.audience].group.lower() if q.audience in AUDIENCES else q.audience


def staff_title(q: Questionnaire) -> str:
    """'Before my review (young people 12-18, before the review)'."""
    return f"{staff_text(q.title, q)} ({for_whom(q)}, {_WHEN.get(q.purpose, q.purpose)})"


def latest_questionnaire(questionnaire_id: str) -> Questionnaire | None:
    """The newest stored version of a questionnaire (what people answered), else its file."""
    version_id = db.session.scalar(
        select(func.max(QuestionnaireVersion.id)).where(QuestionnaireVersion.questionnaire_id == questionnaire_id)
    )
    if version_id is not None:
        return registry.questionnaire_of(version_id)
    loaded = registry.current(questionnaire_id)
    return loaded.questionnaire if loaded else None


def questionnaire_name(questionnaire: Questionnaire | str) -> str:
    """A questionnaire, or its id, as staff read it; an id with neither file nor stored version as itself.

    Remembered for the request, since a list names the same few many times.
    """
    if isinstance(questionnaire, Questionnaire):
        return staff_title(questionnaire)
    known = g.setdefault("questionnaire_names", {})
    if questionnaire not in known:
        found = latest_questionnaire(questionnaire)
        known[questionnaire] = staff_title(found) if found else questionnaire
    return known[questionnaire]
