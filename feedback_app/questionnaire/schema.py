"""The questionnaire file format, as validated, frozen objects.

A questionnaire file is YAML that a council officer can read and edit. Pydantic
does the checking so that every mistake is reported with where it is; the
loader turns its locations into "file, question, problem" messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from ..question_types import QUESTION_TYPES
from ..vocabulary import AGE_BANDS, AUDIENCES, CHILD, PURPOSES, THEMES

Audience = Literal[tuple(AUDIENCES)]  # type: ignore[valid-type]
AgeBand = Literal[tuple(AGE_BANDS)]  # type: ignore[valid-type]
Purpose = Literal[tuple(PURPOSES)]  # type: ignore[valid-type]
# One name for each handler in feedback_app/question_types.
QuestionType = Literal[tuple(QUESTION_TYPES)]  # type: ignore[valid-type]

# What an answer can stand for beyond itself. The service reads these to know
# whether words may be quoted, shared with the IRO, or need a task for staff.
Records = Literal[
    "consent_to_quote",
    "share_with_iro",
    "helped_by",
    "talk_to_iro",
    "advocate_request",
]

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "ps", "yi"})

# Text is either one string (in the questionnaire's first language) or a map
# of language code to string. Both are normalised to a map.
LocalText = dict[str, str]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _as_local_text(value: object) -> object:
    if isinstance(value, str):
        return {"*": value}
    return value


def _identifier(kind: str):
    """A check that a value can be used as an id in files, links and exports."""

    def check(value: str) -> str:
        if not IDENTIFIER.match(value):
            raise ValueError(
                f"{kind} {value!r} must be lowercase letters, digits, '_' or '-', starting with a letter"
            )
        return value

    return check


def _as_local_texts(value: object) -> object:
    """One text or a list of them, each as a language map."""
    if isinstance(value, (str, dict)):
        value = [value]
    return [_as_local_text(item) for item in value] if isinstance(value, list) else value


class Condition(Frozen):
    """Show a step only when an earlier answer is (or is not) one of some values."""

    question: str
    is_in: tuple[str, ...] | None = Field(default=None, alias="in")
    not_in: tuple[str, ...] | None = None
    answered: bool | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _exactly_one_test(self) -> Condition:
        tests = [t for t in (self.is_in, self.not_in, self.answered) if t is not None]
        if len(tests) != 1:
            raise ValueError("a condition needs exactly one of 'in', 'not_in' or 'answered'")
        return self

    def holds(self, answer: str | tuple[str, ...] | None, was_asked: bool) -> bool:
        """Whether the condition is met by the answer given (None means skipped or not asked)."""
        if self.answered is not None:
            return (answer is not None) == self.answered
        chosen = set(answer) if isinstance(answer, tuple) else ({answer} if answer else set())
        if self.is_in is not None:
            return bool(chosen & set(self.is_in))
        # not_in: a question never asked or skipped does not exclude anything.
        return not (chosen & set(self.not_in or ()))


class Option(Frozen):
    value: str
    label: Annotated[LocalText, Field(min_length=1)]
    emoji: str | None = None

    _label = field_validator("label", mode="before")(_as_local_text)

    _value = field_validator("value")(_identifier("option value"))


class Step(Frozen):
    when: tuple[Condition, ...] = ()

    @field_validator("when", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, dict) else v


class Message(Step):
    """Something the bot says that needs no answer."""

    message: LocalText
    _message = field_validator("message", mode="before")(_as_local_text)


class Question(Step):
    id: str
    type: QuestionType
    text: LocalText
    hint: LocalText | None = None
    options: tuple[Option, ...] = ()
    themes: tuple[str, ...] = ()
    records: Records | None = None
    max_length: int = Field(default=1000, ge=1, le=5000)
    # Messages the bot says just before asking, shown only when the question is.
    before: tuple[LocalText, ...] = ()

    _text = field_validator("text", "hint", mode="before")(_as_local_text)

    _before = field_validator("before", mode="before")(_as_local_texts)

    _id = field_validator("id")(_identifier("question id"))

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [t for t in v if t not in THEMES]
        if unknown:
            raise ValueError(f"unknown theme {unknown[0]!r}; themes are: {', '.join(THEMES)}")
        return v

    @model_validator(mode="after")
    def _options_fit_type(self) -> Question:
        QUESTION_TYPES[self.type].check(self)
        values = [o.value for o in self.options]
        duplicate = next((v for v in values if values.count(v) > 1), None)
        if duplicate:
            raise ValueError(f"option value {duplicate!r} is used twice")
        return self

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


class OutroLine(Step):
    """Something said once the questions are over, before the review.

    A plain text is always said. A line with `when` is said only if those
    earlier answers hold (so "we will tell your IRO" only to someone who asked),
    and one with `finished_early` only if the person did (true) or did not
    (false) choose "Finish now" ("Thank you for telling us all that" fits only
    the second)."""

    message: LocalText
    finished_early: bool | None = None

    _message = field_validator("message", mode="before")(_as_local_text)

    def fits(self, answers: Mapping[str, str | tuple[str, ...] | None], finished_early: bool) -> bool:
        """Whether this line fits what happened: these answers, and finishing early or not."""
        if self.finished_early is not None and self.finished_early != finished_early:
            return False
        return all(c.holds(answers.get(c.question), c.question in answers) for c in self.when)


def _as_outro_lines(value: object) -> object:
    """Each outro item as an OutroLine: a text (or language map) is a line said always."""
    items = [value] if isinstance(value, (str, dict)) else value
    if not isinstance(items, list):
        return items
    return [item if isinstance(item, dict) and "message" in item else {"message": item} for item in items]


def _step_kind(step: object) -> str:
    # A step with a `message` is a Message; anything else is read as a
    # Question, so that a mistake is reported against the question's fields.
    if isinstance(step, dict):
        return "message" if "message" in step else "question"
    return "message" if isinstance(step, Message) else "question"


StepItem = Annotated[
    Annotated[Question, Tag("question")] | Annotated[Message, Tag("message")],
    Discriminator(_step_kind),
]


class Questionnaire(Frozen):
    id: str
    version: int = Field(ge=1)
    title: LocalText
    audience: Audience
    age_band: AgeBand | None = None
    purpose: Purpose
    languages: tuple[str, ...] = Field(min_length=1)
    intro: tuple[LocalText, ...] = Field(min_length=1)
    steps: tuple[StepItem, ...] = Field(min_length=1)
    # Said once everything is answered, before the "what you told us" summary.
    outro: tuple[OutroLine, ...] = ()
    # The end page, once sent: thanks in words that fit the age band, and
    # what happens next. Without it the service's own short thank-you is said.
    sent: tuple[LocalText, ...] = ()

    _title = field_validator("title", mode="before")(_as_local_text)

    _texts = field_validator("intro", "sent", mode="before")(_as_local_texts)

    _outro = field_validator("outro", mode="before")(_as_outro_lines)

    _id = field_validator("id")(_identifier("questionnaire id"))

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for code in v:
            if not LANGUAGE.match(code):
                raise ValueError(f"{code!r} is not a language code such as 'en' or 'ar'")
        return v

    @model_validator(mode="after")
    def _age_band_for_children_only(self) -> Questionnaire:
        if self.audience == CHILD and self.age_band is None:
            raise ValueError(f"a questionnaire for children needs an age_band ({', '.join(AGE_BANDS)})")
        if self.audience != CHILD and self.age_band is not None:
            raise ValueError("only a questionnaire for children has an age_band")
        return self

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(s for s in self.steps if isinstance(s, Question))

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def default_language(self) -> str:
        return self.languages[0]
