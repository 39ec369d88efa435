"""Every role against every quote bank page."""

import pytest

from tests.feedback_app.auth.staff_helpers import ALL_ROLES, any_csrf_token, sign_in_quickly
from tests.feedback_app.quotes.helpers import consenting, find
from tests.feedback_app.responses.builders import PRAISE

REVIEWERS = {"iro_manager"}

PAGES = [
    ("GET", "/staff/quotes"),
    ("POST", "/staff/quotes/find"),
    ("GET", "/staff/quotes/{quote_id}"),
    ("POST", "/staff/quotes/{quote_id}"),
    ("POST", "/staff/quotes/{quote_id}/reject"),
]


@pytest.fixture
def quote_id(app):
    with app.app_context():
        consenting(PRAISE)
        return find()[0].id


def fetch(client, method, url):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": any_csrf_token(client), "action": "save"})


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [pytest.param(m, p, r, id=f"{r}-{m}-{p}") for m, p in PAGES for r in ALL_ROLES],
)
def test_each_role_is_let_in_or_refused(app, client, make_account, quote_id, method, path, role):
    sign_in_quickly(app, client, make_account(role))
    response = fetch(client, method, path.format(quote_id=quote_id))
    if role in REVIEWERS:
        assert response.status_code in (200, 303, 400)  # 400: the empty review form's errors
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_someone_signed_out_is_sent_to_sign_in(app, client, quote_id, method, path):
    response = fetch(client, method, path.format(quote_id=quote_id))
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login?next=/staff/")
