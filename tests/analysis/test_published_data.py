"""The published lines: where each came from, under what licence, and a split fixed before anyone looked."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from analysis.evaluate import read_labelled

REPO = Path(__file__).resolve().parents[2]
TRAINING = sorted((REPO / "training" / "data").glob("4[01]_published_*.jsonl"))
HELD_OUT = REPO / "tests" / "analysis" / "data" / "held_out_published.jsonl"
# The two licences the lines are stored under (training/README.md says what each means).
LICENCES = {
    "OGL v3.0",
    "quoted from a published page for research and analysis (no licence stated)",
}


def _rows(path: Path) -> list[dict]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _set_aside(text: str) -> bool:
    # The rule the lines were split by, before any analyser output was seen.
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 3 == 0


ALL = [*TRAINING, HELD_OUT]


def test_there_are_published_lines_to_train_on_and_to_test_with():
    assert TRAINING and HELD_OUT.exists()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_the_evaluation_reads_every_published_file(path):
    assert len(read_labelled(path)) == len(_rows(path))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_published_line_names_its_page_and_licence(path):
    for row in _rows(path):
        assert row["source"].startswith(("http://", "https://")), row["text"]
        assert row["licence"] in LICENCES, row["text"]
        assert row["respondent"] in ("child", "parent", "carer"), row["text"]


def test_the_set_aside_lines_are_exactly_those_the_hash_chose():
    assert all(_set_aside(row["text"]) for row in _rows(HELD_OUT))
    assert not any(_set_aside(row["text"]) for path in TRAINING for row in _rows(path))


def test_no_published_line_is_stored_twice():
    texts = [row["text"].strip().lower() for path in ALL for row in _rows(path)]
    assert len(texts) == len(set(texts))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'")))


def test_no_set_aside_line_is_half_a_training_line():
    # Two quotes of one passage (one a part of the other) would let the test set leak into
    # training, so no set-aside line may share more than half its words with a training line.
    train = [_words(row["text"]) for path in TRAINING for row in _rows(path)]
    for row in _rows(HELD_OUT):
        held = _words(row["text"])
        worst = max(len(held & t) / len(held | t) for t in train)
        assert worst <= 0.5, row["text"]
