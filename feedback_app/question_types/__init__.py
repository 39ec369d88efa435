"""The types of question a questionnaire can ask, each with one handler.

`of(question)` is the question's handler (see base.QuestionType for all a
handler does). Every handler is listed here once; the questionnaire schema
takes its list of types from here. The chat and the API each refuse to start
if a type lacks their piece of it: a template partial, a name in the API
document.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from types import ModuleType
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


def unlisted_handlers(modules: Iterable[ModuleType], listed: Mapping[str, QuestionType]) -> list[str]:
    """The handler classes written in `modules` that `listed` does not hold, as 'module.Class'."""
    found = []
    for module in modules:
        for value in vars(module).values():
            written_here = isinstance(value, type) and value.__module__ == module.__name__
            if written_here and issubclass(value, QuestionType) and "name" in vars(value):
                if not isinstance(listed.get(value.name), value):
                    found.append(f"{module.__name__}.{value.__name__}")
    return found


def _handler_modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{found.name}") for found in pkgutil.iter_modules(__path__)]


# A handler written but left out of the list above would be a type that
# silently does not exist: the service refuses to start instead.
if _unlisted := unlisted_handlers(_handler_modules(), QUESTION_TYPES):
    raise RuntimeError(
        f"{', '.join(_unlisted)} is a question type handler missing from QUESTION_TYPES "
        "(feedback_app/question_types/__init__.py): add it to the list"
    )


class _Typed(Protocol):
    type: str


def of(question: _Typed | str) -> QuestionType:
    """The handler for a question (or a type's name). Raises KeyError for an unknown type."""
    return QUESTION_TYPES[question if isinstance(question, str) else question.type]


__all__ = ["QUESTION_TYPES", "AnswerError", "AnswerKind", "AnswerValue", "QuestionType", "of", "unlisted_handlers"]
