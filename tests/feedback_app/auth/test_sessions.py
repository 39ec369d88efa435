"""Sessions: checked on the server, ended by idleness, by age and by signing out."""

from feedback_app import create_app
from feedback_app.auth.sessions import SESSION_KEY
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in


def session_key(client) -> str | None:
    with client.session_transaction() as cookie_session:
        return cookie_session.get(SESSION_KEY)


def sign_out(client):
    token = csrf_token(client.get("/staff/").get_data(as_text=True))
    return client.post("/staff/logout", data={"csrf_token": token})


def test_signing_in_starts_a_new_session_and_drops_what_the_old_cookie_held(client, make_account):
    account = make_account()
    with client.session_transaction() as cookie_session:
        cookie_session[SESSION_KEY] = "planted-by-someone-else"
        cookie_session["leftover"] = "from before"
    sign_in(client, account.email)
    with client.session_transaction() as cookie_session:
        assert cookie_session[SESSION_KEY] != "planted-by-someone-else"
        assert "leftover" not in cookie_session


def test_each_sign_in_gets_a_different_session_key(client, make_account):
    account = make_account()
    sign_in(client, account.email)
    first = session_key(client)
    sign_out(client)
    sign_in(client, account.email)
    assert session_key(client) not in (None, first)


def test_the_session_cookie_is_httponly_and_samesite_lax(client, make_account):
    account = make_account()
    cookie = sign_in(client, account.email).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookies_are_secure_outside_local_development_and_tests(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    app = create_app({"DATABASE_URL": "sqlite://", "PUBLIC_BASE_URL": "https://feedback.council.example"})
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_a_page_visit_after_29_minutes_keeps_the_session_open(client, make_account, fake_clock):
    account = make_account()
    sign_in(client, account.email)
    for _ in range(3):
        fake_clock.advance(minutes=29)
        assert client.get("/staff/").status_code == 200


def test_30_minutes_without_activity_ends_the_session(client, make_account, fake_clock):
    account = make_account()
    sign_in(client, account.email)
    fake_clock.advance(minutes=30)
    response = client.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")
    assert "had not done anything for 30 minutes" in client.get("/staff/login").get_data(as_text=True)


def test_an_idle_session_stays_ended_when_the_clock_is_moved_back(client, make_account, fake_clock):
    account = make_account()
    sign_in(client, account.email)
    key = session_key(client)
    fake_clock.advance(minutes=31)
    client.get("/staff/")
    fake_clock.advance(minutes=-31)
    with client.session_transaction() as cookie_session:
        cookie_session[SESSION_KEY] = key
    assert client.get("/staff/").status_code == 302


def test_a_session_ends_after_12_hours_however_active(client, make_account, fake_clock):
    account = make_account()
    sign_in(client, account.email)
    for _ in range(11 * 4 + 3):  # every 15 minutes up to 11h45
        fake_clock.advance(minutes=15)
        assert client.get("/staff/").status_code == 200
    fake_clock.advance(minutes=15)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "signed in for 12 hours" in client.get("/staff/login").get_data(as_text=True)


def test_signing_out_ends_the_session_so_a_copied_cookie_no_longer_works(app, client, make_account):
    account = make_account()
    sign_in(client, account.email)
    stolen = session_key(client)
    assert sign_out(client).headers["Location"] == "/staff/login"
    other = app.test_client()
    with other.session_transaction() as cookie_session:
        cookie_session[SESSION_KEY] = stolen
    assert other.get("/staff/").status_code == 302


def test_signing_out_says_so_on_the_sign_in_page(client, make_account):
    account = make_account()
    sign_in(client, account.email)
    sign_out(client)
    assert "You have signed out." in client.get("/staff/login").get_data(as_text=True)


def test_signing_out_needs_a_post_with_a_csrf_token(client, make_account):
    account = make_account()
    sign_in(client, account.email)
    assert client.get("/staff/logout").status_code == 405
    assert client.post("/staff/logout").status_code == 400
    assert client.get("/staff/").status_code == 200


def test_a_made_up_session_key_is_not_signed_in(client):
    with client.session_transaction() as cookie_session:
        cookie_session[SESSION_KEY] = "made-up"
    assert client.get("/staff/").status_code == 302
