"""Holding back guessing: 10 refused sign-ins in 5 minutes hold the account and the address for 15."""

from sqlalchemy import select

from feedback_app.auth.signin import REFUSED
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.feedback_app.auth.staff_helpers import sign_in

WRONG = "not the password at all"


def fail(client, email, times, ip="192.0.2.10", clock=None, every_seconds=0):
    for _ in range(times):
        assert REFUSED in sign_in(client, email, WRONG, ip=ip).get_data(as_text=True)
        if clock is not None and every_seconds:
            clock.advance(seconds=every_seconds)


def signed_in(response) -> bool:
    return response.status_code == 303


def test_nine_failures_do_not_stop_the_right_password(client, make_account, fake_clock):
    account = make_account()
    fail(client, account.email, 9)
    assert signed_in(sign_in(client, account.email))


def test_after_ten_failures_the_right_password_is_refused_with_the_same_vague_message(
    client, make_account, fake_clock
):
    account = make_account()
    fail(client, account.email, 10)
    response = sign_in(client, account.email)
    assert not signed_in(response)
    assert REFUSED in response.get_data(as_text=True)


def test_the_hold_still_applies_14_minutes_later(client, make_account, fake_clock):
    account = make_account()
    fail(client, account.email, 10)
    fake_clock.advance(minutes=14)
    assert not signed_in(sign_in(client, account.email))


def test_the_right_password_works_again_once_the_hold_is_over(client, make_account, fake_clock):
    account = make_account()
    fail(client, account.email, 10)
    fake_clock.advance(minutes=15, seconds=1)
    assert signed_in(sign_in(client, account.email))


def test_ten_failures_spread_over_more_than_five_minutes_hold_nothing_back(client, make_account, fake_clock):
    account = make_account()
    fail(client, account.email, 10, clock=fake_clock, every_seconds=40)  # 6 minutes from first to last
    assert signed_in(sign_in(client, account.email))


def test_the_account_is_held_whichever_address_the_guesses_came_from(client, make_account, fake_clock):
    account = make_account()
    for n in range(10):
        fail(client, account.email, 1, ip=f"198.51.100.{n}")
    assert not signed_in(sign_in(client, account.email, ip="203.0.113.5"))


def test_the_address_is_held_for_every_account_after_guessing_across_many(client, make_account, fake_clock):
    account = make_account()
    for n in range(10):
        fail(client, f"guess{n}@council.example", 1, ip="198.51.100.7")
    assert not signed_in(sign_in(client, account.email, ip="198.51.100.7"))
    assert signed_in(sign_in(client, account.email, ip="203.0.113.5"))


def test_unknown_emails_are_held_back_too_so_holds_reveal_no_accounts(client, fake_clock):
    fail(client, "nobody@council.example", 10, ip="198.51.100.1")
    with client.application.app_context():
        reasons = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "sign_in_failed")).all()
    assert [r["reason"] for r in reasons].count("unknown_email") == 10
    sign_in(client, "nobody@council.example", WRONG, ip="203.0.113.9")
    with client.application.app_context():
        last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last.detail["reason"] == "held_back"


def test_a_refusal_during_a_hold_is_audited_as_held_back(client, make_account, fake_clock):
    account = make_account()
    fail(client, account.email, 10)
    sign_in(client, account.email)
    with client.application.app_context():
        last = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last.action == "sign_in_failed" and last.detail["reason"] == "held_back"
    assert last.target_id == str(account.id)
