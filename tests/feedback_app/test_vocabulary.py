"""The product's words in one place: the app and the analysis agree, and staff read UK time."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from analysis.result import CONCERN_CATEGORIES, LEARNED_CONCERN, SENTIMENTS, THEMES
from feedback_app import vocabulary
from feedback_app.filters import FILTERS, uk_time


def test_the_app_and_the_analysis_have_the_same_themes_in_the_same_order():
    assert tuple(vocabulary.THEMES) == THEMES


def test_the_app_and_the_analysis_have_the_same_sentiments():
    assert tuple(vocabulary.SENTIMENTS) == SENTIMENTS


def test_the_app_and_the_analysis_have_the_same_concern_categories():
    assert tuple(vocabulary.CONCERNS) == CONCERN_CATEGORIES


def test_staff_read_that_a_possible_worry_was_found_by_the_learned_layer_and_not_a_listed_phrase():
    assert "learned layer" in vocabulary.concern_name(LEARNED_CONCERN)
    assert "no listed phrase" in vocabulary.finding_name(f"concern:{LEARNED_CONCERN}")
    assert vocabulary.finding_name("concern:abuse") == "may be a worry: abuse or violence"


def test_every_word_young_people_see_has_an_emoji_beside_its_words():
    for words in (vocabulary.THEMES, vocabulary.SENTIMENTS, vocabulary.AGE_BANDS):
        assert all(word.staff and word.young and word.emoji for word in words.values())
    assert all(word.says for word in vocabulary.SENTIMENTS.values())


def test_a_summer_time_is_shown_in_british_summer_time():
    assert uk_time(datetime(2026, 7, 1, 9, 30, tzinfo=UTC)) == "01 Jul 2026 10:30"


def test_a_winter_time_is_shown_in_greenwich_mean_time():
    assert uk_time(datetime(2026, 1, 15, 9, 30, tzinfo=UTC)) == "15 Jan 2026 09:30"


def test_a_late_evening_in_summer_is_already_the_next_day_in_the_uk():
    assert uk_time(datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "day") == "01 Jul 2026"


def test_a_plain_date_is_shown_as_it_is():
    assert uk_time(date(2026, 5, 12), "weekday") == "Tuesday 12 May 2026"


def test_a_time_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        uk_time(datetime(2026, 7, 1, 9, 30))


def test_every_filter_is_registered_with_the_app(app):
    assert all(app.jinja_env.filters[name] is function for name, function in FILTERS.items())


def test_the_questionnaire_guide_describes_every_theme():
    guide = (Path(__file__).resolve().parents[2] / "questionnaires" / "README.md").read_text(encoding="utf-8")
    assert [code for code in vocabulary.THEMES if f"| `{code}` |" not in guide] == []
