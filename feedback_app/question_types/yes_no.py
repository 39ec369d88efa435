"""`yes_no`: yes, no or not sure, in the questionnaire's languages, so files need not spell them out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .base import ChoiceType

if TYPE_CHECKING:
    from ..questionnaire.schema import Question

VALUES = ("yes", "no", "not_sure")
# The words in each language we ship.
LABELS: dict[str, tuple[str, str, str]] = {
    "en": ("Yes", "No", "Not sure"),
    "ar": ("نعم", "لا", "لست متأكدًا"),
    "cy": ("Ydw", "Nac ydw", "Dim yn siŵr"),
    "pl": ("Tak", "Nie", "Nie wiem"),
}


class YesNo(ChoiceType):
    name = "yes_no"

    def fill_in(self, step: dict, languages: Sequence[str]) -> dict:
        if "options" in step:
            return step
        options = [
            {"value": value, "label": {lang: LABELS[lang][i] for lang in languages if lang in LABELS} or value}
            for i, value in enumerate(VALUES)
        ]
        return {**step, "options": options}

    def check(self, question: Question) -> None:
        if tuple(option.value for option in question.options) != VALUES:
            raise ValueError(
                "a yes_no question has the fixed options yes, no and not_sure; "
                "leave 'options' out, or use quick_reply for other choices"
            )
