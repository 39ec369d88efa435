"""The meaningful-change rule against Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10."""

import pytest

from feedback_app.report.change import FALL, RISE, SAME, change_in_words, difference, wilson_interval

# (successes1, total1, successes2, total2) -> (difference, lower, upper), as published.
PUBLISHED = [
    ((56, 70, 48, 80), (0.2000, 0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.6000, 0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.5714, 0.0582, 0.8062)),
    ((5, 56, 0, 29), (0.0893, -0.0381, 0.1926)),
    ((0, 10, 0, 20), (0.0000, -0.1611, 0.2775)),
    ((0, 10, 0, 10), (0.0000, -0.2775, 0.2775)),
    ((10, 10, 0, 20), (1.0000, 0.6791, 1.0000)),
    ((10, 10, 0, 10), (1.0000, 0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "published"), PUBLISHED)
def test_the_interval_matches_newcombes_published_worked_examples(counts, published):
    found = difference(*counts)
    assert (round(found.estimate, 4), round(found.lower, 4), round(found.upper, 4)) == published


def test_the_wilson_interval_of_81_of_263_is_the_published_one():
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I example: 81/263 gives 0.2553 to 0.3662.
    assert tuple(round(x, 4) for x in wilson_interval(81, 263)) == (0.2553, 0.3662)


def test_an_interval_excluding_zero_is_a_rise_or_a_fall_and_one_including_it_is_the_same():
    assert difference(56, 70, 48, 80).direction == RISE
    assert difference(48, 80, 56, 70).direction == FALL
    assert difference(5, 56, 0, 29).direction == SAME


def test_a_change_is_called_a_rise_only_when_it_is_meaningful():
    assert change_in_words((41, 50), (35, 50), "2025-26") == "about the same as last year (70% in 2025-26)"
    assert change_in_words((56, 70), (48, 80), "2025-26") == "up from 60% in 2025-26"
    assert change_in_words((48, 80), (56, 70), "2025-26") == "down from 80% in 2025-26"


def test_no_one_to_compare_with_gives_no_words():
    assert change_in_words((4, 5), (0, 0), "2025-26") == ""


def test_an_empty_year_cannot_have_an_interval():
    with pytest.raises(ValueError):
        wilson_interval(0, 0)
