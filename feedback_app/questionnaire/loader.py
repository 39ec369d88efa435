"""Load questionnaire files into validated, frozen `Questionnaire` objects.

Everything is checked when the files are loaded, at start-up, so that a mistake
in a file stops the service with a message naming the file, the question and
the problem, instead of surprising a child half-way through a conversation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from analysis.plain_yaml import load_plain_yaml

from .. import question_types
from ..vocabulary import STAFF_LANGUAGE
from .names import name_problem
from .schema import Condition, LocalText, Message, Question, Questionnaire


class QuestionnaireError(Exception):
    """A questionnaire file is wrong; the message says which file, where and why."""


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A questionnaire as loaded from its file, with what identifies this exact content."""

    questionnaire: Questionnaire
    path: Path
    content_hash: str

    @property
    def definition(self) -> dict:
        return self.questionnaire.model_dump(mode="json", by_alias=True)


def load_directory(directory: Path) -> dict[str, LoadedQuestionnaire]:
    """Load every `*.yaml` file in `directory`, keyed by questionnaire id.

    Files unchanged since they were last loaded (same size and modification
    time) are not read again: the results are frozen, so they can be shared.
    Raises QuestionnaireError listing every problem found in every file.
    """
    if not directory.is_dir():
        raise QuestionnaireError(f"{directory}: the questionnaires folder does not exist")
    paths = sorted(directory.glob("*.y*ml"))
    key = tuple((str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    if key and key in _loaded_folders:
        return dict(_loaded_folders[key])
    result = _load_paths(directory, paths)
    _loaded_folders[key] = result
    return dict(result)


# Folders already loaded, by the files' names, sizes and times (a few entries).
_loaded_folders: dict[tuple, dict[str, LoadedQuestionnaire]] = {}


def _load_paths(directory: Path, paths: list[Path]) -> dict[str, LoadedQuestionnaire]:
    loaded: dict[str, LoadedQuestionnaire] = {}
    problems: list[str] = []
    for path in paths:
        try:
            item = load_file(path)
        except QuestionnaireError as error:
            problems.append(str(error))
            continue
        if item.questionnaire.id in loaded:
            other = loaded[item.questionnaire.id].path.name
            problems.append(
                f"{path.name}: questionnaire id {item.questionnaire.id!r} is already used by {other}"
            )
            continue
        loaded[item.questionnaire.id] = item
    if problems:
        raise QuestionnaireError("\n".join(problems))
    if not loaded:
        raise QuestionnaireError(f"{directory}: there are no questionnaire files (*.yaml) here")
    return loaded


def load_file(path: Path) -> LoadedQuestionnaire:
    """Read, parse and validate one file. Raises QuestionnaireError."""
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise QuestionnaireError(f"{path.name}: cannot be read ({error})") from error
    try:
        # yes/no stay words: an option value `no` is an answer, not False.
        data = load_plain_yaml(raw_text)
    except yaml.YAMLError as error:
        raise QuestionnaireError(f"{path.name}: is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{path.name}: should be a mapping with id, version, title, ...")
    questionnaire = parse(data, source=path.name)
    return LoadedQuestionnaire(questionnaire, path, content_hash(questionnaire))


def parse(data: Mapping, source: str = "<questionnaire>") -> Questionnaire:
    """Validate one questionnaire's data. Raises QuestionnaireError naming `source`."""
    data = _filled_in(data)
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        raise QuestionnaireError(
            "\n".join(_describe(source, data, e) for e in error.errors())
        ) from None
    problems = list(_cross_check(questionnaire))
    if problems:
        raise QuestionnaireError("\n".join(f"{source}: {p}" for p in problems))
    return questionnaire


def content_hash(questionnaire: Questionnaire) -> str:
    """A digest of what the questionnaire says, so a silent edit is noticed."""
    canonical = json.dumps(
        questionnaire.model_dump(mode="json", by_alias=True), sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _filled_in(data: Mapping) -> dict:
    """Each question as its type completes it (a yes_no question's fixed options, say)."""
    data = dict(data)
    steps = data.get("steps")
    if not isinstance(steps, list):
        return data
    languages = data.get("languages") or ["en"]
    handlers = question_types.QUESTION_TYPES
    data["steps"] = [
        handlers[step["type"]].fill_in(step, languages)
        if isinstance(step, dict) and step.get("type") in handlers
        else step
        for step in steps
    ]
    return data


def _describe(source: str, data: Mapping, error: Mapping) -> str:
    """Turn one pydantic error into "file: question 'x': field: problem"."""
    loc = list(error["loc"])
    where = []
    if len(loc) >= 2 and loc[0] == "steps" and isinstance(loc[1], int):
        index = loc[1]
        steps = data.get("steps") or []
        step = steps[index] if index < len(steps) else None
        if isinstance(step, dict) and "id" in step:
            where.append(f"question {step['id']!r}")
        elif isinstance(step, dict) and "message" in step:
            where.append(f"message (step {index + 1})")
        else:
            where.append(f"step {index + 1}")
        # Pydantic names the union member and validator it tried; people
        # need only the field.
        loc = [p for p in loc[2:] if p not in ("question", "message") and "[" not in str(p)]
    field = ".".join(str(part) for part in loc if part != "*")
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "is not a field this format knows (check the spelling)"
    elif error["type"] == "missing":
        message = "is missing"
    parts = [source, *where]
    if field:
        parts.append(field)
    return ": ".join(parts) + f": {message}"


def _cross_check(q: Questionnaire) -> Iterator[str]:
    """Checks that need the whole questionnaire: ids, branching and translations."""
    seen: dict[str, Question] = {}
    for position, step in enumerate(q.steps, start=1):
        label = f"question {step.id!r}" if isinstance(step, Question) else f"message (step {position})"
        for condition in step.when:
            yield from (f"{label}: {p}" for p in _check_condition(condition, seen))
        if isinstance(step, Question):
            if step.id in seen:
                yield f"{label}: this id is used twice"
            seen[step.id] = step
        for text_name, text in _texts_of(step):
            for lang in _missing_languages(text, q.languages):
                yield f"{label}: {text_name} has no {lang!r} translation"
    for text_name, texts in (("intro", q.intro), ("outro", [line.message for line in q.outro]), ("sent", q.sent)):
        for text in texts:
            for lang in _missing_languages(text, q.languages):
                yield f"{text_name}: has no {lang!r} translation"
    for position, line in enumerate(q.outro, start=1):
        for condition in line.when:
            yield from (f"outro (line {position}): {p}" for p in _check_condition(condition, seen))
    yield from _names_that_need_a_name(q)
    for lang in _missing_languages(q.title, q.languages):
        yield f"title: has no {lang!r} translation"


def _names_that_need_a_name(q: Questionnaire) -> Iterator[str]:
    """Every text with `{name}` where an open link (no name) would read badly (see names.py)."""
    said: list[tuple[str, LocalText]] = [("intro", text) for text in q.intro]
    for position, step in enumerate(q.steps, start=1):
        label = f"question {step.id!r}" if isinstance(step, Question) else f"message (step {position})"
        said.extend((f"{label}: {text_name}", text) for text_name, text in _texts_of(step))
    said.extend(("outro", line.message) for line in q.outro)
    said.extend(("sent", text) for text in q.sent)
    for where, text in said:
        for lang, words in text.items():
            problem = name_problem(words)
            if problem:
                yield f"{where}{'' if lang == '*' else f' ({lang})'}: {problem}"


def _check_condition(condition: Condition, earlier: Mapping[str, Question]) -> Iterator[str]:
    target = earlier.get(condition.question)
    if target is None:
        yield (
            f"'when' refers to question {condition.question!r}, "
            "which is not an earlier question in this file"
        )
        return
    values = (condition.is_in or ()) + (condition.not_in or ())
    if values and question_types.of(target).answer == "text":
        yield f"'when' compares free text answers of {target.id!r}; use 'answered' instead"
        return
    known = {o.value for o in target.options}
    for value in values:
        if value not in known:
            yield f"'when' uses {value!r}, which is not an option of question {target.id!r}"


def _texts_of(step: Question | Message) -> Iterator[tuple[str, LocalText]]:
    if isinstance(step, Message):
        yield "message", step.message
        return
    yield "text", step.text
    if step.hint:
        yield "hint", step.hint
    for text in step.before:
        yield "before", text
    for option in step.options:
        yield f"option {option.value!r}", option.label


def _missing_languages(text: LocalText, languages: tuple[str, ...]) -> Iterator[str]:
    for position, lang in enumerate(languages):
        if lang in text or (position == 0 and "*" in text):
            continue
        yield lang


def localise(text: LocalText, language: str, default: str) -> str:
    """The text in `language`, falling back to the questionnaire's first language."""
    return text.get(language) or text.get("*") or text.get(default) or next(iter(text.values()))


def staff_text(text: LocalText, q: Questionnaire) -> str:
    """A questionnaire's words as staff read them: in English, where the file has it."""
    return localise(text, STAFF_LANGUAGE, q.default_language)
