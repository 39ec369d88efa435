"""Each question type has one handler, and the service refuses to start without all its pieces."""

import types
from pathlib import Path

import pytest

import feedback_app.api
from feedback_app import question_types
from feedback_app.question_types import QUESTION_TYPES, AnswerError
from feedback_app.question_types.base import ChoiceType
from feedback_app.questionnaire.loader import load_directory
from tests.conftest import make_app

GUIDE = Path(__file__).resolve().parents[2] / "questionnaires" / "README.md"
SHIPPED = Path(__file__).resolve().parents[2] / "questionnaires"


class Slider(ChoiceType):
    name = "slider"


def shipped_questions():
    for loaded in load_directory(SHIPPED).values():
        yield from loaded.questionnaire.questions


def test_every_type_is_described_in_the_questionnaire_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    assert [name for name in QUESTION_TYPES if f"**`{name}`**" not in guide] == []


def test_a_type_without_its_partial_stops_start_up(monkeypatch):
    monkeypatch.setitem(QUESTION_TYPES, "slider", Slider())
    with pytest.raises(RuntimeError, match="'slider' has no template chat/answers/slider.html"):
        make_app("sqlite://")


def test_a_partial_left_without_its_type_stops_start_up(monkeypatch):
    monkeypatch.delitem(QUESTION_TYPES, "quick_reply")
    with pytest.raises(RuntimeError, match="quick_reply.html is for a question type that has no handler"):
        make_app("sqlite://")


def test_a_handler_written_but_not_listed_stops_start_up():
    written = types.ModuleType("feedback_app.question_types.slider")
    written.Slider = type("Slider", (ChoiceType,), {"name": "slider", "__module__": written.__name__})
    assert question_types.unlisted_handlers([written], QUESTION_TYPES) == ["feedback_app.question_types.slider.Slider"]
    assert question_types.unlisted_handlers([written], {**QUESTION_TYPES, "slider": written.Slider()}) == []


def test_every_handler_the_package_holds_is_listed():
    assert question_types.unlisted_handlers(question_types._handler_modules(), QUESTION_TYPES) == []


def test_an_api_document_that_leaves_a_type_out_stops_start_up(monkeypatch):
    monkeypatch.setattr(feedback_app.api, "question_types_named", lambda: set(QUESTION_TYPES) - {"yes_no"})
    with pytest.raises(RuntimeError, match="API document"):
        make_app("sqlite://")


@pytest.mark.parametrize("question", list(shipped_questions()), ids=lambda q: q.id)
def test_an_example_answer_of_each_type_is_accepted_and_reads_back(question):
    handler = question_types.of(question)
    values = [option.value for option in question.options]
    stored = handler.accept(question, handler.example(values[:1], "It is fine here."))
    assert handler.shown(question, stored, lambda text: text.get("en") or next(iter(text.values())))


def test_a_type_refuses_what_is_not_its_kind_of_answer():
    question = next(q for q in shipped_questions() if question_types.of(q).answer == "text")
    with pytest.raises(AnswerError, match="type your answer as text"):
        question_types.of(question).accept(question, ["home"])
