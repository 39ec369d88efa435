"""The year's anonymised answers as CSV, for a council's own analysis.

Only sent conversations, in words (question text and option labels, never
codes). No token, no invitation, no conversation id: each conversation is
numbered afresh in the file. Written answers are redacted (names, phone
numbers, e-mails, addresses, schools), and a flagged answer's words are left
out entirely. The raw export (`flask export-responses`) stays as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import case, select

from analysis.redaction import redact

from .. import question_types
from ..access import scope
from ..access.policy import Principal
from ..export import neutralise
from ..extensions import db
from ..models import Answer, Conversation
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from ..safeguarding import answer_is_flagged
from ..vocabulary import age_band_name, audience_name
from .figures import words_only
from .year import ReportingYear

COLUMNS = ("person", "questionnaire", "who", "age_band", "month_started", "question", "answer")
LEFT_OUT = "[left out: passed to safeguarding]"


def answer_rows(user: Principal, year: ReportingYear, batch_size: int = 2000) -> Iterator[tuple[str, ...]]:
    """One row per answer given in the year's sent conversations, streamed to keep memory flat."""
    query = (
        select(
            Conversation.id, Conversation.questionnaire_version_id, Conversation.audience, Conversation.created_at,
            Answer.question_id, Answer.value, case((answer_is_flagged(), True), else_=False),
        )  # fmt: skip
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(
            scope(user, Answer),
            Conversation.submitted_at.is_not(None),
            year.period.holds(Conversation.created_at),
            Answer.skipped.is_(False),
            Answer.value.is_not(None),
        )
        .order_by(Conversation.id, Answer.answered_at, Answer.id)
        .execution_options(yield_per=batch_size)
    )
    person, last_conversation = 0, None
    for conversation_id, version_id, audience, started, question_id, value, is_flagged in db.session.execute(query):
        if conversation_id != last_conversation:
            person, last_conversation = person + 1, conversation_id
        q = registry.questionnaire_of(version_id)
        question = next((item for item in q.questions if item.id == question_id), None)
        if question is None:
            continue
        kind = question_types.of(question)
        if kind.answer == "text":
            shown = LEFT_OUT if is_flagged else redact(str(value)).text
        else:
            chosen = tuple(value) if isinstance(value, list) else value
            shown = words_only(kind.shown(question, chosen, lambda words, q=q: staff_text(words, q)))
        yield (
            str(person), staff_text(q.title, q), audience_name(audience),
            age_band_name(q.age_band) if q.age_band else "", f"{started:%Y-%m}", staff_text(question.text, q), shown,
        )  # fmt: skip


def answers_csv(user: Principal, year: ReportingYear) -> Iterator[str]:
    """The CSV, a chunk of lines at a time (for a streamed download or a file)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for i, row in enumerate(answer_rows(user, year), start=1):
        writer.writerow([neutralise(cell) for cell in row])
        if i % 1000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


__all__ = ["COLUMNS", "answer_rows", "answers_csv"]
