"""Column types for people's words: cleaned on the way in and on the way out.

Every door cleans text as it arrives (feedback_app/text_input.py). These
types are the last line behind the doors: nothing a database cannot hold (a
lone surrogate anywhere, a NUL on PostgreSQL) ever reaches it, and a row
stored before that rule existed reads back clean, so that one old answer
can't make a page, the export or the safeguarding sweep fail.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Text
from sqlalchemy.types import TypeDecorator

from ..text_input import clean, clean_data


class Words(TypeDecorator[str]):
    """Text a person wrote (or staff wrote about it)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return clean(value) if isinstance(value, str) else value

    def process_result_value(self, value: str | None, dialect) -> str | None:
        return clean(value) if isinstance(value, str) else value


class WordsJSON(TypeDecorator[Any]):
    """JSON whose strings are people's words: an answer's value, an alert's evidence."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> Any:
        return clean_data(value)

    def process_result_value(self, value: Any, dialect) -> Any:
        return clean_data(value)


__all__ = ["Words", "WordsJSON"]
