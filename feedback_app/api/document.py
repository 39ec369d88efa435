"""The API's OpenAPI document (openapi.yaml), read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

OPENAPI = Path(__file__).with_name("openapi.yaml")


@cache
def document() -> dict:
    return yaml.safe_load(OPENAPI.read_text("utf-8"))


def question_types_named() -> set[str]:
    """The question types the document tells other front ends about."""
    return set(document()["components"]["schemas"]["Question"]["properties"]["type"]["enum"])
