"""Who an alert is about, for the staff who must follow it up (issue 9.2).

For an invited person: the first name as given on the invitation, their IRO,
the review date, the age band and the questionnaire in words, and their
whole conversation. Shown on the staff pages only, to whoever may see the
alert (`access.scope(user, SafeguardingAlert)`); never in the e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import question_types
from ..models import Answer, SafeguardingAlert
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from ..questionnaire.schema import Questionnaire
from ..questionnaire.titles import staff_title
from ..vocabulary import age_band_name, audience_name
from .flags import is_flagged


@dataclass(frozen=True)
class AlertSubject:
    """Who an alert is about. The invitation's facts are None for an anonymous person."""

    invited: bool
    first_name: str | None
    iro: str | None
    review_date: date | None
    audience: str
    age_band: str | None
    questionnaire: str


@dataclass(frozen=True)
class SaidRow:
    """One answer in the conversation, as staff read it."""

    question_id: str
    question: str
    answer: str | None  # None: skipped
    flagged: bool


def _questionnaire(alert: SafeguardingAlert) -> Questionnaire | None:
    if alert.conversation is not None:
        return registry.questionnaire_of(alert.conversation.questionnaire_version_id)
    loaded = registry.current(alert.questionnaire_id)
    return loaded.questionnaire if loaded else None


def subject_of(alert: SafeguardingAlert) -> AlertSubject:
    q = _questionnaire(alert)
    invitation = alert.conversation.invitation if alert.conversation is not None else None
    iro = alert.iro or (invitation.iro if invitation is not None else None)
    audience = audience_name(q.audience) if q else ""
    return AlertSubject(
        invited=alert.invited,
        first_name=invitation.first_name if invitation is not None else None,
        iro=iro.display_name if iro is not None else None,
        review_date=invitation.review_date if invitation is not None else None,
        audience=audience,
        age_band=(age_band_name(q.age_band) or None) if q else None,
        questionnaire=staff_title(q) if q else alert.questionnaire_id,
    )


def conversation_rows(alert: SafeguardingAlert) -> list[SaidRow]:
    """Every answer in the alert's conversation, in the questionnaire's order, as staff read it."""
    if alert.conversation is None:
        return []
    q = registry.questionnaire_of(alert.conversation.questionnaire_version_id)
    by_question: dict[str, Answer] = {answer.question_id: answer for answer in alert.conversation.answers}
    rows = []
    for question in q.questions:
        answer = by_question.pop(question.id, None)
        if answer is not None:
            rows.append(_row(question.id, staff_text(question.text, q), answer, question, q))
    rows += [_row(question_id, question_id, answer, None, q) for question_id, answer in by_question.items()]
    return rows


def _row(question_id: str, text: str, answer: Answer, question, q: Questionnaire) -> SaidRow:
    if answer.skipped or answer.value is None:
        shown = None
    elif question is None:  # a question no longer in its version: as stored
        shown = ", ".join(answer.value) if isinstance(answer.value, list) else str(answer.value)
    else:
        value = tuple(answer.value) if isinstance(answer.value, list) else answer.value
        shown = question_types.of(question).shown(question, value, lambda words: staff_text(words, q))
    return SaidRow(question_id, text, shown, is_flagged(answer))
