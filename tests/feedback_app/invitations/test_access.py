"""Every role against every invitation page: allowed, refused, or sent to sign in.

The expected roles are written out here, not read from the decorators, so a
change to who may see a page has to be made on purpose in two places.
"""

import pytest

from feedback_app.access.views import ACCESS_ATTRIBUTE
from feedback_app.extensions import db
from feedback_app.models import StaffTask
from tests.feedback_app.auth.staff_helpers import ALL_ROLES, any_csrf_token, sign_in_quickly

# Admins never see invitations: with names and review dates, they are half of what ties answers to a child.
STAFF = {"iro", "iro_manager"}
READERS = {"iro", "iro_manager"}

# (method, path with {invitation} and {task} for records the signed-in IRO owns, roles allowed)
PAGES = [
    ("GET", "/staff/invitations", STAFF),
    ("GET", "/staff/invitations/new", STAFF),
    ("POST", "/staff/invitations/new", STAFF),
    ("GET", "/staff/invitations/{invitation}", STAFF),
    ("GET", "/staff/invitations/{invitation}/qr.svg", STAFF),
    ("GET", "/staff/invitations/{invitation}/print", STAFF),
    ("POST", "/staff/invitations/{invitation}/sent", STAFF),
    ("POST", "/staff/invitations/{invitation}/stop", STAFF),
    ("POST", "/staff/invitations/{invitation}/participation", STAFF),
    ("GET", "/staff/my-reviews", STAFF),
    ("GET", "/staff/my-reviews/{invitation}", READERS),
    ("GET", "/staff/tasks", STAFF),
    ("POST", "/staff/tasks/{task}/done", STAFF),
    ("POST", "/staff/tasks/anonymous/noted", STAFF),
]


@pytest.fixture
def records(app, invite, answer_through):
    """An invitation and a task that belong to whoever signs in (an IRO names themselves)."""

    def make(account):
        invitation_id, token = invite(account if account.role in ("iro", "iro_manager") else None)
        answer_through(token, {"home": "good", "worries": None, "talk_to_iro": "yes"}, send=False)
        # A fresh invitation for the pages that show the link (this one has been opened).
        fresh_id, _ = invite(account if account.role in ("iro", "iro_manager") else None)
        with app.app_context():
            task_id = db.session.scalar(db.select(StaffTask.id))
        return {"invitation": fresh_id, "answered": invitation_id, "task": task_id}

    return make


def fetch(client, method, url):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": any_csrf_token(client), "note": "done"})


@pytest.mark.parametrize(
    ("method", "path", "role", "allowed"),
    [pytest.param(m, p, r, r in a, id=f"{r}-{m}-{p}") for m, p, a in PAGES for r in ALL_ROLES],
)
def test_each_role_is_let_in_or_refused(app, client, make_account, records, method, path, role, allowed):
    account = make_account(role)
    ids = records(make_account("iro") if role not in ("iro", "iro_manager") else account)
    sign_in_quickly(app, client, account)
    response = fetch(client, method, path.format(**ids))
    if allowed:
        assert response.status_code in (200, 303, 400), response.status_code  # 400: the empty form's errors
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in PAGES])
def test_someone_signed_out_is_sent_to_sign_in(app, client, make_account, records, method, path):
    ids = records(make_account("iro"))
    response = fetch(client, method, path.format(**ids))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=/staff/")


def test_every_invitation_page_under_staff_names_its_roles(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("invitations.")]
    # The person's own pages (the link, the short code) are the rest.
    staff = [r.endpoint for r in rules if r.rule.startswith("/staff/")]
    child = {
            "invitations.open_link",
            "invitations.seen",
            "invitations.begin",
            "invitations.this_device",
            "invitations.start_again",
        }
    assert {r.endpoint for r in rules} - set(staff) == child | {"invitations.code"}
    assert len(staff) == len(PAGES) - 1  # new_invitation serves GET and POST
    assert all(getattr(app.view_functions[e], ACCESS_ATTRIBUTE, None) for e in staff)


def test_the_persons_link_is_not_under_staff(app):
    (rule,) = [r for r in app.url_map.iter_rules() if r.endpoint == "invitations.open_link"]
    assert rule.rule == "/i/<token>"
