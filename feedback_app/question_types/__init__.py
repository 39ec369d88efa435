"""The types of question a questionnaire can ask, each with one handler.

`of(question)` is the question's handler (see base.QuestionType for all a
handler does). Every handler is listed here once; the questionnaire schema
takes its list of types from here. The chat and the API each refuse to start
if a type lacks their piece of it: a template partial, a name in the API
document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .base import AnswerError, AnswerKind, AnswerValue, QuestionType
from .emoji_scale import EmojiScale
from .free_text import FreeText
from .multi_choice import MultiChoice
from .quick_reply import QuickReply
from .yes_no import YesNo

QUESTION_TYPES: Mapping[str, QuestionType] = {
    handler.name: handler for handler in (QuickReply(), EmojiScale(), YesNo(), MultiChoice(), FreeText())
}


class _Typed(Protocol):
    type: str


def of(question: _Typed | str) -> QuestionType:
    """The handler for a question (or a type's name). Raises KeyError for an unknown type."""
    return QUESTION_TYPES[question if isinstance(question, str) else question.type]


__all__ = ["QUESTION_TYPES", "AnswerError", "AnswerKind", "AnswerValue", "QuestionType", "of"]
