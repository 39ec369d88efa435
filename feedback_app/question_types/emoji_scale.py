"""`emoji_scale`: one of a row of faces, each with its word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import ChoiceType

if TYPE_CHECKING:
    from ..questionnaire.schema import Question


class EmojiScale(ChoiceType):
    name = "emoji_scale"

    def check(self, question: Question) -> None:
        super().check(question)
        # An emoji alone is not enough: some children can't tell the faces apart.
        if any(not option.emoji for option in question.options):
            raise ValueError("every option of an emoji_scale question needs an emoji and a word")
