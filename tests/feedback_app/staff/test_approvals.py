"""A second person for access to answers (issue 9, item 10): an admin asks, an IRO manager approves
and sets the password, so an admin never holds the key to an account that reads children's words."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.auth import passwords
from feedback_app.extensions import db
from feedback_app.models import AccessRequest, AuditEvent, StaffUser
from tests.feedback_app.auth.staff_helpers import PASSWORD, any_csrf_token, sign_in, sign_in_quickly

ADMIN_PASSWORD = "kettle orbit marmalade 42"
MANAGER_PASSWORD = "lantern pebble oatmeal 77"


def post(client, url, **fields):
    return client.post(url, data={"csrf_token": any_csrf_token(client), **fields})


def signed_in(app, account):
    client = app.test_client()
    sign_in_quickly(app, client, account)
    return client


def stored(app, email) -> StaffUser:
    with app.app_context():
        return db.session.scalar(select(StaffUser).where(StaffUser.email == email))


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def only_request(app) -> AccessRequest:
    with app.app_context():
        (found,) = db.session.scalars(select(AccessRequest)).all()
        return found


@pytest.fixture
def people(app, make_account):
    return {
        "admin": make_account("admin", email="admin@council.example"),
        "manager": make_account("iro_manager", email="manager@council.example"),
    }


def ask_for_a_new_manager(app, people, **fields):
    return post(
        signed_in(app, people["admin"]), "/staff/users/new",
        email="new.manager@council.example", display_name="New Manager", role="iro_manager", **fields,
    )  # fmt: skip


@pytest.mark.parametrize("role", ["iro_manager", "iro", "safeguarding_lead"])
def test_an_admin_cannot_make_an_account_that_reads_answers_and_sign_in_as_it(app, people, role):
    admin = signed_in(app, people["admin"])
    response = post(
        admin, "/staff/users/new", email="made.up@council.example", display_name="Made Up", role=role,
        password=ADMIN_PASSWORD, confirm=ADMIN_PASSWORD,
    )  # fmt: skip
    assert "Leave the password empty" in response.get_data(as_text=True)
    assert stored(app, "made.up@council.example") is None
    post(admin, "/staff/users/new", email="made.up@council.example", display_name="Made Up", role=role)
    made = stored(app, "made.up@council.example")
    assert made.role == role and not made.active and not passwords.verify_password(made.password_hash, ADMIN_PASSWORD)
    assert sign_in(app.test_client(), "made.up@council.example", ADMIN_PASSWORD).status_code != 303


def test_a_new_account_waits_until_a_second_person_approves_and_sets_the_password(app, people):
    assert ask_for_a_new_manager(app, people).status_code == 303
    found = only_request(app)
    manager = signed_in(app, people["manager"])
    assert "New Manager" in manager.get("/staff/access-requests").get_data(as_text=True)
    response = post(
        manager, f"/staff/access-requests/{found.id}/approve",
        new_password=MANAGER_PASSWORD, confirm_password=MANAGER_PASSWORD,
    )  # fmt: skip
    assert response.status_code == 303
    made = stored(app, "new.manager@council.example")
    assert made.active and made.role == "iro_manager"
    assert sign_in(app.test_client(), "new.manager@council.example", MANAGER_PASSWORD).status_code == 303
    assert only_request(app).outcome == "approved" and only_request(app).decided_by_id == people["manager"].id
    assert {"user_created", "access_requested", "access_request_approved"} <= set(actions(app))


def test_a_new_account_waiting_for_approval_cannot_be_reactivated_by_the_admin(app, people):
    ask_for_a_new_manager(app, people)
    made = stored(app, "new.manager@council.example")
    response = post(signed_in(app, people["admin"]), f"/staff/users/{made.id}/active", active="yes")
    assert response.status_code == 400 and not stored(app, "new.manager@council.example").active


def test_a_change_of_role_to_one_that_reads_answers_waits_for_approval(app, people, make_account):
    cicc = make_account("cicc", email="young.person@council.example")
    post(signed_in(app, people["admin"]), f"/staff/users/{cicc.id}/role", role="iro_manager", display_name="Young Person")
    assert stored(app, cicc.email).role == "cicc"
    found = only_request(app)
    assert (found.kind, found.role) == ("role", "iro_manager")
    post(signed_in(app, people["manager"]), f"/staff/access-requests/{found.id}/approve",
         new_password=MANAGER_PASSWORD, confirm_password=MANAGER_PASSWORD)  # fmt: skip
    assert stored(app, cicc.email).role == "iro_manager"
    # The password the admin set for the CiCC account no longer opens it.
    assert sign_in(app.test_client(), cicc.email, PASSWORD).status_code != 303


def test_an_admin_cannot_give_themselves_a_role_that_reads_answers(app, people, make_account):
    make_account("admin", email="second.admin@council.example")
    admin = signed_in(app, people["admin"])
    post(admin, f"/staff/users/{people['admin'].id}/role", role="iro_manager", display_name="Admin")
    assert stored(app, people["admin"].email).role == "admin"
    assert admin.get("/staff/responses/figures").status_code == 403


def test_an_admin_cannot_set_the_password_of_an_account_that_reads_answers(app, people):
    admin = signed_in(app, people["admin"])
    response = post(
        admin, f"/staff/users/{people['manager'].id}/password",
        new_password=ADMIN_PASSWORD, confirm_password=ADMIN_PASSWORD,
    )  # fmt: skip
    assert response.status_code == 303
    assert sign_in(app.test_client(), people["manager"].email, ADMIN_PASSWORD).status_code != 303
    assert sign_in(app.test_client(), people["manager"].email, PASSWORD).status_code == 303  # unchanged
    assert only_request(app).kind == "password"


def test_a_password_for_an_account_that_reads_no_answers_is_still_set_by_the_admin(app, people, make_account):
    cicc = make_account("cicc", email="young.person@council.example")
    post(signed_in(app, people["admin"]), f"/staff/users/{cicc.id}/password",
         new_password=ADMIN_PASSWORD, confirm_password=ADMIN_PASSWORD)  # fmt: skip
    assert sign_in(app.test_client(), cicc.email, ADMIN_PASSWORD).status_code == 303


def test_nobody_approves_their_own_request_or_a_request_about_themselves(app, people, make_account):
    other_manager = make_account("iro_manager", email="other.manager@council.example")
    post(signed_in(app, people["admin"]), f"/staff/users/{people['manager'].id}/password")
    found = only_request(app)
    own = signed_in(app, people["manager"])
    response = post(own, f"/staff/access-requests/{found.id}/approve",
                    new_password=MANAGER_PASSWORD, confirm_password=MANAGER_PASSWORD)  # fmt: skip
    assert response.status_code == 400 and only_request(app).waiting
    # The admin who asked holds no capability to approve at all.
    assert post(signed_in(app, people["admin"]), f"/staff/access-requests/{found.id}/approve").status_code == 403
    response = post(signed_in(app, other_manager), f"/staff/access-requests/{found.id}/approve",
                    new_password=MANAGER_PASSWORD, confirm_password=MANAGER_PASSWORD)  # fmt: skip
    assert response.status_code == 303
    assert sign_in(app.test_client(), people["manager"].email, MANAGER_PASSWORD).status_code == 303


def test_a_refused_request_changes_nothing_and_is_audited(app, people):
    ask_for_a_new_manager(app, people)
    found = only_request(app)
    assert post(signed_in(app, people["manager"]), f"/staff/access-requests/{found.id}/refuse").status_code == 303
    assert only_request(app).outcome == "refused"
    assert not stored(app, "new.manager@council.example").active
    assert "access_request_refused" in actions(app)


def test_a_weak_password_from_the_approver_is_refused_and_the_request_still_waits(app, people):
    ask_for_a_new_manager(app, people)
    found = only_request(app)
    response = post(signed_in(app, people["manager"]), f"/staff/access-requests/{found.id}/approve",
                    new_password="password", confirm_password="password")  # fmt: skip
    assert response.status_code == 400 and only_request(app).waiting


def test_a_second_request_of_the_same_kind_replaces_the_first(app, people):
    admin = signed_in(app, people["admin"])
    post(admin, f"/staff/users/{people['manager'].id}/password")
    post(admin, f"/staff/users/{people['manager'].id}/password")
    with app.app_context():
        outcomes = sorted(str(r.outcome) for r in db.session.scalars(select(AccessRequest)))
    assert outcomes == ["None", "replaced"]
