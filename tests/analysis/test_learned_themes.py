"""The learned theme layer: deterministic, plain weights, evidence staff can read, off unless its weights are there."""

import numpy as np
import pytest

from analysis import analyse
from analysis.learned import HASH_SLOTS, hashed, word_features
from analysis.learned_themes import MODEL_PATH, ThemeModel, choose_thresholds, fit, load_theme_model
from analysis.result import THEMES
from analysis.text import prepare, stem
from analysis.themes import find_themes

_K = len(THEMES)


def _model(words: dict[str, str] | None = None, distrust: str | None = None) -> ThemeModel:
    """A model that reads each made-up word as its theme, and (optionally) never believes one list."""
    weights = np.zeros((HASH_SLOTS + _K, _K), dtype=np.float32)
    bias = np.full(_K, -4.0, dtype=np.float32)
    for theme in THEMES:
        weights[HASH_SLOTS + THEMES.index(theme), THEMES.index(theme)] = 8.0  # trust what the lists found
    for word, theme in (words or {}).items():
        weights[hashed(f"w:{stem(word)}"), THEMES.index(theme)] = 40.0
    if distrust:
        weights[HASH_SLOTS + THEMES.index(distrust), THEMES.index(distrust)] = -8.0
    return ThemeModel(weights, bias, np.full(_K, 0.5, dtype=np.float32))


def _decide(model: ThemeModel, text: str):
    prepared = prepare(text)
    return model.decide(prepared, word_features(prepared), find_themes(prepared))


def test_training_gives_the_same_weights_for_the_same_lines():
    texts = ["my social worker never rings", "i love my foster carers", "school is boring", "the review was ok"]
    rows = [word_features(prepare(t)) for t in texts]
    found = [find_themes(prepare(t)).themes for t in texts]
    gold = [("social_worker",), ("placement",), ("education",), ("review_meetings",)]
    first, second = fit(rows, found, gold, epochs=20), fit(rows, found, gold, epochs=20)
    assert np.array_equal(first.weights, second.weights) and np.array_equal(first.bias, second.bias)


def test_training_refuses_rows_without_labels_for_each():
    with pytest.raises(ValueError, match="for each"):
        fit([[1, 2]], [()], [])


def test_a_theme_no_list_found_shows_the_words_that_weighed_most():
    result = _decide(_model({"zorbing": "activities_friends"}), "we went zorbing on saturday")
    assert result.themes == ("activities_friends",)
    assert result.evidence[0].finding == "theme:activities_friends"
    assert "zorbing" in result.evidence[0].phrase


def test_a_theme_the_lists_found_and_the_layer_kept_keeps_the_listed_word():
    lists = find_themes(prepare("my social worker never rings me"))
    result = _decide(_model(), "my social worker never rings me")
    assert result.themes == lists.themes and result.evidence == lists.evidence


def test_the_layer_can_drop_a_theme_the_lists_found():
    text = "my social worker never rings me"
    assert "social_worker" in find_themes(prepare(text)).themes
    assert "social_worker" not in _decide(_model(distrust="social_worker"), text).themes


def test_thresholds_are_chosen_per_theme_from_the_chances():
    chances = np.array([[0.9, 0.3], [0.8, 0.25], [0.1, 0.3], [0.2, 0.9]])
    gold = np.array([[True, True], [True, True], [False, True], [False, False]])
    chosen = choose_thresholds(chances, gold)
    assert 0.2 < chosen[0] <= 0.8  # the first theme: anything between its no's and its yes's
    assert chosen[1] == pytest.approx(0.2)  # the second: its yes's have the lowest chances


def test_analyse_uses_a_theme_model_it_is_given_and_the_lists_without_one():
    text = "we went zorbing on saturday"
    assert "activities_friends" in analyse(text, theme_model=_model({"zorbing": "activities_friends"})).themes
    assert analyse(text, theme_model=None).themes == find_themes(prepare(text)).themes


def test_no_theme_weights_are_shipped_so_the_lists_decide():
    # Measured, the layer did not lift real feedback (docs/analysis.md): until it does, no file, no layer.
    assert not MODEL_PATH.exists() and load_theme_model() is None


def test_a_weights_file_of_the_wrong_shape_is_refused(tmp_path):
    path = tmp_path / "theme_model.npz"
    np.savez(path, weights=np.zeros((3, 3)), bias=np.zeros(_K), thresholds=np.zeros(_K), l2=np.float32(1e-3))
    with pytest.raises(ValueError, match="retrain"):
        load_theme_model(path)


def test_saved_weights_load_back_as_the_same_model(tmp_path):
    model = _model({"zorbing": "activities_friends"})
    path = tmp_path / "theme_model.npz"
    model.save(path)
    loaded = load_theme_model(path)
    assert loaded is not None
    assert _decide(loaded, "we went zorbing").themes == _decide(model, "we went zorbing").themes
    assert np.array_equal(loaded.thresholds, model.thresholds)
