"""Features through their front doors (docs/developing.md, "Features and what they share").

A feature package (a blueprint: chat/, api/, staff/, invitations/, ...) is used
by the rest of the service only through its package `__init__`: what it
imports, or names in `__all__`. Its other modules are its own business, so
they can change without breaking a feature that leaned on them. What several
features need lives in a shared package or module, listed here; this test
reads every import and names any that reaches into another feature.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import feedback_app

PACKAGE = Path(feedback_app.__file__).parent

# Packages every feature builds on, whose modules anyone may import: the
# access policy, the conversation engine and service, the tables, the question
# types and the questionnaire files. (Top-level modules such as charts.py,
# periods.py, stored_json.py, vocabulary.py, audit.py are shared too.)
SHARED_PACKAGES = {"access", "conversation", "migrations", "models", "question_types", "questionnaire"}

# Modules that reach inside features on purpose, and why.
REACHES_IN = {
    # The one list of commands: each is written beside its feature (docs/developing.md, "Commands").
    "commands.py",
}


def feature_packages(package: Path = PACKAGE) -> set[str]:
    packages = {path.parent.name for path in package.glob("*/__init__.py")}
    return packages - SHARED_PACKAGES


def _front_door(package: Path, feature: str) -> set[str]:
    """The names a feature's `__init__` imports or lists in `__all__`."""
    tree = ast.parse((package / feature / "__init__.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
                names.update(ast.literal_eval(node.value))
    return names


def _absolute(relative: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = ["feedback_app", *relative.parent.parts]
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_submodule(package: Path, feature: str, name: str) -> bool:
    return (package / feature / f"{name}.py").exists() or (package / feature / name / "__init__.py").exists()


def back_doors(package: Path = PACKAGE) -> list[str]:
    """Every import of a feature's module from outside that feature, as 'file:line: what'."""
    features = feature_packages(package)
    doors = {feature: _front_door(package, feature) for feature in features}
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.as_posix() in REACHES_IN:
            continue
        home = relative.parts[0] if len(relative.parts) > 1 else None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                imported = [(_absolute(relative, node), alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                imported = [(alias.name, None) for alias in node.names]
            else:
                continue
            for module, name in imported:
                parts = module.split(".")
                if parts[0] != "feedback_app" or len(parts) < 2 or parts[1] not in features or parts[1] == home:
                    continue
                feature = parts[1]
                if len(parts) > 2:
                    found.append(f"{relative}:{node.lineno}: imports {module}")
                elif name and _is_submodule(package, feature, name) and name not in doors[feature]:
                    found.append(f"{relative}:{node.lineno}: imports the module {feature}.{name}")
    return list(dict.fromkeys(found))


def test_features_use_each_other_only_through_their_package():
    found = back_doors()
    assert not found, (
        "These reach inside another feature. Import what you need from the feature's package "
        "(and add it to that package's __init__), or move what several features share to a "
        "shared module (docs/developing.md, 'Features and what they share'):\n" + "\n".join(found)
    )


def test_the_check_sees_each_kind_of_back_door(tmp_path):
    # A copy of the package with three back doors: a module by path, a module by name, a late import.
    copy = tmp_path / "feedback_app"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "templates", "__pycache__"))
    quotes = copy / "quotes" / "routes.py"
    lines = len(quotes.read_text(encoding="utf-8").splitlines())
    with quotes.open("a", encoding="utf-8") as added:
        added.write("from ..responses.queries import totals\nfrom ..responses import queries\n")
        added.write("def late():\n    from feedback_app.invitations.routes import open_link\n")
    assert [line for line in back_doors(copy) if line.startswith("quotes/routes.py")] == [
        f"quotes/routes.py:{lines + 1}: imports feedback_app.responses.queries",
        f"quotes/routes.py:{lines + 2}: imports the module responses.queries",
        f"quotes/routes.py:{lines + 4}: imports feedback_app.invitations.routes",
    ]


def test_every_feature_is_a_blueprint_package():
    # If a shared package grew a blueprint, it would be a feature, and the list above would be wrong.
    for shared in SHARED_PACKAGES - {"migrations"}:
        init = (PACKAGE / shared / "__init__.py").read_text(encoding="utf-8")
        assert "Blueprint(" not in init, f"{shared}/ registers a blueprint, so it is a feature, not shared"
