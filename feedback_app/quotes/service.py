"""The quote bank's rules: which answers may be offered, and what approving means.

An answer is offered only if the conversation was sent, the person answered
"yes" to the question that records consent to quote, and the answer is not
flagged as a concern. Approving needs a person to confirm that they reviewed
the redaction and checked the consent; the service checks both again itself.
Only `approved_quotes` hands quotes to anything outside the quote bank.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from analysis.quotes import QuoteCandidate, pick_quotes
from analysis.redaction import redact
from analysis.result import Analysis

from ..access import scope
from ..access.policy import Principal
from ..extensions import db
from ..models import Answer, BankedQuote, Conversation, QuestionnaireVersion, StaffUser, utcnow
from ..periods import Period
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from ..safeguarding import is_flagged, not_flagged
from ..stored_json import json_text
from ..vocabulary import AUDIENCES, CHILD, age_band_name

MAX_LENGTH = 2000
PER_GROUP = 3  # new candidates per theme and sentiment, each time candidates are found


class QuoteError(ValueError):
    """A quote cannot be changed as asked; the message says why, for the reviewer."""


# --- finding candidates ------------------------------------------------------------


def consent_questions() -> dict[int, str]:
    """For each stored questionnaire version, the id of its consent-to-quote question."""
    found = {}
    for version_id in db.session.scalars(select(QuestionnaireVersion.id)):
        q = registry.questionnaire_of(version_id)
        question = next((x for x in q.questions if x.records == "consent_to_quote"), None)
        if question is not None:
            found[version_id] = question.id
    return found


def _consent_given(consent_by_version: dict[int, str]):
    """A SQL condition on Answer: the person said yes to being quoted in that conversation."""
    consent = aliased(Answer)
    asked = or_(
        *[
            and_(Conversation.questionnaire_version_id == version_id, consent.question_id == question_id)
            for version_id, question_id in consent_by_version.items()
        ]
    )
    return exists().where(
        consent.conversation_id == Answer.conversation_id,
        asked,
        consent.skipped.is_(False),
        json_text(consent.value) == json.dumps("yes"),
    )


def quotable_answers(user: Principal):
    """Free-text answers `user` may read that may be offered and are not in the bank yet."""
    consent_by_version = consent_questions()
    if not consent_by_version:
        return None
    return (
        select(Answer)
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(
            scope(user, Answer),
            Conversation.submitted_at.is_not(None),
            Answer.skipped.is_(False),
            # Free text is the only kind of answer stored with an analyser version.
            Answer.analyser_version.is_not(None),
            _consent_given(consent_by_version),
            not_flagged(),
            ~exists().where(BankedQuote.answer_id == Answer.id),
        )
        .order_by(Answer.id)
    )


def same_words(text: str) -> str:
    """`text` reduced to its words, so that case, spacing and punctuation don't make two quotes differ."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def author_of(quote: BankedQuote) -> str:
    """Who wrote the quote, as a report would say it: "A young person (12 to 18)", "A parent", "A carer"."""
    conversation = quote.answer.conversation
    q = registry.questionnaire_of(conversation.questionnaire_version_id)
    if conversation.audience == CHILD:
        who = "A young person" if q.age_band == "12-18" else "A child"
        return f"{who}, {age_band_name(q.age_band).lower()}" if q.age_band else "A child or young person"
    return AUDIENCES[conversation.audience].one.capitalize() if conversation.audience in AUDIENCES else conversation.audience


def known_names(answer: Answer) -> tuple[str, ...]:
    """Names the service knows for the person (their first name, their IRO), for redaction."""
    invitation = answer.conversation.invitation
    if invitation is None:
        return ()
    names = [invitation.first_name, *(invitation.iro.display_name.split() if invitation.iro else ())]
    return tuple(name for name in names if name)


def find_candidates(user: Principal) -> int:
    """Offer new candidates from the answers `user` may read not yet in the bank; returns how many were added.

    The caller commits. Raises QuoteError if someone else was adding the same
    candidates at the same moment (the caller then rolls back).
    """
    query = quotable_answers(user)
    if query is None:
        return 0
    answers = {answer.id: answer for answer in db.session.scalars(query)}
    candidates = [
        QuoteCandidate(
            answer.id,
            Analysis.from_dict(answer.value, answer.analysis),
            consent_to_quote=True,
            names=known_names(answer),
        )
        for answer in answers.values()
        if isinstance(answer.value, str) and answer.analysis
    ]
    best = {}
    for quote in pick_quotes(candidates, per_group=PER_GROUP):
        # An answer picked under several themes is offered once, under its best fit.
        if quote.answer_id not in best or quote.score > best[quote.answer_id].score:
            best[quote.answer_id] = quote
    # The same words from two people (or sent twice) are offered once: the bank
    # is for choosing between different things said, and a report quotes each once.
    seen = {same_words(text) for text in db.session.scalars(select(BankedQuote.suggested_text))}
    for quote in sorted(best.values(), key=lambda q: (-q.score, q.answer_id)):
        if same_words(quote.redacted_text) in seen:
            del best[quote.answer_id]
        else:
            seen.add(same_words(quote.redacted_text))
    for quote in best.values():
        db.session.add(
            BankedQuote(
                answer_id=quote.answer_id,
                theme=quote.theme,
                sentiment=quote.sentiment,
                score=quote.score,
                suggested_text=quote.redacted_text,
                redacted_text=quote.redacted_text,
            )
        )
    try:
        db.session.flush()
    except IntegrityError:
        raise QuoteError("Someone else was finding candidates at the same moment. Try again.") from None
    return len(best)


