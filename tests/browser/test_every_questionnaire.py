"""Every questionnaire, start to finish, in a browser: axe-clean at the start,
in the middle and at the end, at 320px and 1280px, with JavaScript on and off.

A new questionnaire file is covered as soon as it is added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback_app.questionnaire.loader import load_directory
from tests.browser import steps
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

QUESTIONNAIRES = sorted(load_directory(Path(__file__).resolve().parents[2] / "questionnaires"))


@pytest.mark.parametrize("questionnaire", QUESTIONNAIRES)
@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_each_questionnaire_can_be_finished_and_passes_axe(pages, questionnaire, width, javascript):
    # "JavaScript off" is the page without chat.js (axe itself needs script):
    # every step is then a plain form post and redirect.
    page = pages.open(width=width, height=800, chat_js=javascript)
    page.goto(f"/start/{questionnaire}")
    assert_accessible(page, f"at the start of {questionnaire} ({width}px)")
    asked = 0
    while steps.step(page).startswith("open:"):
        if asked == 3:
            assert_accessible(page, f"in the middle of {questionnaire} at {steps.step(page)} ({width}px)")
        steps.answer(page, javascript=javascript)
        asked += 1
        assert asked < 60, f"{questionnaire} never reached the review"
    assert steps.step(page) == "review:"
    steps.press(page, javascript, "submit")
    assert steps.step(page) == "submitted:"
    assert page.locator("form").count() == 0
    assert_accessible(page, f"at the end of {questionnaire} ({width}px)")
