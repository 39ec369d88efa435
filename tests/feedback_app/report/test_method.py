from pathlib import Path

from analysis import analyse
from analysis.evaluate import evaluate, read_labelled
from feedback_app.report.method import ACCURACY

HELD_OUT = Path(__file__).parents[2] / "analysis" / "data" / "held_out.jsonl"


def test_the_accuracy_the_report_states_is_what_the_analyser_measures_on_the_held_out_answers():
    lines = read_labelled(HELD_OUT)
    found = evaluate(lines, [analyse(line.text) for line in lines])
    stated = (ACCURACY.answers, ACCURACY.sentiment_accuracy, ACCURACY.theme_micro_f1, ACCURACY.concern_recall)
    measured = (found["n"], found["sentiment_accuracy"], found["theme_micro_f1"], found["concern_recall"])
    assert stated == measured, "re-measure and update feedback_app/report/method.py"
