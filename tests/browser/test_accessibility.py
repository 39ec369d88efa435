"""WCAG 2.2 AA, checked with axe-core in Chromium, keyboard use, and right to left."""

from __future__ import annotations

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def assert_accessible(page, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # here, so a missing Chromium skips first

    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"axe found problems {where}:\n{results.generate_report()}"


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_every_kind_of_page_passes_axe(pages, width, javascript):
    # axe is itself a script, so "JavaScript off" is the page without chat.js:
    # the same HTML a browser without JavaScript gets.
    page = pages.open(width=width, height=800, chat_js=javascript)
    steps.start(page)
    assert_accessible(page, f"at the start ({width}px)")
    seen = set()
    while steps.step(page).startswith("open:"):
        kind = steps.question_type(page)
        if kind not in seen and steps.step(page) != "open:home":
            seen.add(kind)
            assert_accessible(page, f"at {steps.step(page)} ({width}px)")
        steps.answer(page, javascript=javascript)
    assert seen == {"choice", "free_text", "multi_choice"}
    assert_accessible(page, f"at the review ({width}px)")
    steps.follow(page, javascript, "a.change-link")
    assert_accessible(page, f"changing an answer ({width}px)")
    steps.answer(page, javascript=javascript)
    steps.press(page, javascript, "submit")
    assert_accessible(page, f"at the end ({width}px)")


def test_an_error_passes_axe(pages, phone):
    pages.expected_errors.append(steps.HTTP_4XX)
    steps.start(phone)
    while steps.question_type(phone) != "multi_choice":
        steps.answer(phone)
    phone.click("#answer-form button[value=answer]")
    phone.locator("#answer-error").wait_for()
    assert_accessible(phone, "showing an error")


def _focus_is_visible(page) -> None:
    style = page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   return [e.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth), e.outerHTML.slice(0, 80)]; }"""
    )
    visible, outline, width, element = style
    assert visible and outline != "none" and width >= 2, f"no visible focus on {element}: {style}"


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            _focus_is_visible(page)
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_conversation_can_be_finished_with_the_keyboard_alone(pages):
    page = pages.open(width=1280, height=800, is_mobile=False, has_touch=False)
    steps.start(page)
    _tab_to(page, "#answer-form .choice")
    while steps.step(page).startswith("open:"):
        kind = steps.question_type(page)
        # chat.js put focus on the question's first control.
        assert page.evaluate("document.getElementById('answer-form').contains(document.activeElement)")
        _focus_is_visible(page)
        if kind == "free_text":
            page.keyboard.type("I like my school.")
            _tab_to(page, "#answer-form button[value=answer]")
            steps.act(page, True, lambda: page.keyboard.press("Enter"))
        elif kind == "multi_choice":
            page.keyboard.press("Space")
            _tab_to(page, "#answer-form button[value=answer]")
            steps.act(page, True, lambda: page.keyboard.press("Space"))
        else:
            steps.act(page, True, lambda: page.keyboard.press("Enter"))
    assert page.evaluate("document.activeElement.id") == "review-title"
    _tab_to(page, "#answer-form button[value=submit]")
    steps.act(page, True, lambda: page.keyboard.press("Enter"))
    assert steps.step(page) == "submitted:"
    assert page.locator("form").count() == 0


def test_the_skip_link_goes_to_the_conversation(pages):
    page = pages.open(width=1280, height=800, is_mobile=False, has_touch=False)
    steps.start(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    _focus_is_visible(page)
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_arabic_reads_right_to_left_with_mirrored_bubbles(pages, javascript):
    page = pages.open(width=360, chat_js=javascript)
    steps.start(page, language="ar")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator(".languages a[hreflang=en][lang=en]").count() == 1
    assert_accessible(page, "at the start, in Arabic")
    steps.answer(page, javascript=javascript)

    log = page.locator("#log").bounding_box()
    person = page.locator("#log .bubble-person").first.bounding_box()
    bot = page.locator("#log .bubble-bot").first.bounding_box()
    # Right to left: the bot speaks from the right, the person answers on the left.
    assert abs((bot["x"] + bot["width"]) - (log["x"] + log["width"])) < 2
    assert abs(person["x"] - log["x"]) < 2
    assert person["x"] + person["width"] < log["x"] + log["width"] - 20
    assert_accessible(page, "after an answer, in Arabic")

    steps.answer_all(page, javascript=javascript)
    assert_accessible(page, "at the review, in Arabic")


def test_english_bubbles_sit_the_other_way_round(phone):
    steps.start(phone)
    steps.answer(phone)
    log = phone.locator("#log").bounding_box()
    person = phone.locator("#log .bubble-person").first.bounding_box()
    bot = phone.locator("#log .bubble-bot").first.bounding_box()
    assert abs(bot["x"] - log["x"]) < 2
    assert abs((person["x"] + person["width"]) - (log["x"] + log["width"])) < 2


def test_the_language_switcher_carries_on_in_arabic(phone):
    steps.start(phone)
    steps.answer(phone)
    where = steps.step(phone)
    phone.click(".languages a[hreflang=ar]")
    assert phone.get_attribute("html", "dir") == "rtl"
    assert steps.step(phone) == where
    assert phone.locator("form").count() == 1
