"""The audit log page: admins only, newest first, a page at a time, filtered by action."""

from datetime import UTC, datetime, timedelta

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

START = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def add_events(app, count, action="conversation_viewed"):
    with app.app_context():
        for n in range(count):
            db.session.add(
                AuditEvent(at=START + timedelta(minutes=n), action=action, target_type="conversation", target_id=str(n))
            )
        db.session.commit()


def admin_client(app, make_account):
    client = app.test_client()
    sign_in_quickly(app, client, make_account("admin"))
    return client


def test_the_newest_event_comes_first(app, make_account):
    add_events(app, 3)
    html = admin_client(app, make_account).get("/staff/audit").get_data(as_text=True)
    # Shown in UK time: 09:00 UTC on 1 April is 10:00 British Summer Time.
    assert html.index("2026-04-01 10:02:00") < html.index("2026-04-01 10:01:00") < html.index("2026-04-01 10:00:00")


def test_the_log_is_shown_50_events_a_page(app, make_account):
    add_events(app, 60)
    client = admin_client(app, make_account)
    first = client.get("/staff/audit").get_data(as_text=True)
    second = client.get("/staff/audit?page=2").get_data(as_text=True)
    assert first.count('class="audit-event"') == 50 and second.count('class="audit-event"') == 10
    assert "Page 1 of 2" in first and 'rel="next"' in first and 'rel="prev"' in second


def test_the_log_can_be_filtered_by_action(app, make_account):
    add_events(app, 2, "conversation_viewed")
    add_events(app, 3, "export_made")
    html = admin_client(app, make_account).get("/staff/audit?action=export_made").get_data(as_text=True)
    assert html.count('class="audit-event"') == 3
    assert "conversation viewed</td>" not in html


def test_the_filter_offers_each_action_recorded(app, make_account):
    add_events(app, 1, "export_made")
    html = admin_client(app, make_account).get("/staff/audit").get_data(as_text=True)
    assert '<option value="export_made">' in html


def test_a_page_past_the_end_shows_no_events(app, make_account):
    add_events(app, 3)
    html = admin_client(app, make_account).get("/staff/audit?page=9").get_data(as_text=True)
    assert 'class="audit-event"' not in html
