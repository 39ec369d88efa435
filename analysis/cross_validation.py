"""Out-of-fold predictions, so that anything learned is measured on lines it never saw.

Used by `training/train.py` to choose settings and by
`python -m analysis.evaluate --cross-validate` to report figures for a
labelled file whose lines the shipped model may not have seen either way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analysis.learned import Features, SentimentModel, fit
from analysis.result import SENTIMENTS

SEED = 20261201  # folds are the same in every run


def folds_of(n: int, k: int, seed: int = SEED) -> list[np.ndarray]:
    """Split range(n) into k shuffled folds of near-equal size. Raises ValueError if k < 2 or k > n."""
    if not 2 <= k <= n:
        raise ValueError(f"cannot make {k} folds of {n} lines; use 2 to {n} folds")
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(part) for part in np.array_split(order, k)]


def out_of_fold(
    rows: Sequence[Features],
    labels: Sequence[str],
    folds: Sequence[np.ndarray],
    extra_rows: Sequence[Features] = (),
    extra_labels: Sequence[str] = (),
    l2: float = 1e-3,
) -> list[str]:
    """Return a label for every row from a model that never saw it.

    Each fold is predicted by a model fitted on the other folds plus the
    extra rows (e.g. the project's training lines).
    """
    predicted = [""] * len(rows)
    for fold in folds:
        held = set(fold.tolist())
        train_rows = [r for i, r in enumerate(rows) if i not in held] + list(extra_rows)
        train_labels = [y for i, y in enumerate(labels) if i not in held] + list(extra_labels)
        model = fit(train_rows, train_labels, l2=l2)
        for i in fold.tolist():
            chances = model.probabilities(rows[i])
            predicted[i] = SENTIMENTS[chances.index(max(chances))]
    return predicted


def fold_models(
    rows: Sequence[Features],
    labels: Sequence[str],
    folds: Sequence[np.ndarray],
    extra_rows: Sequence[Features] = (),
    extra_labels: Sequence[str] = (),
    l2: float = 1e-3,
) -> list[SentimentModel]:
    """Return one model per fold, fitted without that fold's rows."""
    models = []
    for fold in folds:
        held = set(fold.tolist())
        models.append(
            fit(
                [r for i, r in enumerate(rows) if i not in held] + list(extra_rows),
                [y for i, y in enumerate(labels) if i not in held] + list(extra_labels),
                l2=l2,
            )
        )
    return models


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-F1 over the four sentiment labels."""
    scores = []
    for label in SENTIMENTS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)
