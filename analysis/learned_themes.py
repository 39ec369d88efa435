"""A learned layer for themes, which has the last word on them.

The word lists (`analysis.themes`) find a theme where one of its signal words
is written; real feedback often names a theme without one ("they teach you
how to cook" is about the placement) or uses a signal word in passing ("as a
foster carer I ..." need not be about a placement). This layer is a
one-vs-rest logistic regression per theme over the same hashed words, word
pairs and negated words the sentiment layer reads
(`analysis.learned.word_features`), plus the themes the word lists found, so
it learns how far to trust each list and what the lists miss. Each theme has
its own threshold, chosen out of fold on the training lines (see
`training/train.py`).

Letting the layer decide (it may drop a theme the lists found, as well as
add one) did better out of fold on the training lines than letting it only
add. A theme it adds has as its evidence the words that weighed most for it,
so staff can see that no listed word matched and read those words
themselves; a theme the lists found and it kept keeps the listed word. A
concern still always brings `safety` (`analysis.analyser`).

It is not shipped: out of fold it lifts the training lines' theme micro-F1
but hardly the published ones', and on the held-out files it did not lift
real feedback (docs/analysis.md). `training/train.py --layer themes` writes
its weights; with the file in place `analyse` uses it.

Weights are plain numbers in `data/theme_model.npz` (no pickle). Without the
file the word lists work alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from analysis.learned import HASH_SLOTS, feature_slots
from analysis.learned_concern import _says_little
from analysis.lexicons import DATA_DIR
from analysis.result import THEMES, Evidence
from analysis.text import PreparedText
from analysis.themes import ThemeResult

MODEL_PATH = DATA_DIR / "theme_model.npz"
EVIDENCE_WORDS = 3  # the words that weighed most for a theme the lists did not find
_K = len(THEMES)


@dataclass(frozen=True)
class ThemeModel:
    """Weights ((hashed slots + one per theme the lists found) x themes), biases and a threshold per theme."""

    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    l2: float = 1e-3  # the regularisation it was trained with
    _rows: list[list[float]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Plain floats for picking evidence words one weight at a time.
        object.__setattr__(self, "_rows", self.weights.astype(np.float64).tolist())

    def probabilities(self, slots: Sequence[int], found: Sequence[str]) -> list[float]:
        """P(theme) for each theme in THEMES order, from a text's word slots and the lists' themes."""
        # One gather of 14 columns: numpy beats plain floats here (the other layers have 1 or 4).
        scores = self.bias.astype(np.float64)
        if slots:
            scores = scores + self.weights[list(slots)].sum(axis=0) / math.sqrt(len(slots))
        if found:
            scores = scores + self.weights[[HASH_SLOTS + THEMES.index(t) for t in found]].sum(axis=0)
        return (1.0 / (1.0 + np.exp(-np.clip(scores, -30.0, 30.0)))).tolist()

    def decide(self, prepared: PreparedText, slots: Sequence[int], rules: ThemeResult) -> ThemeResult:
        """The themes the layer gives the text, with the lists' word or the words that weighed most as evidence."""
        chances = self.probabilities(slots, rules.themes)
        listed = dict(zip(rules.themes, rules.evidence, strict=True))
        themes: list[str] = []
        evidence: list[Evidence] = []
        for k, theme in enumerate(THEMES):
            if chances[k] < self.thresholds[k]:
                continue
            shown = listed.get(theme)
            if shown is None:
                words = self.weighed_most(prepared, k)
                if not words:
                    continue  # nothing in the text to show staff: not raised
                shown = Evidence(f"theme:{theme}", ", ".join(words))
            themes.append(theme)
            evidence.append(shown)
        return ThemeResult(tuple(themes), tuple(evidence))

    def weighed_most(self, prepared: PreparedText, theme: int, limit: int = EVIDENCE_WORDS) -> tuple[str, ...]:
        """The text's words (or pairs) that pushed hardest towards a theme, words that say something first."""
        rows = self._rows
        scored: dict[str, float] = {}
        for slot, (start, end) in feature_slots(prepared):
            weight = rows[slot][theme]
            if weight > 0:
                phrase = prepared.phrase(start, end)
                scored[phrase] = max(weight, scored.get(phrase, 0.0))
        ranked = sorted(scored.items(), key=lambda item: (_says_little(item[0]), -item[1], item[0]))
        chosen: list[str] = []
        for phrase, _ in ranked:
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
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            l2=np.float32(self.l2),
        )


