"""The first screen: on a 360x640 phone the first question and the buttons
that answer it are on screen without scrolling, with JavaScript and without,
for every questionnaire; the short intro is above it."""

from __future__ import annotations

import pytest

from feedback_app.extensions import db
from feedback_app.invitations import service
from tests.questionnaires.helpers import by_id, file_ids

pytestmark = pytest.mark.browser

# Where the question's bubble starts and the controls that answer it end
# (the choices, or the Send under ticks or a text box), in the window.
PLACES = """() => {
  const form = document.getElementById('answer-form');
  const answering = form.querySelectorAll('.choice, .check, textarea, button[value=answer]');
  const question = document.querySelector('#log .bubble[data-kind=question]');
  return {top: question.getBoundingClientRect().top, bottom: answering[answering.length - 1].getBoundingClientRect().bottom,
          height: window.innerHeight, greeting: document.querySelector('#log .bubble p').innerText};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 800)])
def test_the_first_question_and_its_buttons_are_on_the_first_screen(pages, javascript, width, height):
    page = pages.open(javascript=javascript, width=width, height=height)
    off_screen = []
    for questionnaire_id in file_ids():
        page.goto(f"/start/{questionnaire_id}")
        places = page.evaluate(PLACES)
        if places["top"] < 0 or places["bottom"] > places["height"]:
            off_screen.append((questionnaire_id, places))
        assert places["greeting"].startswith(("Hi", "Hello"))  # the intro is still there, above
    assert off_screen == []


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_the_intro_is_at_most_three_messages(questionnaire_id):
    assert len(by_id(questionnaire_id).intro) <= 3


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_in_arabic_too_the_first_question_and_its_buttons_are_on_the_first_screen(pages, javascript):
    page = pages.open(javascript=javascript, width=360, height=640, locale="ar")
    for questionnaire_id in [i for i in file_ids() if "ar" in by_id(i).languages]:
        page.goto(f"/start/{questionnaire_id}")
        assert page.get_attribute("html", "lang") == "ar"
        places = page.evaluate(PLACES)
        assert places["top"] >= 0 and places["bottom"] <= places["height"], (questionnaire_id, places)


WHAT_HAPPENS = {"en": "What happens to my answers?", "ar": "ماذا يحدث لإجاباتي؟"}


@pytest.mark.parametrize(
    ("questionnaire_id", "language"),
    [(i, "en") for i in file_ids()] + [(i, "ar") for i in file_ids() if "ar" in by_id(i).languages],
)
def test_without_scrolling_to_it_the_first_question_and_its_buttons_fit_from_the_top(pages, questionnaire_id, language):
    # Firefox and Safari lack CSS scroll-initial-target: without JavaScript the
    # page opens at the top, so the first screen must fit from there.
    page = pages.open(javascript=False, width=360, height=640, locale=language)
    page.goto(f"/start/{questionnaire_id}")
    assert page.get_attribute("html", "lang") == language
    page.evaluate("() => window.scrollTo(0, 0)")
    places = page.evaluate(PLACES)
    assert places["top"] >= 0 and places["bottom"] <= places["height"], places
    # The rest of the intro is one tap away, under the answer form.
    assert page.locator("#first-screen-more summary").inner_text() == WHAT_HAPPENS[language]


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_greeted_by_a_longish_first_name_the_first_question_and_its_buttons_still_fit_from_the_top(
    pages, live_app, questionnaire_id
):
    # An invitation fills {name} in the greeting: a nine-letter name must not
    # push the buttons below the fold where the page opens at the top.
    with live_app.app_context():
        made = service.create(
            questionnaire_id=questionnaire_id, audience=by_id(questionnaire_id).audience, review_date=service.today(),
            iro=None, created_by=None, first_name="Alexandra",
        )  # fmt: skip
        db.session.commit()
        link = f"/i/{made.token}"
    page = pages.open(javascript=False, width=360, height=640)
    page.goto(link)
    page.evaluate("() => window.scrollTo(0, 0)")
    places = page.evaluate(PLACES)
    assert "Alexandra" in places["greeting"]
    assert places["top"] >= 0 and places["bottom"] <= places["height"], places
