"""Invitation links, print pages and QR codes never take their host from the request (issue 9.13)."""

import pytest

from feedback_app.invitations import qr
from tests.feedback_app.auth.staff_helpers import sign_in_quickly

from .helpers import invitation_row

EVIL = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


@pytest.fixture
def iro_with_invitation(app, client, invite, make_account):
    iro = make_account("iro")
    sign_in_quickly(app, client, iro)
    # The same session, for requests that claim to be for another host.
    client.set_cookie("session", client.get_cookie("session").value, domain="evil.example")
    invitation_id, token = invite(iro)
    return invitation_id, token


@pytest.mark.parametrize("public_base_url", ["https://feedback.example", ""])
def test_the_invitation_page_and_print_page_link_to_the_configured_address_whatever_the_host(
    app, client, iro_with_invitation, public_base_url
):
    app.config["PUBLIC_BASE_URL"] = public_base_url
    invitation_id, token = iro_with_invitation
    base = public_base_url or "http://127.0.0.1:5000"
    # The print page gives the short code's address to type, the invitation page the link too.
    pages = {
        f"/staff/invitations/{invitation_id}": [f"{base}/i/{token}", f"{base}/code"],
        f"/staff/invitations/{invitation_id}/print": [f"{base}/code"],
    }
    for path, expected in pages.items():
        html = client.get(path, headers=EVIL).get_data(as_text=True)
        assert all(address in html for address in expected), path
        assert "evil.example" not in html, path


@pytest.mark.parametrize("public_base_url", ["https://feedback.example", ""])
def test_the_qr_code_draws_the_configured_link_whatever_the_host(app, client, iro_with_invitation, public_base_url):
    app.config["PUBLIC_BASE_URL"] = public_base_url
    invitation_id, token = iro_with_invitation
    svg = client.get(f"/staff/invitations/{invitation_id}/qr.svg", headers=EVIL).get_data()
    assert svg == qr.svg(f"{public_base_url or 'http://127.0.0.1:5000'}/i/{token}")
    assert invitation_row(app, invitation_id).token == token