def fit(
    rows: Sequence[Sequence[int]], found: Sequence[Sequence[str]], gold: Sequence[Sequence[str]], l2: float = 1e-3, epochs: int = 300
) -> ThemeModel:
    """Train on rows of word slots and the lists' themes: full-batch Adam, each theme's yes and no weighing the same.

    Deterministic (starts from zero weights); every threshold is 0.5 until
    chosen out of fold. Raises ValueError for an empty set or mismatched lengths.
    """
    n = len(rows)
    if not n or len(found) != n or len(gold) != n:
        raise ValueError("fit() needs at least one row, with the lists' themes and the labelled themes for each")
    slots = np.array([s for row in rows for s in row], dtype=np.int64)
    row_of = np.array([i for i, row in enumerate(rows) for _ in row], dtype=np.int64)
    value = np.array([1.0 / math.sqrt(len(row)) for row in rows for _ in row], dtype=np.float32)
    listed = np.array([[t in f for t in THEMES] for f in found], dtype=np.float32)
    y = np.array([[t in g for t in THEMES] for g in gold], dtype=np.float32)
    positives = y.sum(axis=0)
    # Most themes are rare: a theme's lines and the others weigh the same in total.
    row_weight = np.where(y == 1.0, n / (2 * np.maximum(positives, 1)), n / (2 * np.maximum(n - positives, 1))).astype(np.float32)
    w = np.zeros((HASH_SLOTS + _K, _K), dtype=np.float32)
    b = np.zeros(_K, dtype=np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        score = listed @ w[HASH_SLOTS:] + b
        contributions = w[slots] * value[:, None]
        for k in range(_K):  # bincount is far faster than np.add.at
            score[:, k] += np.bincount(row_of, weights=contributions[:, k], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(score, -30, 30)))
        error = ((p - y) * row_weight / n).astype(np.float32)
        grad_w = np.empty_like(w)
        spread = error[row_of] * value[:, None]
        for k in range(_K):
            grad_w[:HASH_SLOTS, k] = np.bincount(slots, weights=spread[:, k], minlength=HASH_SLOTS)
        grad_w[HASH_SLOTS:] = listed.T @ error
        grad_w += l2 * w
        grad_b = error.sum(axis=0)
        for param, grad, m, v in ((w, grad_w, m_w, v_w), (b, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            param -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return ThemeModel(w, b, np.full(_K, 0.5, dtype=np.float32), l2)


THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(16))  # 0.2 .. 0.95


def choose_thresholds(chances: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """Per theme, the threshold whose yes/no best serves micro-F1 (true hits minus half the errors).

    `chances` and `gold` are (lines x themes); `chances` should be out of fold.
    """
    chosen = np.empty(chances.shape[1], dtype=np.float32)
    for k in range(chances.shape[1]):
        best = None
        for threshold in THRESHOLDS:
            said = chances[:, k] >= threshold
            true = float((said & gold[:, k]).sum())
            errors = float((said ^ gold[:, k]).sum())
            if best is None or true - errors / 2 > best[0]:
                best = (true - errors / 2, threshold)
        chosen[k] = best[1]
    return chosen


@cache
def load_theme_model(path: Path = MODEL_PATH) -> ThemeModel | None:
    """Return the shipped model, or None if there is no weights file (the word lists alone then).

    Raises ValueError if the file is there but is not a model of the right shape.
    """
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        weights = data["weights"].astype(np.float32)
        bias = data["bias"].astype(np.float32)
        thresholds = data["thresholds"].astype(np.float32)
        l2 = float(data["l2"])
    if weights.shape != (HASH_SLOTS + _K, _K) or bias.shape != (_K,) or thresholds.shape != (_K,):
        raise ValueError(f"{path}: weights of shape {weights.shape} do not fit this analyser; retrain with training/train.py")
    return ThemeModel(weights, bias, thresholds, l2)
