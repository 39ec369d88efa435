"""The commit rule (docs/developing.md, "Saving"): only the owner of a unit of work commits.

Views, commands and the few named units of work below commit; every service
and helper they call adds and flushes. A commit anywhere else would save part
of a change (or an audit entry without its change), so this test names it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import feedback_app

PACKAGE = Path(feedback_app.__file__).parent

# Units of work that are neither a view nor a command, and why each commits.
UNITS_OF_WORK = {
    # A person's conversation actions: both front doors share them, and an
    # answer is committed before anything listening for it runs.
    "conversation/service.py:start",
    "conversation/service.py:set_language",
    "conversation/service.py:_commit",
    # Keeping a staff session open, before the view runs (it must hold if the view fails).
    "auth/sessions.py:_load",
    # All that the person's invitation link does: saying its first screen was seen, moving to another device, starting again.
    "invitations/service.py:open_link",
    "invitations/service.py:mark_opened",
    "invitations/service.py:move_to_device",
    "invitations/service.py:start_again",
    # A receiver of `answer_stored`, after the answer was committed.
    "invitations/tasks.py:_on_answer_stored",
    # An alert is committed before its e-mail is tried; no transaction is
    # held while the mail server is talked to.
    "safeguarding/alerts.py:raise_alert",
    "safeguarding/alerts.py:email_alert",
    # A refused staff page is audited before the refusal; the view never runs.
    "access/views.py:refuse",
    # Ends a read's transaction.
    "database.py:reading",
    # `flask analyse` commits batch by batch.
    "answer_analysis.py:reanalyse",
    # `flask purge` commits batch by batch, so an interrupted purge keeps what it did.
    "retention.py:purge_batch",
}


def _commits(function: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "commit"
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "session"
        for node in ast.walk(function)
    )


def _is_view_or_command(function: ast.FunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in {"get", "post", "route", "command"}:
            return True
    return False


def committing_functions() -> set[str]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and _commits(node) and not _is_view_or_command(node):
                found.add(f"{path.relative_to(PACKAGE).as_posix()}:{node.name}")
    return found


def test_only_views_commands_and_named_units_of_work_commit():
    unexpected = committing_functions() - UNITS_OF_WORK
    assert not unexpected, (
        f"{sorted(unexpected)} commit, but services and helpers only flush: let the view or command "
        "that calls them commit, with its audit entry (docs/developing.md, 'Saving')"
    )


def test_every_named_unit_of_work_still_commits():
    assert UNITS_OF_WORK <= committing_functions()
