"""The QR code: an SVG of the link, served only to staff who may see the invitation."""

from xml.etree import ElementTree

from feedback_app.invitations import qr
from tests.feedback_app.auth.staff_helpers import sign_in_quickly


def test_the_qr_code_is_a_valid_svg_image(app, client, invite, make_account):
    iro = make_account("iro")
    invitation_id, _ = invite(iro)
    sign_in_quickly(app, client, iro)
    response = client.get(f"/staff/invitations/{invitation_id}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ElementTree.fromstring(response.get_data())  # noqa: S314 - our own SVG, not untrusted input
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not any(element.get("style") for element in root.iter())
    assert response.headers["Cache-Control"] == "no-store"


def test_the_qr_code_is_made_from_the_invitations_own_link(app, client, invite, make_account):
    iro = make_account("iro")
    invitation_id, token = invite(iro)
    sign_in_quickly(app, client, iro)
    served = client.get(f"/staff/invitations/{invitation_id}/qr.svg").get_data()
    assert served == qr.svg(f"https://feedback.example/i/{token}")
    assert served != qr.svg("https://feedback.example/i/someone-else")


def test_another_iro_cannot_fetch_the_qr_code(app, client, invite, make_account):
    invitation_id, _ = invite(make_account("iro"))
    sign_in_quickly(app, client, make_account("iro"))
    assert client.get(f"/staff/invitations/{invitation_id}/qr.svg").status_code == 403


def test_the_print_page_has_the_qr_code_and_short_code_and_no_staff_navigation(app, client, invite, make_account):
    iro = make_account("iro")
    invitation_id, token = invite(iro, first_name="Sam")
    sign_in_quickly(app, client, iro)
    html = client.get(f"/staff/invitations/{invitation_id}/print").get_data(as_text=True)
    # The long token is not offered for typing: the short code is (test_codes.py).
    assert f"/staff/invitations/{invitation_id}/qr.svg" in html and "/code</strong>" in html
    assert "Hi Sam!" in html and "Sign out" not in html
