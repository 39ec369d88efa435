"""How accurate the analysis measured on labelled answers, for "How these figures were made".

Measured with `python -m analysis.evaluate tests/analysis/data/held_out.jsonl`
on answers the analysis was not built from; tests/feedback_app/report/test_method.py
measures again and fails when the figures here no longer match the analyser.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Accuracy:
    answers: int
    sentiment_accuracy: float
    theme_micro_f1: float
    concern_recall: float

    @property
    def sentence(self) -> str:
        return (
            f"Measured on {self.answers} labelled answers it had not been built from, it read the sentiment as a "
            "person did for "
            f"{round(100 * self.sentiment_accuracy)}% of them, found the themes with an F1 score of "
            f"{self.theme_micro_f1:.2f}, and flagged {round(100 * self.concern_recall)}% of the worrying ones. "
            "Read the sentiment figures as a guide, not an exact count."
        )


ACCURACY = Accuracy(131, 0.855, 0.9279, 1.0)

__all__ = ["ACCURACY", "Accuracy"]
