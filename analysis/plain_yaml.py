"""YAML as a council officer would read it: only true and false are booleans.

Plain YAML 1.1 reads `no`, `yes`, `on` and `off` as booleans (the "Norway
problem"), which would silently turn an answer "no" or the negator "no" into
False. Both the analysis word lists and the questionnaire files are read with
this loader. It uses libyaml's fast parser when PyYAML has it.
"""

from __future__ import annotations

import re
from typing import IO, Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlainYamlLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe YAML loader in which yes/no/on/off stay words."""


PlainYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PlainYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_plain_yaml(source: str | IO[str]) -> Any:
    """Parse YAML text safely, keeping yes/no/on/off as strings. Raises yaml.YAMLError."""
    return yaml.load(source, Loader=PlainYamlLoader)  # noqa: S506 - a safe loader
