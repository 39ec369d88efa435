"""Shared fixtures are asked for by name, never imported (docs/developing.md, "Tests").

An imported fixture is a second copy of it in the importing module, which
shadows the shared one and needs `# noqa` to get past the linter twice.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from tests import conftest

TESTS = Path(__file__).parent


def _is_fixture(value: object) -> bool:
    return hasattr(value, "_pytestfixturefunction") or type(value).__name__ == "FixtureFunctionDefinition"


def shared_fixtures() -> dict[str, set[str]]:
    """Each plugin module's fixture names."""
    found = {}
    for name in conftest.pytest_plugins:
        module = importlib.import_module(name)
        found[name] = {attribute for attribute, value in vars(module).items() if _is_fixture(value)}
    return found


def test_the_plugins_hold_the_shared_fixtures():
    assert {"make_account", "fake_clock", "fast_hashing"} <= shared_fixtures()["tests.feedback_app.auth.staff_helpers"]


def test_no_test_module_imports_a_shared_fixture():
    fixtures = shared_fixtures()
    imported = [
        f"{path.relative_to(TESTS)}:{node.lineno}: {alias.name}"
        for path in sorted(TESTS.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module in fixtures
        for alias in node.names
        if alias.name in fixtures[node.module]
    ]
    assert imported == [], f"ask for these fixtures by name instead of importing them: {imported}"
