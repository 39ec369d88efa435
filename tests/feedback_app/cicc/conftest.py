"""The Children in Care Council view tests run the app with the reporting tests' own questionnaires (tests/feedback_app/responses/builders.py)."""

import pytest

from tests.feedback_app.responses.builders import SETTINGS


@pytest.fixture
def app_settings() -> dict[str, object]:
    return SETTINGS
