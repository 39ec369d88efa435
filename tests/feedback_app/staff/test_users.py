"""Admins managing staff accounts: create, change role, deactivate, reset password."""

from sqlalchemy import select

from feedback_app.auth import passwords
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, StaffUser
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import PASSWORD, any_csrf_token, sign_in, sign_in_quickly

NEW = "kettle orbit marmalade 42"


def post(client, url, **fields):
    return client.post(url, data={"csrf_token": any_csrf_token(client), **fields})


def user(app, user_id) -> StaffUser:
    with app.app_context():
        return db.session.get(StaffUser, user_id)


def last_event(app) -> AuditEvent:
    with app.app_context():
        return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def admin_client(app, make_account):
    admin = make_account("admin", email="admin@council.example")
    client = app.test_client()
    sign_in_quickly(app, client, admin)
    return client, admin


def test_the_list_shows_every_account_with_its_role(app, make_account):
    client, _ = admin_client(app, make_account)
    make_account("cicc", email="young.person@council.example")
    html = client.get("/staff/users").get_data(as_text=True)
    assert "young.person@council.example" in html and "Children in Care Council member" in html


def test_an_admin_creates_an_account_and_it_is_audited(app, make_account):
    client, admin = admin_client(app, make_account)
    response = post(
        client, "/staff/users/new",
        email="New.Person@council.example", display_name="New Person", role="cicc", password=NEW, confirm=NEW,
    )
    assert response.status_code == 303
    with app.app_context():
        made = db.session.scalar(select(StaffUser).where(StaffUser.email == "new.person@council.example"))
        assert made.role == "cicc" and passwords.verify_password(made.password_hash, NEW)
    event = last_event(app)
    assert (event.action, event.actor_id, event.target_id) == ("user_created", admin.id, str(made.id))
    assert NEW not in str(event.detail)


def test_creating_an_account_with_a_weak_password_is_refused_with_the_reason(app, make_account):
    client, _ = admin_client(app, make_account)
    response = post(
        client, "/staff/users/new",
        email="new@council.example", display_name="New", role="cicc", password="Liverpool2019", confirm="Liverpool2019",
    )
    assert response.status_code == 200
    assert "passwords people use most" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(StaffUser).where(StaffUser.email == "new@council.example")) is None


def test_creating_an_account_for_a_taken_email_is_refused(app, make_account):
    client, admin = admin_client(app, make_account)
    response = post(
        client, "/staff/users/new",
        email=admin.email.upper(), display_name="Again", role="cicc", password=NEW, confirm=NEW,
    )
    assert "already an account" in response.get_data(as_text=True)


def test_creating_an_account_needs_the_password_typed_the_same_twice(app, make_account):
    client, _ = admin_client(app, make_account)
    response = post(
        client, "/staff/users/new", email="new@council.example", display_name="New", role="cicc", password=NEW, confirm="x"
    )
    assert "The two passwords are not the same." in response.get_data(as_text=True)


def test_changing_a_role_takes_effect_at_once_and_is_audited(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("iro")
    other_client = app.test_client()
    sign_in_quickly(app, other_client, other)
    assert other_client.get("/staff/users").status_code == 403
    post(client, f"/staff/users/{other.id}/role", role="admin", display_name="Promoted")
    assert other_client.get("/staff/users").status_code == 200
    event = last_event(app)
    assert event.action == "user_changed"
    assert event.detail == {"changed": {"role": ["iro", "admin"], "display_name": ["Test iro", "Promoted"]}}


def test_the_last_active_admin_cannot_be_made_something_else(app, make_account):
    client, admin = admin_client(app, make_account)
    response = post(client, f"/staff/users/{admin.id}/role", role="iro", display_name="Me")
    assert response.status_code == 400 and "only active admin" in response.get_data(as_text=True)
    assert user(app, admin.id).role == "admin"


def test_deactivating_an_account_signs_the_person_out_and_stops_sign_in(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("iro_manager")
    other_client = app.test_client()
    sign_in_quickly(app, other_client, other)
    assert post(client, f"/staff/users/{other.id}/active", active="no").status_code == 303
    assert other_client.get("/staff/").status_code == 302
    assert sign_in(app.test_client(), other.email).status_code == 200  # refused
    assert last_event(app).action == "sign_in_failed"
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "user_deactivated" in actions


def test_a_deactivated_account_can_be_reactivated(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("iro", active=False)
    post(client, f"/staff/users/{other.id}/active", active="yes")
    assert user(app, other.id).active
    assert last_event(app).action == "user_reactivated"


def test_an_admin_cannot_deactivate_their_own_account(app, make_account):
    client, admin = admin_client(app, make_account)
    make_account("admin")  # not the last admin, so only the self-rule applies
    response = post(client, f"/staff/users/{admin.id}/active", active="no")
    assert response.status_code == 400 and "your own account" in response.get_data(as_text=True)
    assert user(app, admin.id).active


def test_resetting_a_password_replaces_it_and_ends_the_persons_sessions(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("cicc")  # an account that reads answers needs a second person: test_approvals.py
    other_client = app.test_client()
    sign_in_quickly(app, other_client, other)
    response = post(client, f"/staff/users/{other.id}/password", new_password=NEW, confirm_password=NEW)
    assert response.status_code == 303
    assert other_client.get("/staff/").status_code == 302
    assert sign_in(app.test_client(), other.email, PASSWORD).status_code == 200
    assert sign_in(app.test_client(), other.email, NEW).status_code == 303
    with app.app_context():
        assert "user_password_reset" in db.session.scalars(select(AuditEvent.action)).all()


def test_resetting_your_own_password_keeps_you_signed_in(app, make_account):
    client, admin = admin_client(app, make_account)
    post(client, f"/staff/users/{admin.id}/password", new_password=NEW, confirm_password=NEW)
    assert client.get("/staff/").status_code == 200


def test_a_weak_reset_password_is_refused_with_the_reason(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("cicc")
    response = post(client, f"/staff/users/{other.id}/password", new_password="short", confirm_password="short")
    assert response.status_code == 400 and "at least 12 characters" in response.get_data(as_text=True)


def test_an_admin_form_posted_without_a_csrf_token_is_refused(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("iro")
    response = client.post(f"/staff/users/{other.id}/role", data={"role": "admin", "display_name": "X"})
    assert response.status_code == 400
    assert user(app, other.id).role == "iro"


def test_an_account_page_that_does_not_exist_is_not_found(app, make_account):
    client, _ = admin_client(app, make_account)
    assert client.get("/staff/users/9999").status_code == 404


def test_the_account_page_shows_each_form_with_its_own_token(app, make_account):
    client, _ = admin_client(app, make_account)
    other = make_account("iro")
    html = client.get(f"/staff/users/{other.id}").get_data(as_text=True)
    assert html.count('name="csrf_token"') == 4  # sign out, role, password, deactivate
    assert csrf_token(html)
