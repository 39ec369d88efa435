"""Questionnaire files: a mistake names the file, the question and the problem."""

import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from feedback_app import create_app
from feedback_app.questionnaire.loader import QuestionnaireError, load_directory, load_file

GOOD = """
id: tiny
version: 1
title: Tiny
audience: parent
purpose: after_review
languages: [en]
intro: Hello.
steps:
  - id: involved
    type: quick_reply
    text: Did you feel involved?
    options:
      - {value: yes, label: "Yes"}
      - {value: no, label: "No"}
  - id: why
    type: free_text
    when: {question: involved, in: [no]}
    text: What would have helped?
"""


def write(folder: Path, text: str, name: str = "tiny.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(folder: Path, text: str) -> str:
    with pytest.raises(QuestionnaireError) as caught:
        load_file(write(folder, text))
    return str(caught.value)


def test_a_good_file_loads_into_a_frozen_questionnaire(tmp_path):
    q = load_file(write(tmp_path, GOOD)).questionnaire
    assert q.id == "tiny" and [x.id for x in q.questions] == ["involved", "why"]
    with pytest.raises(ValidationError, match="frozen"):
        q.id = "changed"


def test_yes_and_no_stay_words_rather_than_becoming_true_and_false(tmp_path):
    q = load_file(write(tmp_path, GOOD)).questionnaire
    assert [o.value for o in q.question("involved").options] == ["yes", "no"]


def test_an_unknown_question_type_names_file_question_and_field(tmp_path):
    message = error_for(tmp_path, GOOD.replace("type: quick_reply", "type: slider"))
    assert message.startswith("tiny.yaml: question 'involved': type:")
    assert "quick_reply" in message  # says what would be allowed


def test_a_missing_field_is_named(tmp_path):
    message = error_for(tmp_path, GOOD.replace("    text: Did you feel involved?\n", ""))
    assert "tiny.yaml: question 'involved': text: is missing" in message


def test_a_misspelt_field_is_reported_as_unknown(tmp_path):
    message = error_for(tmp_path, GOOD.replace("    text: What would", "    txt: What would"))
    assert "question 'why': txt: is not a field this format knows" in message


def test_a_question_id_used_twice_is_refused(tmp_path):
    message = error_for(tmp_path, GOOD.replace("id: why", "id: involved"))
    assert "question 'involved': this id is used twice" in message


def test_branching_on_a_later_or_unknown_question_is_refused(tmp_path):
    message = error_for(tmp_path, GOOD.replace("question: involved, in", "question: later, in"))
    assert "question 'why': 'when' refers to question 'later'" in message


def test_branching_on_a_value_that_is_not_an_option_is_refused(tmp_path):
    message = error_for(tmp_path, GOOD.replace("in: [no]", "in: [nope]"))
    assert "'when' uses 'nope', which is not an option of question 'involved'" in message


def test_an_emoji_scale_needs_an_emoji_on_every_option(tmp_path):
    message = error_for(tmp_path, GOOD.replace("type: quick_reply", "type: emoji_scale"))
    assert "question 'involved'" in message and "emoji" in message


def test_a_missing_translation_names_the_language(tmp_path):
    message = error_for(tmp_path, GOOD.replace("languages: [en]", "languages: [en, ar]"))
    assert "question 'involved': text has no 'ar' translation" in message


def test_a_child_questionnaire_needs_an_age_band(tmp_path):
    message = error_for(tmp_path, GOOD.replace("audience: parent", "audience: child"))
    assert "age_band" in message


def test_an_unknown_theme_lists_the_known_ones(tmp_path):
    text = GOOD.replace("    text: What would", "    themes: [food]\n    text: What would")
    message = error_for(tmp_path, text)
    assert "question 'why': themes: unknown theme 'food'" in message and "listened_to" in message


def test_broken_yaml_is_reported_with_the_file_name(tmp_path):
    message = error_for(tmp_path, "id: [unclosed\n")
    assert message.startswith("tiny.yaml: is not valid YAML")


def test_two_files_with_the_same_id_are_refused(tmp_path):
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(QuestionnaireError, match="b.yaml: questionnaire id 'tiny' is already used by a.yaml"):
        load_directory(tmp_path)


def test_every_problem_in_a_folder_is_reported_at_once(tmp_path):
    write(tmp_path, GOOD.replace("type: quick_reply", "type: slider"), "a.yaml")
    write(tmp_path, GOOD.replace("id: tiny", "id: other").replace("in: [no]", "in: [nope]"), "b.yaml")
    with pytest.raises(QuestionnaireError) as caught:
        load_directory(tmp_path)
    assert "a.yaml" in str(caught.value) and "b.yaml" in str(caught.value)


def test_a_bad_file_stops_the_app_from_starting(tmp_path):
    write(tmp_path, GOOD.replace("type: quick_reply", "type: slider"))
    with pytest.raises(QuestionnaireError, match="tiny.yaml: question 'involved'"):
        create_app({"TESTING": True, "QUESTIONNAIRES_DIR": str(tmp_path), "DATABASE_URL": "sqlite://"})


def test_the_shipped_questionnaires_all_load():
    loaded = load_directory(Path(__file__).resolve().parents[3] / "questionnaires")
    assert "young-person-before-review" in loaded


def test_check_questionnaires_command_lists_each_file(runner):
    result = runner.invoke(args=["check-questionnaires"])
    assert result.exit_code == 0
    assert "young-person-before-review" in result.output and "ok" in result.output


def test_the_standalone_checker_names_the_problem_and_fails(tmp_path, capsys):
    from feedback_app.questionnaire.__main__ import main

    write(tmp_path, GOOD.replace("type: quick_reply", "type: slider"))
    assert main([str(tmp_path)]) == 1
    assert "tiny.yaml: question 'involved': type:" in capsys.readouterr().err


def test_the_standalone_checker_lists_good_files(tmp_path, capsys):
    from feedback_app.questionnaire.__main__ import main

    write(tmp_path, GOOD)
    assert main([str(tmp_path)]) == 0
    assert "ok  tiny.yaml: tiny v1, 2 questions" in capsys.readouterr().out


def test_the_standalone_checker_reads_the_folder_the_service_would(tmp_path, capsys, monkeypatch):
    from feedback_app.questionnaire.__main__ import main

    write(tmp_path, GOOD.replace("type: quick_reply", "type: slider"))
    monkeypatch.setenv("FLASK_QUESTIONNAIRES_DIR", str(tmp_path))
    assert main([]) == 1
    assert "tiny.yaml: question 'involved'" in capsys.readouterr().err


def test_both_checkers_say_the_same_of_the_same_folder(tmp_path, capsys, monkeypatch):
    from feedback_app.questionnaire.__main__ import main
    from tests.conftest import make_app

    write(tmp_path, GOOD)
    assert main([str(tmp_path)]) == 0
    standalone = capsys.readouterr().out
    app = make_app("sqlite://", QUESTIONNAIRES_DIR=str(tmp_path))
    assert app.test_cli_runner().invoke(args=["check-questionnaires"]).output == standalone


@pytest.mark.parametrize(
    "text",
    ["Tell {name} about it.", "{name}, how are you?", "Hi {name} and welcome.", "Thank you there {name}!"],
)
def test_a_name_where_an_open_link_would_read_badly_is_refused(tmp_path, text):
    message = error_for(tmp_path, GOOD.replace("intro: Hello.", f'intro: "{text}"'))
    assert "tiny.yaml: intro: {name} must be where it can be left out" in message


@pytest.mark.parametrize("text", ["Hi {name}!", "Thank you, {name}! 🌟", "Hello {name}. Welcome.", "Thanks for that, {name}."])
def test_a_name_that_can_be_left_out_is_accepted(tmp_path, text):
    assert load_file(write(tmp_path, GOOD.replace("intro: Hello.", f'intro: "{text}"'))).questionnaire


def test_the_checker_names_a_question_whose_wording_needs_a_name(tmp_path, capsys):
    from feedback_app.questionnaire.__main__ import main

    write(tmp_path, GOOD.replace("text: Did you feel involved?", "text: Did {name} feel involved?"))
    assert main([str(tmp_path)]) == 1
    assert "question 'involved': text: {name} must be where it can be left out" in capsys.readouterr().err


def test_an_outro_line_may_depend_only_on_a_question_in_the_file(tmp_path):
    outro = "outro:\n  - message: We will pass it on.\n    when: {question: nowhere, in: [yes]}\n"
    message = error_for(tmp_path, GOOD + outro)
    assert "outro (line 1): 'when' refers to question 'nowhere'" in message


def test_an_outro_line_knows_finished_early_and_nothing_misspelt(tmp_path):
    outro = "outro:\n  - message: Thanks.\n    finished_erly: true\n"
    assert "finished_erly: is not a field this format knows" in error_for(tmp_path, GOOD + outro)


def test_no_questionnaire_says_thank_you_there_on_an_open_link():
    # The bug this pins: "Thank you, there!" on an open link.
    from feedback_app.conversation.engine import conversation_state
    from tests.questionnaires.helpers import answer_through, by_id, file_ids, first_option

    for questionnaire_id in file_ids():
        q = by_id(questionnaire_id)
        _, progress = answer_through(q, first_option)
        said = [m.text for m in conversation_state(q, progress, q.default_language).messages]
        odd = [text for text in said if ", there" in text or "there!" in text or "{name}" in text]
        assert odd == [], questionnaire_id
