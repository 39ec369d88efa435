"""Check questionnaire files without starting the service.

    python -m feedback_app.questionnaire [FOLDER]

Prints one line per file, or every problem (file, question, what is wrong),
and exits 1 if there is any. `flask --app feedback_app check-questionnaires`
does the same checks, but a broken file stops the app from loading first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..config import Defaults
from .loader import QuestionnaireError, load_directory


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(Defaults.QUESTIONNAIRES_DIR)
    try:
        loaded = load_directory(folder)
    except QuestionnaireError as error:
        print(f"Problems in {folder}:\n{error}", file=sys.stderr)
        return 1
    for item in loaded.values():
        q = item.questionnaire
        print(f"ok  {item.path.name}: {q.id} v{q.version}, {len(q.questions)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
