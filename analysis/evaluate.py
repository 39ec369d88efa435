"""Measure the analysis against labelled feedback.

    python -m analysis.evaluate FILE.jsonl [--predictions OUT.jsonl] [--details]
                                [--rules-only] [--cross-validate [--folds K] [--training DIR]]

FILE.jsonl has one JSON object a line with `text`, `respondent`, `sentiment`
(positive, negative, mixed, neutral), `themes` (a list from the taxonomy),
`concern` (true or false) and `source`. Prints one JSON object with the
figures (see `evaluate`); with `--predictions`, also writes one line per input
with the text and what the analysis said. Exits 2 with a message naming the
file and line when the input is missing or malformed.

`--details` adds per-label F1, the confusion matrix, figures per respondent,
the share of unsure results and 95% bootstrap intervals (see
`analysis.figures`). `--rules-only` measures the rules without the learned
layers (sentiment and concern). `--cross-validate` measures the learned layer out of fold on FILE:
the lines are split into K folds (5 unless told), and each fold is analysed
by a model trained on the project's training lines (`training/data`, or
DIR) plus the other folds, never on the fold itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textblob.en.sentiments import PatternAnalyzer

from analysis.analyser import analyse, features
from analysis.cross_validation import fold_models, folds_of
from analysis.figures import details
from analysis.learned import load_model
from analysis.result import SENTIMENTS, THEMES, Analysis

TRAINING_DIR = Path(__file__).resolve().parents[1] / "training" / "data"


class EvaluationInputError(ValueError):
    """The labelled file is missing or a line in it is malformed (the message says where)."""


@dataclass(frozen=True, slots=True)
class LabelledLine:
    """One labelled piece of feedback."""

    text: str
    sentiment: str
    themes: tuple[str, ...]
    concern: bool
    respondent: str = ""
    source: str = ""


def _parse_line(raw: str, where: str) -> LabelledLine:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise EvaluationInputError(f"{where}: not valid JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise EvaluationInputError(f"{where}: expected a JSON object")
    for key, kind in (("text", str), ("sentiment", str), ("themes", list), ("concern", bool)):
        if key not in data:
            raise EvaluationInputError(f"{where}: missing '{key}'")
        if not isinstance(data[key], kind):
            raise EvaluationInputError(f"{where}: '{key}' should be a {kind.__name__}")
    if data["sentiment"] not in SENTIMENTS:
        raise EvaluationInputError(f"{where}: sentiment '{data['sentiment']}' is not one of {', '.join(SENTIMENTS)}")
    unknown = [t for t in data["themes"] if t not in THEMES]
    if unknown:
        raise EvaluationInputError(f"{where}: unknown theme(s) {', '.join(map(str, unknown))}")
    return LabelledLine(
        text=data["text"],
        sentiment=data["sentiment"],
        themes=tuple(data["themes"]),
        concern=data["concern"],
        respondent=str(data.get("respondent", "")),
        source=str(data.get("source", "")),
    )


def read_labelled(path: Path) -> list[LabelledLine]:
    """Return the labelled lines of a JSONL file, skipping blank lines.

    Raises EvaluationInputError naming the file (and line) if it cannot be
    read or a line is malformed.
    """
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationInputError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationInputError(f"{path}: cannot be read ({error})") from None
    lines = []
    for number, raw in enumerate(content.splitlines(), start=1):
        if raw.strip():
            lines.append(_parse_line(raw, f"{path}:{number}"))
    if not lines:
        raise EvaluationInputError(f"{path}: no labelled lines")
    return lines


def _sentiment_figures(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over the four labels, and the share of positive/negative swaps."""
    n = len(gold)
    f1s = []
    for label in SENTIMENTS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    severe = sum({g, p} == {"positive", "negative"} for g, p in zip(gold, predicted, strict=True))
    return {
        "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True)) / n,
        "macro_f1": sum(f1s) / len(f1s),
        "severe_error_rate": severe / n,
    }


def _theme_micro_f1(gold: Iterable[tuple[str, ...]], predicted: Iterable[tuple[str, ...]]) -> float:
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        tp += len(set(g) & set(p))
        fp += len(set(p) - set(g))
        fn += len(set(g) - set(p))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def baseline_label(text: str, analyzer: PatternAnalyzer | None = None) -> str:
    """Plain TextBlob: polarity above 0 positive, below 0 negative, else neutral."""
    polarity = (analyzer or PatternAnalyzer()).analyze(text).polarity
    return "positive" if polarity > 0 else "negative" if polarity < 0 else "neutral"


