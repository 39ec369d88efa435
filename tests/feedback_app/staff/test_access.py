"""Every role against every staff page: allowed, refused, or sent to sign in.

The expected roles are written out here, not read from the decorators, so a
change to who may see a page has to be made on purpose in two places.
"""

import pytest

from tests.feedback_app.auth.staff_helpers import ALL_ROLES, any_csrf_token, sign_in_quickly

ADMIN_ONLY = {"admin"}

# (method, path with {user_id} for an existing account, roles allowed)
PAGES = [
    ("GET", "/staff/", set(ALL_ROLES)),
    ("GET", "/staff/users", ADMIN_ONLY),
    ("GET", "/staff/users/new", ADMIN_ONLY),
    ("POST", "/staff/users/new", ADMIN_ONLY),
    ("GET", "/staff/users/{user_id}", ADMIN_ONLY),
    ("POST", "/staff/users/{user_id}/role", ADMIN_ONLY),
    ("POST", "/staff/users/{user_id}/active", ADMIN_ONLY),
    ("POST", "/staff/users/{user_id}/password", ADMIN_ONLY),
    ("GET", "/staff/audit", ADMIN_ONLY),
]

CASES = [
    pytest.param(method, path, role, role in allowed, id=f"{role}-{method}-{path}")
    for method, path, allowed in PAGES
    for role in ALL_ROLES
]


def fetch(client, method, url):
    if method == "GET":
        return client.get(url)
    # A valid token, so that a refusal can only come from the role check.
    return client.post(url, data={"csrf_token": any_csrf_token(client)})


@pytest.mark.parametrize(("method", "path", "role", "allowed"), CASES)
def test_each_role_is_let_in_or_refused(app, client, make_account, method, path, role, allowed):
    someone = make_account("iro", email="someone@council.example")
    account = make_account(role)
    sign_in_quickly(app, client, account)
    response = fetch(client, method, path.format(user_id=someone.id))
    if allowed:
        assert response.status_code in (200, 303, 400), response.status_code  # 400: the empty form's errors
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), [(method, path) for method, path, _ in PAGES])
def test_someone_signed_out_is_sent_to_sign_in_and_nothing_happens(app, client, make_account, method, path):
    someone = make_account("iro", email="someone@council.example")
    response = fetch(client, method, path.format(user_id=someone.id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=/staff/")


def test_a_refused_page_says_so_kindly(app, client, make_account):
    sign_in_quickly(app, client, make_account("cicc"))
    response = client.get("/staff/audit")
    assert response.status_code == 403 and "see this page" in response.get_data(as_text=True)
