"""The audit entries written by sign-in, sign-out and `audit.record` itself."""

import pytest
from sqlalchemy import select

from feedback_app import audit
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in


def events(app, action=None):
    with app.app_context():
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return db.session.scalars(query).all()


def test_a_sign_in_is_recorded_with_who_and_from_where(app, client, make_account):
    account = make_account()
    sign_in(client, account.email, ip="192.0.2.44")
    [event] = events(app, "sign_in")
    assert (event.actor_id, event.actor_email, event.ip) == (account.id, account.email, "192.0.2.44")
    assert (event.target_type, event.target_id) == ("staff_user", str(account.id))


def test_a_failed_sign_in_is_recorded_with_the_reason_and_never_the_password(app, client, make_account):
    account = make_account()
    sign_in(client, account.email, "my wrong guess here")
    [event] = events(app, "sign_in_failed")
    assert event.actor_id is None
    assert event.detail == {"email": account.email, "reason": "wrong_password"}
    assert "my wrong guess here" not in repr(event.__dict__)


def test_a_sign_out_is_recorded(app, client, make_account):
    account = make_account()
    sign_in(client, account.email)
    client.post("/staff/logout", data={"csrf_token": csrf_token(client.get("/staff/").get_data(as_text=True))})
    [event] = events(app, "sign_out")
    assert event.actor_id == account.id


@pytest.mark.parametrize("key", ["password", "token", "text", "answer"])
def test_record_refuses_detail_that_must_never_be_logged(app, key):
    with app.app_context(), pytest.raises(ValueError, match="must not include"):
        audit.record("conversation_viewed", "conversation", 1, **{key: "secret"})


def test_record_outside_a_request_has_no_actor_or_address(app):
    with app.app_context():
        event = audit.record("export_made", "export", None, format="csv")
        assert (event.actor_id, event.ip, event.detail) == (None, None, {"format": "csv"})


def test_an_event_is_saved_only_with_the_change_it_records(app):
    with app.app_context():
        audit.record("user_changed", "staff_user", 1, actor=None)
        db.session.rollback()  # the change failed, so nothing of it is kept: nor its entry
        assert db.session.scalars(select(AuditEvent)).all() == []
        audit.record("user_changed", "staff_user", 1, actor=None)
        db.session.commit()
    assert [event.action for event in events(app)] == ["user_changed"]

