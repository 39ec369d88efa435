"""Every staff page, as every role: the policy, proved by walking the URL map.

The expected roles are written out here, not read from the policy, so that a
change to who may see a page has to be made on purpose in two places. The
records each page is given all belong to the IRO, so a refusal here comes
from the role, never from whose record it is.
"""

from __future__ import annotations

import pytest
from flask import url_for

from tests.feedback_app.access.conftest import Records
from tests.feedback_app.auth.staff_helpers import ALL_ROLES, any_csrf_token, sign_in_quickly

EVERYONE = set(ALL_ROLES)
ADMIN = {"admin"}
MANAGER = {"iro_manager"}
INVITERS = {"iro", "iro_manager"}
ALERTS = {"iro", "iro_manager", "safeguarding_lead"}

# (method, endpoint) -> the roles let in. Sign-in and sign-out are open to all
# and tested in tests/feedback_app/auth.
EXPECTED: dict[tuple[str, str], set[str]] = {
    ("GET", "staff.dashboard"): EVERYONE,
    ("GET", "staff.users"): ADMIN,
    ("GET", "staff.new_user"): ADMIN,
    ("POST", "staff.new_user"): ADMIN,
    ("GET", "staff.user"): ADMIN,
    ("POST", "staff.user_role"): ADMIN,
    ("POST", "staff.user_active"): ADMIN,
    ("POST", "staff.user_password"): ADMIN,
    ("GET", "staff.audit_log"): ADMIN,
    ("GET", "staff.access_requests"): MANAGER,
    ("GET", "staff.access_request"): MANAGER,
    ("POST", "staff.approve_access"): MANAGER,
    ("POST", "staff.refuse_access"): MANAGER,
    ("GET", "invitations.invitations"): INVITERS,
    ("GET", "invitations.new_invitation"): INVITERS,
    ("POST", "invitations.new_invitation"): INVITERS,
    ("GET", "invitations.invitation"): INVITERS,
    ("GET", "invitations.print_invitation"): INVITERS,
    ("GET", "invitations.qr_code"): INVITERS,
    ("POST", "invitations.mark_sent"): INVITERS,
    ("POST", "invitations.stop"): INVITERS,
    ("POST", "invitations.record_participation"): INVITERS,
    ("GET", "invitations.my_reviews"): INVITERS,
    ("GET", "invitations.review"): INVITERS,
    ("GET", "invitations.task_list"): INVITERS,
    ("POST", "invitations.task_done"): INVITERS,
    ("POST", "invitations.anonymous_tasks_noted"): INVITERS,
    ("GET", "responses.dashboard"): MANAGER,
    ("GET", "responses.responses"): MANAGER,
    ("GET", "responses.conversation"): MANAGER,
    ("GET", "responses.figures"): MANAGER,
    ("GET", "report.page"): MANAGER,
    ("GET", "report.download"): MANAGER,
    ("GET", "report.chart_file"): MANAGER,
    ("GET", "quotes.bank"): MANAGER,
    ("GET", "quotes.review"): MANAGER,
    ("POST", "quotes.decide"): MANAGER,
    ("POST", "quotes.find"): MANAGER,
    ("POST", "quotes.reject"): MANAGER,
    ("GET", "safeguarding.queue"): ALERTS,
    ("GET", "safeguarding.alert"): ALERTS,
    ("GET", "safeguarding.conversation"): ALERTS,
    ("POST", "safeguarding.acknowledge"): ALERTS,
    ("POST", "safeguarding.retry_email"): {"iro_manager", "safeguarding_lead"},
    ("GET", "cicc.view"): {"cicc", "iro_manager"},
    ("GET", "cicc.you_said_we_did"): MANAGER,
    ("POST", "cicc.you_said_we_did"): MANAGER,
    ("GET", "cicc.edit_entry"): MANAGER,
    ("POST", "cicc.edit_entry"): MANAGER,
    ("POST", "cicc.remove_entry"): MANAGER,
}
# Let in by role, but not to a record they did not make: only the person who made an
# invitation is shown its link, on the page, the print page and the QR code (docs/child-links.md).
NOT_THEIRS: dict[tuple[str, str], set[str]] = {
    ("GET", "invitations.print_invitation"): {"iro_manager"},
    ("GET", "invitations.qr_code"): {"iro_manager"},
}
# The records' year is too small to draw any chart (a chart whose every bar would be
# "fewer than 5" is left out), so whoever is let in gets a 404; a refused role still gets 403.
MAY_BE_ABSENT = {("GET", "report.chart_file")}
OPEN_TO_ALL = {"auth.login", "auth.logout"}
# POSTs that change what later requests see go last.
LAST = ("invitations.stop", "quotes.reject", "cicc.remove_entry", "staff.refuse_access")


def staff_routes(app) -> list[tuple[str, str]]:
    found = {
        (method, rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/staff") and rule.endpoint not in OPEN_TO_ALL
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    return sorted(found, key=lambda route: (route[0] == "POST", route[1] in LAST, route))


def url(app, endpoint: str, records: Records) -> str:
    (rule,) = app.url_map.iter_rules(endpoint)
    ids = {
        "entry_id": records.entry, "quote_id": records.quote, "conversation_id": records.conversation,
        "alert_id": records.alert, "task_id": records.task, "user_id": records.user, "request_id": records.request,
        "invitation_id": records.answered if endpoint == "invitations.review" else records.invitation,
        "year_name": "2025-26", "kind": "report.xlsx", "chart_id": "chart-sent-by-who", "ext": "svg",
    }  # fmt: skip
    with app.test_request_context():
        return url_for(endpoint, **{name: ids[name] for name in rule.arguments})


def test_the_table_names_every_staff_page(app):
    assert set(staff_routes(app)) == set(EXPECTED), "add the new page to EXPECTED, with the roles it lets in"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_is_let_in_exactly_where_the_table_says(app, client, records, role):
    sign_in_quickly(app, client, records.accounts[role])
    token = any_csrf_token(client)
    wrong = []
    for method, endpoint in staff_routes(app):
        address = url(app, endpoint, records)
        if method == "GET":
            response = client.get(address)
        else:
            response = client.post(address, data={"csrf_token": token})
        let_in = response.status_code in (200, 303, 400)  # 400: an empty form's errors
        if (method, endpoint) in MAY_BE_ABSENT or role in NOT_THEIRS.get((method, endpoint), ()):
            let_in = let_in or response.status_code == 404
        expected = role in EXPECTED[method, endpoint]
        if role in NOT_THEIRS.get((method, endpoint), ()) and response.status_code != 404:
            wrong.append(f"{method} {address}: {response.status_code}, expected 404 (not their invitation)")
        elif let_in != expected or (not expected and response.status_code != 403):
            wrong.append(f"{method} {address}: {response.status_code}, expected {'in' if expected else 403}")
    assert not wrong, "\n".join(wrong)


def staff_header(html: str) -> bool:
    return 'aria-label="Staff"' in html and "Sign out" in html and "Staff home" in html


def test_a_refused_page_keeps_the_staff_header(app, client, records):
    sign_in_quickly(app, client, records.accounts["cicc"])
    response = client.get("/staff/audit")
    assert response.status_code == 403 and staff_header(response.get_data(as_text=True))


def test_a_record_that_is_not_there_keeps_the_staff_header(app, client, records):
    sign_in_quickly(app, client, records.accounts["iro_manager"])
    response = client.get("/staff/responses/999999999")
    assert response.status_code == 404 and staff_header(response.get_data(as_text=True))
