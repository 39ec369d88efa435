"""Every role against every reporting page: allowed, refused, or sent to sign in."""

import pytest

from tests.feedback_app.auth.staff_helpers import ALL_ROLES, sign_in_quickly
from tests.feedback_app.responses.builders import YOUNG_PEOPLE, converse

MANAGERS = {"iro_manager", "admin"}

# (path, roles allowed). Written out here, not read from the decorators.
PAGES = [
    ("/staff/dashboard", MANAGERS),
    ("/staff/responses", MANAGERS),
    ("/staff/responses/figures", MANAGERS),
    # One person's answers: only the IRO manager. Admins run accounts and never
    # read answers (feedback_app.auth.can_view_conversation).
    ("/staff/responses/{conversation_id}", {"iro_manager"}),
]


@pytest.fixture
def conversation_id(app):
    with app.app_context():
        return converse(YOUNG_PEOPLE, {"home": "good"})


@pytest.mark.parametrize(
    ("path", "role", "allowed"),
    [pytest.param(path, role, role in allowed, id=f"{role}-{path}") for path, allowed in PAGES for role in ALL_ROLES],
)
def test_each_role_is_let_in_or_refused(app, client, make_account, conversation_id, path, role, allowed):
    sign_in_quickly(app, client, make_account(role))
    response = client.get(path.format(conversation_id=conversation_id))
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("path", [path for path, _ in PAGES])
def test_someone_signed_out_is_sent_to_sign_in(app, client, conversation_id, path):
    response = client.get(path.format(conversation_id=conversation_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=/staff/")


def test_an_admin_sees_the_list_without_links_to_anyone_s_answers(app, client, make_account, conversation_id):
    sign_in_quickly(app, client, make_account("admin"))
    html = client.get("/staff/responses").get_data(as_text=True)
    assert f'data-conversation="{conversation_id}"' in html
    assert f"/staff/responses/{conversation_id}" not in html


def test_an_unknown_conversation_is_not_found(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro_manager"))
    assert client.get("/staff/responses/999999").status_code == 404
