"""Arabic answers: worries and feelings read from the Arabic lists."""

import pytest

from analysis import analyse
from analysis.arabic import normalise


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("أريد أن أقتل نفسي", "self_harm"),  # I want to kill myself
        ("اريد ان اقتل نفسي", "self_harm"),  # the same, typed without hamzas
        ("زوج أمي يضربني كل يوم", "abuse"),  # my mother's husband hits me every day
        ("رجل على الإنترنت طلب مني صور", "sexual_harm"),  # a man online asked me for pictures
        ("لا أشعر بالأمان في البيت", "unsafe"),  # I don't feel safe at home
        ("هربت من البيت الأسبوع الماضي", "missing_exploitation"),  # I ran away from home last week
    ],
)
def test_an_arabic_disclosure_is_a_concern(text, category):
    result = analyse(text)
    assert result.concern == category
    assert result.sentiment == "negative"
    assert "safety" in result.themes


def test_arabic_feelings_are_read_and_turned_round_by_a_negator():
    assert analyse("أنا سعيد مع عائلتي").sentiment == "positive"  # I am happy with my family
    assert analyse("أنا لست سعيد").sentiment == "negative"  # I am not happy
    assert analyse("لا أحد يستمع لي").sentiment == "negative"  # nobody listens to me


def test_an_arabic_answer_is_always_unsure_and_one_with_nothing_found_needs_reading():
    read = analyse("أنا سعيد مع عائلتي")
    assert read.unsure and not read.needs_reading
    unread = analyse("ذهبنا إلى الحديقة يوم السبت")  # we went to the park on Saturday
    assert unread.needs_reading


def test_spellings_of_the_same_letters_meet():
    assert normalise("أُريدُ") == normalise("اريد")
    assert normalise("مدرسة") == normalise("مدرسه")
