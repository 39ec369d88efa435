"""The learned concern layer: plain weights, deterministic, and only ever adding a concern."""

import zipfile

import numpy as np
import pytest

from analysis import analyse
from analysis.concern import find_concern
from analysis.learned import HASH_SLOTS, hashed
from analysis.learned_concern import MODEL_PATH, ConcernModel, fit, load_concern_model, slots_of
from analysis.result import LEARNED_CONCERN
from analysis.text import prepare, stem


def _slots(text: str) -> list[int]:
    prepared = prepare(text)
    return slots_of(prepared, find_concern(prepared))


def _model_that_worries_about(word: str) -> ConcernModel:
    """A model that reads one made-up word as a worry and nothing else."""
    weights = np.zeros(HASH_SLOTS, dtype=np.float32)
    weights[hashed(f"w:{stem(word)}")] = 40.0
    return ConcernModel(weights, bias=-4.0, threshold=0.5)


def test_the_weights_are_plain_arrays_with_no_pickled_objects():
    with zipfile.ZipFile(MODEL_PATH) as archive:
        assert sorted(archive.namelist()) == ["bias.npy", "l2.npy", "threshold.npy", "weights.npy"]
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        assert data["weights"].dtype.kind == "f"
    model = load_concern_model()
    assert model is not None and 0.0 < model.threshold < 1.0


def test_training_gives_the_same_weights_for_the_same_lines():
    texts = ["he hits me", "i love it here", "she said he touches her", "the review was ok"]
    rows = [_slots(t) for t in texts]
    concerns = [True, False, True, False]
    first, second = fit(rows, concerns, epochs=20), fit(rows, concerns, epochs=20)
    assert np.array_equal(first.weights, second.weights) and first.bias == second.bias


def test_training_refuses_lines_that_are_all_one_kind():
    with pytest.raises(ValueError, match="with and without a concern"):
        fit([_slots("fine")], [False])


def test_a_class_word_shares_a_feature_with_the_rest_of_its_class():
    # "slapped" and "kicked" are both @strike in concern.yaml: what is learned of one carries to the other.
    slapped, kicked = set(_slots("slapped")), set(_slots("kicked"))
    assert hashed("c:strike") in slapped & kicked


def test_what_the_rules_set_aside_is_a_feature_of_its_own():
    assert hashed("r:denied") in _slots("nobody hurts me")
    assert hashed("r:explained") in _slots("this homework is killing me")
    assert not {hashed("r:denied"), hashed("r:explained")} & set(_slots("he hurts me"))


def test_where_the_rules_found_nothing_the_layer_raises_a_possible_worry_with_the_words_that_weighed_most():
    result = analyse("the wibble came round again last night", concern_model=_model_that_worries_about("wibble"))
    assert result.concern == LEARNED_CONCERN
    assert [e.phrase for e in result.evidence if e.finding == f"concern:{LEARNED_CONCERN}"] == ["wibble"]
    assert "safety" in result.themes


def test_the_evidence_shows_words_that_say_something_before_ones_that_weigh_more():
    model = _model_that_worries_about("wibble")
    model.weights[hashed("w:he")] = 80.0
    assert ConcernModel(model.weights, model.bias).weighed_most(prepare("he saw the wibble")) == ("wibble", "he")


def test_a_possible_worry_leaves_the_sentiment_label_alone():
    text = "the wibble came round, it was lovely"
    assert analyse(text, concern_model=_model_that_worries_about("wibble")).sentiment == analyse(text, concern_model=None).sentiment


def test_the_layer_never_replaces_or_removes_what_the_rules_found():
    never = ConcernModel(np.full(HASH_SLOTS, -40.0, dtype=np.float32), bias=-40.0, threshold=0.5)
    always = _model_that_worries_about("hits")
    assert analyse("he hits me", concern_model=never).concern == "abuse"
    assert analyse("he hits me", concern_model=always).concern == "abuse"


def test_below_its_threshold_the_layer_raises_nothing():
    assert analyse("the review was fine", concern_model=_model_that_worries_about("wibble")).concern is None
