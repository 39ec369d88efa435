"""Admins run accounts and read the audit log; they never see what anyone said (issue 9, item 10).

Not one person's answers, not figures that can be narrowed to one
questionnaire and one day, not the invitations whose names and dates would
tie those figures to a named child, not alerts, tasks or quotes.
"""

from __future__ import annotations

from tests.feedback_app.access.conftest import DISCLOSURE, FIRST_NAME, WORDS, Records
from tests.feedback_app.access.test_every_page_as_every_role import staff_routes, url
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

# What an admin may open under /staff/ (besides signing in and out).
ADMIN_PAGES = {"staff.dashboard", "staff.users", "staff.new_user", "staff.user", "staff.audit_log"}


def test_every_page_that_shows_what_people_said_refuses_an_admin(app, client, records: Records):
    sign_in_quickly(app, client, records.accounts["admin"])
    opened = set()
    for method, endpoint in staff_routes(app):
        if method != "GET":
            continue
        response = client.get(url(app, endpoint, records))
        if response.status_code == 200:
            opened.add(endpoint)
        else:
            assert response.status_code == 403, (endpoint, response.status_code)
    assert opened == ADMIN_PAGES


def test_no_page_an_admin_opens_holds_a_childs_words_name_or_answers(app, client, records: Records):
    sign_in_quickly(app, client, records.accounts["admin"])
    # Let every other role look first, so that the audit log has something in it.
    for role in ("iro", "iro_manager", "safeguarding_lead"):
        other = app.test_client()
        sign_in_quickly(app, other, records.accounts[role])
        other.get(f"/staff/responses/{records.conversation}")
        other.get(f"/staff/safeguarding/{records.alert}")
    for method, endpoint in staff_routes(app):
        if method == "GET":
            html = client.get(url(app, endpoint, records)).get_data(as_text=True)
            for secret in (WORDS, DISCLOSURE, FIRST_NAME, "Not good", "Abuse"):
                assert secret not in html, (endpoint, secret)


def test_the_figures_cannot_be_narrowed_to_one_day_by_an_admin(app, client, records: Records):
    sign_in_quickly(app, client, records.accounts["admin"])
    narrowed = "/staff/responses/figures?questionnaire=test-child-before&start=2026-05-04&end=2026-05-04"
    response = client.get(narrowed)
    assert response.status_code == 403
    assert "Not good" not in response.get_data(as_text=True)


def test_an_admin_refused_a_page_is_in_the_audit_log(app, client, records: Records):
    from feedback_app.extensions import db
    from feedback_app.models import AuditEvent

    sign_in_quickly(app, client, records.accounts["admin"])
    assert client.get("/staff/responses/figures").status_code == 403
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "access_refused"))
        assert (event.actor_id, event.target_id) == (records.accounts["admin"].id, "responses.figures")
        assert event.detail["capability"] == "see_figures"
