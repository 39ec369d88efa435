"""A learned layer for sentiment, on top of the rules.

The rules (`analysis.sentiment`) read feelings the way they were written
down; a learned layer can weigh what they found against the words around it
(a plain complaint with no feeling word, praise followed by a factual "but").
It is a multinomial logistic regression over

- what the rules found: their label, polarity, most positive and most
  negative clause, whether a concern was found, and the text's length, and
- the text's words: word keys and pairs of keys (hashed into a fixed number
  of slots), with words after a negator marked as negated.

Its weights are plain numbers in `data/sentiment_model.npz` (no pickle),
trained by `training/train.py` on the labelled lines in `training/data/`,
with numpy only: nothing is downloaded and nothing but numpy runs. Without
the weights file the analysis falls back to the rules alone.

The layer only chooses the sentiment label. Concerns are found by the rules,
and a second learned layer (`analysis.learned_concern`, over the same word
features) can only add one, so nothing learned can remove one.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from analysis.lexicons import DATA_DIR
from analysis.result import SENTIMENTS
from analysis.sentiment import SentimentResult
from analysis.sentiment_lexicon import TEXTBLOB_POLARITY
from analysis.text import CLAUSE_END, PreparedText

MODEL_PATH = DATA_DIR / "sentiment_model.npz"
HASH_SLOTS = 2**14  # word features share this many slots
_NEGATORS = frozenset({"not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"})
_NEGATION_SPAN = 3  # words after a negator marked as negated
_LABEL_INDEX = {label: i for i, label in enumerate(SENTIMENTS)}
RULE_FEATURES = 19
_CONTRASTS = frozenset({"but", "however", "although", "though", "except"})
_WISHES = frozenset({"wish", "want", "should", "would", "could", "please", "hope", "need"})


@lru_cache(maxsize=1 << 16)
def hashed(feature: str) -> int:
    """The slot a named feature shares with others (the same in every run)."""
    # crc32, not hash(): Python salts hash() per process, and the weights
    # must find the same slot in every run.
    return zlib.crc32(feature.encode("utf-8")) % HASH_SLOTS


def _word_feature_spans(prepared: PreparedText) -> Iterator[tuple[str, int, int]]:
    """Yield each word feature of a text with the tokens start..end-1 it was read from."""
    previous = "<s>"
    negated = 0
    for i, (word, key) in enumerate(zip(prepared.words, prepared.keys, strict=True)):
        if word in CLAUSE_END or word == ",":
            previous, negated = "<s>", 0
            continue
        yield f"w:{key}", i, i + 1
        yield f"b:{previous} {key}", (i if previous == "<s>" else i - 1), i + 1
        if negated > 0:
            yield f"n:{key}", i, i + 1
            negated -= 1
        if word in _NEGATORS:
            negated = _NEGATION_SPAN
        previous = key


def word_features(prepared: PreparedText) -> list[int]:
    """Return the hashed slots of a text's words, pairs and negated words (with repeats removed)."""
    return sorted({hashed(feature) for feature, _, _ in _word_feature_spans(prepared)})


def feature_slots(prepared: PreparedText) -> list[tuple[int, tuple[int, int]]]:
    """Return each word feature's slot with the tokens it was read from, so a weight can be shown as words."""
    return [(hashed(feature), (start, end)) for feature, start, end in _word_feature_spans(prepared)]


def rule_features(sentiment: SentimentResult, concern: bool, prepared: PreparedText) -> list[float]:
    """Return what the rules found, as RULE_FEATURES numbers."""
    one_hot = [1.0 if sentiment.label == label else 0.0 for label in SENTIMENTS]
    words = sum(1 for w in prepared.words if w[0].isalnum())
    questions = sum(1 for w in prepared.words if w == "?")
    # TextBlob's own word polarities, whatever the rules made of them.
    lexical = [TEXTBLOB_POLARITY[w] for w in prepared.words if w in TEXTBLOB_POLARITY]
    return [
        *one_hot,
        sentiment.polarity,
        sentiment.highest,
        sentiment.lowest,
        min(sentiment.clauses, 6) / 6,
        1.0 if concern else 0.0,
        min(words, 60) / 60,
        1.0 if questions else 0.0,
        1.0 if not sentiment.evidence else 0.0,
        min(sum(1 for e in sentiment.evidence if e.finding == "sentiment:positive"), 4) / 4,
        min(sum(1 for e in sentiment.evidence if e.finding == "sentiment:negative"), 4) / 4,
        1.0 if not _CONTRASTS.isdisjoint(prepared.words) else 0.0,
        1.0 if not _WISHES.isdisjoint(prepared.words) else 0.0,
        sum(lexical) / len(lexical) if lexical else 0.0,
        max(lexical, default=0.0),
        min(lexical, default=0.0),
    ]


@dataclass(frozen=True, slots=True)
class Features:
    """One text as the model reads it: word slots (value 1/sqrt(n) each) and rule numbers."""

    slots: tuple[int, ...]
    rules: tuple[float, ...]


def features_of(prepared: PreparedText, sentiment: SentimentResult, concern: bool) -> Features:
    return Features(tuple(word_features(prepared)), tuple(rule_features(sentiment, concern, prepared)))


