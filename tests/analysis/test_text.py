"""Preparing text: how typed words become the words and stems the lists match."""

import pytest

from analysis.text import prepare, stem, tokenise


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("I don't like it", ["i", "do", "not", "like", "it"]),
        ("i dont like it", ["i", "do", "not", "like", "it"]),
        ("I can’t", ["i", "can", "not"]),
        ("im gonna go", ["i", "am", "going", "to", "go"]),
        ("u r ace", ["you", "are", "ace"]),
        ("my sw", ["my", "social", "worker"]),
        ("no-one cares", ["no", "one", "cares"]),
        ("self-harm", ["self", "harm"]),
        ("my freinds", ["my", "friends"]),
    ],
)
def test_typed_forms_become_the_words_the_lists_use(typed, words):
    assert tokenise(typed) == words


def test_2_and_b_are_read_as_to_and_be_after_the_words_they_follow_in_text_speak():
    assert tokenise("i want 2 b here") == ["i", "want", "to", "be", "here"]


def test_2_and_b_stay_a_number_and_a_letter_elsewhere():
    assert tokenise("i have 2 brothers") == ["i", "have", "2", "brothers"]
    assert tokenise("plan b") == ["plan", "b"]


def test_emoji_and_emoticons_are_tokens_of_their_own():
    assert tokenise("ok :) 😊") == ["ok", ":)", "😊"]


def test_stretched_letters_shrink_to_a_known_word():
    assert tokenise("soooo gooood") == ["so", "good"]


@pytest.mark.parametrize("form", ["listen", "listens", "listened", "listening"])
def test_word_forms_share_a_stem(form):
    assert stem(form) == stem("listen")


@pytest.mark.parametrize(("form", "base"), [("told", "tell"), ("felt", "felt"), ("children", "child"), ("families", "family")])
def test_irregular_forms_use_the_word_forms_list(form, base):
    assert stem(form) == stem(base)


def test_tense_of_be_is_kept_because_it_matters_for_safeguarding():
    assert stem("am") != stem("was")


def test_nouns_ending_in_ing_keep_their_meaning():
    assert stem("meeting") != stem("meet")
    assert stem("notes") != stem("not")


def test_prepared_text_keeps_offsets_of_each_token():
    prepared = prepare("nobody listens")
    assert prepared.key_text[prepared.starts[1] :].startswith(prepared.keys[1])


def test_a_web_address_is_not_read_as_the_frowning_emoticon():
    assert ":/" not in tokenise("the form is at https://example.org/tell-us")
    assert tokenise("it was ok :/") == ["it", "was", "ok", ":/"]


def test_lets_stays_the_verb_it_usually_is():
    assert tokenise("she lets me stay up") == ["she", "lets", "me", "stay", "up"]
