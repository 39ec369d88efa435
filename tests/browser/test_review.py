"""The review on a phone: Send is always in reach, and a changed answer comes
back to its own card, not the top of a 20-card page."""

from __future__ import annotations

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser

BOTH = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
AGE_16 = 2
IN_VIEW = """selector => { const r = document.querySelector(selector).getBoundingClientRect();
                           return r.top >= 0 && r.bottom <= window.innerHeight; }"""
SEND = "#answer-form button[value=submit]"


def _review_of_a_16_year_old(page, javascript: bool) -> None:
    steps.start(page)
    while steps.step(page).startswith("open:"):
        steps.answer(page, javascript, choice=AGE_16 if steps.step(page) == "open:age" else 0)
    assert steps.step(page) == "review:"
    assert page.locator(".summary-row").count() >= 18


@BOTH
@pytest.mark.parametrize("width", [360, 1280])
def test_send_is_on_screen_wherever_the_long_review_is_scrolled(pages, javascript, width):
    page = pages.open(javascript=javascript, width=width, height=640)
    _review_of_a_16_year_old(page, javascript)
    for where in ("document.getElementById('review-title').scrollIntoView()", "document.querySelectorAll('.summary-row')[9].scrollIntoView()",
                  "window.scrollTo(0, document.body.scrollHeight)"):
        page.evaluate(where)
        assert page.evaluate(IN_VIEW, SEND), f"Send is off screen after {where}"
    assert page.locator("form").count() == 1


@BOTH
def test_after_changing_an_answer_the_review_comes_back_to_that_card(pages, javascript):
    page = pages.open(javascript=javascript, width=360, height=640)
    _review_of_a_16_year_old(page, javascript)
    card = page.locator(".summary-row").nth(9)
    card_id = card.get_attribute("id")
    question = card_id.removeprefix("review-")
    steps.follow(page, javascript, f"#{card_id} .change-link")
    assert steps.step(page) == f"open:{question}"
    steps.answer(page, javascript, choice=1)
    assert steps.step(page) == "review:"
    assert page.evaluate(IN_VIEW, f"#{card_id}"), "the changed card is not on screen"
    assert page.evaluate(IN_VIEW, SEND)
    if javascript:
        assert page.evaluate("document.activeElement.closest('.summary-row')?.id") == card_id
    else:
        assert page.evaluate("location.hash") == f"#{card_id}"
