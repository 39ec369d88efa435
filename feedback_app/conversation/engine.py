"""The conversation engine: given a questionnaire and the answers so far, what
does the bot say and which question is open?

Plain functions over plain values, with no request and no database, so that the
HTML pages, the JSON API and the tests all drive the very same logic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .. import question_types
from ..question_types import AnswerError, AnswerValue
from ..questionnaire.loader import localise
from ..questionnaire.names import fill_name
from ..questionnaire.schema import RIGHT_TO_LEFT, LocalText, Message, Question, Questionnaire
from .wording import interface_text

Status = Literal["open", "review", "submitted"]
__all__ = ["AnswerError", "AnswerValue"]  # defined with the question types, raised from here


class NotOpenError(AnswerError):
    """The answer is for a question that is not open (or is unknown)."""


class SubmittedError(AnswerError):
    """The conversation has been sent; nothing can change it now."""


@dataclass(frozen=True)
class Progress:
    """What is known about one conversation: its answers, and whether it was
    ended early or sent. `answers` keeps the order in which they were given."""

    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    finished_early: bool = False
    submitted: bool = False
    first_name: str | None = None
    # Words the service adds after an answer (for example a safeguarding
    # message), keyed by question id, already in the person's language.
    notices: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # After a worrying answer: ask "Do you want to carry on?" before the next question.
    paused: bool = False


@dataclass(frozen=True)
class ChatMessage:
    sender: Literal["bot", "person"]
    text: str
    question_id: str | None = None
    kind: Literal["message", "question", "answer", "skipped", "notice"] = "message"


@dataclass(frozen=True)
class OpenQuestion:
    question: Question
    text: str
    hint: str | None
    options: tuple[tuple[str, str, str | None], ...]  # value, label, emoji
    current: AnswerValue  # what was said before, when changing an answer
    is_change: bool


@dataclass(frozen=True)
class SummaryLine:
    question_id: str
    question: str
    answer: str


@dataclass(frozen=True)
class ConversationState:
    status: Status
    language: str
    direction: Literal["ltr", "rtl"]
    messages: tuple[ChatMessage, ...]
    question: OpenQuestion | None
    summary: tuple[SummaryLine, ...]
    answered: int
    total: int
    previous_question_id: str | None
    # The next question waits behind "Do you want to carry on?" (status stays
    # "open": an answer to it is still accepted, and means carrying on).
    paused: bool = False


def visible_steps(q: Questionnaire, answers: Mapping[str, AnswerValue]) -> list[Message | Question]:
    """The steps whose conditions hold for these answers, in order.

    A condition on a question that was never reached is false, so branching
    only ever looks backwards and the result is stable as answers arrive.
    """
    shown: list[Message | Question] = []
    asked: set[str] = set()
    for step in q.steps:
        if all(c.holds(answers.get(c.question) if c.question in asked else None, c.question in asked) for c in step.when):
            shown.append(step)
            if isinstance(step, Question):
                asked.add(step.id)
    return shown


def open_question(
    q: Questionnaire, progress: Progress, shown: list[Message | Question] | None = None
) -> Question | None:
    """The first shown question not yet answered or skipped, or None when done.

    `shown` may pass in `visible_steps` already worked out for these answers.
    """
    if progress.submitted or progress.finished_early:
        return None
    for step in shown if shown is not None else visible_steps(q, progress.answers):
        if isinstance(step, Question) and step.id not in progress.answers:
            return step
    return None


def conversation_state(
    q: Questionnaire, progress: Progress, language: str, change: str | None = None
) -> ConversationState:
    """Everything a front end needs to draw the conversation.

    `change` asks to reopen an earlier, shown question so its answer can be
    changed; it is ignored if that question is not one the person has reached.
    """
    language = language if language in q.languages else q.default_language
    direction = "rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr"

    def say(text: LocalText) -> str:
        return _personalise(localise(text, language, q.default_language), progress.first_name, language)

    if progress.submitted:
        # Once sent, the link shows nothing of what was said: a shared tablet
        # must not reveal a child's words to the next person who picks it up.
        # One bubble (read once, from focus): the questionnaire's end words for
        # its age band and what happens next, else the service's own thanks.
        ending = "\n".join(say(t) for t in q.sent) or interface_text("thanks_sent", language)
        thanks = ChatMessage("bot", ending)
        return ConversationState("submitted", language, direction, (thanks,), None, (), 0, 0, None)

    shown = visible_steps(q, progress.answers)
    questions = [s for s in shown if isinstance(s, Question)]
    current = open_question(q, progress, shown)
    reachable_ids = {s.id for s in questions if s.id in progress.answers}
    pausing = progress.paused and current is not None and change not in reachable_ids
    # The pause comes straight after the last answer before the open question.
    pause_at = 1 + max(
        (i for i, s in enumerate(shown[: shown.index(current)]) if isinstance(s, Question)), default=-1
    ) if pausing else len(shown)
    messages: list[ChatMessage] = [ChatMessage("bot", say(t)) for t in q.intro]
    previous: str | None = None
    for index, step in enumerate(shown):
        if index == pause_at:
            # Nothing more is asked until the person says they want to carry on.
            messages.append(ChatMessage("bot", interface_text("pause", language)))
            break
        if isinstance(step, Message):
            messages.append(ChatMessage("bot", say(step.message)))
            continue
        messages.extend(ChatMessage("bot", say(t)) for t in step.before)
        messages.append(ChatMessage("bot", say(step.text), step.id, "question"))
        if step.id not in progress.answers:
            break
        messages.append(_answer_message(step, progress.answers[step.id], language, q))
        messages.extend(
            ChatMessage("bot", notice, step.id, "notice") for notice in progress.notices.get(step.id, ())
        )
        previous = step.id

    reachable = {s.id for s in questions if s.id in progress.answers}
    changing = q.question(change) if change in reachable else None
    asking = changing or current
    status: Status = "open" if asking is not None else "review"
    summary: tuple[SummaryLine, ...] = ()
    if status == "review":
        # Only what fits what happened: no "thank you for telling us all that"
        # after "Finish now", no "we will tell your IRO" to someone who never asked.
        given = {s.id: progress.answers[s.id] for s in questions if s.id in progress.answers}
        messages.extend(
            ChatMessage("bot", say(line.message)) for line in q.outro if line.fits(given, progress.finished_early)
        )
        messages.append(ChatMessage("bot", interface_text("review_intro", language)))
        summary = tuple(
            SummaryLine(s.id, say(s.text), _answer_text(s, progress.answers[s.id], language, q))
            for s in questions
            if s.id in progress.answers
        )
    if changing is not None:
        previous = _before(questions, changing.id, progress.answers)
    return ConversationState(
        status=status,
        language=language,
        direction=direction,
        messages=tuple(messages),
        question=_open(asking, progress, language, q, is_change=changing is not None) if asking else None,
        summary=summary,
        answered=len(reachable),
        total=len(questions),
        previous_question_id=previous,
        paused=pausing and changing is None,
    )


def accept_answer(
    q: Questionnaire, progress: Progress, question_id: str, value: object, *, skip: bool = False
) -> tuple[Question, AnswerValue]:
    """Check an answer and return it in its stored form.

    The open question can be answered, and so can any question already
    answered (that is how a person changes their mind). Raises SubmittedError,
    NotOpenError or AnswerError with a message fit to show the person.
    """
    if progress.submitted:
        raise SubmittedError("This conversation has already been sent, so it can't be changed.")
    question = q.question(question_id) if isinstance(question_id, str) else None
    steps = visible_steps(q, progress.answers)
    current = open_question(q, progress, steps)
    shown = {s.id for s in steps if isinstance(s, Question)}
    answered = question is not None and question.id in progress.answers and question.id in shown
    if question is None or not (answered or (current is not None and current.id == question.id)):
        raise NotOpenError(
            "That question isn't open in this conversation. Reload to see where you are."
        )
    if skip:
        return question, None
    return question, validate_value(question, value)


def validate_value(question: Question, value: object) -> str | tuple[str, ...]:
    """The answer in stored form, or AnswerError saying what is wrong with it (the question's type decides)."""
    return question_types.of(question).accept(question, value)


def with_answer(progress: Progress, question_id: str, value: AnswerValue) -> Progress:
    """A new Progress with one answer set (or replaced)."""
    answers = dict(progress.answers)
    answers.pop(question_id, None)  # a changed answer moves to the end of the order
    answers[question_id] = value
    return Progress(answers, progress.finished_early, progress.submitted, progress.first_name, progress.notices, progress.paused)


def _before(questions: Sequence[Question], question_id: str, answers: Mapping[str, AnswerValue]) -> str | None:
    earlier = None
    for question in questions:
        if question.id == question_id:
            return earlier
        if question.id in answers:
            earlier = question.id
    return earlier


def _open(question: Question, progress: Progress, language: str, q: Questionnaire, *, is_change: bool) -> OpenQuestion:
    return OpenQuestion(
        question=question,
        text=_personalise(localise(question.text, language, q.default_language), progress.first_name, language),
        hint=localise(question.hint, language, q.default_language) if question.hint else None,
        options=tuple(
            (o.value, localise(o.label, language, q.default_language), o.emoji) for o in question.options
        ),
        current=progress.answers.get(question.id),
        is_change=is_change,
    )


def _answer_message(question: Question, value: AnswerValue, language: str, q: Questionnaire) -> ChatMessage:
    if value is None:
        return ChatMessage("person", interface_text("skipped", language), question.id, "skipped")
    return ChatMessage("person", _answer_text(question, value, language, q), question.id, "answer")


def _answer_text(question: Question, value: AnswerValue, language: str, q: Questionnaire) -> str:
    if value is None:
        return interface_text("skipped", language)
    return question_types.of(question).shown(question, value, lambda text: localise(text, language, q.default_language))


def _personalise(text: str, first_name: str | None, language: str) -> str:
    """Fill in `{name}`: the person's first name when we know it, otherwise
    nothing (the questionnaire's words are written to read well without it:
    questionnaire/names.py), so one file serves invitations and open links alike."""
    return fill_name(text, first_name)
