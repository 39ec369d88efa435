import pytest

from analysis.emerging import EmergingPhrase, emerging_phrases
from analysis.result import Analysis, Evidence


def answer(text, themes=(), evidence=(), concern=None):
    return Analysis(
        text=text,
        sentiment="neutral",
        polarity=0.0,
        themes=themes,
        concern=concern,
        evidence=tuple(Evidence(finding, phrase) for finding, phrase in evidence),
    )


def phrases(found):
    return {p.phrase: p.count for p in found}


def test_phrase_used_in_two_answers_without_themes_emerges():
    found = emerging_phrases(
        [answer("I want a bigger allowance for trips"), answer("My allowance never arrives")]
    )

    assert found == [
        EmergingPhrase(
            "allowance",
            2,
            ("I want a bigger allowance for trips", "My allowance never arrives"),
        )
    ]


def test_phrase_is_counted_once_per_answer_not_per_mention():
    found = emerging_phrases(
        [
            answer("The minibus is late and the minibus is cold and the minibus smells"),
            answer("I hate the minibus"),
        ]
    )

    assert phrases(found)["minibus"] == 2


def test_phrase_in_only_one_answer_does_not_emerge():
    found = emerging_phrases([answer("The minibus is late"), answer("I like drawing")])

    assert "minibus" not in phrases(found)


def test_determiners_grading_words_and_plurals_are_normalised_away():
    found = emerging_phrases(
        [
            answer("I want more pocket money"),
            answer("My pocket money is late"),
            answer("We compared our good trainers"),
            answer("The trainer I got was nice"),
        ]
    )

    assert phrases(found) == {"pocket money": 2, "trainer": 2}


def test_phrase_with_a_theme_signal_word_is_excluded_from_a_themed_answer():
    themed = answer(
        "My contact centre visits are short",
        themes=("family_contact",),
        evidence=[("theme:family_contact", "contact")],
    )

    found = emerging_phrases([themed, answer("The contact centre is cold")])

    assert "contact centre" not in phrases(found)


def test_other_phrases_in_a_themed_answer_still_count():
    themed = answer(
        "My contact visits are short and the minibus is late",
        themes=("family_contact",),
        evidence=[("theme:family_contact", "contact visits")],
    )

    found = emerging_phrases([themed, answer("The minibus is late again")])

    assert phrases(found) == {"minibus": 2}


def test_supplied_theme_words_exclude_phrases_from_themed_answers():
    answers = [
        answer("The youth club is shut", themes=("activities_friends",)),
        answer("I miss the youth club", themes=("activities_friends",)),
    ]

    assert phrases(emerging_phrases(answers)) == {"youth club": 2}
    assert emerging_phrases(answers, theme_words=["club"]) == []


def test_vague_nouns_do_not_emerge():
    found = emerging_phrases([answer("Lots of things happen"), answer("Things are ok")])

    assert found == []


def test_names_are_never_offered_as_phrases():
    answers = [
        answer("i told jamie about it"),
        answer("jamie is kind"),
        answer("I told Tamsin about it"),
        answer("Tamsin is kind"),
    ]

    assert emerging_phrases(answers, min_count=1) == []


def test_examples_are_redacted():
    found = emerging_phrases(
        [answer("My social worker Tamsin is late"), answer("My social worker is always late")]
    )

    assert found == [
        EmergingPhrase(
            "social worker",
            2,
            ("My social worker [name] is late", "My social worker is always late"),
        )
    ]


def test_concern_answers_count_but_are_never_examples():
    found = emerging_phrases(
        [
            answer("Someone at the hostel scares me", concern="unsafe"),
            answer("The hostel is noisy"),
        ]
    )

    assert found == [EmergingPhrase("hostel", 2, ("The hostel is noisy",))]


def test_at_most_three_examples_are_kept():
    found = emerging_phrases([answer(f"The hostel has {n} rooms") for n in range(5)])

    assert found[0].count == 5
    assert len(found[0].examples) == 3


def test_phrases_are_ordered_by_count_then_alphabetically_and_limited():
    answers = [
        answer("The minibus and the hostel"),
        answer("The minibus and the allowance"),
        answer("The minibus, the hostel and the allowance"),
    ]

    found = emerging_phrases(answers, limit=2)

    assert [(p.phrase, p.count) for p in found] == [("minibus", 3), ("allowance", 2)]


def test_min_count_below_one_is_refused():
    with pytest.raises(ValueError, match="min_count"):
        emerging_phrases([], min_count=0)
