"""A possible worry from the learned concern layer reaches the queue, saying it is one."""

import numpy as np

import analysis.analyser
from analysis.learned import HASH_SLOTS, hashed
from analysis.learned_concern import ConcernModel
from analysis.result import LEARNED_CONCERN
from analysis.text import stem
from feedback_app.vocabulary import concern_name

from .conftest import say_through_api, start_anonymous, stored_alerts

WORDS = "my uncle is weird with me when nobody is about"


def _worried_by(word: str) -> ConcernModel:
    weights = np.zeros(HASH_SLOTS, dtype=np.float32)
    weights[hashed(f"w:{stem(word)}")] = 40.0
    return ConcernModel(weights, bias=-4.0, threshold=0.5)


def test_a_possible_worry_raises_an_alert_that_names_the_learned_layer_and_its_words(app, client, monkeypatch):
    # A model of our own, so the test does not hang on the shipped weights.
    monkeypatch.setattr(analysis.analyser, "load_concern_model", lambda: _worried_by("weird"))
    token = start_anonymous(client).removeprefix("/c/")
    say_through_api(client, token, WORDS)
    (alert,) = stored_alerts(app)
    assert alert.category == LEARNED_CONCERN
    assert alert.evidence == ["weird"]
    assert "learned layer" in concern_name(alert.category)
