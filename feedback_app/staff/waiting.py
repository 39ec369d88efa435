"""What is waiting for the person on staff home: a line under each page that has work in it.

Each feature counts its own work, only what `access.scope` lets the person
see; staff home asks only for the pages the person may open.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import clock
from ..invitations import tasks
from ..models import StaffUser
from ..quotes import service as quotes
from ..safeguarding import waiting_and_overdue


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _alerts(user: StaffUser) -> str:
    waiting, overdue = waiting_and_overdue(user, clock.now())
    if not waiting:
        return "No alerts waiting"
    line = _plural(waiting, "alert waiting", "alerts waiting")
    return f"{line}, {overdue:,} overdue" if overdue else line


def _requests(user: StaffUser) -> str:
    count = tasks.open_count(user)
    return _plural(count, "request to follow up", "requests to follow up") if count else "No requests to follow up"


def _quotes(user: StaffUser) -> str:
    count = quotes.status_counts(user).get("candidate", 0)
    return _plural(count, "quote to review", "quotes to review") if count else "No quotes to review"


# Page endpoint: how to say what is waiting there.
WAITING: dict[str, Callable[[StaffUser], str]] = {
    "safeguarding.queue": _alerts,
    "invitations.task_list": _requests,
    "quotes.bank": _quotes,
}


def waiting_for(user: StaffUser, endpoints: list[str]) -> dict[str, str]:
    """For each of `endpoints` that counts work, a short line of what is waiting there."""
    return {endpoint: WAITING[endpoint](user) for endpoint in endpoints if endpoint in WAITING}
