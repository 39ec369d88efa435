from tests.feedback_app.auth.staff_helpers import fake_clock, fast_hashing, make_account  # noqa: F401
from tests.feedback_app.responses.builders import app  # noqa: F401
