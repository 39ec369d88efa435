"""Words the analysis could not read reach the safeguarding queue for a person to read."""

from feedback_app.safeguarding.alerts import NEEDS_READING
from feedback_app.vocabulary import concern_name

from .conftest import say_through_api, start_anonymous, stored_alerts

POLISH = "Nie czuję się bezpiecznie w domu, boję się ojczyma"  # I don't feel safe at home, I'm afraid of my stepfather


def test_an_answer_in_a_language_the_analysis_cannot_read_raises_an_alert_to_read_it(app, client):
    token = start_anonymous(client).removeprefix("/c/")
    say_through_api(client, token, POLISH)
    (alert,) = stored_alerts(app)
    assert alert.category == NEEDS_READING
    assert alert.text == POLISH
    assert "needs a person to read" in concern_name(alert.category).lower()


def test_an_english_answer_with_no_concern_raises_nothing(app, client):
    token = start_anonymous(client).removeprefix("/c/")
    say_through_api(client, token, "my carers are lovely and the food is good")
    assert stored_alerts(app) == []
