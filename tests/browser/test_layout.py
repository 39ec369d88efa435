"""Phone layout: no sideways scrolling, big tap targets, nothing from other hosts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"

# Every visible button and button-like link, with its size.
TARGETS = """() => Array.from(document.querySelectorAll('button, a.button, a.change-link, .check label'))
    .filter(e => e.getClientRects().length)
    .map(e => { const r = e.getBoundingClientRect();
                return [e.textContent.trim() || e.className, Math.round(r.width), Math.round(r.height)]; })"""


def _every_step(page, check) -> None:
    """Run `check` on each kind of step: every question, the review, the end."""
    steps.start(page)
    check()
    while steps.step(page).startswith("open:"):
        steps.answer(page)
        check()
    steps.press(page, True, "submit")
    check()


@pytest.mark.parametrize("text_size", ["100%", "200%"])
def test_no_sideways_scrolling_at_320px(pages, text_size):
    page = pages.open(width=320, height=640)

    def check():
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"sideways scrolling at {steps.step(page)}"

    _every_step(page, check)


def test_buttons_are_at_least_44px_to_tap(pages):
    page = pages.open(width=320, height=640)

    def check():
        small = [t for t in page.evaluate(TARGETS) if t[1] < 44 or t[2] < 44]
        assert not small, f"tap targets under 44px at {steps.step(page)}: {small}"

    _every_step(page, check)


def test_nothing_is_fetched_from_another_host(pages, base_url):
    page = pages.open()
    steps.start(page)
    steps.answer_all(page)
    steps.press(page, True, "submit")
    page.goto(f"/start/{steps.QUESTIONNAIRE}?lang=ar")
    own = urlsplit(base_url).netloc
    others = {r.url for r in pages.requests if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != own}
    assert not others
    assert {urlsplit(r.url).scheme for r in pages.requests} <= {"http", "data"}
