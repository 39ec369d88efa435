"""The annual report for a reporting year: on screen at /staff/report, in Word,
in a spreadsheet, as a CSV of anonymised answers, and as charts.

- `year`: the reporting year, 1 April to 31 March, named "2026-27".
- `figures`: the year's figures, counted by the database.
- `change`: whether a share changed meaningfully (Newcombe's interval).
- `sections` and `summary`: the report laid out, with the small-numbers rule.
- `counted_months`: the answer counts kept per month (`keep_every_month`).
- `routes`: the page and its downloads; `commands`: `flask annual-report`.
"""

from flask import Blueprint

bp = Blueprint("report", __name__, url_prefix="/staff/report")

from . import routes  # noqa: E402,F401 - routes attach themselves to bp
from .counted_months import keep_every_month  # noqa: E402 - for the commands that change data in bulk
from .demo import seed_two_years  # noqa: E402 - for the demo data

__all__ = ["bp", "keep_every_month", "seed_two_years"]
