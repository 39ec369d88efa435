"""Train the learned sentiment layer and write its weights.

    .venv/bin/python training/train.py [--data DIR] [--output FILE] [--folds K]

Reads every labelled line in `training/data/*.jsonl` (the format of
`python -m analysis.evaluate`), chooses the regularisation by K-fold
cross-validation on those lines alone (sentiment macro-F1, out of fold),
trains on all of them and writes `analysis/data/sentiment_model.npz`. Prints
the cross-validated figures for each setting tried, as JSON. Deterministic:
the same data gives the same weights. numpy only; takes about a minute on one
core (prefix with `nice -n 10` on a shared machine).

Never trains on `tests/analysis/data/` (the held-out sets).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.analyser import features  # noqa: E402
from analysis.cross_validation import folds_of, macro_f1, out_of_fold  # noqa: E402
from analysis.evaluate import read_labelled  # noqa: E402
from analysis.learned import MODEL_PATH, fit  # noqa: E402

L2_SETTINGS = (1e-4, 3e-4, 1e-3, 3e-3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "training" / "data")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.jsonl"))
    if not files:
        print(f"error: {args.data}: no *.jsonl files", file=sys.stderr)
        return 2
    lines = [line for path in files for line in read_labelled(path)]
    rows = [features(line.text) for line in lines]
    labels = [line.sentiment for line in lines]
    folds = folds_of(len(lines), args.folds)
    report = {"lines": len(lines), "files": len(files), "folds": args.folds, "cross_validated_macro_f1": {}}
    best = None
    for l2 in L2_SETTINGS:
        predicted = out_of_fold(rows, labels, folds, l2=l2)
        score = macro_f1(labels, predicted)
        report["cross_validated_macro_f1"][str(l2)] = round(score, 4)
        if best is None or score > best[0]:
            best = (score, l2)
    report["chosen_l2"] = best[1]
    fit(rows, labels, l2=best[1]).save(args.output)
    report["weights"] = str(args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
