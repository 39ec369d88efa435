"""Check questionnaire files without starting the service.

    python -m feedback_app.questionnaire [FOLDER]

FOLDER defaults to the one the service reads (FLASK_QUESTIONNAIRES_DIR, or
questionnaires/). Prints one line per file, or every problem (file,
question, what is wrong), and exits 1 if there is any. `flask --app
feedback_app check-questionnaires` runs the same checker.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config import questionnaires_dir
from .checker import check


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else questionnaires_dir()
    good = check(folder, say=print, complain=lambda problem: print(problem, file=sys.stderr))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
