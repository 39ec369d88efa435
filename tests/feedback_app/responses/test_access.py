"""Every role against every reporting page: allowed, refused, or sent to sign in."""

import pytest

from tests.feedback_app.auth.staff_helpers import ALL_ROLES, sign_in_quickly
from tests.feedback_app.responses.builders import YOUNG_PEOPLE, converse

# Admins are not here: every reporting page is counted from answers, and a
# list or figure narrowed to one questionnaire and one day is one person's answers.
MANAGERS = {"iro_manager"}

# (path, roles allowed). Written out here, not read from the decorators.
PAGES = [
    ("/staff/dashboard", MANAGERS),
    ("/staff/responses", MANAGERS),
    ("/staff/responses/figures", MANAGERS),
    ("/staff/responses/{conversation_id}", MANAGERS),
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


def test_an_unknown_conversation_is_not_found(app, client, make_account):
    sign_in_quickly(app, client, make_account("iro_manager"))
    assert client.get("/staff/responses/999999").status_code == 404