# --- reviewing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Consent:
    question: str
    given: bool


def consent_of(quote: BankedQuote) -> Consent | None:
    """What the person said when asked whether they may be quoted, or None if never asked."""
    conversation = quote.answer.conversation
    q = registry.questionnaire_of(conversation.questionnaire_version_id)
    question = next((x for x in q.questions if x.records == "consent_to_quote"), None)
    if question is None:
        return None
    answer = next((a for a in conversation.answers if a.question_id == question.id), None)
    return Consent(staff_text(question.text, q), answer is not None and answer.value == "yes")


def approve(quote: BankedQuote, text: str, by: StaffUser, *, redaction_reviewed: bool, consent_checked: bool) -> None:
    """Approve the quote with `text` as its wording. Raises QuoteError; the caller commits."""
    if not (redaction_reviewed and consent_checked):
        raise QuoteError("Confirm that you reviewed the redaction and checked consent.")
    consent = consent_of(quote)
    if consent is None or not consent.given:
        raise QuoteError("The person did not agree to be quoted, so this can't be approved.")
    if is_flagged(quote.answer):
        raise QuoteError("This answer is flagged as a safeguarding concern, so it can never be quoted.")
    quote.redacted_text = checked_text(text, quote)
    quote.status = "approved"
    quote.redaction_reviewed = quote.consent_checked = True
    _reviewed(quote, by)


def save_redaction(quote: BankedQuote, text: str, by: StaffUser) -> bool:
    """Change the wording without approving; an approved quote must then be approved again.

    Returns whether anything changed. Raises QuoteError; the caller commits.
    """
    text = checked_text(text, quote)
    if text == quote.redacted_text:
        return False
    quote.redacted_text = text
    if quote.status == "approved":
        quote.status = "candidate"
        quote.redaction_reviewed = quote.consent_checked = False
    _reviewed(quote, by)
    return True


def reject(quote: BankedQuote, by: StaffUser) -> None:
    """Reject (or withdraw) a quote. The caller commits."""
    quote.status = "rejected"
    _reviewed(quote, by)


def checked_text(text: str, quote: BankedQuote) -> str:
    """The wording, tidied. Raises QuoteError if it is empty, too long, or could still identify someone."""
    text = " ".join((text or "").split())
    if not text:
        raise QuoteError("Enter the words of the quote.")
    if len(text) > MAX_LENGTH:
        raise QuoteError(f"A quote can be at most {MAX_LENGTH} characters.")
    left = redact(text, known_names(quote.answer)).replacements
    if left:
        found = ", ".join(sorted({f"{r.kind} ({r.original})" for r in left}))
        raise QuoteError(
            f"This may still identify someone: {found}. Replace it with a marker such as [name] or [school]."
        )
    return text


def _reviewed(quote: BankedQuote, by: StaffUser) -> None:
    quote.reviewed_by_id = by.id
    quote.reviewed_at = utcnow()


def status_counts(user: Principal) -> dict[str, int]:
    rows = db.session.execute(
        select(BankedQuote.status, func.count()).where(scope(user, BankedQuote)).group_by(BankedQuote.status)
    )
    return {"candidate": 0, "approved": 0, "rejected": 0} | dict(rows.all())


# --- what leaves the quote bank ------------------------------------------------------


@dataclass(frozen=True)
class ApprovedQuote:
    id: int
    text: str  # the approved, redacted wording: the only wording ever shown
    theme: str
    sentiment: str
    audience: str  # child, parent or carer
    questionnaire_id: str
    approved_at: datetime | None


def approved_quotes(
    user: Principal,
    theme: str | None = None,
    *,
    audience: str | None = None,
    period: Period | None = None,
    limit: int | None = None,
) -> list[ApprovedQuote]:
    """Approved quotes `user` may see, newest approval first: the only quotes anything outside the bank may show.

    An answer flagged as a concern after its quote was approved is left out.
    `period` is when the conversation was started.
    """
    query = (
        select(
            BankedQuote.id,
            BankedQuote.redacted_text,
            BankedQuote.theme,
            BankedQuote.sentiment,
            Conversation.audience,
            Conversation.questionnaire_id,
            BankedQuote.reviewed_at,
        )
        .join(Answer, Answer.id == BankedQuote.answer_id)
        .join(Conversation, Conversation.id == Answer.conversation_id)
        .where(scope(user, BankedQuote), BankedQuote.status == "approved", not_flagged())
        .order_by(BankedQuote.reviewed_at.desc(), BankedQuote.id.desc())
    )
    if theme:
        query = query.where(BankedQuote.theme == theme)
    if audience:
        query = query.where(Conversation.audience == audience)
    if period:
        query = query.where(period.holds(Conversation.created_at))
    if limit:
        query = query.limit(limit)
    return [ApprovedQuote(*row) for row in db.session.execute(query)]


__all__ = [
    "ApprovedQuote", "Consent", "QuoteError", "approve", "approved_quotes", "consent_of", "find_candidates",
    "reject", "save_redaction", "status_counts",
]  # fmt: skip
