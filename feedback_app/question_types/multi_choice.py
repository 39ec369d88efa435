"""`multi_choice`: tick any number of options (at least one), then send."""

from __future__ import annotations

from .base import ChoicesType


class MultiChoice(ChoicesType):
    name = "multi_choice"
