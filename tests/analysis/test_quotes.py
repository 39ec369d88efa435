import pytest

from analysis.quotes import Quote, QuoteCandidate, pick_quotes
from analysis.redaction import Replacement
from analysis.result import Analysis


def candidate(
    answer_id,
    text,
    *,
    sentiment="positive",
    polarity=0.5,
    themes=("iro",),
    concern=None,
    consent=True,
    names=(),
):
    analysis = Analysis(
        text=text, sentiment=sentiment, polarity=polarity, themes=themes, concern=concern
    )
    return QuoteCandidate(answer_id, analysis, consent, names)


PLAIN = "My reviewing officer explains every decision so that I understand what happens next"


def test_quote_carries_answer_theme_sentiment_and_both_texts():
    [quote] = pick_quotes([candidate(7, PLAIN, polarity=0.4)])

    assert isinstance(quote, Quote)
    assert (quote.answer_id, quote.theme, quote.sentiment) == (7, "iro", "positive")
    assert quote.text == quote.redacted_text == PLAIN
    assert 0 < quote.score <= 1


def test_answer_flagged_as_a_concern_is_never_quoted():
    text = "Someone at home hurts me when the carers are out at night"
    flagged = candidate(1, text, concern="abuse")

    assert pick_quotes([flagged]) == []


def test_answer_without_consent_is_never_quoted():
    assert pick_quotes([candidate(1, PLAIN, consent=False)]) == []


def test_answer_without_a_theme_is_not_quoted():
    assert pick_quotes([candidate(1, PLAIN, themes=())]) == []


def test_quote_is_redacted_including_names_supplied_for_the_answer():
    text = "Bronwen my reviewing officer rings me on 07700 900321 before every meeting"

    [quote] = pick_quotes([candidate(1, text, names=("Bronwen",))])

    assert quote.redacted_text == (
        "[name] my reviewing officer rings me on [phone number] before every meeting"
    )
    assert quote.replacements == (
        Replacement("name", "Bronwen"),
        Replacement("phone", "07700 900321"),
    )
    assert quote.text == text


def test_answer_that_is_mostly_redacted_is_not_quoted():
    text = "Tamsin and Gethin took me to Oakfield Academy"

    assert pick_quotes([candidate(1, text, names=("Tamsin", "Gethin"))]) == []


@pytest.mark.parametrize(
    "text",
    [
        "My IRO is really nice",  # 5 words
        " ".join(["my IRO listened to me and"] * 11),  # 66 words
    ],
)
def test_answer_outside_the_quotable_length_is_not_quoted(text):
    assert pick_quotes([candidate(1, text)]) == []


def test_word_limits_can_be_changed():
    assert len(pick_quotes([candidate(1, "My IRO is really nice")], min_words=5)) == 1


def test_near_duplicate_answers_give_one_quote():
    answers = [
        candidate(1, "My IRO always listens to me and makes my views heard at reviews"),
        candidate(2, "My IRO always listens to me and makes my views heard at my reviews"),
        candidate(3, "The meetings are short and the food afterwards is lovely"),
    ]

    quotes = pick_quotes(answers)

    assert len(quotes) == 2
    assert {q.answer_id for q in quotes} & {1, 2} != {1, 2}


def test_at_most_per_group_quotes_are_chosen_for_a_theme_and_sentiment():
    answers = [
        candidate(1, "My IRO came to my school and explained the new plan to me"),
        candidate(2, "The review was held at home which felt more relaxed than the office"),
        candidate(3, "I was asked what I wanted before the meeting started this time"),
        candidate(4, "Someone finally wrote down that I want to stay with my brother"),
    ]

    assert len(pick_quotes(answers, per_group=2)) == 2


def test_each_theme_and_sentiment_gets_its_own_quotes():
    answers = [
        candidate(1, PLAIN, themes=("iro", "listened_to")),
        candidate(
            2,
            "Nobody told me the review was moved so I missed it again",
            sentiment="negative",
            polarity=-0.5,
        ),
    ]

    groups = [(q.theme, q.sentiment, q.answer_id) for q in pick_quotes(answers)]

    assert groups == [
        ("listened_to", "positive", 1),
        ("iro", "positive", 1),
        ("iro", "negative", 2),
    ]


def test_stronger_feeling_is_preferred_when_all_else_is_equal():
    answers = [
        candidate(1, "My reviewing officer visits before each meeting to talk", polarity=0.2),
        candidate(2, "My reviewing officer phones before each review to chat", polarity=0.8),
    ]

    assert [q.answer_id for q in pick_quotes(answers, per_group=1)] == [2]


def test_plain_writing_is_preferred_over_shouting_and_typos():
    answers = [
        candidate(1, "MY IRO IS SOOO GR8 SHE IS THE BEST EVERR!!!", polarity=0.6),
        candidate(2, "My IRO helped me understand why I moved and what happens next", polarity=0.6),
    ]

    assert [q.answer_id for q in pick_quotes(answers, per_group=1)] == [2]


def test_quotes_are_in_the_same_order_whatever_the_input_order():
    answers = [
        candidate(1, "My IRO came to my school and explained the new plan to me"),
        candidate(2, "The review was held at home which felt more relaxed than the office"),
        candidate(3, "I was asked what I wanted before the meeting started this time"),
        candidate(4, "Nobody told me the review was moved so I missed it", sentiment="negative"),
    ]

    first = pick_quotes(answers)

    assert pick_quotes(list(reversed(answers))) == first
    assert [q.score for q in first[:3]] == sorted((q.score for q in first[:3]), reverse=True)


def test_per_group_below_one_is_refused():
    with pytest.raises(ValueError, match="per_group"):
        pick_quotes([], per_group=0)
