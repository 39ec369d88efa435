"""What signing in keeps, and what it ends (issue 9.17): no password typed into the
e-mail box is kept, and a new sign-in ends the browser's older session on the server."""

from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, SignInFailure, StaffSession
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import PASSWORD, sign_in

TYPED_IN_THE_EMAIL_BOX = "Correct-Horse-Battery-9!"


def test_a_password_typed_into_the_email_box_is_kept_nowhere(app, client, make_account):
    make_account()
    sign_in(client, TYPED_IN_THE_EMAIL_BOX, "anything")
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "sign_in_failed")).all()
        failures = db.session.scalars(select(SignInFailure)).all()
        kept = repr(event.detail) + repr([f.email for f in failures])
    assert TYPED_IN_THE_EMAIL_BOX.lower() not in kept.lower()
    assert event.detail["reason"] == "unknown_email"
    assert event.detail["email"].startswith("unknown:")


def test_guesses_at_one_unknown_email_are_still_seen_together(app, client):
    sign_in(client, "nobody@council.example", "guess one")
    sign_in(client, " Nobody@Council.example ", "guess two")
    with app.app_context():
        emails = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "sign_in_failed")).all()
    assert emails[0]["email"] == emails[1]["email"]


def test_an_accounts_own_email_is_still_recorded_as_typed(app, client, make_account):
    account = make_account()
    sign_in(client, account.email, "wrong password")
    with app.app_context():
        [detail] = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "sign_in_failed")).all()
    assert detail["email"] == account.email


def test_signing_in_again_ends_the_previous_session_on_the_server(app, client, make_account):
    first, second = make_account("admin"), make_account("iro")
    sign_in(client, first.email)
    old_cookie = client.get_cookie("session").value
    # Someone else signs in on the same browser, through the form (its GET would send them on).
    html = client.get("/staff/", follow_redirects=True).get_data(as_text=True)
    response = client.post("/staff/login", data={"csrf_token": csrf_token(html), "email": second.email, "password": PASSWORD})
    assert response.status_code == 303
    with app.app_context():
        sessions = db.session.scalars(select(StaffSession).order_by(StaffSession.id)).all()
    assert [(s.user_id, s.ended_at is not None, s.end_reason) for s in sessions] == [
        (first.id, True, "signed_in_again"),
        (second.id, False, None),
    ]
    # The old cookie, kept by whoever copied it, no longer opens anything.
    other = app.test_client()
    other.set_cookie("session", old_cookie)
    assert other.get("/staff/audit").status_code == 302
