"""The word lists are data an officer can edit; mistakes in them are reported clearly."""

import pytest

from analysis import lexicons
from analysis.lexicons import LexiconError
from analysis.phrases import PhraseMatcher
from analysis.text import prepare


def found(matcher: PhraseMatcher, text: str) -> list:
    return [m.payload for m in matcher.find(prepare(text))]


def test_yes_and_no_in_a_list_stay_words_not_booleans():
    assert "no" in lexicons.section("sentiment", "negators")


def test_pattern_matches_every_form_of_its_words():
    matcher = PhraseMatcher([("listen to me", "heard")])
    assert found(matcher, "she listened to me") == ["heard"]


def test_alternatives_and_classes_in_a_pattern():
    matcher = PhraseMatcher([("miss my @family|dog", "missing")], {"family": ["mum", "little brother"]})
    assert found(matcher, "i miss my little brother") == ["missing"]
    assert found(matcher, "i miss my dog") == ["missing"]


def test_brackets_allow_alternatives_of_several_words():
    matcher = PhraseMatcher([("(no one|nobody) asks me", "unheard")])
    assert found(matcher, "no one asks me") == found(matcher, "nobody asked me") == ["unheard"]


def test_gap_allows_a_few_words_but_not_a_new_sentence():
    matcher = PhraseMatcher([("hit .. me", "hit")])
    assert found(matcher, "he hit my sister and me") == ["hit"]
    assert found(matcher, "he hit the wall. me too") == []


def test_pattern_must_match_whole_words():
    matcher = PhraseMatcher([("iro", "iro")])
    assert found(matcher, "my hero") == []


def test_unknown_word_class_is_reported_with_the_pattern():
    with pytest.raises(LexiconError, match="@pets"):
        PhraseMatcher([("miss my @pets", True)], {}, "themes.yaml")


def test_pattern_starting_with_a_gap_is_reported():
    with pytest.raises(LexiconError, match="must start with a word"):
        PhraseMatcher([(".. me", True)], {}, "concern.yaml")


def test_missing_data_file_names_the_file():
    with pytest.raises(LexiconError, match="nothing_here.yaml"):
        lexicons.load("nothing_here")
