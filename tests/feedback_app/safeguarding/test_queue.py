"""The queue and the alert page: who sees what, acknowledging, and overdue alerts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import ALL_ROLES, any_csrf_token, sign_in_quickly
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, raise_alert_for, stored_alerts

LEADS = {"safeguarding_lead", "iro_manager"}
# (method, path, roles let in, roles that reach the page but not an alert
# about someone they did not invite: an IRO gets 404, as if it did not exist).
# Admins are refused everything here: an alert's concern, date and IRO say
# what one child disclosed, even without the words.
PAGES = [
    ("GET", "/staff/safeguarding", LEADS | {"iro"}, set()),
    ("GET", "/staff/safeguarding/{alert_id}", LEADS, {"iro"}),
    ("GET", "/staff/safeguarding/{alert_id}/conversation", LEADS, {"iro"}),
    ("POST", "/staff/safeguarding/{alert_id}/acknowledge", LEADS, {"iro"}),
    ("POST", "/staff/safeguarding/{alert_id}/email", LEADS, set()),
]


def fetch(client, method: str, url: str, **data):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": any_csrf_token(client), **data})


def events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.parametrize(
    ("method", "path", "role", "expected"),
    [
        pytest.param(
            method, path, role, "in" if role in allowed else 404 if role in not_theirs else 403, id=f"{role}-{method}-{path}"
        )
        for method, path, allowed, not_theirs in PAGES
        for role in ALL_ROLES
    ],
)
def test_each_role_is_let_in_or_refused(app, client, make_account, method, path, role, expected):
    alert_id = raise_alert_for(app)
    sign_in_quickly(app, client, make_account(role))
    response = fetch(client, method, path.format(alert_id=alert_id))
    if expected == "in":
        assert response.status_code in (200, 303, 400), response.status_code  # 400: the empty note
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("method", "path"), [(method, path) for method, path, _, _ in PAGES])
def test_someone_signed_out_is_sent_to_sign_in(app, client, method, path):
    alert_id = raise_alert_for(app)
    response = fetch(client, method, path.format(alert_id=alert_id))
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")


def test_an_iro_sees_the_alerts_of_people_they_invited_with_the_words(app, client, make_account):
    iro = make_account("iro")
    alert_id = raise_alert_for(app, iro_id=iro.id)
    sign_in_quickly(app, client, iro)
    assert f"Alert {alert_id}" in client.get("/staff/safeguarding").get_data(as_text=True)
    assert DISCLOSURE in client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)


def test_an_iro_cannot_see_another_iros_alert(app, client, make_account):
    theirs, mine = make_account("iro"), make_account("iro")
    alert_id = raise_alert_for(app, iro_id=theirs.id)
    sign_in_quickly(app, client, mine)
    assert f"Alert {alert_id}" not in client.get("/staff/safeguarding").get_data(as_text=True)
    page = client.get(f"/staff/safeguarding/{alert_id}")
    assert page.status_code == 404 and DISCLOSURE not in page.get_data(as_text=True)


def test_an_iro_cannot_acknowledge_another_iros_alert(app, client, make_account):
    theirs, mine = make_account("iro"), make_account("iro")
    alert_id = raise_alert_for(app, iro_id=theirs.id)
    sign_in_quickly(app, client, mine)
    response = fetch(client, "POST", f"/staff/safeguarding/{alert_id}/acknowledge", note="Done")
    assert response.status_code == 404
    assert stored_alerts(app)[0].acknowledged_at is None


def test_the_safeguarding_lead_reads_the_words_and_evidence(app, client, make_account):
    alert_id = raise_alert_for(app)
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    html = client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)
    assert DISCLOSURE in html and "<li>hits me</li>" in html


def test_viewing_an_alert_is_audited(app, client, make_account):
    lead = make_account("safeguarding_lead")
    alert_id = raise_alert_for(app)
    sign_in_quickly(app, client, lead)
    client.get(f"/staff/safeguarding/{alert_id}")
    [event] = events(app, "safeguarding_alert_viewed")
    assert (event.actor_id, event.target_type, event.target_id) == (lead.id, "safeguarding_alert", str(alert_id))
    assert DISCLOSURE not in str(event.detail)


def test_acknowledging_records_who_when_and_the_note_and_is_audited(app, client, make_account, alert_clock):
    lead = make_account("safeguarding_lead")
    alert_id = raise_alert_for(app)
    alert_clock.advance(hours=1)
    sign_in_quickly(app, client, lead)
    page = client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)
    note = "Phoned the social worker; a strategy meeting is booked for today."
    response = client.post(f"/staff/safeguarding/{alert_id}/acknowledge", data={"csrf_token": csrf_token(page), "note": note})
    assert response.status_code == 303
    [alert] = stored_alerts(app)
    assert alert.acknowledged_by_id == lead.id and alert.action_note == note
    assert alert.acknowledged_at == alert_clock.now()
    [event] = events(app, "safeguarding_acknowledged")
    assert (event.actor_id, event.target_id, event.detail) == (lead.id, str(alert_id), {"late": False})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert note in html and 'name="note"' not in html


def test_acknowledging_needs_a_note_of_what_was_done(app, client, make_account):
    alert_id = raise_alert_for(app)
    sign_in_quickly(app, client, make_account("iro_manager"))
    page = client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)
    response = client.post(f"/staff/safeguarding/{alert_id}/acknowledge", data={"csrf_token": csrf_token(page), "note": "  "})
    assert response.status_code == 400 and "Write what you did" in response.get_data(as_text=True)
    assert stored_alerts(app)[0].acknowledged_at is None
    assert events(app, "safeguarding_acknowledged") == []


def test_acknowledging_without_the_csrf_token_is_refused(app, client, make_account):
    alert_id = raise_alert_for(app)
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    response = client.post(f"/staff/safeguarding/{alert_id}/acknowledge", data={"note": "Done"})
    assert response.status_code == 400
    assert stored_alerts(app)[0].acknowledged_at is None


def test_the_queue_shows_waiting_alerts_first_then_newest_first(app, client, make_account, alert_clock):
    first = raise_alert_for(app)
    alert_clock.advance(minutes=5)
    second = raise_alert_for(app, text="I want to kill myself")
    alert_clock.advance(minutes=5)
    third = raise_alert_for(app, text="someone touched me and said not to tell")
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    page = client.get(f"/staff/safeguarding/{third}").get_data(as_text=True)
    client.post(f"/staff/safeguarding/{third}/acknowledge", data={"csrf_token": csrf_token(page), "note": "Seen"})
    html = client.get("/staff/safeguarding").get_data(as_text=True)
    order = [html.index(f'data-alert="{n}"') for n in (second, first, third)]
    assert order == sorted(order)


def test_an_alert_is_not_overdue_within_one_working_day(app, client, make_account, alert_clock):
    raise_alert_for(app)  # Friday 4pm
    alert_clock.advance(days=2, hours=23)  # Monday 3pm
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/safeguarding").get_data(as_text=True)
    assert "Overdue" not in html and 'data-state="waiting"' in html


def test_an_alert_not_acknowledged_within_one_working_day_is_shown_overdue_in_words(
    app, client, make_account, alert_clock
):
    alert_id = raise_alert_for(app)  # Friday 4pm
    alert_clock.advance(days=3, minutes=1)  # Monday 4:01pm
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/safeguarding").get_data(as_text=True)
    assert "1 alert is overdue" in html
    assert f'data-alert="{alert_id}" data-state="overdue"' in html and "<strong>Overdue</strong>" in html
    assert "<strong>Overdue.</strong>" in client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)


def test_a_bank_holiday_does_not_count_as_a_working_day(app, client, make_account, alert_clock):
    alert_clock.current = alert_clock.current.replace(month=8, day=28)  # Friday 28 August 2026
    raise_alert_for(app)
    alert_clock.advance(days=3, minutes=1)  # Monday 31 August is the summer bank holiday
    sign_in_quickly(app, client, make_account("iro_manager"))
    assert "Overdue" not in client.get("/staff/safeguarding").get_data(as_text=True)


def test_an_acknowledged_alert_is_never_overdue(app, client, make_account, alert_clock):
    alert_id = raise_alert_for(app)
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    page = client.get(f"/staff/safeguarding/{alert_id}").get_data(as_text=True)
    client.post(f"/staff/safeguarding/{alert_id}/acknowledge", data={"csrf_token": csrf_token(page), "note": "Seen"})
    alert_clock.advance(days=30)
    assert "Overdue" not in client.get("/staff/safeguarding").get_data(as_text=True)


def test_the_queue_names_the_questionnaire_in_words_not_by_its_id(app, client, make_account):
    raise_alert_for(app)
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    html = client.get("/staff/safeguarding").get_data(as_text=True)
    assert "Before my review (young people 12-18, before the review)" in html
    assert "young-person-before-review" not in html
