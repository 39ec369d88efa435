"""`quick_reply`: one of a few buttons with words."""

from __future__ import annotations

from .base import ChoiceType


class QuickReply(ChoiceType):
    name = "quick_reply"
