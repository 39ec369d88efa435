"""An alert about an invited child says who they are, with their whole conversation (issue 9.2);
the e-mail says only that an alert is waiting."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_invited, stored_alerts

SECOND = "My foster carer is kind but I am scared of my stepdad"


@pytest.fixture
def invited_disclosure(app, make_account):
    """An invited child (Sam, review on 1 July 2026) discloses, then says more; returns (alert id, IRO)."""
    iro = make_account("iro")
    child = app.test_client()
    url = start_invited(app, iro.id)
    say_in_chat(child, url, DISCLOSURE)
    say_in_chat(child, url, SECOND)  # the next free-text question
    return stored_alerts(app)[0].id, iro


@pytest.mark.parametrize("role", ["safeguarding_lead", "iro"])
def test_the_alert_page_says_who_the_invited_child_is(app, client, make_account, invited_disclosure, role):
    alert_id, iro = invited_disclosure
    sign_in_quickly(app, client, iro if role == "iro" else make_account(role))
    page = client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)
    assert '<dd id="first-name">Sam' in page
    assert "Wednesday 01 July 2026" in page
    assert "Test iro" in page  # their IRO
    assert "Before my review" in page and "Aged 12 to 18" in page
    assert f'href="/staff/safeguarding/{alert_id}/conversation"' in page


@pytest.mark.parametrize("role", ["safeguarding_lead", "iro"])
def test_the_whole_conversation_is_there_to_read_and_every_view_is_audited(
    app, client, make_account, invited_disclosure, role
):
    alert_id, iro = invited_disclosure
    reader = iro if role == "iro" else make_account(role)
    sign_in_quickly(app, client, reader)
    response = client.get(f"/staff/safeguarding/{alert_id}/conversation")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert DISCLOSURE in page and SECOND in page and "Sam" in page
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "safeguarding_conversation_viewed"))
        assert event.actor_id == reader.id and event.detail["alert_id"] == alert_id


def test_another_iro_cannot_read_the_conversation(app, client, make_account, invited_disclosure):
    alert_id, _ = invited_disclosure
    sign_in_quickly(app, client, make_account("iro"))
    assert client.get(f"/staff/safeguarding/{alert_id}/conversation").status_code == 404


def test_the_email_names_nobody_and_says_only_that_an_alert_is_waiting(alert_clock, app, invited_disclosure, smtp_server):
    [message] = smtp_server.wait_for(1)
    raw = message.as_string()
    # Raised in June (the alert clock), so "July" could only be the review's date.
    for kept_out in ("Sam", "Test iro", "Abuse", "abuse", "stepdad", "Before my review", "2026-07-01", "July"):
        assert kept_out not in raw, kept_out
    assert f"/staff/safeguarding/{invited_disclosure[0]}" in message.get_content()
