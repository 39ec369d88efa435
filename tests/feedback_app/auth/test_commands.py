"""`create-user` and `seed-demo-staff` on the command line."""

from sqlalchemy import select

from feedback_app.auth import passwords
from feedback_app.auth.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_demo_staff
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, StaffUser
from tests.feedback_app.auth.staff_helpers import sign_in

GOOD = "kettle orbit marmalade 42"


def users(app):
    with app.app_context():
        return db.session.scalars(select(StaffUser)).all()


def test_create_user_makes_an_account_with_a_hashed_password(app, runner):
    result = runner.invoke(args=["create-user", "Ann@Council.example", "--role", "iro", "--password", GOOD, "--name", "Ann Lee"])
    assert result.exit_code == 0, result.output
    [user] = users(app)
    assert (user.email, user.role, user.display_name, user.active) == ("ann@council.example", "iro", "Ann Lee", True)
    assert user.password_hash.startswith("$argon2id$") and passwords.verify_password(user.password_hash, GOOD)


def test_create_user_asks_for_the_password_twice_with_the_typing_hidden(app, runner):
    result = runner.invoke(args=["create-user", "ann@council.example", "--role", "admin"], input=f"{GOOD}\n{GOOD}\n")
    assert result.exit_code == 0, result.output
    assert GOOD not in result.output  # hidden input is not echoed
    assert result.output.count("Password") == 1 and "Repeat for confirmation" in result.output
    assert users(app)[0].role == "admin"


def test_create_user_refuses_when_the_two_passwords_differ(app, runner):
    result = runner.invoke(
        args=["create-user", "ann@council.example", "--role", "admin"], input=f"{GOOD}\n{GOOD}x\n"
    )
    assert result.exit_code != 0 and "do not match" in result.output
    assert users(app) == []


def test_create_user_refuses_a_weak_password_and_says_why(app, runner):
    result = runner.invoke(args=["create-user", "ann@council.example", "--role", "iro", "--password", "Password1234"])
    assert result.exit_code == 1
    assert "passwords people use most" in result.output
    assert users(app) == []


def test_create_user_refuses_a_short_password_and_says_why(app, runner):
    result = runner.invoke(args=["create-user", "ann@council.example", "--role", "iro", "--password", "short1!"])
    assert result.exit_code == 1 and "at least 12 characters" in result.output


def test_create_user_refuses_an_email_that_already_has_an_account(app, runner):
    runner.invoke(args=["create-user", "ann@council.example", "--role", "iro", "--password", GOOD])
    result = runner.invoke(args=["create-user", "ANN@council.example", "--role", "admin", "--password", GOOD])
    assert result.exit_code == 1 and "already an account" in result.output
    assert [u.role for u in users(app)] == ["iro"]


def test_create_user_refuses_an_unknown_role(app, runner):
    result = runner.invoke(args=["create-user", "ann@council.example", "--role", "boss", "--password", GOOD])
    assert result.exit_code == 2 and "iro_manager" in result.output


def test_create_user_is_audited_without_the_password(app, runner):
    runner.invoke(args=["create-user", "ann@council.example", "--role", "iro", "--password", GOOD])
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent)).all()
    assert event.action == "user_created" and event.detail == {"role": "iro", "via": "command line"}
    assert GOOD not in str(event.detail)


def test_seed_demo_staff_makes_one_account_per_role_and_prints_the_password(app, runner):
    result = runner.invoke(args=["seed-demo-staff"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output and "manager@example.org" in result.output
    assert sorted(u.role for u in users(app)) == sorted(a.role for a in DEMO_ACCOUNTS)


def test_seeding_demo_staff_twice_adds_nothing_the_second_time(app, runner):
    runner.invoke(args=["seed-demo-staff"])
    result = runner.invoke(args=["seed-demo-staff"])
    assert "already there" in result.output and len(users(app)) == len(DEMO_ACCOUNTS)


def test_a_demo_account_can_sign_in_with_the_demo_password(app, client):
    with app.app_context():
        ensure_demo_staff()
        db.session.commit()
    assert sign_in(client, "manager@example.org", DEMO_PASSWORD).status_code == 303


def test_demo_staff_are_refused_on_a_service_that_may_be_live(app, runner):
    app.config.update(TESTING=False, LOCAL_DEV=False, DEBUG=False)
    result = runner.invoke(args=["seed-demo-staff"])
    assert result.exit_code == 1 and "FLASK_LOCAL_DEV=true" in result.output
    assert users(app) == []
