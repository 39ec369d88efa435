"""What every type of question does, in one class per type.

A question type says how its answer is checked, read from a posted form,
stored, shown back (in the review and to staff), counted in figures and
analysed, and which template partial asks it. Nothing else in the service
looks at `question.type`: it asks the question's type instead, so that a new
type is one handler module, one partial, its name in the API document and a
line in the questionnaire guide (see docs/developing.md, "Question types").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from werkzeug.datastructures import MultiDict

    from ..questionnaire.schema import Option, Question

# An answer as the engine holds it: text, one option value, several, or None (skipped).
AnswerValue = str | tuple[str, ...] | None
# What an answer is made of, which decides how it is sent, stored and counted.
AnswerKind = Literal["text", "choice", "choices"]
# The words of an option label (or any text) in the language wanted.
Localise = Callable[[Mapping[str, str]], str]


class AnswerError(ValueError):
    """An answer cannot be accepted; the message is fit to show the person."""


class QuestionType:
    """The behaviour of one type of question. Subclasses set `name` and `answer`."""

    name: ClassVar[str]
    answer: ClassVar[AnswerKind]

    @property
    def partial(self) -> str:
        """The template that asks the question, inside the chat's answer form."""
        return f"chat/answers/{self.name}.html"

    @property
    def counted(self) -> bool:
        """Whether the answers are counted per option in the closed questions' figures."""
        return self.answer != "text"

    # -- the questionnaire file ----------------------------------------------------

    def fill_in(self, step: dict, languages: Sequence[str]) -> dict:
        """The step as written in a file, with anything this type supplies itself added."""
        return step

    def check(self, question: Question) -> None:
        """Raise ValueError, in words for the file's author, if the question does not fit this type."""

    # -- answering -------------------------------------------------------------------

    def accept(self, question: Question, value: object) -> str | tuple[str, ...]:
        """The answer in stored form. Raises AnswerError saying what is wrong with it."""
        raise NotImplementedError

    def from_form(self, form: MultiDict[str, str]) -> object:
        """The answer from the chat's posted form: typed words come in the field
        `text`, chosen options in `value` (repeated for several)."""
        raise NotImplementedError

    def analysed_text(self, value: AnswerValue) -> str | None:
        """The words to analyse for sentiment, themes and concerns, if the answer has any."""
        return None

    def max_length(self, question: Question) -> int | None:
        """The longest text accepted, for a type that takes text."""
        return None

    # -- showing an answer --------------------------------------------------------

    def shown(self, question: Question, value: str | tuple[str, ...], localise: Localise) -> str:
        """The answer as a person reads it back, with option labels in the language of `localise`."""
        raise NotImplementedError

    # -- examples (demo data, tests, benchmarks) ------------------------------------

    def example(self, chosen: Sequence[str], text: str) -> object:
        """An answer of this type, in the API's form: made of the option values
        `chosen` (the first, for one choice), or `text` for a type that takes text."""
        raise NotImplementedError


class ChoiceType(QuestionType):
    """One of the question's options."""

    answer: ClassVar[AnswerKind] = "choice"

    def check(self, question: Question) -> None:
        if len(question.options) < 2:
            raise ValueError(f"a {self.name} question needs at least two options")

    def accept(self, question: Question, value: object) -> str:
        if not isinstance(value, str):
            raise AnswerError("Please choose one of the options.")
        if question.option(value) is None:
            raise AnswerError(f"{value!r} is not one of the options for this question.")
        return value

    def from_form(self, form: MultiDict[str, str]) -> object:
        return form.get("value")

    def shown(self, question: Question, value: str | tuple[str, ...], localise: Localise) -> str:
        values = value if isinstance(value, tuple) else (value,)
        return ", ".join(option_words(question.option(v), v, localise) for v in values)

    def example(self, chosen: Sequence[str], text: str) -> object:
        return chosen[0]


class ChoicesType(ChoiceType):
    """Any number of the question's options (at least one)."""

    answer: ClassVar[AnswerKind] = "choices"

    def accept(self, question: Question, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswerError("Please choose one or more of the options.")
        if not value:
            raise AnswerError("Please choose at least one option, or choose Skip.")
        unknown = [v for v in value if question.option(v) is None]
        if unknown:
            raise AnswerError(f"{unknown[0]!r} is not one of the options for this question.")
        # Keep the questionnaire's order so the same choices read the same.
        return tuple(o.value for o in question.options if o.value in set(value))

    def from_form(self, form: MultiDict[str, str]) -> object:
        return form.getlist("value")

    def example(self, chosen: Sequence[str], text: str) -> object:
        return list(chosen)


class TextType(QuestionType):
    """Words the person types, up to the question's `max_length`."""

    answer: ClassVar[AnswerKind] = "text"

    def check(self, question: Question) -> None:
        if question.options:
            raise ValueError(f"a {self.name} question has no options")

    def accept(self, question: Question, value: object) -> str:
        if not isinstance(value, str):
            raise AnswerError("Please type your answer as text.")
        text = value.strip()
        if not text:
            raise AnswerError("Please type something, or choose Skip.")
        if len(text) > question.max_length:
            raise AnswerError(f"That is a bit long: please keep it under {question.max_length} characters.")
        return text

    def from_form(self, form: MultiDict[str, str]) -> object:
        return form.get("text", "")

    def analysed_text(self, value: AnswerValue) -> str | None:
        return value if isinstance(value, str) else None

    def max_length(self, question: Question) -> int | None:
        return question.max_length

    def shown(self, question: Question, value: str | tuple[str, ...], localise: Localise) -> str:
        return str(value)

    def example(self, chosen: Sequence[str], text: str) -> object:
        return text


def option_words(option: Option | None, value: str, localise: Localise) -> str:
    """An option as a person reads it: its emoji and label, or the stored value
    itself when the option is gone (an answer to an older version)."""
    if option is None:
        return value
    label = localise(option.label)
    return f"{option.emoji} {label}" if option.emoji else label
