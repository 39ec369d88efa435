"""Who may use the Children in Care Council pages, and that a CiCC account reaches nothing else."""

from types import SimpleNamespace

import pytest

from feedback_app.access import may_use
from feedback_app.extensions import db
from feedback_app.models import YouSaidWeDid
from tests.feedback_app.auth.staff_helpers import ALL_ROLES, any_csrf_token, sign_in_quickly

# Admins are not here: the view shows what children said (approved quotes, figures), and admins see none of it.
EDITORS = {"iro_manager"}
VIEWERS = {"cicc"} | EDITORS

PAGES = [
    ("GET", "/staff/cicc", VIEWERS),
    ("GET", "/staff/cicc/you-said-we-did", EDITORS),
    ("POST", "/staff/cicc/you-said-we-did", EDITORS),
    ("GET", "/staff/cicc/you-said-we-did/{entry_id}", EDITORS),
    ("POST", "/staff/cicc/you-said-we-did/{entry_id}", EDITORS),
    ("POST", "/staff/cicc/you-said-we-did/{entry_id}/remove", EDITORS),
]

# All a CiCC account may open under /staff/: its landing page, this view, and signing in and out.
CICC_MAY_USE = {"staff.dashboard", "cicc.view", "auth.login", "auth.logout"}


@pytest.fixture
def entry_id(app):
    with app.app_context():
        entry = YouSaidWeDid(you_said="Reviews were too long.", we_did="Reviews now take under an hour.")
        db.session.add(entry)
        db.session.commit()
        return entry.id


def fetch(client, method, url):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": any_csrf_token(client)})


@pytest.mark.parametrize(
    ("method", "path", "role", "allowed"),
    [pytest.param(m, p, r, r in allowed, id=f"{r}-{m}-{p}") for m, p, allowed in PAGES for r in ALL_ROLES],
)
def test_each_role_is_let_in_or_refused(app, client, make_account, entry_id, method, path, role, allowed):
    sign_in_quickly(app, client, make_account(role))
    response = fetch(client, method, path.format(entry_id=entry_id))
    if allowed:
        assert response.status_code in (200, 303, 400)  # 400: the empty form's errors
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in PAGES])
def test_someone_signed_out_is_sent_to_sign_in(app, client, entry_id, method, path):
    response = fetch(client, method, path.format(entry_id=entry_id))
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login?next=/staff/")


def test_no_other_staff_page_declares_the_cicc_role(app):
    with app.test_request_context():
        endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")}
        assert {e for e in endpoints if may_use(SimpleNamespace(id=0, role="cicc", active=True), e)} == CICC_MAY_USE


def test_a_cicc_account_is_refused_every_other_staff_page_it_tries(app, client, make_account):
    sign_in_quickly(app, client, make_account("cicc"))
    pages = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/staff") and "GET" in rule.methods and not rule.arguments
        and rule.endpoint not in CICC_MAY_USE
    ]  # fmt: skip
    assert pages, "expected other staff pages to try"
    assert {page: client.get(page).status_code for page in pages} == dict.fromkeys(pages, 403)


def test_a_cicc_account_s_landing_page_links_only_to_its_view(app, client, make_account):
    sign_in_quickly(app, client, make_account("cicc"))
    html = client.get("/staff/").get_data(as_text=True)
    links = {part.split('"', 1)[0] for part in html.split('href="/staff/')[1:]}
    assert links == {"", "cicc"}  # "Staff home", and the view