def evaluate(lines: Sequence[LabelledLine], analyses: Sequence[Analysis]) -> dict[str, float | int]:
    """Return the figures, rounded to 4 places, for analyses of the labelled lines."""
    gold = [line.sentiment for line in lines]
    ours = _sentiment_figures(gold, [a.sentiment for a in analyses])
    analyzer = PatternAnalyzer()
    base = _sentiment_figures(gold, [baseline_label(line.text, analyzer) for line in lines])
    flagged = [(line.concern, a.is_concern) for line, a in zip(lines, analyses, strict=True)]
    true_pos = sum(g and p for g, p in flagged)
    actual = sum(g for g, _ in flagged)
    raised = sum(p for _, p in flagged)
    figures: dict[str, float | int] = {
        "n": len(lines),
        "sentiment_accuracy": ours["accuracy"],
        "sentiment_macro_f1": ours["macro_f1"],
        "sentiment_severe_error_rate": ours["severe_error_rate"],
        "theme_micro_f1": _theme_micro_f1([line.themes for line in lines], [a.themes for a in analyses]),
        # With nothing to find, nothing was missed; with nothing raised, nothing was wrong.
        "concern_recall": true_pos / actual if actual else 1.0,
        "concern_precision": true_pos / raised if raised else 1.0,
        "baseline_sentiment_accuracy": base["accuracy"],
        "baseline_sentiment_macro_f1": base["macro_f1"],
        "baseline_sentiment_severe_error_rate": base["severe_error_rate"],
    }
    return {k: v if isinstance(v, int) else round(v, 4) for k, v in figures.items()}


def detailed(lines: Sequence[LabelledLine], analyses: Sequence[Analysis]) -> dict:
    """The `--details` figures for analyses of the labelled lines."""
    counts = [
        (len(set(line.themes) & set(a.themes)), len(set(a.themes) - set(line.themes)), len(set(line.themes) - set(a.themes)))
        for line, a in zip(lines, analyses, strict=True)
    ]
    concerns = [(line.concern, a.is_concern) for line, a in zip(lines, analyses, strict=True)]
    return details([line.sentiment for line in lines], [line.respondent for line in lines], analyses, counts, concerns)


def cross_validated(lines: Sequence[LabelledLine], folds: int, training: Path) -> list[Analysis]:
    """Analyse every line with a model that was not trained on it (see the module docstring).

    Raises EvaluationInputError if the training folder has no labelled files.
    """
    files = sorted(training.glob("*.jsonl"))
    if not files:
        raise EvaluationInputError(f"{training}: no *.jsonl training files to cross-validate with")
    extra = [line for path in files for line in read_labelled(path)]
    if len(lines) < folds:
        raise EvaluationInputError(f"cannot make {folds} folds of {len(lines)} lines; use --folds 2 to {len(lines)}")
    split = folds_of(len(lines), folds)
    shipped = load_model()
    models = fold_models(
        [features(line.text) for line in lines],
        [line.sentiment for line in lines],
        split,
        [features(line.text) for line in extra],
        [line.sentiment for line in extra],
        l2=shipped.l2 if shipped is not None else 3e-4,
    )
    analyses: list[Analysis | None] = [None] * len(lines)
    for fold, model in zip(split, models, strict=True):
        for i in fold.tolist():
            analyses[i] = analyse(lines[i].text, model=model)
    return [a for a in analyses if a is not None]


def write_predictions(path: Path, analyses: Sequence[Analysis]) -> None:
    """Write one JSON line per analysis. Raises OSError if the file cannot be written."""
    with path.open("w", encoding="utf-8") as out:
        for a in analyses:
            row = {
                "text": a.text,
                "sentiment": a.sentiment,
                "polarity": round(a.polarity, 4),
                "themes": list(a.themes),
                "concern": a.is_concern,
                "concern_category": a.concern,
                "unsure": a.unsure,
                "confidence": round(a.confidence, 4),
                "needs_reading": a.needs_reading,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input or output)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="labelled feedback, one JSON object a line")
    parser.add_argument("--predictions", type=Path, help="also write what the analysis said, one line per input")
    parser.add_argument("--details", action="store_true", help="add per-label F1, confusion, per respondent, intervals")
    parser.add_argument("--rules-only", action="store_true", help="measure the rules without the learned layer")
    parser.add_argument("--cross-validate", action="store_true", help="measure the learned layer out of fold on FILE")
    parser.add_argument("--folds", type=int, default=5, help="folds for --cross-validate (default 5)")
    parser.add_argument("--training", type=Path, default=TRAINING_DIR, help="training lines for --cross-validate")
    args = parser.parse_args(argv)
    try:
        lines = read_labelled(args.file)
        if args.cross_validate:
            analyses = cross_validated(lines, args.folds, args.training)
        else:
            if args.rules_only:
                analyses = [analyse(line.text, model=None, concern_model=None) for line in lines]
            else:
                analyses = [analyse(line.text) for line in lines]
    except EvaluationInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.predictions:
        try:
            write_predictions(args.predictions, analyses)
        except OSError as error:
            print(f"error: {args.predictions}: cannot write predictions ({error.strerror})", file=sys.stderr)
            return 2
    figures: dict = dict(evaluate(lines, analyses))
    if args.details:
        figures["details"] = detailed(lines, analyses)
        figures["details"]["measured"] = (
            f"learned layer out of fold ({args.folds} folds)" if args.cross_validate
            else "rules only" if args.rules_only or load_model() is None else "rules and the shipped learned layers"
        )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
