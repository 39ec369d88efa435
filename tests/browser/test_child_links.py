"""An invitation as the child meets it in a browser: the short code typed at
/code (issue 11, item 12), and the conversation staying on the device it began
on (issue 9, item 8), at 360 px and 1280 px, with and without chat.js, axe clean."""

from __future__ import annotations

import pytest

from feedback_app.extensions import db
from feedback_app.invitations import codes, service
from feedback_app.models import Conversation
from tests.browser import steps
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser
WIDTHS = [360, 1280]


@pytest.fixture
def invitation(live_app):
    """(link path, short code) of an invitation for Sam."""
    with live_app.app_context():
        made = service.create(
            questionnaire_id=steps.QUESTIONNAIRE, audience="child", review_date=service.today(),
            iro=None, created_by=None, first_name="Sam",
        )  # fmt: skip
        db.session.commit()
        return f"/i/{made.token}", service.short_code(made)


def device_code(live_app) -> str:
    with live_app.app_context():
        (conversation,) = db.session.scalars(db.select(Conversation))
        return codes.shown(codes.device_code(conversation.token))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_typing_the_short_code_opens_the_childs_first_screen(pages, invitation, width, javascript):
    _, code = invitation
    # axe is itself a script, so "JavaScript off" is the page without chat.js (as in test_accessibility).
    page = pages.open(width=width, chat_js=javascript)
    page.goto("/code")
    assert_accessible(page, f"at /code ({width}px)")
    page.fill("#code", code.lower().replace("-", " "))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Hi Sam" in page.inner_text("[role=log]")
    assert steps.step(page).startswith("open:")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_another_device_sees_nothing_until_it_types_the_code_the_child_was_shown(
    pages, live_app, invitation, width, javascript
):
    link, _ = invitation
    phone = pages.open(width=width, chat_js=javascript)
    phone.goto(link)
    steps.answer(phone, javascript, text="only the child should read this")
    steps.answer(phone, javascript, text="only the child should read this")
    shown = device_code(live_app)
    assert shown in phone.inner_text(".device-code")

    other = pages.open(width=width, chat_js=javascript)
    other.goto(link)
    assert "You started this on another phone or tablet" in other.inner_text("main")
    assert other.locator("#log").count() == 0
    assert_accessible(other, f"on another device ({width}px)")
    other.fill("#code", shown)
    with other.expect_navigation():
        other.click("form[action$='/device'] button")
    assert steps.step(other).startswith("open:")
    assert other.locator("#log .bubble-person").count() == 2
