"""Sentiment read the way children in care, parents and carers write: the rules.

These pin how the rules read each phrase, so they run without the learned
layer; what the learned layer adds is measured in test_learned.py.
"""

import pytest

from analysis import Analysis
from analysis import analyse as analyse_with_the_learned_layer


def analyse(text: str) -> Analysis:
    return analyse_with_the_learned_layer(text, model=None)


def label(text: str) -> str:
    return analyse(text).sentiment


@pytest.mark.parametrize(
    "text",
    [
        "nobody listens to me",
        "no one ever listens",
        "my social worker never rings me back",
        "she never calls back when i ring",
        "i am not happy here",
        "i dont like my new school",
        "nobody explained anything to me",
        "no one told me why i had to move",
        "I didn't get to see my dad at christmas",
    ],
)
def test_negated_good_things_read_as_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "I got told off at my review",
        "i miss my mum",
        "i have been moved again",
        "I've had too many social workers",
        "the meeting was dead boring",
        "my carer is always shouting",
        "i feel really lonely",
        "they cancelled contact again",
        "it took ages for anyone to get back to me",
    ],
)
def test_domain_complaints_read_as_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "my foster carer is dead nice",
        "my iro is ace",
        "it's alright here",
        "my social worker listens to me",
        "she always makes time for me",
        "I feel part of the family",
        "they explained everything to me",
        "i can talk to my carer about anything",
        "thank you for helping me",
        "my advocate stuck up for me at the meeting",
    ],
)
def test_domain_praise_reads_as_positive(text):
    assert label(text) == "positive"


def test_not_bothered_is_neutral_not_negative():
    assert label("im not bothered") == "neutral"


def test_but_between_a_good_and_a_bad_clause_is_mixed():
    assert label("I like my carers but I never see my dad") == "mixed"


def test_however_splits_clauses_like_but():
    assert label("The review was helpful. However nobody asked what i wanted") == "mixed"


def test_good_and_bad_sentences_in_one_answer_are_mixed():
    assert label("School is great. I hate my new placement.") == "mixed"


def test_mixed_feelings_said_outright_are_mixed():
    assert label("i have mixed feelings about the review") == "mixed"


def test_wish_to_see_family_more_is_a_need_not_praise():
    result = analyse("I wish I could see my brother more")
    assert result.sentiment == "negative"
    assert result.polarity < 0


def test_wish_for_more_contact_with_the_iro_leans_negative():
    assert analyse("I'd like more contact with my IRO").polarity < 0


def test_wish_without_anything_missing_is_not_positive():
    assert label("I want to be in the football team") != "positive"


def test_wish_to_stay_is_positive():
    assert label("I want to stay here forever") == "positive"


def test_advice_with_kind_words_is_neutral():
    assert label("Social workers should be kind and friendly") == "neutral"


@pytest.mark.parametrize("text", ["😊", "love it here ❤️", "its good :)", "best day ever 👍"])
def test_happy_emoji_and_emoticons_are_positive(text):
    assert label(text) == "positive"


@pytest.mark.parametrize("text", ["😢", "review 😡", "contact got cancelled :(", "💔"])
def test_sad_emoji_and_emoticons_are_negative(text):
    assert label(text) == "negative"


def test_emoji_skin_tone_does_not_change_its_meaning():
    assert label("👍🏽") == label("👍") == "positive"


@pytest.mark.parametrize(
    ("text_speak", "written_out"),
    [
        ("i dont like it", "i do not like it"),
        ("im not happy cos nobody listens", "i am not happy because nobody listens"),
        ("u never ring me back", "you never ring me back"),
        ("my sw is gr8", "my social worker is great"),
        ("im gonna miss my carer", "i am going to miss my carer"),
    ],
)
def test_text_speak_reads_like_the_written_out_form(text_speak, written_out):
    assert label(text_speak) == label(written_out)
    assert analyse(text_speak).polarity == pytest.approx(analyse(written_out).polarity)


@pytest.mark.parametrize(
    ("misspelt", "spelt"),
    [
        ("my freinds are realy nice", "my friends are really nice"),
        ("i am happey at scool", "i am happy at school"),
        ("i got upset becuase nobody lisens", "i got upset because nobody listens"),
        ("i feel so lonley", "i feel so lonely"),
    ],
)
def test_common_misspellings_read_like_the_right_spelling(misspelt, spelt):
    assert label(misspelt) == label(spelt)


def test_stretched_letters_read_as_the_word():
    assert label("sooooo happyyyy") == "positive"
    assert label("i hate itttt") == "negative"


def test_curly_apostrophes_read_like_straight_ones():
    assert analyse("I don’t feel listened to").polarity == analyse("I don't feel listened to").polarity


def test_text_without_feeling_words_is_neutral_zero():
    result = analyse("I am 12 and I live in Leeds")
    assert result.sentiment == "neutral"
    assert result.polarity == 0.0


def test_empty_text_is_neutral():
    result = analyse("")
    assert (result.sentiment, result.polarity, result.themes, result.concern) == ("neutral", 0.0, (), None)


def test_in_care_is_not_read_as_caring():
    assert label("I have been in care since I was 5") == "neutral"


def test_similes_with_like_do_not_count_as_liking():
    assert label("it felt like a long day") == "neutral"


def test_exclamation_marks_strengthen_the_feeling():
    assert analyse("my carer is nice!").polarity > analyse("my carer is nice").polarity


def test_intensifier_strengthens_the_feeling():
    assert analyse("my carer is really kind").polarity > analyse("my carer is kind").polarity


def test_why_question_reads_as_a_complaint():
    assert label("why do they keep changing my social worker?") == "negative"


@pytest.mark.parametrize(
    "text",
    ["nobody listens", "dead nice", "I wish I could see my mum", "😊😊😊😊 the best best best!!!!", "not not not bad"],
)
def test_polarity_stays_within_minus_one_and_one(text):
    assert -1.0 <= analyse(text).polarity <= 1.0


def test_evidence_names_the_phrase_behind_the_sentiment():
    result = analyse("I got told off at my review")
    assert any(e.finding == "sentiment:negative" and "told off" in e.phrase for e in result.evidence)


def test_a_disclosure_is_never_read_as_neutral():
    assert label("he hits me") == "negative"


def test_wish_evidence_shows_the_wish_not_the_kind_words_inside_it():
    result = analyse("I wish my carer was nicer to me more often")
    findings = [(e.finding, e.phrase) for e in result.evidence if e.finding.startswith("sentiment")]
    assert any(f == "sentiment:negative" and "wish" in phrase for f, phrase in findings)
    assert not any(f == "sentiment:positive" for f, _ in findings)


@pytest.mark.parametrize(
    "text",
    [
        "She doesn't listen, explain or even look at me",  # a negation reaches along a list
        "she didnt listen or explain",
        "No calls, no visits, no letters since I moved",  # "no X" is a lack
        "My request for contact was turned down",  # plain facts of refusal and delay
        "I am still waiting for my passport",
        "They closed the case without telling me",
        "The care team never tell me anything",
    ],
)
def test_complaints_with_no_feeling_word_read_as_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize(
    "text",
    ["It means a lot to me that they ask", "I was pleased with how the meeting went", "I feel close to my carers"],
)
def test_words_in_their_warm_sense_read_as_positive(text):
    assert label(text) == "positive"


def test_a_comma_before_a_new_subject_ends_a_negation():
    assert label("she doesnt ring, i like her though") == "positive"


def test_no_before_more_is_not_a_lack():
    assert label("No more moving, I'm staying here for good!") == "positive"


def test_no_complaints_is_praise():
    assert label("No complaints, my social worker is great") == "positive"
