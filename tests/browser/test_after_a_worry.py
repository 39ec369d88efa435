"""After a child writes something worrying: help they can tap, and a kind
pause ("Do you want to carry on?") before anything else is asked."""

from __future__ import annotations

import pytest

from tests.browser import steps
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

DISCLOSURE = "My stepdad hits me when he is drunk"
NOT_GOOD = 3  # "Not good" where you live brings the free-text question after it


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize("width", [360, 1280])
def test_after_a_disclosure_the_chat_pauses_kindly_and_help_is_a_tap_away(pages, javascript, width):
    # chat_js off rather than JavaScript off, so that axe can still run.
    page = pages.open(chat_js=javascript, width=width)
    steps.start(page)
    steps.answer(page, javascript, choice=NOT_GOOD)
    assert steps.step(page) == "open:home_more"
    steps.answer(page, javascript, text=DISCLOSURE)
    log = page.inner_text("#log")
    assert "Do you want to carry on?" in log
    assert "How is school" not in log  # nothing more is asked yet
    for number in ("tel:08001111", "tel:999"):
        assert page.locator(f"#log .bubble-notice a[href='{number}']").first.is_visible()
        assert page.locator(f"#answer-form a[href='{number}']").is_visible()
    assert page.locator("form").count() == 1
    assert_accessible(page, f"at the pause after a disclosure ({width}px)")

    # The open question stays the same (school), so wait for its form instead.
    if javascript:
        page.click("#answer-form button[value=resume]")
        page.wait_for_selector("#answer-form .choice")
    else:
        steps.press(page, javascript, "resume")
    assert "How is school" in page.inner_text("#log")
    assert page.locator("#answer-form .choice").count() == 5
