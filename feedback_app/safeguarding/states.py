"""Where an alert stands, in a word, for pages outside the queue (an IRO's "My reviews")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from ..access import may, scope
from ..access.policy import SEE_ALERTS, Principal
from ..extensions import db
from ..models import FurtherWords, SafeguardingAlert, StaffUser
from . import alerts

STATE_WORDS = {
    "overdue": "Overdue",
    "new_words": "New words to read",
    "waiting": "Waiting to be acknowledged",
    "acknowledged": "Acknowledged",
}


@dataclass(frozen=True)
class AlertState:
    alert_id: int
    state: str  # a key of STATE_WORDS

    @property
    def words(self) -> str:
        return STATE_WORDS[self.state]


def state_of(alert: SafeguardingAlert) -> str:
    if alerts.is_overdue(alert):
        return "overdue"
    if alert.acknowledged and alert.unread_words:
        return "new_words"
    return "acknowledged" if alert.acknowledged else "waiting"


def alert_states(user: Principal, conversation_ids: Iterable[int]) -> dict[int, AlertState]:
    """The alert of each of these conversations that `user` may see, by conversation id."""
    ids = list(conversation_ids)
    if not ids or not may(user, SEE_ALERTS):
        return {}
    found = db.session.scalars(
        select(SafeguardingAlert).where(scope(user, SafeguardingAlert), SafeguardingAlert.conversation_id.in_(ids))
    )
    return {alert.conversation_id: AlertState(alert.id, state_of(alert)) for alert in found}


def waiting_and_overdue(user: StaffUser, now: datetime) -> tuple[int, int]:
    """How many alerts `user` may see are waiting to be read, and how many of those are overdue."""
    waiting = db.session.scalars(
        select(SafeguardingAlert).where(scope(user, SafeguardingAlert), needs_attention())
    ).all()
    return len(waiting), sum(1 for alert in waiting if alerts.is_overdue(alert, now))


def needs_attention():
    """SQL: the alert is not acknowledged, or further words arrived that are not."""
    unread = select(FurtherWords.id).where(
        FurtherWords.alert_id == SafeguardingAlert.id, FurtherWords.acknowledged_at.is_(None)
    )
    return or_(SafeguardingAlert.acknowledged_at.is_(None), unread.exists())
