"""A learned layer for concerns, which can only add one.

The phrase lists (`analysis.concern`) find a disclosure told the way they
were written down. Real feedback often tells harm sideways: about a sister
or a friend, in reported speech, or with none of the listed phrases ("he
comes in when I'm getting ready for bed"). This layer is a binary logistic
regression over the same hashed words, word pairs and negated words the
sentiment layer reads (`analysis.learned.word_features`), plus one feature
for each of concern.yaml's word classes a word of the text belongs to
("slapped" and "kicked" are both @strike, "sister" and "mate" both
@victim), so that what it learns of one word carries to the others of its
class, and one for each way the rules read a phrase and set it aside
("nobody hurts me", "homework's killing me"), so that it learns not to bring
those back. It is trained by `training/train.py` on the labelled lines in
`training/data/`.

It is the second opinion, never the floor: where the rules found a concern
it is kept whatever the layer says, and where they found none the layer may
raise a `possible_worry` (see `analysis.result.LEARNED_CONCERN`), with the
words that weighed most as its evidence, so staff can see that no listed
phrase matched and read the words themselves. Its threshold is chosen out of
fold on the training lines only (see `training/train.py`).

Weights are plain numbers in `data/concern_model.npz` (no pickle). Without
the file the rules work alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from analysis import lexicons
from analysis.concern import ConcernResult
from analysis.learned import HASH_SLOTS, feature_slots, hashed
from analysis.lexicons import DATA_DIR
from analysis.text import PreparedText, stem

MODEL_PATH = DATA_DIR / "concern_model.npz"
EVIDENCE_WORDS = 3  # the words that weighed most, shown to staff as the reason
_LITTLE = frozenset(
    "a an the and or but so to of in on at for with from by is was are were be been am do does did not it its "
    "that this there then he she they i me my her his him them their we us our you your who what when if as "
    "says say said just".split()
)


def _says_little(phrase: str) -> bool:
    return all(word in _LITTLE for word in phrase.split())


@dataclass(frozen=True)
class ConcernModel:
    """Weights (one per hashed slot), a bias, and the probability above which it raises a worry."""

    weights: np.ndarray
    bias: float
    threshold: float = 0.5
    l2: float = 1e-3  # the regularisation it was trained with (cross-validation reuses it)
    _rows: list[float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Plain floats: for one text (about 40 slots) this is several times faster than numpy.
        object.__setattr__(self, "_rows", self.weights.astype(np.float64).tolist())

    def probability(self, slots: Sequence[int]) -> float:
        """Return P(concern) for a text's word slots (each slot valued 1/sqrt(n), as in training)."""
        score = self.bias
        if slots:
            rows = self._rows
            score += sum(rows[s] for s in slots) / math.sqrt(len(slots))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def weighed_most(self, prepared: PreparedText, limit: int = EVIDENCE_WORDS) -> tuple[str, ...]:
        """The text's words (or pairs of words) that pushed hardest towards a concern, strongest first."""
        rows = self._rows
        scored: dict[str, float] = {}
        for feature, (start, end) in feature_slots(prepared) + _class_slots(prepared):
            weight = rows[feature]
            if weight > 0:
                phrase = prepared.phrase(start, end)
                scored[phrase] = max(weight, scored.get(phrase, 0.0))
        # Shown to staff, so words that say something come first: "boyfriend"
        # and "stays over" before "he" and "and", which weigh (third-person
        # talk is a signal) but tell a reader nothing.
        ranked = sorted(scored.items(), key=lambda item: (_says_little(item[0]), -item[1], item[0]))
        chosen: list[str] = []
        for phrase, _ in ranked:
            # A pair already shown covers its words ("my bedroom" over "bedroom").
            if any(phrase in other or other in phrase for other in chosen):
                continue
            chosen.append(phrase)
            if len(chosen) == limit:
                break
        return tuple(chosen)

    def save(self, path: Path) -> None:
        """Write the weights as plain arrays (np.savez, no pickled objects)."""
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float16),
            bias=np.float32(self.bias),
            threshold=np.float32(self.threshold),
            l2=np.float32(self.l2),
        )


