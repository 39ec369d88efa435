"""The template filters every page may use, registered in one loop (as GOV.UK Notify does).

Staff read every time through `uk_time`, in UK time (GMT or BST, whichever
was in force then): timestamps are stored in UTC, and a page that showed
UTC would be an hour out for half the year.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from flask import Flask
from markupsafe import Markup, escape

from .questionnaire.titles import questionnaire_name
from .vocabulary import UK_TIME, age_band_name, audience_name, concern_name, finding_name, sentiment_name, theme_name

# How a moment is written, by where it is shown.
TIME_STYLES = {
    "time": "%d %b %Y %H:%M",  # 04 May 2026 10:00: lists and tables
    "day": "%d %b %Y",  # 04 May 2026
    "long_day": "%d %B %Y",  # 04 May 2026, in a sentence
    "weekday": "%A %d %B %Y",  # Monday 04 May 2026: a review's date on a letter
    "weekday_time": "%a %d %b %Y, %H:%M",  # Mon 04 May 2026, 10:00: a safeguarding deadline
    "exact": "%Y-%m-%d %H:%M:%S",  # the audit log
    "email": "%A %d %B %Y at %H:%M (UK time)",
}


def uk_time(moment: datetime | date | None, style: str = "time") -> str:
    """A stored moment as staff in England read it, in UK time; a plain date as it is.

    Raises KeyError for an unknown style, and ValueError for a datetime
    without a time zone (every stored one has UTC).
    """
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError("a time without a time zone can't be shown in UK time")
        moment = moment.astimezone(UK_TIME)
    return moment.strftime(TIME_STYLES[style])


# The help lines a child may need to ring at once, as written in our words,
# and the number a phone dials. Only these become links: nothing else a
# message says is turned into markup.
HELP_NUMBERS = {"0800 1111": "08001111", "999": "999"}
_TEL_LINK = Markup('<a class="tel" href="tel:{}">{}</a>')
_HELP_NUMBER = re.compile(r"(?<![\d\w])(" + "|".join(re.escape(n) for n in HELP_NUMBERS) + r")(?![\d\w])")


def help_number_links(text: str) -> Markup:
    """`text`, escaped, with Childline's and the emergency number as tel: links,
    so that a child can tap to call instead of copying digits."""
    parts, done = [], 0
    for found in _HELP_NUMBER.finditer(text):
        parts += [escape(text[done : found.start()]), _TEL_LINK.format(HELP_NUMBERS[found.group(1)], found.group(1))]
        done = found.end()
    return Markup("").join([*parts, escape(text[done:])])


FILTERS = {
    "uk_time": uk_time,
    "help_number_links": help_number_links,
    "audience_name": audience_name,
    "age_band_name": age_band_name,
    "theme_name": theme_name,
    "sentiment_name": sentiment_name,
    "concern_name": concern_name,
    "finding_name": finding_name,
    "questionnaire_name": questionnaire_name,
}


def init_app(app: Flask) -> None:
    for name, function in FILTERS.items():
        app.add_template_filter(function, name)
