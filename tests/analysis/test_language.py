"""Which language an answer is in, and marking what the analysis cannot read."""

import pytest

from analysis import analyse
from analysis.language import language_of


@pytest.mark.parametrize(
    "text",
    [
        "Nie czuję się bezpiecznie w domu",
        "Dw i ddim yn hapus yn fy nghartref",
        "Ich fühle mich nicht sicher zu Hause",
        "Мне страшно дома",
    ],
)
def test_a_language_the_analysis_cannot_read_needs_a_person_to_read_it(text):
    result = analyse(text)
    assert result.language == "other"
    assert result.needs_reading
    assert result.unsure


@pytest.mark.parametrize(
    "text",
    ["omg ma sw neva rings bk", "Jade x", "ok", "😊😊", "my iro is sound she always rings me before my review"],
)
def test_english_however_it_is_typed_is_read(text):
    assert language_of(text) == "en"
    assert not analyse(text).needs_reading


def test_arabic_is_recognised_by_its_letters():
    assert language_of("أنا سعيد في بيتي") == "ar"


def test_stored_results_from_an_older_analyser_read_as_english_and_sure():
    from analysis.result import Analysis

    old = Analysis.from_dict("fine", {"sentiment": "neutral", "polarity": 0.0})
    assert (old.language, old.needs_reading, old.unsure) == ("en", False, False)