class _Sparse:
    """Rows of word slots as flat arrays, plus the dense rule numbers: fast to multiply."""

    def __init__(self, rows: Sequence[Features]) -> None:
        self.n = len(rows)
        self.slots = np.array([s for row in rows for s in row.slots], dtype=np.int64)
        self.row_of = np.array([i for i, row in enumerate(rows) for _ in row.slots], dtype=np.int64)
        self.value = np.array(
            [1.0 / math.sqrt(len(row.slots)) for row in rows for _ in row.slots], dtype=np.float32
        )
        self.rules = np.array([row.rules for row in rows], dtype=np.float32).reshape(self.n, RULE_FEATURES)

    def times(self, w: np.ndarray) -> np.ndarray:
        """X @ w."""
        out = self.rules @ w[HASH_SLOTS:]
        contributions = w[self.slots] * self.value[:, None]
        for c in range(w.shape[1]):  # bincount is far faster than np.add.at
            out[:, c] += np.bincount(self.row_of, weights=contributions[:, c], minlength=self.n)
        return out

    def transposed_times(self, error: np.ndarray) -> np.ndarray:
        """X.T @ error."""
        grad = np.zeros((HASH_SLOTS + RULE_FEATURES, error.shape[1]), dtype=np.float32)
        contributions = error[self.row_of] * self.value[:, None]
        for c in range(error.shape[1]):
            grad[:HASH_SLOTS, c] = np.bincount(self.slots, weights=contributions[:, c], minlength=HASH_SLOTS)
        grad[HASH_SLOTS:] = self.rules.T @ error
        return grad


@dataclass(frozen=True)
class SentimentModel:
    """Weights (features x 4 labels, in SENTIMENTS order) and biases."""

    weights: np.ndarray
    bias: np.ndarray
    l2: float = 3e-4  # the regularisation it was trained with (cross-validation reuses it)
    # The same weights as Python lists: for one text (about 40 slots of 4
    # numbers) plain arithmetic is several times faster than numpy's calls.
    _rows: list[list[float]] = field(init=False, repr=False, compare=False)
    _bias: list[float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", self.weights.astype(np.float64).tolist())
        object.__setattr__(self, "_bias", self.bias.astype(np.float64).tolist())

    def probabilities(self, features: Features) -> list[float]:
        """Return the probability of each label, in SENTIMENTS order."""
        rows = self._rows
        scores = list(self._bias)
        k = len(scores)
        if features.slots:
            value = 1.0 / math.sqrt(len(features.slots))
            for slot in features.slots:
                row = rows[slot]
                for j in range(k):
                    scores[j] += row[j] * value
        for offset, number in enumerate(features.rules):
            if number:
                row = rows[HASH_SLOTS + offset]
                for j in range(k):
                    scores[j] += row[j] * number
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def save(self, path: Path) -> None:
        """Write the weights as plain arrays (np.savez, no pickled objects)."""
        np.savez_compressed(
            path, weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32), l2=np.float32(self.l2)
        )


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


def fit(rows: Sequence[Features], labels: Sequence[str], l2: float = 1e-3, epochs: int = 300, seed: int = 0) -> SentimentModel:
    """Train the model on labelled rows: full-batch Adam on class-balanced cross-entropy.

    Deterministic for a given seed. Raises ValueError for an empty set or an unknown label.
    """
    if not rows:
        raise ValueError("fit() needs at least one labelled row")
    unknown = set(labels) - set(SENTIMENTS)
    if unknown:
        raise ValueError(f"unknown sentiment label(s): {', '.join(sorted(unknown))}")
    x = _Sparse(rows)
    y = np.array([_LABEL_INDEX[label] for label in labels])
    n, d = x.n, HASH_SLOTS + RULE_FEATURES
    k = len(SENTIMENTS)
    target = np.eye(k, dtype=np.float32)[y]
    counts = np.bincount(y, minlength=k).astype(np.float32)
    # Each label weighs the same in total, so a rare label (mixed) is not drowned out.
    row_weight = (n / (k * np.maximum(counts, 1)))[y][:, None]
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.01, size=(d, k)).astype(np.float32)
    b = np.zeros(k, dtype=np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        p = _softmax(x.times(w) + b)
        error = ((p - target) * row_weight / n).astype(np.float32)
        grad_w = x.transposed_times(error) + l2 * w
        grad_b = error.sum(axis=0)
        for param, grad, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return SentimentModel(w, b, l2)


@cache
def load_model(path: Path = MODEL_PATH) -> SentimentModel | None:
    """Return the shipped model, or None if there is no weights file (rules alone then).

    Raises ValueError if the file is there but is not a model of the right shape.
    """
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        weights = data["weights"].astype(np.float32)
        bias = data["bias"].astype(np.float32)
        l2 = float(data["l2"]) if "l2" in data.files else 3e-4
    if weights.shape != (HASH_SLOTS + RULE_FEATURES, len(SENTIMENTS)) or bias.shape != (len(SENTIMENTS),):
        raise ValueError(f"{path}: weights of shape {weights.shape} do not fit this analyser; retrain with training/train.py")
    return SentimentModel(weights, bias, l2)
