"""An IRO makes an invitation, a child answers it on a phone, the IRO reads it.

The whole journey of issue 5 in a real browser: staff pages on a desktop, the
conversation at phone size with JavaScript on, and the IRO's view afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlparse

import pytest

from feedback_app.auth.accounts import create_user
from feedback_app.extensions import db
from tests.browser.steps import FREE_TEXT, answer_all, press, step

pytestmark = pytest.mark.browser

IRO_EMAIL = "journey-iro@council.example"
PASSWORD = "a long and unusual staff passphrase"


@pytest.fixture
def iro(live_app):
    with live_app.app_context():
        create_user(IRO_EMAIL, "iro", PASSWORD, "Pat the IRO")
        db.session.commit()
    return IRO_EMAIL


def test_an_iro_invites_a_child_who_answers_on_a_phone_and_the_iro_reads_it(pages, iro):
    desk = pages.open(width=1280, height=900)
    desk.goto("/staff/login")
    desk.fill("#email", iro)
    desk.fill("#password", PASSWORD)
    desk.click("button[type=submit]")
    desk.wait_for_load_state()
    assert desk.url.endswith("/staff/"), desk.locator("main").inner_text()

    desk.goto("/staff/invitations/new?audience=child")
    desk.select_option("#audience", "child")
    desk.select_option("#questionnaire", "young-person-before-review")
    desk.fill("#review_date", (date.today() + timedelta(days=10)).isoformat())
    desk.fill("#first_name", "Sam")
    desk.click("form.staff-form button[type=submit]")
    desk.wait_for_load_state()
    assert desk.locator(".invitation-link code").count(), desk.locator("main").inner_text()
    link = desk.locator(".invitation-link code").inner_text().strip()
    assert "/i/" in link
    assert desk.locator("img[alt^='QR code']").count() == 1

    phone = pages.open()  # phone size, JavaScript on
    phone.goto(urlparse(link).path)
    assert "Hi Sam" in phone.locator("[role=log]").inner_text()
    answer_all(phone, javascript=True)
    press(phone, True, "submit")
    assert step(phone) == "submitted:"
    assert phone.locator("form").count() == 0

    desk.goto("/staff/my-reviews")
    desk.click("text=Read what they shared")
    page_text = desk.locator("main").inner_text()
    assert FREE_TEXT in page_text, "the IRO does not see what the child shared"
