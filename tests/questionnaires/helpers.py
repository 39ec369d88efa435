"""Shared helpers for the questionnaire tests: loading the catalogue, the
English wording a person reads, and walking a questionnaire through the
conversation engine the way a person answering it would."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import yaml

from feedback_app import question_types
from feedback_app.conversation.engine import (
    AnswerValue,
    Progress,
    accept_answer,
    conversation_state,
    open_question,
    with_answer,
)
from feedback_app.questionnaire.loader import LoadedQuestionnaire, load_directory, localise
from feedback_app.questionnaire.schema import LocalText, Message, Question, Questionnaire

QUESTIONNAIRES_DIR = Path(__file__).resolve().parents[2] / "questionnaires"

# A chooser is given the open question and says what the person sends:
# a value, a list of values, some text, or SKIP.
SKIP = object()
Chooser = Callable[[Question], object]


@cache
def catalogue() -> dict[str, LoadedQuestionnaire]:
    return load_directory(QUESTIONNAIRES_DIR)


def questionnaires() -> list[Questionnaire]:
    return [loaded.questionnaire for loaded in catalogue().values()]


def yaml_paths() -> list[Path]:
    """Every questionnaire file, found by listing the folder (so a new file is covered)."""
    return sorted(QUESTIONNAIRES_DIR.glob("*.y*ml"))


def child_yaml_paths() -> list[Path]:
    """Files for children, read roughly (a file too broken to read is kept, so
    that its test fails instead of it being left out)."""
    chosen = []
    for path in yaml_paths():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None
        if not isinstance(data, dict) or data.get("audience", "child") == "child":
            chosen.append(path)
    return chosen


def file_ids() -> list[str]:
    """Every questionnaire id, for parametrising (found by listing, so a new file is covered)."""
    return sorted(catalogue())


def child_file_ids() -> list[str]:
    return sorted(i for i, loaded in catalogue().items() if loaded.questionnaire.audience == "child")


def by_id(questionnaire_id: str) -> Questionnaire:
    return catalogue()[questionnaire_id].questionnaire


def find(audience: str, purpose: str, age_band: str | None = None) -> list[Questionnaire]:
    return [
        q
        for q in questionnaires()
        if q.audience == audience
        and q.purpose == purpose
        and (age_band is None or q.age_band == age_band)
    ]


def questions_recording(q: Questionnaire, record: str) -> list[Question]:
    return [question for question in q.questions if question.records == record]


# ---- wording -------------------------------------------------------------

def all_texts(q: Questionnaire) -> Iterator[LocalText]:
    """Every text the bot says or shows, in the order a person meets them."""
    yield q.title
    yield from q.intro
    for step in q.steps:
        if isinstance(step, Message):
            yield step.message
            continue
        yield from step.before
        yield step.text
        if step.hint:
            yield step.hint
        for option in step.options:
            yield option.label
    yield from (line.message for line in q.outro)
    yield from q.sent


def _plain(text: str) -> str:
    """Text as words: `{name}` filled in, emoji and other symbols removed."""
    text = text.replace("{name}", "there")
    text = "".join(c for c in text if unicodedata.category(c) not in ("So", "Sk", "Mn", "Cf"))
    return re.sub(r"\s+", " ", text).strip()


def english_wording(q: Questionnaire) -> str:
    """All of the bot's English words (intro, messages, before, questions, hints,
    option labels, outro), each ended as a sentence, joined into one text."""
    sentences = []
    for text in all_texts(q):
        if text is q.title:
            continue
        words = _plain(localise(text, "en", q.default_language))
        if not words:
            continue
        if words[-1] not in ".!?":
            words += "."
        sentences.append(words)
    return " ".join(sentences)


# ---- answering through the engine ----------------------------------------

def _values(question: Question) -> list[str]:
    return [o.value for o in question.options]


def first_option(question: Question) -> object:
    return question_types.of(question).example(_values(question)[:1], "Things are fine, thank you.")


def last_option(question: Question) -> object:
    return question_types.of(question).example(_values(question)[-1:], "I am not happy and nobody listens to me.")


def always_skip(question: Question) -> object:
    return SKIP


def every_option(question: Question) -> object:
    """Several choices: tick everything; one choice: the middle option."""
    values = _values(question)
    middle_first = values[len(values) // 2 :] + values[: len(values) // 2]
    return question_types.of(question).example(middle_first, "Some good things and some bad things.")


def at_random(seed: int) -> Chooser:
    rng = random.Random(seed)

    def choose(question: Question) -> object:
        if rng.random() < 0.15:
            return SKIP
        text = rng.choice(["OK", "I miss my brother.", "School is good."])
        values = _values(question)
        chosen = rng.sample(values, k=rng.randint(1, len(values))) if values else []
        return question_types.of(question).example(chosen, text)

    return choose


def choosing(overrides: dict[str, object], otherwise: Chooser = first_option) -> Chooser:
    """Answer some questions (by id) as given, everything else with `otherwise`."""

    def choose(question: Question) -> object:
        if question.id in overrides:
            return overrides[question.id]
        return otherwise(question)

    return choose


def answer_through(q: Questionnaire, choose: Chooser, language: str | None = None) -> tuple[list[str], Progress]:
    """Answer `q` to the end as the service would, drawing the conversation in
    `language` after every answer. Returns the ids of the questions shown, in
    order, and the finished Progress."""
    language = language or q.default_language
    progress = Progress(first_name="Sam")
    shown: list[str] = []
    for _ in range(len(q.questions) + 1):
        question = open_question(q, progress)
        if question is None:
            break
        shown.append(question.id)
        sent = choose(question)
        skip = sent is SKIP
        _, value = accept_answer(q, progress, question.id, None if skip else sent, skip=skip)
        progress = with_answer(progress, question.id, value)
        conversation_state(q, progress, language)
    else:  # pragma: no cover - would mean the engine never finishes
        raise AssertionError(f"{q.id}: the conversation did not come to an end")
    return shown, progress


def answered_value(progress: Progress, question_id: str) -> AnswerValue:
    return progress.answers.get(question_id)
