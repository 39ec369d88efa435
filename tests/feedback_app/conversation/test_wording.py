"""The service's own words: every sentence with a number follows CLDR's plural rules."""

import pytest
from babel import Locale

from feedback_app.conversation.wording import WORDS, counted_text, interface_text

COUNTED = sorted({key for words in WORDS.values() for key, word in words.items() if isinstance(word, dict)})


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (1, "أجبت عن 0 من حوالي سؤال واحد"),
        (2, "أجبت عن 0 من حوالي سؤالين"),
        (3, "أجبت عن 0 من حوالي 3 أسئلة"),
        (10, "أجبت عن 0 من حوالي 10 أسئلة"),
        (11, "أجبت عن 0 من حوالي 11 سؤالًا"),
        (16, "أجبت عن 0 من حوالي 16 سؤالًا"),  # the bug: "16 أسئلة"
        (99, "أجبت عن 0 من حوالي 99 سؤالًا"),
        (100, "أجبت عن 0 من حوالي 100 سؤال"),
    ],
)
def test_the_arabic_progress_line_uses_the_plural_form_for_its_number(total, expected):
    assert counted_text("progress", "ar", total, answered=0, total=total) == expected


def test_the_english_progress_line_says_question_for_one_and_questions_for_more():
    assert counted_text("progress", "en", 1, answered=0, total=1) == "You have answered 0 of about 1 question"
    assert counted_text("progress", "en-GB", 16, answered=3, total=16) == "You have answered 3 of about 16 questions"


def test_a_language_without_the_sentence_gets_the_english_with_the_english_rules():
    assert counted_text("progress", "pl", 3, answered=1, total=3) == "You have answered 1 of about 3 questions"


@pytest.mark.parametrize("key", COUNTED)
@pytest.mark.parametrize("language", sorted(WORDS))
def test_every_counted_sentence_has_every_plural_form_its_language_uses(language, key):
    forms = WORDS[language].get(key, WORDS["en"][key])
    needed = {Locale.parse(language).plural_form(n) for n in range(0, 1001)}
    assert needed <= set(forms), f"{language} {key}: missing {needed - set(forms)}"


def test_a_counted_sentence_cannot_be_used_without_its_number():
    assert COUNTED
    with pytest.raises(TypeError):
        interface_text(COUNTED[0], "en")
