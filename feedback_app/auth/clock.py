"""The time, as the sign-in rules see it: one place for tests to move it."""

from __future__ import annotations

from datetime import datetime

from ..models import utcnow


def now() -> datetime:
    return utcnow()
