"""What the conversation says, as a person reads it on the page: in their
phone's language, with numbers said right, and an ending that fits."""

from __future__ import annotations

import re

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser

BOTH = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])


@BOTH
def test_a_phone_set_to_arabic_opens_in_arabic_and_can_switch_to_english(pages, javascript):
    page = pages.open(javascript=javascript, locale="ar-EG")
    steps.start(page)
    assert (page.get_attribute("html", "lang"), page.get_attribute("html", "dir")) == ("ar", "rtl")
    # About 16 or more questions: Arabic says the singular noun after 11 to 99.
    progress = page.inner_text("#progress-text")
    assert re.fullmatch(r"أجبت عن 0 من حوالي \d\d سؤالًا", progress), progress
    steps.answer(page, javascript)
    with page.expect_navigation():
        page.click(".languages a[hreflang=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert re.fullmatch(r"You have answered 1 of about \d+ questions", page.inner_text("#progress-text"))


@BOTH
@pytest.mark.parametrize("width", [360, 1280])
def test_after_finish_now_the_ending_fits_what_happened(pages, javascript, width):
    page = pages.open(javascript=javascript, width=width)
    steps.start(page)
    steps.answer(page, javascript)
    steps.press(page, javascript, "finish")
    said = page.inner_text("#log")
    assert "Thank you for what you told us." in said
    assert "all that" not in said and "We will pass it on" not in said


def test_answering_to_the_end_thanks_for_all_of_it_and_passes_on_only_what_was_asked(phone):
    steps.start(phone)
    steps.answer_all(phone)  # the first option everywhere: "yes" to talking to the IRO and to an advocate
    said = phone.inner_text("#log")
    assert "Thank you for telling us all that." in said
    assert "You asked to talk to your IRO. We will pass it on." in said


ENDINGS = {
    "child-4-7-before-review": "Thank you! You did it!",
    "young-person-before-review": "Sent. Thank you for taking the time.",
}


@BOTH
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("questionnaire", sorted(ENDINGS))
def test_the_end_page_fits_the_age_band_says_what_happens_next_and_keeps_the_help_line(pages, javascript, width, questionnaire):
    page = pages.open(javascript=javascript, width=width)
    page.goto(f"/start/{questionnaire}")
    steps.answer_all(page, javascript)
    steps.press(page, javascript, "submit")
    ending = page.inner_text("#log .bubble p")
    assert ending.startswith(ENDINGS[questionnaire])
    assert [e for e in ENDINGS.values() if e in ending] == [ENDINGS[questionnaire]]
    assert "read" in ending and "You can close this page now." in ending  # who reads it, and that it is over
    help_line = page.locator("#help-line")
    assert help_line.is_visible()
    assert help_line.locator("a[href='tel:08001111']").is_visible()
    assert help_line.locator("a[href='tel:999']").is_visible()
