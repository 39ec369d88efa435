"""The attacks of issue 9, made over HTTP against gunicorn running the app as in production.

Each test is one attack and what must stop it; docs/security.md says what each defence is.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, select

from feedback_app.config import normalise_url
from feedback_app.models import AuditEvent

from .conftest import ACCOUNTS, PUBLIC_BASE_URL, QUESTIONNAIRE, Target, csrf_from, sign_in

pytestmark = pytest.mark.slow

EVIL = "evil.example"


def open_invitation(target: Target, name: str, child: requests.Session | None = None) -> str:
    """Open a seeded invitation as the child would, on `child` (their device), and
    give the first answer, which begins the conversation; returns its token."""
    _, token = target.invitations[name]
    child = child if child is not None else requests.Session()
    first = child.get(f"{target.url}/i/{token}", timeout=10)
    assert first.status_code == 200, first.status_code
    question = re.search(r'name="question_id" value="([^"]+)"', first.text).group(1)
    response = child.post(
        f"{target.url}/i/{token}", data={"csrf_token": csrf_from(first.text), "question_id": question, "value": "good"},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert response.status_code == 303, response.status_code
    return response.headers["Location"].split("#")[0].rsplit("/", 1)[1]


def test_no_response_names_the_server_software_or_its_version(target):
    for path in ("/healthz", "/staff/login", "/no-such-page", f"/start/{QUESTIONNAIRE}"):
        server = requests.get(f"{target.url}{path}", timeout=10).headers.get("Server", "")
        assert "gunicorn" not in server.lower() and not re.search(r"\d", server), (path, server)


def test_a_forged_host_header_does_not_reach_invitation_links_print_pages_or_qr_codes(target):
    iro = target.staff("iro")
    invitation_id, token = target.invitations["host"]
    # The session cookie by hand: requests would match cookies against the forged Host.
    forged = {"Host": EVIL, "X-Forwarded-Host": EVIL, "Cookie": f"session={iro.cookies['session']}"}
    # The invitation page shows the link and the short code's address; the print page the address to type the code at.
    pages = {
        f"/staff/invitations/{invitation_id}": [f"{PUBLIC_BASE_URL}/i/{token}", f"{PUBLIC_BASE_URL}/code"],
        f"/staff/invitations/{invitation_id}/print": [f"{PUBLIC_BASE_URL}/code"],
    }
    for page, expected in pages.items():
        html = requests.get(f"{target.url}{page}", headers=forged, timeout=10).text
        assert all(address in html for address in expected) and EVIL not in html, page
    qr = requests.get(f"{target.url}/staff/invitations/{invitation_id}/qr.svg", headers=forged, timeout=10)
    assert qr.status_code == 200 and EVIL.encode() not in qr.content


def test_a_percent_encoded_token_never_reaches_the_access_log(target):
    child = requests.Session()
    token = open_invitation(target, "log", child)
    encoded = "%" + format(ord(token[0]), "02X") + token[1:]
    assert child.get(f"{target.url}/c/{encoded}", timeout=10).status_code == 200  # the server decodes it
    child.get(f"{target.url}/%63/{token}", timeout=10)
    child.get(f"{target.url}/api/v1/conversations/{encoded}", timeout=10)
    log = target.log(waiting_for="/api/v1/conversations/[token]")
    assert token[1:] not in log
    assert "/c/[token]" in log and "/api/v1/conversations/[token]" in log


@pytest.mark.parametrize(
    ("role", "path"),
    [("iro_manager", "/staff/responses?end=9999-12-31"), ("iro_manager", "/staff/dashboard?end=9999-12-31"),
     ("iro_manager", "/staff/dashboard?start=0001-01-01"), ("iro_manager", "/staff/responses/figures?end=9999-12-31"),
     ("iro_manager", "/staff/responses?page=99999999999999999999"), ("iro_manager", "/staff/quotes?page=99999999999999999999"),
     ("admin", "/staff/audit?page=99999999999999999999"), ("iro_manager", "/staff/safeguarding?page=-5"),
     ("iro_manager", "/staff/responses?start=2026-02-30&page=abc")],
)  # fmt: skip
def test_a_bad_query_string_is_a_clear_400_or_clamped_never_a_500(target, role, path):
    response = target.staff(role).get(f"{target.url}{path}", timeout=10)
    assert response.status_code in (200, 400), (path, response.status_code)


def test_signing_in_with_a_newline_in_next_goes_to_the_dashboard(target):
    response = sign_in(requests.Session(), target.url, ACCOUNTS["admin"], next_page="/staff/%0a")
    assert response.status_code == 303 and response.headers["Location"] == "/staff/"


def test_a_stopped_invitation_is_stopped_at_its_link_its_conversation_and_the_api(target):
    child = requests.Session()
    token = open_invitation(target, "stop", child)
    chat = f"{target.url}/c/{token}"
    csrf = csrf_from(child.get(chat, timeout=10).text)
    iro = target.staff("iro")
    invitation_id, invitation_token = target.invitations["stop"]
    page = iro.get(f"{target.url}/staff/invitations/{invitation_id}", timeout=10).text
    stopped = iro.post(f"{target.url}/staff/invitations/{invitation_id}/stop",
                       data={"csrf_token": csrf_from(page)}, allow_redirects=False, timeout=10)  # fmt: skip
    assert stopped.status_code == 303
    api = f"{target.url}/api/v1/conversations/{token}"
    statuses = [
        requests.get(f"{target.url}/i/{invitation_token}", timeout=10).status_code,
        child.get(chat, timeout=10).status_code,
        child.post(chat, data={"csrf_token": csrf, "action": "submit"}, timeout=10).status_code,
        child.get(api, timeout=10).status_code,
        child.post(f"{api}/submit", json={}, timeout=10).status_code,
    ]
    assert statuses == [410] * 5


def test_a_staff_form_posted_without_its_csrf_token_changes_nothing(target):
    iro = target.staff("iro")
    invitation_id, invitation_token = target.invitations["host"]
    response = iro.post(
        f"{target.url}/staff/invitations/{invitation_id}/stop", data={}, allow_redirects=False, timeout=10
    )
    assert response.status_code == 400
    assert requests.get(f"{target.url}/i/{invitation_token}", allow_redirects=False, timeout=10).status_code == 200


def test_a_chat_answer_posted_without_its_csrf_token_is_not_stored(target):
    child = requests.Session()
    first = child.get(f"{target.url}/start/{QUESTIONNAIRE}", timeout=10)
    question = re.search(r'name="question_id" value="([^"]+)"', first.text).group(1)
    response = child.post(first.url, data={"question_id": question, "value": "good"}, allow_redirects=False, timeout=10)
    assert response.status_code in (400, 422)
    assert "/c/" not in response.headers.get("Location", "")


def test_a_staff_session_never_gets_a_childs_conversation(target):
    child = requests.Session()
    token = open_invitation(target, "staff", child)
    chat = f"{target.url}/c/{token}"
    page = child.get(chat, timeout=10).text
    question = re.search(r'name="question_id" value="([^"]+)"', page).group(1)
    child.post(chat, data={"csrf_token": csrf_from(page), "question_id": question, "text": "zebra crossing words",
                           "value": "good"}, timeout=10)  # fmt: skip
    iro = target.staff("iro")
    response = iro.get(chat, timeout=10)
    assert response.status_code in (403, 404, 409, 410) and "zebra crossing words" not in response.text
    # Nor does the link, nor another device without the child's code.
    _, invitation_token = target.invitations["staff"]
    assert iro.get(f"{target.url}/i/{invitation_token}", timeout=10).status_code == 403
    stranger = requests.get(chat, timeout=10)
    assert stranger.status_code == 403 and "zebra crossing words" not in stranger.text


def audit_events(target: Target, action: str) -> list[tuple[str | None, dict]]:
    engine = create_engine(normalise_url(target.database_url))
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(AuditEvent.ip, AuditEvent.detail).where(AuditEvent.action == action))
            return [(ip, detail) for ip, detail in rows]
    finally:
        engine.dispose()


def test_a_forged_x_forwarded_for_is_not_believed_with_no_trusted_proxy(target):
    browser = requests.Session()
    page = browser.get(f"{target.url}/staff/login", timeout=10).text
    typed = "Tr0ub4dor&3-in-the-wrong-box"
    browser.post(f"{target.url}/staff/login", headers={"X-Forwarded-For": "6.6.6.6"},
                 data={"csrf_token": csrf_from(page), "email": typed, "password": "x"}, timeout=10)  # fmt: skip
    failures = audit_events(target, "sign_in_failed")
    assert failures and all(ip == "127.0.0.1" for ip, _ in failures)
    # ...and what was typed into the e-mail box, being no account's e-mail, is not kept.
    assert typed.lower() not in repr(failures).lower()


def test_the_sqlite_database_file_is_readable_by_its_owner_only(target):
    if not target.database_url.startswith("sqlite:///"):
        pytest.skip("a file only on SQLite")
    path = Path(target.database_url.removeprefix("sqlite:///"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
