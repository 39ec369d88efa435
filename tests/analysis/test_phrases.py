"""Phrase patterns: how list entries are written and found."""

from analysis.phrases import PhraseMatcher
from analysis.text import prepare


def _finds(pattern: str, text: str) -> bool:
    return bool(PhraseMatcher([(pattern, True)]).find(prepare(text)))


def test_a_pattern_with_a_lone_clitic_matches_the_contracted_text():
    assert _finds("homework 's killing me", "homework's killing me")
    assert _finds("is|'s the point", "what's the point")


def test_a_pattern_written_with_the_possessive_matches_it():
    assert _finds("people's sofas", "i slept on people's sofas")
