"""The time, as the service's rules see it: one place for tests to move it.

Sign-in holds, sessions, access approvals, invitations and tasks all ask
`clock.now()`, so a test that fakes it moves them all alike.
"""

from __future__ import annotations

from datetime import datetime

from .models import utcnow


def now() -> datetime:
    return utcnow()
