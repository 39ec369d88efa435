"""Signing in at /staff/login: the form, the one vague refusal, and where you land."""

import re

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from feedback_app.auth import passwords
from feedback_app.auth.signin import REFUSED
from feedback_app.extensions import db
from feedback_app.models import StaffUser
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', "", html)


def test_the_sign_in_page_has_an_email_and_a_password_field(client):
    html = client.get("/staff/login").get_data(as_text=True)
    assert 'name="email"' in html and 'type="password"' in html and 'name="password"' in html


def test_the_right_password_signs_in_and_lands_on_the_staff_home_page(client, make_account):
    account = make_account("iro_manager")
    response = sign_in(client, account.email)
    assert response.status_code == 303 and response.headers["Location"] == "/staff/"
    assert "IRO manager" in client.get("/staff/").get_data(as_text=True)


def test_the_email_is_matched_whatever_its_capitals(client, make_account):
    account = make_account("iro", email="Sam.Jones@Council.example")
    assert account.email == "sam.jones@council.example"
    assert sign_in(client, "  SAM.JONES@council.EXAMPLE ").status_code == 303


def test_a_wrong_password_gets_the_vague_message(client, make_account):
    account = make_account()
    response = sign_in(client, account.email, "not the password at all")
    assert response.status_code == 200
    assert REFUSED in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_an_unknown_email_gets_exactly_the_same_page_as_a_wrong_password(client, make_account):
    account = make_account()
    wrong_password = sign_in(client, account.email, "not the password at all").get_data(as_text=True)
    unknown_email = sign_in(client, "nobody@council.example", "not the password at all").get_data(as_text=True)
    assert without_tokens(wrong_password).replace(account.email, "EMAIL") == without_tokens(unknown_email).replace(
        "nobody@council.example", "EMAIL"
    )


def test_an_unknown_email_still_checks_a_password_hash_so_it_takes_as_long(client, monkeypatch):
    checked = []
    real_verify = passwords.verify_password
    monkeypatch.setattr(
        "feedback_app.auth.signin.verify_password", lambda h, p: checked.append(h) or real_verify(h, p)
    )
    sign_in(client, "nobody@council.example", "not the password at all")
    assert len(checked) == 1 and checked[0].startswith("$argon2id$")


def test_a_deactivated_account_cannot_sign_in_and_gets_the_vague_message(client, make_account):
    account = make_account(active=False)
    response = sign_in(client, account.email)
    assert REFUSED in response.get_data(as_text=True)


def test_blank_fields_are_named_without_counting_as_a_failed_sign_in(client, app):
    page = client.get("/staff/login").get_data(as_text=True)
    response = client.post("/staff/login", data={"csrf_token": csrf_token(page), "email": "", "password": ""})
    html = response.get_data(as_text=True)
    assert "Enter your email address." in html and "Enter your password." in html
    assert REFUSED not in html


def test_a_sign_in_post_without_a_csrf_token_is_refused(client, make_account):
    account = make_account()
    response = client.post("/staff/login", data={"email": account.email, "password": account.password})
    assert response.status_code == 400
    assert client.get("/staff/").status_code == 302


def test_sign_in_returns_to_the_staff_page_asked_for(client, make_account):
    account = make_account("admin")
    response = sign_in(client, account.email, next="/staff/audit")
    assert response.headers["Location"] == "/staff/audit"


@pytest.mark.parametrize(
    "target", ["//evil.example/staff/", "https://evil.example/staff/", "/c/some-conversation", "/\\evil.example"]
)
def test_sign_in_never_sends_you_to_another_site(client, make_account, target):
    account = make_account("admin")
    response = sign_in(client, account.email, next=target)
    assert response.headers["Location"] == "/staff/"


def test_a_hash_made_with_older_settings_is_redone_at_sign_in(client, app, make_account):
    account = make_account()
    old = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(account.password)
    with app.app_context():
        db.session.get(StaffUser, account.id).password_hash = old
        db.session.commit()
    assert sign_in(client, account.email).status_code == 303
    with app.app_context():
        renewed = db.session.scalar(select(StaffUser.password_hash).where(StaffUser.id == account.id))
    assert renewed != old and not passwords.needs_rehash(renewed)
    assert passwords.verify_password(renewed, account.password)


def test_a_signed_in_person_opening_the_sign_in_page_goes_to_the_staff_home_page(client, make_account):
    account = make_account()
    sign_in(client, account.email)
    assert client.get("/staff/login").headers["Location"] == "/staff/"
