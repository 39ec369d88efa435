"""The staff home page: your role, and links to what your role may use."""

import pytest

from tests.feedback_app.auth.staff_helpers import sign_in_quickly


def test_the_home_page_says_who_you_are_and_your_role(app, client, make_account):
    sign_in_quickly(app, client, make_account("safeguarding_lead"))
    html = client.get("/staff/").get_data(as_text=True)
    assert "Test safeguarding_lead" in html and "Safeguarding lead" in html


def test_an_admin_is_shown_the_accounts_and_audit_pages(app, client, make_account):
    sign_in_quickly(app, client, make_account("admin"))
    html = client.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/users"' in html and 'href="/staff/audit"' in html


@pytest.mark.parametrize("role", ["iro_manager", "iro", "cicc", "safeguarding_lead"])
def test_other_roles_are_not_shown_links_to_admin_pages(app, client, make_account, role):
    sign_in_quickly(app, client, make_account(role))
    html = client.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/users"' not in html and 'href="/staff/audit"' not in html


def test_every_staff_page_has_a_sign_out_button(app, client, make_account):
    sign_in_quickly(app, client, make_account("admin"))
    for url in ("/staff/", "/staff/users", "/staff/audit"):
        assert 'action="/staff/logout"' in client.get(url).get_data(as_text=True)
