"""Concerns told sideways: about someone else, in reported speech, indirectly, or in text-speak.

The rules are measured here without the learned layer (concern_model=None),
so each case pins down a phrase pattern in analysis/data/concern.yaml; what
must not flag is measured with the whole analysis, as staff would see it.
Every text was written for these tests.
"""

import pytest

from analysis import analyse


def rules(text: str) -> str | None:
    return analyse(text, concern_model=None).concern


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Harm told about someone else, or as what someone said.
        ("my friend told me her dad hits her mum and she has to hide upstairs", "abuse"),
        ("my daughter told me the man at the contact centre touched her", "sexual_harm"),
        ("she said her foster carer locks her in the bedroom", "abuse"),
        ("my cousin says her uncle touches her and she told me not to tell", "sexual_harm"),
        ("my sister keeps saying she wants to die", "self_harm"),
        ("my friend has been cutting again, i saw the marks", "self_harm"),
        ("my mate says her step dad makes her do things she doesnt want to", "sexual_harm"),
        ("my son came home and said an older boy made him hold a bag for him", "missing_exploitation"),
    ],
)
def test_harm_told_about_someone_else_is_flagged(text, category):
    assert rules(text) == category


@pytest.mark.parametrize(
    "text",
    [
        "my sisters boyfriend comes in her room when she is getting ready for bed",
        "he comes into the bathroom while i am getting changed",
        "someone on snap wants pics of me",
        "he keeps asking for photos of my sister",
        "he sends me videos i dont want to see",
        "he makes me do stuff i dont like",
    ],
)
def test_grooming_and_indirect_sexual_harm_is_flagged(text):
    assert rules(text) == "sexual_harm"


def test_being_told_you_owe_someone_is_flagged_as_exploitation():
    assert rules("he buys me stuff and then says i owe him") == "missing_exploitation"


def test_a_threat_tied_to_telling_is_flagged_even_in_the_everyday_form_of_words():
    # "my dad will kill me if" is the everyday idiom; "if i tell" makes it a threat.
    assert rules("he will kill me if i tell anyone") == "abuse"
    assert analyse("my mum would kill me if she saw my room").concern is None


@pytest.mark.parametrize(
    "text",
    [
        "sometimes i think everyone would be better off if i wasnt around",
        "i dont see the point in anything anymore",
        "i keep thinking about ending things",
        "i wrote letters to everyone saying goodbye",
        "i feel like giving up on everything",
        "i cant cope anymore and i dont know how much longer i can do this",
        "i have been scratching my arms til they bleed",
        "I couldn't take it anymore and nothing makes me happy anymore",
        "I was sectioned when I was fifteen",
    ],
)
def test_self_harm_said_indirectly_is_flagged(text):
    assert rules(text) == "self_harm"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i want 2 die", "self_harm"),
        ("i wnt 2 die", "self_harm"),
        ("i wna die", "self_harm"),
        ("i dont want 2 b here anymore", "self_harm"),
        ("ma dad hitz me", "abuse"),
        ("my stepdad wacks me", "abuse"),
        ("he slappd me", "abuse"),
    ],
)
def test_text_speak_spellings_are_read(text, category):
    assert rules(text) == category


def test_a_parents_drinking_or_drugs_told_by_a_child_is_flagged():
    assert rules("my mum was always off her head on something") == "unsafe"
    assert rules("my dad is an alcoholic") == "unsafe"


@pytest.mark.parametrize(
    "text",
    [
        "homeworks killing me",
        "homework's killing me",
        "my feet are killing me after the walk",
        "I could kill for a pizza",
        "i am scared about my exams",
        "i asked for pictures of my mum for my life story book",
        "i have 2 brothers and we had 2 days at the beach",
        "my sister told me she got a new job",
    ],
)
def test_everyday_talk_with_the_same_words_is_not_flagged(text):
    assert analyse(text).concern is None


@pytest.mark.parametrize(
    "text",
    [
        "I was accused of emotionally abusing my daughter and there was no evidence",
        "the domestic violence worker came to every meeting and helped me",
        "we were threatened with court if we did not sign",
        "you get threatened with moving on if you miss school",
        "she told me I should take the tablets the doctor gave me",
    ],
)
def test_a_parents_account_of_services_is_not_a_disclosure(text):
    assert analyse(text).concern is None


def test_what_a_parent_was_accused_of_does_not_hide_harm_told_about_the_child():
    assert rules("my dad was accused of hurting me and nobody did anything") == "abuse"
    assert rules("he threatened to hurt the children") == "abuse"


def test_a_brother_hitting_as_a_joke_is_still_flagged():
    # Decided: "as a joke" is how children make light of being hurt, and a
    # person can read this in seconds; the rules do not try to judge it.
    assert rules("my brother hits me at football practice as a joke") == "abuse"
