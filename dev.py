#!/usr/bin/env python3
"""One command for everything a developer does. Needs only Python 3.11+.

    python3 dev.py serve       set up, then run the service on http://127.0.0.1:5000
                               with demo data and demo staff logins (SQLite)
    python3 dev.py test        set up, then run the whole test suite
    python3 dev.py bench       run the benchmarks (they print figures)
    python3 dev.py lint        check the code with ruff

Set-up makes a virtual environment in .venv and installs the project into it
(`pip install -e ".[test]"`), again only when pyproject.toml has changed.
Extra arguments after `test` go to pytest, e.g. `python3 dev.py test -k engine`.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def set_up() -> None:
    """Create .venv and install the project, if that has not been done for this pyproject."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing the project and its test tools (pip install -e \".[test]\") ...", flush=True)
        run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        run([PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]"])
        STAMP.write_text(wanted)


def run(command: list, env: dict | None = None) -> None:
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def flask(*args: str, env: dict) -> None:
    run([PYTHON, "-m", "flask", "--app", "feedback_app", *args], env=env)


def serve() -> None:
    env = dict(os.environ, FLASK_LOCAL_DEV="true")
    env.setdefault("SECRET_KEY", _local_secret())
    port = os.environ.get("PORT", "5000")
    env.setdefault("FLASK_PUBLIC_BASE_URL", f"http://127.0.0.1:{port}")
    flask("init-db", env=env)
    flask("seed-demo-staff", env=env)
    flask("seed-demo", env=env)
    print(f"\nOpen http://127.0.0.1:{port}/start/young-person-before-review to try the conversation,")
    print(f"or http://127.0.0.1:{port}/staff/ to sign in with a demo staff login (listed above).\n", flush=True)
    flask("run", "--host", "127.0.0.1", "--port", port, env=env)


def test(extra: list[str]) -> None:
    run([PYTHON, "-m", "pytest", *extra])


def bench() -> None:
    run([PYTHON, "benchmarks/hot_paths.py"])
    run([PYTHON, "benchmarks/analysis_speed.py"])


def lint() -> None:
    run([BIN / "ruff", "check", "."])


def _local_secret() -> str:
    """A random secret kept in the instance folder, so local sign-ins survive a restart."""
    path = ROOT / "instance" / "local-secret-key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def main() -> None:
    command, *extra = sys.argv[1:] or ["help"]
    if command not in {"serve", "test", "bench", "lint"}:
        sys.exit(__doc__)
    set_up()
    if command == "serve":
        serve()
    elif command == "test":
        test(extra)
    elif command == "lint":
        lint()
    else:
        bench()


if __name__ == "__main__":
    main()
