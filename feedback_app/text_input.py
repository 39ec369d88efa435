"""Text as it comes in: one rule, applied at every door.

A child's words may arrive with a character no database or page can hold:
a lone UTF-16 surrogate (``"\\udc00"`` is valid JSON, but not text), a NUL
byte (PostgreSQL refuses it in text), another control character, or a
noncharacter (U+FFFE and the like, which HTML counts as an error). Such a
character once stopped a disclosure's alert from being stored while the
child was told that someone would be told.

We **replace** each such character with U+FFFD (the replacement character,
shown as �) rather than refuse the answer with a 400: a child who has just
found the courage to write what is happening must never be turned away for a
stray byte they cannot see, and the words around it are what a safeguarding
lead needs to read. Tab and newline are kept; a carriage return (browsers send
a textarea's lines as CRLF) becomes a newline. Everything else (emoji,
combining marks, right-to-left text and its direction marks) is kept as sent.

The doors, each calling `clean` (docs/safeguarding.md):

- forms: `CleanRequest`, the app's request class, cleans every posted field;
- the JSON API: `api.requests.json_object` cleans the parsed body (`clean_data`);
- commands: text options use the click type `TEXT`;
- the database: `models.words` cleans on the way in and out, so that a row
  stored before this rule existed can still be shown, exported and alerted on.
"""

from __future__ import annotations

import re
from typing import Any

import click
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict

REPLACEMENT = "\ufffd"

# C0 controls but tab (\x09) and newline (\x0a), DEL and the C1 controls, every
# surrogate code point (which in a Python str can only be a lone one), and the
# noncharacters (U+FDD0-U+FDEF and the last two of each plane), which are not
# text and which HTML counts as an error.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
_UNWANTED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


def clean(text: str) -> str:
    """`text` with line endings made "\\n" and every unwanted character replaced by U+FFFD."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNWANTED.search(text) is None:
        return text
    return _UNWANTED.sub(REPLACEMENT, text)


def clean_data(value: Any) -> Any:
    """`value` (as parsed from JSON) with every string in it cleaned, keys too."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    if isinstance(value, tuple):
        return tuple(clean_data(item) for item in value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    return value


class CleanRequest(Request):
    """Flask's request, with every posted form field cleaned as it is parsed.

    Form bodies cannot carry a lone surrogate (werkzeug already decodes bad
    UTF-8 to U+FFFD), but they can carry NUL and other control characters.
    """

    def _load_form_data(self) -> None:
        super()._load_form_data()
        form = self.__dict__.get("form")
        if form:
            self.__dict__["form"] = ImmutableMultiDict(
                [(clean(key), clean(value)) for key, value in form.items(multi=True)]
            )


class CleanText(click.ParamType):
    """A command's text option or argument, cleaned like every other door's."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return clean(value if isinstance(value, str) else str(value))


TEXT = CleanText()

__all__ = ["REPLACEMENT", "TEXT", "CleanRequest", "clean", "clean_data"]
