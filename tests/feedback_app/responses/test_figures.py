"""Closed questions' answers as figures per option, with a chart."""

import pytest

from feedback_app.access import COMMAND_LINE
from feedback_app.periods import Period
from feedback_app.responses.figures import closed_question_figures
from tests.feedback_app.auth.staff_helpers import sign_in_quickly
from tests.feedback_app.responses.builders import YOUNG_PEOPLE, converse


@pytest.fixture
def answered(app):
    with app.app_context():
        converse(YOUNG_PEOPLE, {"home": "good", "talk_about": ["home", "school"]})
        converse(YOUNG_PEOPLE, {"home": "good", "talk_about": ["home"]})
        converse(YOUNG_PEOPLE, {"home": "great"})
        converse(YOUNG_PEOPLE, {"home": "not_good", "talk_about": ["family"]}, send=False)  # not sent: not counted


def figures_for(app, question_id):
    with app.app_context():
        figures = {f.question_id: f for f in closed_question_figures(COMMAND_LINE, YOUNG_PEOPLE, Period())}
    return figures[question_id]


def test_each_option_of_a_single_choice_question_is_counted(app, answered):
    home = figures_for(app, "home")
    assert [(o.value, o.count, o.share) for o in home.options] == [
        ("great", 1, "33%"), ("good", 2, "67%"), ("ok", 0, "0%"), ("not_good", 0, "0%"),
    ]  # fmt: skip
    assert (home.answered, home.skipped) == (3, 0)


def test_each_option_of_a_multiple_choice_question_is_counted_once_per_person_who_chose_it(app, answered):
    talk_about = figures_for(app, "talk_about")
    assert [(o.value, o.count, o.share) for o in talk_about.options] == [
        ("home", 2, "100%"), ("family", 0, "0%"), ("school", 1, "50%"),
    ]  # fmt: skip
    assert (talk_about.answered, talk_about.skipped) == (2, 1)


def test_free_text_questions_have_no_figures(app, answered):
    with app.app_context():
        ids = [f.question_id for f in closed_question_figures(COMMAND_LINE, YOUNG_PEOPLE, Period())]
    assert ids == ["home", "talk_about", "quote"]


def test_the_page_draws_a_chart_per_question_with_labels_and_figures_as_text(app, client, make_account, answered):
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get(f"/staff/responses/figures?questionnaire={YOUNG_PEOPLE}").get_data(as_text=True)
    assert 'aria-labelledby="chart-home-title chart-home-desc"' in html
    assert ">🙂 Good</text>" in html and ">2 (67%)</text>" in html
    assert '<desc id="chart-home-desc">3 answered, 0 skipped. 😀 Great: 1 (33%); 🙂 Good: 2 (67%)' in html


def test_each_questions_title_is_printed_once_and_bars_are_its_share_of_those_who_answered(
    app, client, make_account, answered
):
    sign_in_quickly(app, client, make_account("iro_manager"))
    html = client.get(f"/staff/responses/figures?questionnaire={YOUNG_PEOPLE}").get_data(as_text=True)
    section = html[html.index('id="figures-home"') : html.index('id="figures-talk_about"')]
    text = section[section.index("<h2>") + 4 : section.index("</h2>")]
    assert section.count(f">{text}<") == 2  # the heading, and the picture's own <title> for screen readers
    assert "<figcaption" not in section
    room = 560 - 110
    # "2 (67%)" of 3 answers is two thirds of the width, "1 (33%)" one third: not full width for the largest.
    assert f'width="{round(room * 2 / 3, 1)}"' in section and f'width="{round(room / 3, 1)}"' in section
