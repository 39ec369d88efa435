"""The staff home page: your role, and links to what your role may use."""

import re
from datetime import timedelta

import pytest

from feedback_app.conversation import service as conversations
from feedback_app.extensions import db
from feedback_app.models import SafeguardingAlert, StaffTask, utcnow
from tests.feedback_app.auth.staff_helpers import sign_in_quickly


def test_the_home_page_says_who_you_are_and_your_role(app, client, make_account):
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    html = client.get("/staff/").get_data(as_text=True)
    assert "Test safeguarding_lead" in html and "Safeguarding lead" in html


def test_an_admin_is_shown_the_accounts_and_audit_pages(app, client, make_account):
    sign_in_quickly(app, client, make_account("admin"))
    html = client.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/users"' in html and 'href="/staff/audit"' in html


def test_the_iro_manager_is_shown_the_annual_report_first(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/").get_data(as_text=True)
    links = re.findall(r'href="(/staff/[^"]*)"', html)
    assert links.index("/staff/report") < links.index("/staff/dashboard")


@pytest.mark.parametrize("role", ["iro", "cicc", "safeguarding_lead", "admin"])
def test_only_the_iro_manager_is_shown_the_annual_report(app, client, make_account, role):
    sign_in_quickly(app, client, make_account(role))
    assert 'href="/staff/report"' not in client.get("/staff/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["iro_manager", "iro", "cicc", "safeguarding_lead"])
def test_other_roles_are_not_shown_links_to_admin_pages(app, client, make_account, role):
    sign_in_quickly(app, client, make_account(role))
    html = client.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/users"' not in html and 'href="/staff/audit"' not in html


def test_every_staff_page_has_a_sign_out_button(app, client, make_account):
    sign_in_quickly(app, client, make_account("admin"))
    for url in ("/staff/", "/staff/users", "/staff/audit"):
        assert 'action="/staff/logout"' in client.get(url).get_data(as_text=True)


# --- what is waiting (issue 11.16) ---------------------------------------------------


@pytest.fixture
def app_settings(tmp_path) -> dict[str, object]:
    return {"MAIL_FOLDER": str(tmp_path / "mail"), "SAFEGUARDING_EMAIL_TO": "safeguarding@example.org"}


def waiting_line(html: str, endpoint: str) -> str:
    start = html.index(f'data-waiting="{endpoint}"')
    return re.sub(r"<[^>]+>", "", html[html.index(">", start) + 1 : html.index("</p>", start)]).strip()


def test_the_safeguarding_lead_sees_how_many_alerts_wait_and_how_many_are_overdue(app, client, make_account):
    from tests.feedback_app.safeguarding.conftest import raise_alert_for

    old = raise_alert_for(app)
    raise_alert_for(app, text="I want to kill myself")
    with app.app_context():
        db.session.get(SafeguardingAlert, old).created_at = utcnow() - timedelta(days=10)
        db.session.commit()
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    assert waiting_line(client.get("/staff/").get_data(as_text=True), "safeguarding.queue") == "2 alerts waiting, 1 overdue"


def test_with_nothing_waiting_staff_home_says_so(app, client, make_account):
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    assert waiting_line(client.get("/staff/").get_data(as_text=True), "safeguarding.queue") == "No alerts waiting"


def test_the_iro_manager_sees_how_many_requests_are_open(app, client, make_account):
    with app.app_context():
        for done in (False, False, True):
            conversation = conversations.new("young-person-before-review")
            db.session.add(StaffTask(kind="talk_to_iro", conversation_id=conversation.id, question_id="talk",
                                     done_at=utcnow() if done else None))  # fmt: skip
        db.session.commit()
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get("/staff/").get_data(as_text=True)
    assert waiting_line(html, "invitations.task_list") == "2 requests to follow up"
    assert waiting_line(html, "quotes.bank") == "No quotes to review"


def test_an_iro_counts_only_their_own_requests(app, client, make_account):
    with app.app_context():
        conversation = conversations.new("young-person-before-review")
        db.session.add(StaffTask(kind="talk_to_iro", conversation_id=conversation.id, question_id="talk"))
        db.session.commit()
    sign_in_quickly(app, client, make_account("iro"))
    assert waiting_line(client.get("/staff/").get_data(as_text=True), "invitations.task_list") == "No requests to follow up"


@pytest.mark.parametrize(("url", "status"), [("/staff/users", 403), ("/staff/no-such-page", 404)])
def test_a_refused_or_missing_staff_page_keeps_the_staff_header_and_a_way_back(app, client, make_account, url, status):
    sign_in_quickly(app, client, make_account("iro"))
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert 'class="staff-bar"' in html and 'action="/staff/logout"' in html
    assert 'href="/staff/">Go to staff home</a>' in html
