"""The safeguarding queue and the alert page, under /staff/safeguarding.

Who sees which alerts is `access.scope(user, SafeguardingAlert)`: the
safeguarding lead and the IRO manager every alert, an IRO the alerts of the
people they invited. Everyone who sees an alert reads its words and may
acknowledge it. Admins see none: an alert's concern, date and IRO, beside an
invitation list, would tell them what one named child disclosed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import case, func, select
from werkzeug.wrappers import Response

from .. import audit, clock
from ..access import get_or_refuse, may, reaches_everyone, requires, scope
from ..access.policy import RETRY_ALERT_EMAIL, SEE_ALERTS
from ..auth import current_user
from ..extensions import db
from ..models import SafeguardingAlert, StaffUser
from ..models.safeguarding import EMAIL_SENT
from ..query_args import page_number
from ..questionnaire import registry
from ..questionnaire.loader import staff_text
from . import alerts, bp, notify, who
from .forms import AcknowledgeForm, RetryEmailForm
from .states import needs_attention, waiting_and_overdue

PER_PAGE = 50


@bp.context_processor
def _demo_mailbox() -> dict[str, object]:
    def demo_mailbox(alert: SafeguardingAlert) -> str | None:
        """Where the local demo wrote the alert's e-mail, or None when it goes by SMTP."""
        path = notify.mailbox_file(alert.id)
        return notify.shown_path(path) if path is not None else None

    return {"demo_mailbox": demo_mailbox}


@dataclass(frozen=True)
class AlertRow:
    """One alert as the queue shows it, with its deadline worked out."""

    alert: SafeguardingAlert
    due: datetime
    overdue: bool
    late: bool
    questionnaire: str  # in words: title and who it is for


@bp.get("")
@requires(SEE_ALERTS)
def queue() -> str:
    user = _user()
    now = clock.now()
    visible = scope(user, SafeguardingAlert)
    # Alerts needing attention first (new ones, or acknowledged with new words since), newest first within each.
    query = (
        select(SafeguardingAlert)
        .where(visible)
        .order_by(case((needs_attention(), 0), else_=1), SafeguardingAlert.created_at.desc())
        .order_by(SafeguardingAlert.id.desc())
    )
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE, error_out=False)
    rows = [_row(alert, now) for alert in page.items]
    waiting, overdue = waiting_and_overdue(user, now)
    failed = db.session.scalar(
        select(func.count()).select_from(SafeguardingAlert).where(visible, SafeguardingAlert.email_status != EMAIL_SENT)
    )
    return render_template(
        "safeguarding/queue.html",
        page=page,
        rows=rows,
        waiting=waiting,
        overdue=overdue,
        failed=failed,
        own_only=not reaches_everyone(user),
    )


@bp.get("/<int:alert_id>")
@requires(SEE_ALERTS)
def alert(alert_id: int) -> str:
    user = _user()
    found = _visible_alert(user, alert_id)
    audit.record("safeguarding_alert_viewed", "safeguarding_alert", found.id)
    db.session.commit()
    return _page(found, user, AcknowledgeForm())


@bp.get("/<int:alert_id>/conversation")
@requires(SEE_ALERTS)
def conversation(alert_id: int) -> str:
    """The whole conversation an alert came from, for whoever may see the alert.

    A safeguarding concern outweighs the person's choice of what to share with
    their IRO, for this conversation only: following it up needs the whole of
    what they said. Every view is audited.
    """
    user = _user()
    found = _visible_alert(user, alert_id)
    if found.conversation is None:
        abort(404)  # purged: the alert keeps its own words
    audit.record("safeguarding_conversation_viewed", "conversation", found.conversation.id, alert_id=found.id)
    db.session.commit()
    return render_template(
        "safeguarding/conversation.html", alert=found, subject=who.subject_of(found), rows=who.conversation_rows(found)
    )


@bp.post("/<int:alert_id>/acknowledge")
@requires(SEE_ALERTS)
def acknowledge(alert_id: int) -> Response | tuple[str, int]:
    user = _user()
    found = _visible_alert(user, alert_id)
    form = AcknowledgeForm()
    if not found.needs_attention:
        flash(f"Alert {found.id} was already acknowledged.")
        return redirect(url_for("safeguarding.alert", alert_id=found.id), code=303)
    if not form.validate_on_submit():
        return _page(found, user, form), 400
    alerts.acknowledge(found, user, form.note.data or "")
    audit.record("safeguarding_acknowledged", "safeguarding_alert", found.id, late=alerts.was_late(found))
    db.session.commit()
    flash(f"Alert {found.id} acknowledged. Thank you.")
    return redirect(url_for("safeguarding.alert", alert_id=found.id), code=303)


@bp.post("/<int:alert_id>/email")
@requires(RETRY_ALERT_EMAIL)
def retry_email(alert_id: int) -> Response:
    user = _user()
    found = _visible_alert(user, alert_id)
    if not RetryEmailForm().validate_on_submit():
        abort(400)
    if found.email_status == EMAIL_SENT:
        flash("That e-mail was already sent.")
    else:
        sent = alerts.email_alert(found, audit_action="safeguarding_email_retried")
        flash("The e-mail was sent." if sent else "The e-mail could not be sent again. The reason is below.")
    return redirect(url_for("safeguarding.alert", alert_id=found.id), code=303)


def _page(found: SafeguardingAlert, user: StaffUser, form: AcknowledgeForm) -> str:
    return render_template(
        "safeguarding/alert.html",
        row=_row(found, clock.now()),
        alert=found,
        may_retry=may(user, RETRY_ALERT_EMAIL),
        form=form,
        retry_form=RetryEmailForm(),
        question=_question_text(found),
        subject=who.subject_of(found),
        changed_since=found.answer is not None and found.answer.value != found.text,
    )


def _row(alert: SafeguardingAlert, now: datetime) -> AlertRow:
    return AlertRow(
        alert, alerts.due_at(alert), alerts.is_overdue(alert, now), alerts.was_late(alert),
        who.subject_of(alert).questionnaire,
    )  # fmt: skip


def _question_text(found: SafeguardingAlert) -> str:
    """What the person was asked, in English, as their conversation's version put it."""
    try:
        if found.conversation is not None:
            q = registry.questionnaire_of(found.conversation.questionnaire_version_id)
            return staff_text(q.question(found.question_id).text, q)
    except (LookupError, AttributeError):
        pass
    return found.question_id


def _visible_alert(user: StaffUser, alert_id: int) -> SafeguardingAlert:
    """The alert, or 404 if it does not exist or is not this user's to see (not revealing which)."""
    return get_or_refuse(user, SafeguardingAlert, alert_id, hidden=404)


def _user() -> StaffUser:
    user = current_user()
    assert user is not None  # requires let us in
    return user
