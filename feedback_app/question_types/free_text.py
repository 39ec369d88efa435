"""`free_text`: the person's own words, analysed once when stored."""

from __future__ import annotations

from .base import TextType


class FreeText(TextType):
    name = "free_text"
