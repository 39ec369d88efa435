"""analyse: one text in, one bounded, typed result out."""

import json

from analysis import analyse
from analysis.analyser import EVIDENCE_LIMIT


def test_everyday_figure_of_speech_with_a_contraction_is_not_a_disclosure():
    assert analyse("homework's killing me").concern is None


def test_evidence_is_bounded_however_long_the_text():
    text = " ".join(f"{face} {word}" for face, word in zip("😊😢😡🥰" * 600, ["great", "awful", "sad", "kind"] * 600, strict=True))
    result = analyse(text)
    assert len([e for e in result.evidence if e.finding.startswith("sentiment")]) <= EVIDENCE_LIMIT
    assert len(json.dumps(result.to_dict())) < 5000
