"""The detailed figures `python -m analysis.evaluate --details` adds.

Per-label F1, the confusion matrix, the figures per respondent, how many
results were unsure or needed a person to read them, and 95% bootstrap
intervals (lines resampled with replacement, a fixed seed, so the same file
gives the same intervals).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analysis.result import SENTIMENTS, Analysis

BOOTSTRAP_SAMPLES = 1000
SEED = 7
_INDEX = {label: i for i, label in enumerate(SENTIMENTS)}


def _codes(labels: Sequence[str]) -> np.ndarray:
    return np.array([_INDEX[label] for label in labels], dtype=np.int64)


def _macro_f1_rows(confusions: np.ndarray) -> np.ndarray:
    """Macro-F1 of each confusion matrix in a (samples, 4, 4) array (gold, predicted)."""
    tp = np.diagonal(confusions, axis1=1, axis2=2)
    gold = confusions.sum(axis=2)
    predicted = confusions.sum(axis=1)
    denominator = gold + predicted
    f1 = np.where(tp > 0, 2 * tp / np.maximum(denominator, 1), 0.0)
    return f1.mean(axis=1)


def per_label_f1(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    confusion = confusion_matrix(gold, predicted)
    scores = {}
    for label in SENTIMENTS:
        tp = confusion[label][label]
        fp = sum(confusion[g][label] for g in SENTIMENTS) - tp
        fn = sum(confusion[label].values()) - tp
        scores[label] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return scores


def confusion_matrix(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    """{gold label: {predicted label: count}}, every label present."""
    matrix = {g: dict.fromkeys(SENTIMENTS, 0) for g in SENTIMENTS}
    for g, p in zip(gold, predicted, strict=True):
        matrix[g][p] += 1
    return matrix


def intervals(
    gold: Sequence[str],
    predicted: Sequence[str],
    theme_counts: Sequence[tuple[int, int, int]],
    concerns: Sequence[tuple[bool, bool]],
) -> dict[str, list[float]]:
    """95% bootstrap intervals [low, high] for the headline figures.

    `theme_counts` holds each line's (true positives, false positives, false
    negatives) of themes; `concerns` each line's (labelled, flagged).
    """
    n = len(gold)
    rng = np.random.default_rng(SEED)
    samples = rng.integers(0, n, size=(BOOTSTRAP_SAMPLES, n))
    g, p = _codes(gold), _codes(predicted)
    k = len(SENTIMENTS)
    cells = g * k + p
    confusions = np.stack([np.bincount(cells[row], minlength=k * k) for row in samples]).reshape(-1, k, k)
    correct = (g == p).astype(float)
    severe = (((g == 0) & (p == 1)) | ((g == 1) & (p == 0))).astype(float)
    themes = np.array(theme_counts, dtype=float).reshape(n, 3)[samples].sum(axis=1)
    theme_f1 = np.where(themes[:, 0] > 0, 2 * themes[:, 0] / np.maximum(2 * themes[:, 0] + themes[:, 1] + themes[:, 2], 1), 0.0)
    labelled = np.array([c for c, _ in concerns], dtype=float)[samples]
    hit = np.array([c and f for c, f in concerns], dtype=float)[samples]
    recall = np.where(labelled.sum(axis=1) > 0, hit.sum(axis=1) / np.maximum(labelled.sum(axis=1), 1), 1.0)

    def ci(values: np.ndarray) -> list[float]:
        low, high = np.percentile(values, [2.5, 97.5])
        return [round(float(low), 4), round(float(high), 4)]

    return {
        "sentiment_macro_f1": ci(_macro_f1_rows(confusions)),
        "sentiment_accuracy": ci(correct[samples].mean(axis=1)),
        "sentiment_severe_error_rate": ci(severe[samples].mean(axis=1)),
        "theme_micro_f1": ci(theme_f1),
        "concern_recall": ci(recall),
    }


def details(
    gold: Sequence[str],
    respondents: Sequence[str],
    analyses: Sequence[Analysis],
    theme_counts: Sequence[tuple[int, int, int]],
    concerns: Sequence[tuple[bool, bool]],
) -> dict:
    """Every detailed figure, as a JSON-ready mapping."""
    predicted = [a.sentiment for a in analyses]
    by_respondent = {}
    for who in sorted(set(respondents)):
        rows = [i for i, r in enumerate(respondents) if r == who]
        g = [gold[i] for i in rows]
        p = [predicted[i] for i in rows]
        by_respondent[who or "unknown"] = {
            "n": len(rows),
            "sentiment_macro_f1": round(float(_macro_f1_rows(_confusion_array(g, p)[None])[0]), 4),
            "sentiment_accuracy": round(sum(a == b for a, b in zip(g, p, strict=True)) / len(rows), 4),
            "sentiment_severe_error_rate": round(
                sum({a, b} == {"positive", "negative"} for a, b in zip(g, p, strict=True)) / len(rows), 4
            ),
        }
    unsure = [a.unsure for a in analyses]
    sure_rows = [i for i, u in enumerate(unsure) if not u]
    return {
        "sentiment_f1_per_label": per_label_f1(gold, predicted),
        "sentiment_confusion": confusion_matrix(gold, predicted),
        "by_respondent": by_respondent,
        "unsure_share": round(sum(unsure) / len(unsure), 4),
        "sentiment_accuracy_when_sure": round(
            sum(gold[i] == predicted[i] for i in sure_rows) / len(sure_rows), 4
        ) if sure_rows else None,
        "needs_reading": sum(a.needs_reading for a in analyses),
        "intervals_95": intervals(gold, predicted, theme_counts, concerns),
    }


def _confusion_array(gold: Sequence[str], predicted: Sequence[str]) -> np.ndarray:
    k = len(SENTIMENTS)
    return np.bincount(_codes(gold) * k + _codes(predicted), minlength=k * k).reshape(k, k)
