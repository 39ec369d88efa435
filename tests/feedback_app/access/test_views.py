"""Deny by default: every /staff/ page names the capability it needs."""

import pytest

from feedback_app.access import CAPABILITIES, requires
from feedback_app.access.views import ACCESS_ATTRIBUTE, PUBLIC
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

PUBLIC_STAFF_ENDPOINTS = {"auth.login", "auth.logout"}


def test_every_staff_endpoint_names_a_capability(app):
    undeclared, wrongly_public = [], []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff"):
            continue
        access = getattr(app.view_functions[rule.endpoint], ACCESS_ATTRIBUTE, None)
        if access is None:
            undeclared.append(rule.rule)
        elif access == PUBLIC and rule.endpoint not in PUBLIC_STAFF_ENDPOINTS:
            wrongly_public.append(rule.rule)
        elif access != PUBLIC:
            assert access in CAPABILITIES, rule.rule
    assert not undeclared, f"{undeclared} name no capability: put @requires(...) right under the route decorator"
    assert not wrongly_public, f"{wrongly_public} are open to everyone; only sign-in and sign-out may be"


def test_a_staff_page_that_forgot_its_capability_is_refused_even_to_the_iro_manager(app, make_account):
    @app.get("/staff/forgotten")
    def forgotten():
        return "secret"

    client = app.test_client()
    sign_in_quickly(app, client, make_account("iro_manager"))
    response = client.get("/staff/forgotten")
    assert response.status_code == 403 and "secret" not in response.get_data(as_text=True)


def test_naming_an_unknown_capability_fails_at_once():
    with pytest.raises(ValueError, match="unknown capability"):
        requires("read_answer")


def test_a_deactivated_account_holds_no_capability(app, make_account):
    from types import SimpleNamespace

    from feedback_app.access import POLICY

    assert POLICY.may(SimpleNamespace(id=1, role="iro_manager", active=True), "read_answers")
    assert not POLICY.may(SimpleNamespace(id=1, role="iro_manager", active=False), "read_answers")
    assert not POLICY.may(None, "read_answers")
    assert not POLICY.may(SimpleNamespace(id=1, role="no_such_role", active=True), "use_staff_pages")
