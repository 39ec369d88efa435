"""SQL conditions on what answers and analyses are stored as: JSON.

The staff pages, the quote bank and the Children in Care Council view all
filter on a stored choice, a theme or a sentiment. These compare the JSON as
text, which SQLite and PostgreSQL write the same way for the short
identifiers compared.
"""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, Text, cast

from .models import Answer


def json_text(column) -> ColumnElement[str]:
    """A JSON value as its text: '"yes"', '["home", "school"]'."""
    return cast(column, Text)


def json_list_holds(column, item: str) -> ColumnElement[bool]:
    """A JSON list (of identifiers) holds `item`."""
    return json_text(column).contains(json.dumps(item), autoescape=True)


def has_theme(theme: str) -> ColumnElement[bool]:
    return json_list_holds(Answer.analysis["themes"], theme)


def has_sentiment(sentiment: str) -> ColumnElement[bool]:
    return Answer.analysis["sentiment"].as_string() == sentiment


__all__ = ["has_sentiment", "has_theme", "json_list_holds", "json_text"]
