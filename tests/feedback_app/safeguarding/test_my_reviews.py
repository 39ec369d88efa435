"""The IRO's "My reviews" shows that a person they invited has an alert, its state and a link (issue 9.3)."""

from __future__ import annotations

from feedback_app.extensions import db
from feedback_app.models import SafeguardingAlert, StaffUser
from feedback_app.safeguarding import alerts
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_invited, stored_alerts


def disclose(app, iro_id: int) -> int:
    say_in_chat(app.test_client(), start_invited(app, iro_id), DISCLOSURE)  # not sent, nothing shared
    return stored_alerts(app)[-1].id


def my_reviews(app, client, account) -> str:
    sign_in_quickly(app, client, account)
    response = client.get("/staff/my-reviews")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_alert_shows_on_my_reviews_with_its_state_and_a_link_though_nothing_was_shared(app, client, make_account):
    iro = make_account("iro")
    alert_id = disclose(app, iro.id)
    page = my_reviews(app, client, iro)
    assert f'href="/staff/safeguarding/{alert_id}"' in page
    assert 'data-alert-state="waiting"' in page and "Waiting to be acknowledged" in page


def test_an_acknowledged_alert_says_so(app, client, make_account):
    iro, lead = make_account("iro"), make_account("safeguarding_lead")
    alert_id = disclose(app, iro.id)
    with app.app_context():
        alerts.acknowledge(db.session.get(SafeguardingAlert, alert_id), db.session.get(StaffUser, lead.id), "Done.")
        db.session.commit()
    assert 'data-alert-state="acknowledged"' in my_reviews(app, client, iro)


def test_a_review_with_no_alert_says_none_and_another_iros_alert_is_not_shown(app, client, make_account):
    iro, other = make_account("iro"), make_account("iro")
    disclose(app, other.id)
    start_invited(app, iro.id)  # a review of their own, with no alert
    page = my_reviews(app, client, iro)
    assert "safeguarding-alert-link" not in page and "<td>None</td>" in page


def test_the_iro_manager_sees_every_invitations_alert(app, client, make_account):
    alert_id = disclose(app, make_account("iro").id)
    assert f'href="/staff/safeguarding/{alert_id}"' in my_reviews(app, client, make_account("iro_manager"))
