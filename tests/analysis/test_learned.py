"""The learned sentiment layer: plain weights, deterministic, measured out of sample, never removing a concern."""

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from analysis import analyse
from analysis.analyser import features
from analysis.evaluate import evaluate, read_labelled
from analysis.learned import MODEL_PATH, fit, load_model

DATA = Path(__file__).with_name("data")


def test_the_weights_are_plain_arrays_with_no_pickled_objects():
    with zipfile.ZipFile(MODEL_PATH) as archive:
        assert sorted(archive.namelist()) == ["bias.npy", "l2.npy", "weights.npy"]
    with np.load(MODEL_PATH, allow_pickle=False) as data:
        assert data["weights"].dtype.kind == "f"
    assert load_model() is not None


def test_training_gives_the_same_weights_for_the_same_lines():
    texts = ["i love it here", "nobody listens to me", "it was ok", "good and bad"]
    labels = ["positive", "negative", "neutral", "mixed"]
    rows = [features(t) for t in texts]
    first, second = fit(rows, labels, epochs=20), fit(rows, labels, epochs=20)
    assert np.array_equal(first.weights, second.weights)


def test_training_refuses_an_unknown_label():
    with pytest.raises(ValueError, match="unknown sentiment"):
        fit([features("fine")], ["happy"])


@pytest.mark.parametrize(
    "text",
    ["he hits me but i love him", "my carer is lovely and kind, he touches me at night", "i am happy, i want to die"],
)
def test_the_learned_layer_never_removes_a_concern(text):
    assert analyse(text).concern is not None
    assert analyse(text).concern == analyse(text, model=None).concern
    assert analyse(text).sentiment in ("negative", "mixed")


def _macro_f1(path: Path, model) -> float:
    lines = read_labelled(path)
    return evaluate(lines, [analyse(line.text, model=model) for line in lines])["sentiment_macro_f1"]


@pytest.mark.parametrize("name", ["held_out.jsonl", "held_out_wide.jsonl"])
def test_the_learned_layer_beats_the_rules_on_lines_it_never_saw(name):
    # Neither file is trained on (training/train.py reads training/data only).
    assert _macro_f1(DATA / name, load_model()) >= _macro_f1(DATA / name, None) + 0.05


def test_an_unsure_result_says_so_and_a_sure_one_does_not():
    sure = analyse("i love my carers they are the best")
    assert not sure.unsure and sure.confidence >= 0.5
    result = json.loads(json.dumps(analyse("the meeting was on a tuesday").to_dict()))
    assert result["unsure"] == (result["confidence"] < 0.5)
