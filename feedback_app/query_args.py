"""What staff pages read from a query string, checked in one place: page numbers and dates.

Anyone can type a query string. A value the database or the calendar cannot
hold (`page=99999999999999999999`, `end=9999-12-31`, `start=0001-01-01`) must
never reach a query or a date sum, where it would be a 500. So:

- a page number is clamped: not a number, or below 1, is page 1; above
  MAX_PAGE is MAX_PAGE (a page past the end is simply empty);
- a code (an audit action, say) that is not a plain short code is no filter;
- a date outside EARLIEST_DAY..LATEST_DAY is a clear error on the filter form,
  that filter is left out, and the page answers 400 (`status_of`), as it does
  for any other value the form refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from flask import request
from wtforms import Form
from wtforms.validators import ValidationError

# Far past any real list (25 to 50 rows a page), far below any integer limit.
MAX_PAGE = 100_000
# Nothing the service stores is older than this, and no review is later.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)
CODE = re.compile(r"[a-z0-9_-]{1,64}")
OUT_OF_RANGE = f"Choose a date between {EARLIEST_DAY.year} and {LATEST_DAY.year}."


def page_number(args: Mapping[str, str] | None = None) -> int:
    """The `page` asked for, clamped to 1..MAX_PAGE; anything that is not a whole number is 1."""
    raw = (request.args if args is None else args).get("page", "")
    if not (raw.isascii() and raw.isdigit()):
        return 1
    # A long run of digits is past MAX_PAGE whatever it says (and int() of it would be slow).
    return MAX_PAGE if len(raw) > len(str(MAX_PAGE)) else min(max(int(raw), 1), MAX_PAGE)


def code(name: str, args: Mapping[str, str] | None = None) -> str:
    """A short code from the query string (an audit action, a status): lower-case letters,
    digits, "_" and "-", at most 64; anything else is "" (no filter). A NUL byte, say,
    would otherwise reach PostgreSQL, which refuses it with an error."""
    raw = (request.args if args is None else args).get(name, "").strip()
    return raw if CODE.fullmatch(raw) else ""


def check_day(day: date) -> None:
    """Raises ValueError (saying which dates work) for a day the service cannot sensibly hold."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(OUT_OF_RANGE)


def day_in_range(_form: Form, field) -> None:
    """A WTForms validator for a DateField: the day, if given, lies in EARLIEST_DAY..LATEST_DAY."""
    if field.data is not None:
        try:
            check_day(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def status_of(form: Form) -> int:
    """400 if the filter form refused something in the query string (the page says what), else 200."""
    return 400 if form.errors else 200


__all__ = ["EARLIEST_DAY", "LATEST_DAY", "MAX_PAGE", "check_day", "code", "day_in_range", "page_number", "status_of"]
