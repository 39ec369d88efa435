"""Train the learned layers (sentiment, and the concern layer that can only add one) and write their weights.

    .venv/bin/python training/train.py [--data DIR] [--output FILE] [--concern-output FILE]
                                       [--folds K] [--layer both|sentiment|concern]

Reads every labelled line in `training/data/*.jsonl` (the format of
`python -m analysis.evaluate`) and, for each layer, chooses its settings by
K-fold cross-validation on those lines alone (out of fold), trains on all of
them and writes its weights:

- sentiment (`analysis/data/sentiment_model.npz`): the regularisation with
  the best out-of-fold sentiment macro-F1.
- concern (`analysis/data/concern_model.npz`): the layer is asked only where
  the rules found nothing (not even a phrase they set aside), so what counts
  is the rules and the layer together. For each regularisation, the
  threshold is the lowest (recall first) at which, out of fold,
  - the rules and the layer together keep a precision of at least
    CONCERN_PRECISION, over all the lines and over the published lines
    (real feedback, the closest thing here to feedback never seen), and
  - the layer raises at most EXTRA_ALERTS extra alerts per line that holds
    no concern, over all the lines and over the published lines. The rules were widened from these very lines, so
    their precision here flatters them (on the project's published test
    lines it was 0.5 before this layer): without this cap, the layer would
    spend on false alarms a margin that new feedback does not have.
  The regularisation kept is the one whose threshold gives the highest
  out-of-fold recall, then the best ranking of concerns on published lines.

Prints the cross-validated figures for each setting tried, as JSON.
Deterministic: the same data gives the same weights. numpy only; takes about
a minute on one core (prefix with `nice -n 10` on a shared machine).

Never trains on `tests/analysis/data/` (the held-out sets).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.analyser import features  # noqa: E402
from analysis.concern import find_concern  # noqa: E402
from analysis.cross_validation import folds_of, macro_f1, out_of_fold  # noqa: E402
from analysis.evaluate import read_labelled  # noqa: E402
from analysis.learned import MODEL_PATH, fit  # noqa: E402
from analysis.learned_concern import MODEL_PATH as CONCERN_MODEL_PATH  # noqa: E402
from analysis.learned_concern import ConcernModel, set_aside, slots_of  # noqa: E402
from analysis.learned_concern import fit as fit_concern  # noqa: E402
from analysis.text import prepare  # noqa: E402

L2_SETTINGS = (1e-4, 3e-4, 1e-3, 3e-3)
CONCERN_L2_SETTINGS = (3e-5, 1e-4, 3e-4)
CONCERN_PRECISION = 0.6
EXTRA_ALERTS = 0.01  # at most one extra alert per 100 lines with no concern
THRESHOLDS = tuple(round(0.30 + 0.01 * i, 2) for i in range(70))  # 0.30 .. 0.99


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def train_sentiment(rows: list, labels: list[str], folds: list[np.ndarray], output: Path) -> dict:
    report: dict = {"cross_validated_macro_f1": {}}
    best = None
    for l2 in L2_SETTINGS:
        predicted = out_of_fold(rows, labels, folds, l2=l2)
        score = macro_f1(labels, predicted)
        report["cross_validated_macro_f1"][str(l2)] = round(score, 4)
        if best is None or score > best[0]:
            best = (score, l2)
    report["chosen_l2"] = best[1]
    fit(rows, labels, l2=best[1]).save(output)
    report["weights"] = _relative(output)
    return report


def _average_precision(chances: np.ndarray, gold: np.ndarray) -> float:
    """How well the chances rank the concerns first (1.0: every concern above every other line)."""
    order = np.argsort(-chances, kind="stable")
    hits = np.cumsum(gold[order])
    return float(np.sum((hits / np.arange(1, len(gold) + 1))[gold[order]]) / max(1, gold.sum()))


def _figures(flagged: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    true = float((flagged & gold).sum())
    return true / max(1.0, float(gold.sum())), (true / float(flagged.sum()) if flagged.any() else 1.0)


def train_concern(
    slots: Sequence[list[int]], gold: np.ndarray, by_rules: np.ndarray, asked: np.ndarray, published: np.ndarray,
    folds: list[np.ndarray], output: Path,
) -> dict:  # fmt: skip
    """Choose the concern layer's settings out of fold, train it on every line and write it.

    `by_rules`: the rules found a concern; `asked`: the layer would be asked
    (the rules found nothing, not even a phrase they set aside).
    """
    rules_recall, rules_precision = _figures(by_rules, gold)
    report: dict = {
        "rules_alone": {"recall": round(rules_recall, 4), "precision": round(rules_precision, 4)},
        "rules_alone_published": dict(
            zip(("recall", "precision"), (round(v, 4) for v in _figures(by_rules[published], gold[published])), strict=True)
        ),
        "cross_validated": {},
    }
    best = None
    for l2 in CONCERN_L2_SETTINGS:
        chances = np.zeros(len(slots))
        for fold in folds:
            held = set(fold.tolist())
            model = fit_concern([s for i, s in enumerate(slots) if i not in held], [bool(g) for i, g in enumerate(gold) if i not in held], l2=l2)
            for i in fold.tolist():
                chances[i] = model.probability(slots[i])
        clear = published & ~gold  # real feedback that holds no concern
        chosen = None
        for threshold in THRESHOLDS:
            together = by_rules | (asked & (chances >= threshold))
            recall, precision = _figures(together, gold)
            _, published_precision = _figures(together[published], gold[published])
            extra = max(
                float((together & ~by_rules & clear).sum()) / max(1, int(clear.sum())),
                float((together & ~by_rules & ~gold).sum()) / max(1, int((~gold).sum())),
            )
            if precision >= CONCERN_PRECISION and published_precision >= CONCERN_PRECISION and extra <= EXTRA_ALERTS:
                chosen = threshold
                break
        chosen = THRESHOLDS[-1] if chosen is None else chosen
        together = by_rules | (asked & (chances >= chosen))
        recall, precision = _figures(together, gold)
        published_recall, published_precision = _figures(together[published], gold[published])
        ranking = _average_precision(chances[published], gold[published])
        report["cross_validated"][str(l2)] = {
            "threshold": chosen,
            "recall": round(recall, 4),
            "precision": round(precision, 4),
            "published_recall": round(published_recall, 4),
            "published_precision": round(published_precision, 4),
            "added": int((together & ~by_rules).sum()),
            "added_published": int((together & ~by_rules & published).sum()),
            "added_true": int((together & ~by_rules & gold).sum()),
            "layer_alone_average_precision": round(_average_precision(chances, gold), 4),
            "layer_alone_average_precision_published": round(ranking, 4),
        }
        if best is None or (recall, ranking) > best[0]:
            best = ((recall, ranking), l2, chosen)
    _, l2, threshold = best
    model = fit_concern(list(slots), [bool(g) for g in gold], l2=l2)
    ConcernModel(model.weights, model.bias, threshold, l2).save(output)
    report["chosen_l2"] = l2
    report["chosen_threshold"] = threshold
    report["weights"] = _relative(output)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "training" / "data")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--concern-output", type=Path, default=CONCERN_MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--layer", choices=("both", "sentiment", "concern"), default="both")
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.jsonl"))
    if not files:
        print(f"error: {args.data}: no *.jsonl files", file=sys.stderr)
        return 2
    named = [(path.name, line) for path in files for line in read_labelled(path)]
    lines = [line for _, line in named]
    rows = [features(line.text) for line in lines]
    folds = folds_of(len(lines), args.folds)
    report: dict = {"lines": len(lines), "files": len(files), "folds": args.folds}
    if args.layer in ("both", "sentiment"):
        report["sentiment"] = train_sentiment(rows, [line.sentiment for line in lines], folds, args.output)
    if args.layer in ("both", "concern"):
        prepared = [prepare(line.text) for line in lines]
        found = [find_concern(p) for p in prepared]
        report["concern"] = train_concern(
            [slots_of(p, rules, row.slots) for p, rules, row in zip(prepared, found, rows, strict=True)],
            np.array([line.concern for line in lines]),
            np.array([rules.category is not None for rules in found]),
            np.array([rules.category is None and not set_aside(rules) for rules in found]),
            # Published lines carry their page's address as `source` (training/README.md).
            np.array([line.source.startswith("http") for line in lines]),
            folds,
            args.concern_output,
        )
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
