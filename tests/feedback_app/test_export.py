"""export-responses: every stored answer as CSV, safe to open in a spreadsheet."""

import csv
import io

from feedback_app.conversation import service
from feedback_app.export import COLUMNS, neutralise

QID = "young-person-before-review"


def test_every_stored_answer_is_exported_with_the_agreed_columns(app, runner):
    with app.app_context():
        conversation = service.start(QID)
        service.record_answer(conversation, "home", "good")
        service.record_answer(conversation, "school", None, skip=True)
    result = runner.invoke(args=["export-responses", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0].keys()) == COLUMNS
    assert [(r["question_id"], r["answer"]) for r in rows] == [("home", "good"), ("school", "")]
    assert rows[0]["questionnaire"] == QID and rows[0]["audience"] == "child"
    assert rows[0]["questionnaire_version"] and rows[0]["answered_at"]
    assert rows[0]["invitation"] == ""


def test_the_export_never_contains_the_conversation_token(app, runner):
    with app.app_context():
        conversation = service.start(QID)
        token = conversation.token
        service.record_answer(conversation, "home", "good")
    assert token not in runner.invoke(args=["export-responses"]).stdout


def test_multiple_choice_answers_are_joined(app, runner):
    with app.app_context():
        conversation = service.start(QID)
        for question_id in ("home", "school", "going_well", "worries"):
            service.record_answer(conversation, question_id, None, skip=True)
        state = service.state_of(conversation)
        assert state.question.question.type == "multi_choice"
        options = [v for v, _, _ in state.question.options][:2]
        service.record_answer(conversation, state.question.question.id, options)
    rows = list(csv.DictReader(io.StringIO(runner.invoke(args=["export-responses"]).stdout)))
    assert rows[-1]["answer"] == "; ".join(options)


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(app, runner):
    with app.app_context():
        conversation = service.start(QID)
        for question_id in ("home", "school"):
            service.record_answer(conversation, question_id, "ok")
        service.record_answer(conversation, "going_well", '=HYPERLINK("http://evil","click")')
    output = runner.invoke(args=["export-responses"]).stdout
    assert "'=HYPERLINK" in output


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("I like it") == "I like it"
    assert neutralise("-1") == "'-1"
    assert neutralise("@me") == "'@me"


def test_a_formula_after_a_semicolon_or_tab_is_neutralised_for_spreadsheets_that_split_there():
    assert neutralise('ok;=HYPERLINK("http://evil")') == "ok;'=HYPERLINK(\"http://evil\")"
    assert neutralise("fine\t+cmd|' /C calc'!A0") == "fine\t'+cmd|' /C calc'!A0"
    assert neutralise("a, -2+3") == "a, '-2+3"
    assert neutralise(" =1+1") == "' =1+1"
    assert neutralise("good; bad") == "good; bad"


def test_every_exported_cell_is_quoted_so_a_semicolon_splits_nothing(app, runner):
    with app.app_context():
        conversation = service.start(QID)
        service.record_answer(conversation, "home", "ok")
    lines = runner.invoke(args=["export-responses"]).stdout.splitlines()
    assert all(line.startswith('"') and line.endswith('"') for line in lines)
