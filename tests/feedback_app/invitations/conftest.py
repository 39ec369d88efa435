"""The invitation tests run the app with two small test questionnaires, on the fake clock."""

import pytest

from tests.feedback_app.auth.staff_helpers import FakeClock
from tests.feedback_app.invitations.helpers import SETTINGS


@pytest.fixture
def app_settings() -> dict[str, object]:
    return SETTINGS


@pytest.fixture(autouse=True)
def clock(fake_clock: FakeClock) -> FakeClock:
    """Every test here runs on the fake clock (4 May 2026)."""
    return fake_clock
