"""Two workers (or hosts) raising an alert for the same words at once store one alert."""

from __future__ import annotations

import threading

from sqlalchemy import delete, event, select

from feedback_app.conversation import service
from feedback_app.extensions import db
from feedback_app.models import Answer, SafeguardingAlert
from feedback_app.safeguarding import alerts

from .conftest import DISCLOSURE, say_through_api, start_anonymous, stored_alerts


def test_two_workers_raising_for_the_same_words_at_once_store_one_alert(app, client):
    token = start_anonymous(client).removeprefix("/c/")
    say_through_api(client, token, DISCLOSURE)
    with app.app_context():
        # As if storing the alert had failed with the answer: two sweeps now find it missing.
        db.session.execute(delete(SafeguardingAlert))
        db.session.commit()
        question_id, analysis = db.session.execute(
            select(Answer.question_id, Answer.analysis).where(Answer.analysis["concern"].as_string().is_not(None))
        ).one()

    # Each looks for an alert already there; without one lock around look and
    # insert, both would look before either inserts. The barrier gives up after
    # two seconds when only one can get there (the other is waiting for the lock).
    both_looking = threading.Barrier(2, timeout=2)

    def meet_at_the_look(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("SELECT safeguarding_alerts.id"):
            try:
                both_looking.wait()
            except threading.BrokenBarrierError:
                pass

    raised: list[object] = []

    def sweep() -> None:
        with app.app_context():
            try:
                raised.append(alerts.raise_alert(service.find(token), question_id, DISCLOSURE, analysis))
            finally:
                db.session.remove()

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", meet_at_the_look)
    try:
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        event.remove(engine, "before_cursor_execute", meet_at_the_look)

    assert len(raised) == 2 and sum(alert is not None for alert in raised) == 1
    assert len(stored_alerts(app)) == 1
