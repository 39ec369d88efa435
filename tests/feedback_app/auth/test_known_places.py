"""A stranger cannot lock a named person out (issue 9.14): the hold on an account applies
only to sign-ins from places not known for it; known devices and addresses still get in."""

from feedback_app.auth.known_places import COOKIE
from tests.feedback_app.auth.staff_helpers import sign_in

WRONG = "not the password at all"
STRANGERS = [f"198.51.100.{n}" for n in range(12)]


def signed_in(response) -> bool:
    return response.status_code == 303


def strangers_guess_at(client_factory, email, times=12):
    for n in range(times):
        sign_in(client_factory(), email, WRONG, ip=STRANGERS[n % len(STRANGERS)])


def test_a_stranger_guessing_at_an_account_does_not_stop_its_owner_on_their_known_device(app, make_account, fake_clock):
    lead = make_account("safeguarding_lead")
    own_laptop = app.test_client()
    assert signed_in(sign_in(own_laptop, lead.email, ip="203.0.113.20"))
    own_laptop.delete_cookie("session")  # the session is gone; the device stays known
    strangers_guess_at(app.test_client, lead.email)
    # At home today, a new address: the known device is what lets them in.
    assert signed_in(sign_in(own_laptop, lead.email, ip="192.0.2.99"))


def test_a_stranger_guessing_does_not_stop_the_owner_from_an_address_they_signed_in_from(app, make_account, fake_clock):
    lead = make_account("safeguarding_lead")
    assert signed_in(sign_in(app.test_client(), lead.email, ip="203.0.113.20"))
    strangers_guess_at(app.test_client, lead.email)
    # A different browser (no cookie), at the office address the account knows.
    assert signed_in(sign_in(app.test_client(), lead.email, ip="203.0.113.20"))


def test_the_account_is_still_held_from_places_it_does_not_know(app, make_account, fake_clock):
    lead = make_account("safeguarding_lead")
    assert signed_in(sign_in(app.test_client(), lead.email, ip="203.0.113.20"))
    strangers_guess_at(app.test_client, lead.email)
    assert not signed_in(sign_in(app.test_client(), lead.email, ip="192.0.2.200"))


def test_a_known_device_that_keeps_guessing_is_held_back_too(app, make_account, fake_clock):
    account = make_account("iro")
    laptop = app.test_client()
    assert signed_in(sign_in(laptop, account.email, ip="203.0.113.20"))
    laptop.delete_cookie("session")
    for _ in range(10):
        assert not signed_in(sign_in(laptop, account.email, WRONG, ip="192.0.2.50"))
    assert not signed_in(sign_in(laptop, account.email, ip="192.0.2.50"))
    fake_clock.advance(minutes=15, seconds=1)
    laptop.delete_cookie("session")
    assert signed_in(sign_in(laptop, account.email, ip="192.0.2.50"))


def test_a_made_up_known_device_cookie_counts_for_nothing(app, make_account, fake_clock):
    lead = make_account("safeguarding_lead")
    strangers_guess_at(app.test_client, lead.email)
    forger = app.test_client()
    forger.set_cookie(COOKIE, '{"d": "x", "u": [1, 2, 3]}', path="/staff/login")
    assert not signed_in(sign_in(forger, lead.email, ip="192.0.2.201"))


def test_the_known_device_cookie_is_http_only_and_only_sent_to_the_sign_in_page(app, make_account):
    account = make_account("iro")
    response = sign_in(app.test_client(), account.email)
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith(COOKIE))
    assert "HttpOnly" in cookie and "Path=/staff/login" in cookie and "SameSite=Lax" in cookie
