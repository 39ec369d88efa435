"""How sure the analysis is of a sentiment label.

Staff should see when a label is a guess, so that a text the rules barely
read is not counted as firmly as one they read well. Without a learned
layer (see `analysis.learned`), the rules' confidence comes from what they
found: a polarity near the line between two labels, or a long answer with
no feeling word at all (often a plain complaint: "the letter came after the
meeting"), is a guess.
"""

from __future__ import annotations

from analysis.text import PreparedText

UNSURE_BELOW = 0.5  # a label with confidence below this is shown as "unsure"
LONG_ANSWER = 12  # words; a longer answer with no feeling word is a guess
_EDGE = 0.1  # polarity this close to a label's threshold is near the line


def rule_confidence(prepared: PreparedText, polarity: float, label: str, found_feeling: bool) -> float:
    """Return 0..1: how far the rules' reading is from being a toss-up."""
    words = sum(1 for w in prepared.words if w[0].isalnum())
    if not found_feeling:
        # Nothing read: sure only for a short answer ("ok", "no").
        return 0.8 if words < LONG_ANSWER else 0.35
    if label == "mixed":
        return 0.6
    distance = abs(abs(polarity) - 0.1)  # from the neutral line
    return min(1.0, 0.45 + distance / _EDGE * 0.1 + 0.15)