def fit(rows: Sequence[Sequence[int]], concerns: Sequence[bool], l2: float = 1e-3, epochs: int = 300) -> ConcernModel:
    """Train on rows of word slots: full-batch Adam on class-balanced cross-entropy.

    Deterministic (starts from zero weights). Raises ValueError for an empty
    set or one with no concern in it (or nothing but concerns).
    """
    if not rows:
        raise ValueError("fit() needs at least one labelled row")
    y = np.array([1.0 if c else 0.0 for c in concerns], dtype=np.float32)
    if len(y) != len(rows) or y.min() == y.max():
        raise ValueError("fit() needs rows with and without a concern, one label for each row")
    n = len(rows)
    slots = np.array([s for row in rows for s in row], dtype=np.int64)
    row_of = np.array([i for i, row in enumerate(rows) for _ in row], dtype=np.int64)
    value = np.array([1.0 / math.sqrt(len(row)) for row in rows for _ in row], dtype=np.float32)
    positives = float(y.sum())
    # Concerns are rare (about one line in twelve): both classes weigh the same in total.
    row_weight = np.where(y == 1.0, n / (2 * positives), n / (2 * (n - positives))).astype(np.float32)
    w = np.zeros(HASH_SLOTS, dtype=np.float32)
    b = 0.0
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b = v_b = 0.0
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        score = np.bincount(row_of, weights=w[slots] * value, minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30)))
        error = ((p - y) * row_weight / n).astype(np.float32)
        grad_w = np.bincount(slots, weights=error[row_of] * value, minlength=HASH_SLOTS).astype(np.float32) + l2 * w
        grad_b = float(error.sum())
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w * grad_w
        w -= rate * (m_w / (1 - beta1**step)) / (np.sqrt(v_w / (1 - beta2**step)) + 1e-8)
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b * grad_b
        b -= rate * (m_b / (1 - beta1**step)) / (math.sqrt(v_b / (1 - beta2**step)) + 1e-8)
    return ConcernModel(w, float(b), l2=l2)


def _class_members() -> dict[str, tuple[str, ...]]:
    """Each one-word member of concern.yaml's classes (as a key), with the classes it is in."""
    members: dict[str, set[str]] = {}
    for name, words in lexicons.section("concern", "classes").items():
        for word in words:
            if " " not in str(word):
                members.setdefault(stem(str(word)), set()).add(name)
    return {key: tuple(sorted(names)) for key, names in members.items()}


_CLASSES_OF = _class_members()


def _class_slots(prepared: PreparedText) -> list[tuple[int, tuple[int, int]]]:
    return [
        (hashed(f"c:{name}"), (i, i + 1))
        for i, key in enumerate(prepared.keys)
        for name in _CLASSES_OF.get(key, ())
    ]


def set_aside(rules: ConcernResult) -> bool:
    """True if the rules read a phrase and set it aside (a negator, a figure of speech)."""
    return bool(rules.denied or rules.explained)


def _set_aside_slots(rules: ConcernResult) -> set[int]:
    """A feature for each way the rules set a match aside (denied, a figure of speech)."""
    return {hashed(name) for name, count in (("r:denied", rules.denied), ("r:explained", rules.explained)) if count}


def slots_of(prepared: PreparedText, rules: ConcernResult, word_slots: Sequence[int] | None = None) -> list[int]:
    """The slots the layer reads: the sentiment layer's word slots (pass them if already made),
    word classes, and what the rules set aside."""
    words = set(word_slots) if word_slots is not None else {slot for slot, _ in feature_slots(prepared)}
    return sorted(words | {slot for slot, _ in _class_slots(prepared)} | _set_aside_slots(rules))


@cache
def load_concern_model(path: Path = MODEL_PATH) -> ConcernModel | None:
    """Return the shipped model, or None if there is no weights file (the rules alone then).

    Raises ValueError if the file is there but is not a model of the right shape.
    """
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        weights = data["weights"].astype(np.float32)
        bias, threshold, l2 = float(data["bias"]), float(data["threshold"]), float(data["l2"])
    if weights.shape != (HASH_SLOTS,):
        raise ValueError(f"{path}: weights of shape {weights.shape} do not fit this analyser; retrain with training/train.py")
    return ConcernModel(weights, bias, threshold, l2)
