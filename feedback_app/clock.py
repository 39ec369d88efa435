"""The time, as the whole service reads it: the one place tests move it.

Every rule that compares with the time (sign-in holds, sessions, access
approvals, invitations and their links, tasks, safeguarding deadlines) asks
`clock.now()`, and so does `models.utcnow`, the timestamp every row is stored
with. A test moves all of them at once by replacing `source` (the `fake_clock`
fixture does, for one test); nothing else in the service reads the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime


def _system_time() -> datetime:
    return datetime.now(UTC)


# Where the time comes from. Only tests replace it.
source: Callable[[], datetime] = _system_time


def now() -> datetime:
    """Now, in UTC."""
    return source()
