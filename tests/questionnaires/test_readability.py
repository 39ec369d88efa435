"""Children's questionnaires use words a child of that age can read.

Everything the bot says or shows in English (intro, messages, the words said
before a question, questions, hints, option labels and the thank-you) is
joined into one text and scored with the Flesch reading ease: higher is
easier. Every child's file is found by listing the folder, so a new file is
held to the standard of its age band without anyone adding it here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import textstat

from feedback_app.questionnaire.loader import load_file

from .helpers import child_yaml_paths, english_wording

MINIMUM_READING_EASE = {"4-7": 90, "8-11": 80, "12-18": 70}


@pytest.mark.parametrize("path", child_yaml_paths(), ids=lambda p: p.stem)
def test_child_questionnaire_wording_is_easy_enough_for_its_age_band(path: Path) -> None:
    questionnaire = load_file(path).questionnaire
    score = textstat.flesch_reading_ease(english_wording(questionnaire))
    minimum = MINIMUM_READING_EASE[questionnaire.age_band]
    assert score >= minimum, (
        f"{path.name}: Flesch reading ease {score:.1f} is below {minimum} for ages "
        f"{questionnaire.age_band}: use shorter sentences and shorter words"
    )


def test_measured_wording_includes_intro_hints_before_messages_and_option_labels() -> None:
    [path] = [p for p in child_yaml_paths() if p.stem == "child-8-11-before-review"]
    questionnaire = load_file(path).questionnaire
    wording = english_wording(questionnaire)
    assert "Your review meeting is coming up soon." in wording  # intro
    assert "Thanks for telling us." in wording  # said before a question
    assert "It can be anything." in wording  # hint
    assert "Yes, and I want to help run it." in wording  # option label, ended as a sentence
    assert "{name}" not in wording and "😀" not in wording


def test_hard_official_wording_would_fail_the_standard_for_older_children() -> None:
    official = (
        "The Independent Reviewing Officer will consider documentation submitted by "
        "professionals in advance of the statutory review and evaluate the appropriateness "
        "of the care plan."
    )
    assert textstat.flesch_reading_ease(official) < MINIMUM_READING_EASE["12-18"]


def test_readability_measure_works_without_any_network_or_downloaded_corpus() -> None:
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise RuntimeError('the readability measure tried to use the network')\n"
        "socket.socket = refuse\n"
        "socket.create_connection = refuse\n"
        "import textstat\n"
        "print(textstat.flesch_reading_ease('How are things where you live? You can skip.'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"NLTK_DATA": "/nonexistent-nltk-data", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > 0
