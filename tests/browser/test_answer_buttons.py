"""The answer buttons on a phone: emoji scales keep every word whole, and a
button never looks chosen just because a finger was there a moment ago."""

from __future__ import annotations

import pytest

from tests.browser import steps

pytestmark = pytest.mark.browser

# Each word of each face's label, with how many line boxes it takes (a word
# split over two lines takes two), and where each face's button sits.
SCALE = """() => {
  const buttons = Array.from(document.querySelectorAll('.choices-emoji-scale .choice'));
  const split = [];
  for (const label of document.querySelectorAll('.choices-emoji-scale .choice-label')) {
    const node = label.firstChild, text = node.textContent;
    for (const match of text.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (range.getClientRects().length > 1) split.push(match[0]);
    }
  }
  const boxes = buttons.map(b => b.getBoundingClientRect());
  return {split, tops: boxes.map(r => Math.round(r.top)), lefts: boxes.map(r => Math.round(r.left)),
          overflowing: buttons.filter(b => b.scrollWidth > b.clientWidth).length};
}"""

AGE_16 = 2  # "16 or 17", which brings the care-leaver scale ("Mostly ready", "Very worried")


def _scales_seen(page, check, javascript: bool = True) -> int:
    """Answer young-person-before-review up to the review, checking every emoji scale on the way."""
    steps.start(page)
    seen = 0
    while steps.step(page).startswith("open:"):
        if page.locator(".choices-emoji-scale").count():
            check()
            seen += 1
        steps.answer(page, javascript, choice=AGE_16 if steps.step(page) == "open:age" else 0)
    return seen


@pytest.mark.parametrize(
    ("width", "text_size", "javascript"),
    [(360, "100%", True), (360, "130%", True), (360, "130%", False), (320, "100%", True), (1280, "100%", True),
     (1280, "130%", False)],
)
def test_emoji_scale_words_are_never_split_and_the_faces_are_one_row_or_a_clean_stack(pages, width, text_size, javascript):
    # chat_js off rather than JavaScript off: the text size is set by a script.
    page = pages.open(width=width, height=740, chat_js=javascript)

    def check():
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text_size)
        scale = page.evaluate(SCALE)
        where = f"{steps.step(page)} at {width}px, {text_size}"
        assert scale["split"] == [], f"words split over two lines at {where}: {scale['split']}"
        assert scale["overflowing"] == 0, where
        one_row = len(set(scale["tops"])) == 1
        stacked = len(set(scale["lefts"])) == 1 and len(set(scale["tops"])) == len(scale["tops"])
        assert one_row or stacked, f"the faces wrap into a ragged grid at {where}: {scale}"

    assert _scales_seen(page, check, javascript) == 3  # home, school and the care-leaver scale


def test_a_phone_at_normal_text_size_shows_the_short_scales_as_one_row(phone):
    steps.start(phone)
    assert steps.step(phone) == "open:home"
    assert len(set(phone.evaluate(SCALE)["tops"])) == 1


def test_the_two_word_care_leaver_scale_stacks_on_a_phone_and_is_a_row_on_a_desktop(pages):
    for width, row in ((360, False), (1280, True)):
        page = pages.open(width=width)
        steps.start(page)
        while steps.step(page) != "open:leaving_care_feel":
            steps.answer(page, choice=AGE_16 if steps.step(page) == "open:age" else 0)
        assert (len(set(page.evaluate(SCALE)["tops"])) == 1) is row, width


HOVER_TINT = """() => {
  const button = document.querySelector('#answer-form .choice');
  const rect = button.getBoundingClientRect();
  return [getComputedStyle(button).backgroundColor, rect.left + rect.width / 2, rect.top + rect.height / 2];
}"""


def test_a_button_under_the_finger_after_a_tap_does_not_look_chosen(phone):
    steps.start(phone)
    resting = phone.evaluate(HOVER_TINT)[0]
    assert phone.evaluate("matchMedia('(hover: hover)').matches") is False  # a touch screen
    # Tap the first face; the next question's first button appears where the finger was.
    steps.answer(phone)
    _, x, y = phone.evaluate(HOVER_TINT)
    phone.mouse.move(x, y)
    assert phone.evaluate(HOVER_TINT)[0] == resting


def test_a_mouse_over_a_button_still_tints_it_on_a_desktop(pages):
    page = pages.open(width=1280)
    steps.start(page)
    resting, x, y = page.evaluate(HOVER_TINT)
    assert page.evaluate("matchMedia('(hover: hover)').matches") is True
    page.hover("#answer-form .choice")
    assert page.evaluate(HOVER_TINT)[0] != resting
