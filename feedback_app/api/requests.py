"""Reading JSON request bodies strictly, with errors a person can act on."""

from __future__ import annotations

import json
from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from ..text_input import clean_data


class RequestProblem(BadRequest):
    """A 400 whose description is shown to the client as `{"error": ...}`."""


def json_object(allowed: set[str]) -> dict[str, Any]:
    """The request's JSON object, checked for encoding, shape and known keys.

    Raises UnsupportedMediaType (415) or RequestProblem (400). Too large a body
    is refused earlier by MAX_CONTENT_LENGTH (413).
    """
    if request.mimetype != "application/json":
        # Also keeps other sites' plain HTML forms from posting here.
        raise UnsupportedMediaType("Send a JSON body with the header Content-Type: application/json.")
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestProblem("The request body is not valid UTF-8 text.") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise RequestProblem("The JSON is nested too deeply.") from None
    except ValueError as error:
        raise RequestProblem(f"The request body is not valid JSON ({error}).") from None
    if not isinstance(data, dict):
        raise RequestProblem("The request body should be a JSON object (in curly brackets).")
    # JSON can carry what text can't ("\\udc00", "\\u0000"): replaced, not refused (text_input.py).
    data = clean_data(data)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RequestProblem(
            f"Unknown field {unknown[0]!r}. This request takes: {', '.join(sorted(allowed))}."
        )
    return data


def optional_string(data: dict[str, Any], key: str, limit: int = 200) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise RequestProblem(f"{key!r} should be a short string.")
    return value
