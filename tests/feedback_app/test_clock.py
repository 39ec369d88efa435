"""One clock: the service reads the time only through feedback_app/clock.py, so one fake moves it all."""

from __future__ import annotations

import re
from pathlib import Path

import feedback_app
from feedback_app import clock
from feedback_app.models import utcnow
from feedback_app.safeguarding import alerts

PACKAGE = Path(feedback_app.__file__).parent
READS_THE_TIME = re.compile(r"\b(datetime\.now|datetime\.utcnow|date\.today|time\.time|time\.monotonic)\(")


def test_nothing_but_the_clock_reads_the_time():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if READS_THE_TIME.search(line)
    ]
    assert found == [], f"read the time with clock.now(), so that tests can move it: {found}"


def test_the_fake_clock_moves_rules_and_stored_timestamps_alike(fake_clock):
    fake_clock.advance(days=3)
    assert clock.now() == utcnow() == alerts.now() == fake_clock.current
