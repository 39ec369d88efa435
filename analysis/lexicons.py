"""Loading the word lists in `analysis/data/`.

The lists are data, not code, so that a council officer can extend them (a new
piece of slang, a new theme word) without touching Python. Each file is read
once, at import of the module that needs it, and kept.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from analysis.plain_yaml import load_plain_yaml

DATA_DIR = Path(__file__).with_name("data")


class LexiconError(ValueError):
    """A data file in `analysis/data/` is missing or malformed.

    The message names the file and the entry, and says how to fix it.
    """


@cache
def load(name: str) -> dict[str, Any]:
    """Return the YAML mapping in `analysis/data/<name>.yaml`.

    Raises LexiconError if the file is missing, is not valid YAML, or does not
    hold a mapping at its top level.
    """
    path = DATA_DIR / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as handle:
            data = load_plain_yaml(handle)
    except FileNotFoundError:
        raise LexiconError(f"{path}: file not found; it ships with the analysis package") from None
    except yaml.YAMLError as error:
        raise LexiconError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping of sections at the top level")
    return data


def section(name: str, key: str, kind: type = dict) -> Any:
    """Return one section of a data file, checked to be a `kind` (dict or list).

    Raises LexiconError naming the file and section if it is absent or of the
    wrong shape.
    """
    data = load(name)
    if key not in data:
        raise LexiconError(f"{DATA_DIR / name}.yaml: section '{key}' is missing")
    value = data[key]
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise LexiconError(
            f"{DATA_DIR / name}.yaml: section '{key}' should be a {kind.__name__}, "
            f"found {type(value).__name__}"
        )
    return value
