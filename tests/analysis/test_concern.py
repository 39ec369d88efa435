"""Safeguarding concerns: recall first, without flagging everyday talk."""

import pytest

from analysis import analyse
from analysis.result import CONCERN_CATEGORIES

from .concern_cases import CONCERNS, NOT_CONCERNS


def test_there_are_enough_written_cases_to_mean_something():
    assert len(CONCERNS) >= 80
    assert len(NOT_CONCERNS) >= 60


@pytest.mark.parametrize(("text", "category"), CONCERNS)
def test_disclosure_is_flagged_with_its_category(text, category):
    assert analyse(text).concern == category


@pytest.mark.parametrize("text", NOT_CONCERNS)
def test_everyday_talk_is_not_flagged_by_the_rules(text):
    assert analyse(text, concern_model=None).concern is None


def test_the_learned_layer_raises_a_possible_worry_for_at_most_one_in_twenty_everyday_texts():
    # The learned layer reads words in a bag: it may raise a "possible worry"
    # where the rules rightly found none, and a person reads it. Its threshold
    # allows about one extra alert per hundred answers (training/train.py).
    raised = [text for text in NOT_CONCERNS if analyse(text).concern is not None]
    assert len(raised) <= len(NOT_CONCERNS) / 20, raised


def test_recall_is_complete_and_precision_at_least_point_six_over_the_written_cases():
    flagged = [analyse(text).is_concern for text, _ in CONCERNS]
    false_alarms = [analyse(text).is_concern for text in NOT_CONCERNS]
    recall = sum(flagged) / len(flagged)
    precision = sum(flagged) / (sum(flagged) + sum(false_alarms))
    assert recall == 1.0
    assert precision >= 0.6


def test_every_category_has_written_cases():
    assert {category for _, category in CONCERNS} == set(CONCERN_CATEGORIES)


def test_negator_just_before_the_harm_denies_it():
    assert analyse("nobody hurts me").concern is None
    assert analyse("he hurts me").concern == "abuse"


def test_no_before_and_does_not_deny_what_follows():
    assert analyse("i said no and he hit me").concern == "abuse"


def test_negator_in_an_earlier_sentence_does_not_deny_a_later_disclosure():
    assert analyse("I'm not happy. He hits me.").concern == "abuse"


def test_figure_of_speech_is_not_a_disclosure():
    assert analyse("this homework is killing me").concern is None
    assert analyse("she is going to kill me").concern == "abuse"


def test_harmless_fears_are_not_flagged_but_fear_of_a_person_is():
    assert analyse("i am scared of the dark").concern is None
    assert analyse("i am scared of him").concern == "unsafe"


def test_past_harm_is_still_flagged_for_a_person_to_judge():
    assert analyse("my dad used to hit me when i lived at home").concern == "abuse"


def test_most_serious_category_wins_when_several_match():
    assert analyse("they bully me and i want to kill myself").concern == "self_harm"


def test_a_concern_adds_the_safety_theme():
    assert "safety" in analyse("i ran away last night").themes


def test_evidence_shows_the_words_that_raised_the_concern():
    result = analyse("i dont get fed at my dads")
    assert any(e.finding == "concern:neglect" for e in result.evidence)


def test_disclosure_written_in_capitals_without_punctuation_is_flagged():
    assert analyse("HE HITS ME AND I DONT WANT TO GO HOME").concern == "abuse"


def test_disclosure_inside_a_long_answer_is_flagged():
    text = (
        "my review was ok and my iro is nice and i like my school and my friends "
        "but sometimes my carer's son comes into my room at night and touches me"
    )
    assert analyse(text).concern == "sexual_harm"
