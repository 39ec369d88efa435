"""Where people stop across every questionnaire at once, as the annual report counts it."""

from datetime import timedelta

from feedback_app.access import COMMAND_LINE
from feedback_app.models import utcnow
from feedback_app.periods import Period
from feedback_app.responses import drop_off, stopped_at
from tests.feedback_app.responses.builders import CHILDREN, YOUNG_PEOPLE, converse, young_people_stopping


def test_one_query_finds_the_same_stops_as_each_questionnaires_drop_off(app):
    two_days_ago = utcnow() - timedelta(days=2)
    with app.app_context():
        young_people_stopping(started=two_days_ago)
        converse(CHILDREN, {"home": "good"}, send=False, started=two_days_ago)
        found = stopped_at(COMMAND_LINE, Period())
        each = {
            (questionnaire_id, step.question_id): step.stopped
            for questionnaire_id in (YOUNG_PEOPLE, CHILDREN)
            for step in drop_off(COMMAND_LINE, questionnaire_id, Period()).steps
            if step.stopped
        }
    assert found == each
    assert found[YOUNG_PEOPLE, "home"] == 1
    assert found[YOUNG_PEOPLE, "going_well"] == 2
    assert found[CHILDREN, "home"] == 1
