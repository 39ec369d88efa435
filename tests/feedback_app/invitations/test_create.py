"""Making an invitation: through the staff form, and at the command line."""

from datetime import date

from feedback_app.extensions import db
from feedback_app.invitations import service
from feedback_app.models import AuditEvent, Invitation
from tests.conftest import csrf_token
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

from .helpers import CHILD, PARENT


def form_page(client, query=""):
    response = client.get(f"/staff/invitations/new{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def post_form(client, **fields):
    data = {"csrf_token": csrf_token(form_page(client)), "audience": "child", "questionnaire": CHILD,
            "review_date": "2026-05-12", **fields}  # fmt: skip
    return client.post("/staff/invitations/new", data=data)


def only_invitation(app) -> Invitation:
    with app.app_context():
        (invitation,) = db.session.scalars(db.select(Invitation)).all()
        return invitation


def test_an_iro_makes_an_invitation_naming_themselves(app, client, make_account):
    iro = make_account("iro")
    sign_in_quickly(app, client, iro)
    response = post_form(client, first_name="Sam")
    assert response.status_code == 303
    invitation = only_invitation(app)
    assert (invitation.iro_id, invitation.created_by_id) == (iro.id, iro.id)
    assert (invitation.questionnaire_id, invitation.audience, invitation.first_name) == (CHILD, "child", "Sam")
    assert response.headers["Location"] == f"/staff/invitations/{invitation.id}"


def test_the_result_page_shows_the_full_link_the_qr_code_and_a_print_page(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    location = post_form(client).headers["Location"]
    invitation = only_invitation(app)
    html = client.get(location).get_data(as_text=True)
    assert f"https://feedback.example/i/{invitation.token}" in html
    assert f'src="/staff/invitations/{invitation.id}/qr.svg"' in html
    assert f'href="/staff/invitations/{invitation.id}/print"' in html


def test_the_token_is_long_and_random(app, invite, make_account):
    _, first = invite(make_account("iro"))
    _, second = invite(make_account("iro"))
    assert first != second and len(first) >= 43  # 32 bytes in URL-safe base64: 256 bits


def test_the_link_works_until_a_week_after_the_review_by_default(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    post_form(client, review_date="2026-05-12")
    assert service.last_day(only_invitation(app)) == date(2026, 5, 19)


def test_a_link_never_works_for_more_than_60_days(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    response = post_form(client, review_date="2026-05-12", expires_on="2026-07-10")
    assert response.status_code == 400
    assert "at most 60 days" in response.get_data(as_text=True)
    post_form(client, review_date="2026-10-01")  # review far off: the default is cut to 60 days
    assert service.last_day(only_invitation(app)) == date(2026, 7, 3)


def test_the_questionnaire_list_can_be_narrowed_to_one_audience(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    html = form_page(client, "?audience=parent")
    assert PARENT in html and CHILD not in html


def test_a_questionnaire_for_another_audience_is_refused_with_a_clear_error(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    response = post_form(client, audience="parent", questionnaire=CHILD)
    assert response.status_code == 400
    assert "is for a child or young person, not a parent" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 0


def test_a_first_name_with_digits_or_symbols_is_refused(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    response = post_form(client, first_name="sam@example.org")
    assert response.status_code == 400
    assert "only letters" in response.get_data(as_text=True)


def test_an_iro_is_not_offered_other_iros_but_a_manager_must_choose_one(app, client, make_account):
    other = make_account("iro", email="other.iro@council.example")
    iro = make_account("iro")
    sign_in_quickly(app, client, iro)
    assert "other.iro@council.example" not in form_page(client)
    manager_client = app.test_client()
    sign_in_quickly(app, manager_client, make_account("iro_manager"))
    assert "other.iro@council.example" in form_page(manager_client)
    assert post_form(manager_client).status_code == 400  # no IRO chosen
    assert post_form(manager_client, iro=str(other.id)).status_code == 303
    assert only_invitation(app).iro_id == other.id


def test_an_iro_cannot_name_someone_else_by_posting_their_id(app, client, make_account):
    other = make_account("iro", email="other.iro@council.example")
    iro = make_account("iro")
    sign_in_quickly(app, client, iro)
    post_form(client, iro=str(other.id))
    assert only_invitation(app).iro_id == iro.id


def test_making_an_invitation_is_audited_without_the_name_or_token(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro"))
    post_form(client, first_name="Sam")
    token = only_invitation(app).token
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "invitation_created"))
    assert event.target_type == "invitation" and event.detail["questionnaire"] == CHILD
    assert "Sam" not in str(event.detail) and token not in str(event.detail)


# -- the command line --------------------------------------------------------


def test_the_command_prints_the_full_link(app, runner, make_account):
    iro = make_account("iro")
    result = runner.invoke(args=[
        "create-invitation", "--questionnaire", CHILD, "--audience", "child", "--review-date", "2026-05-12",
        "--first-name", "Sam", "--iro", iro.email,
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    invitation = only_invitation(app)
    assert result.stdout.strip() == f"https://feedback.example/i/{invitation.token}"
    assert (invitation.iro_id, invitation.first_name, invitation.created_by_id) == (iro.id, "Sam", None)


def test_the_command_uses_the_local_address_without_public_base_url(app, runner):
    app.config.pop("PUBLIC_BASE_URL")
    result = runner.invoke(args=["create-invitation", "--questionnaire", PARENT, "--audience", "parent",
                                 "--review-date", "2026-05-01"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("http://127.0.0.1:5000/i/")


def test_the_command_takes_the_days_a_link_works(app, runner):
    result = runner.invoke(args=["create-invitation", "--questionnaire", CHILD, "--audience", "child",
                                 "--review-date", "2026-05-12", "--expires-in-days", "3"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert service.last_day(only_invitation(app)) == date(2026, 5, 7)


def test_the_command_refuses_an_unknown_questionnaire(runner):
    result = runner.invoke(args=["create-invitation", "--questionnaire", "nope", "--audience", "child",
                                 "--review-date", "2026-05-12"])  # fmt: skip
    assert result.exit_code != 0
    assert "There is no questionnaire called 'nope'" in result.output and CHILD in result.output


def test_the_command_refuses_a_questionnaire_for_another_audience(runner):
    result = runner.invoke(args=["create-invitation", "--questionnaire", PARENT, "--audience", "child",
                                 "--review-date", "2026-05-12"])  # fmt: skip
    assert result.exit_code != 0 and "is for a parent, not a child" in result.output


def test_the_command_refuses_a_bad_date(runner):
    result = runner.invoke(args=["create-invitation", "--questionnaire", CHILD, "--audience", "child",
                                 "--review-date", "12/05/2026"])  # fmt: skip
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_the_command_refuses_an_unknown_iro(runner, make_account):
    make_account("cicc", email="young.person@council.example")
    for email in ("nobody@council.example", "young.person@council.example"):
        result = runner.invoke(args=["create-invitation", "--questionnaire", CHILD, "--audience", "child",
                                     "--review-date", "2026-05-12", "--iro", email])  # fmt: skip
        assert result.exit_code != 0 and f"no active IRO with the e-mail address '{email}'" in result.output
