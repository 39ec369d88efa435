"""Deny by default: every /staff/ page names its roles, and per-record checks."""

from types import SimpleNamespace

import pytest

from feedback_app.auth import can_view_conversation, requires_role, roles
from feedback_app.auth.roles import ACCESS_ATTRIBUTE, PUBLIC, ROLES
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

PUBLIC_STAFF_ENDPOINTS = {"auth.login", "auth.logout"}


def test_every_staff_endpoint_declares_which_roles_may_use_it(app):
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
            assert access and set(access) <= set(ROLES), rule.rule
    assert not undeclared, (
        f"{undeclared} name no roles: put @requires_role(...) right under the route decorator"
    )
    assert not wrongly_public, f"{wrongly_public} are open to everyone; only sign-in and sign-out may be"


def test_a_staff_page_that_forgot_its_roles_is_refused_even_to_an_admin(app, make_account):
    @app.get("/staff/forgotten")
    def forgotten():
        return "secret"

    account = make_account("admin")
    client = app.test_client()
    sign_in_quickly(app, client, account)
    assert client.get("/staff/forgotten").status_code == 403


def test_naming_an_unknown_role_fails_at_once():
    with pytest.raises(ValueError, match="unknown role"):
        requires_role("iro_manger")


def test_a_role_list_cannot_be_empty():
    with pytest.raises(ValueError):
        requires_role()


def person(role, id=1, active=True):
    return SimpleNamespace(role=role, id=id, active=active)


def conversation(iro_id=None, concern=False):
    answers = [SimpleNamespace(analysis={"concern": concern}), SimpleNamespace(analysis=None)]
    invitation = SimpleNamespace(iro_id=iro_id) if iro_id is not None else None
    return SimpleNamespace(invitation=invitation, answers=answers)


def test_the_iro_manager_may_read_any_conversation():
    assert can_view_conversation(person("iro_manager"), conversation())


def test_an_iro_may_read_only_the_conversations_of_people_they_invited(monkeypatch):
    monkeypatch.setattr(roles, "shared_with_their_iro", lambda conversation: True)
    assert can_view_conversation(person("iro", id=7), conversation(iro_id=7))
    assert not can_view_conversation(person("iro", id=7), conversation(iro_id=8))
    assert not can_view_conversation(person("iro", id=7), conversation())


def test_an_iro_may_not_read_what_their_invited_person_did_not_share_with_them(monkeypatch):
    monkeypatch.setattr(roles, "shared_with_their_iro", lambda conversation: False)
    assert not can_view_conversation(person("iro", id=7), conversation(iro_id=7))


def test_the_safeguarding_lead_may_read_only_conversations_with_a_concern():
    assert can_view_conversation(person("safeguarding_lead"), conversation(concern=True))
    assert not can_view_conversation(person("safeguarding_lead"), conversation())


@pytest.mark.parametrize("role", ["admin", "cicc"])
def test_admins_and_cicc_members_never_read_one_persons_answers(role):
    assert not can_view_conversation(person(role), conversation(iro_id=1, concern=True))


def test_nobody_signed_out_or_deactivated_may_read_a_conversation():
    assert not can_view_conversation(None, conversation())
    assert not can_view_conversation(person("iro_manager", active=False), conversation())
