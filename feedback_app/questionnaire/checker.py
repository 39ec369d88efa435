"""The one questionnaire checker, behind `python -m feedback_app.questionnaire`
and `flask --app feedback_app check-questionnaires`.

Both read the same folder the service would (FLASK_QUESTIONNAIRES_DIR, or the
default in config.Defaults) and say the same things about it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .loader import LoadedQuestionnaire, QuestionnaireError, load_directory


def check(
    folder: Path,
    say: Callable[[str], object],
    complain: Callable[[str], object],
    note: Callable[[LoadedQuestionnaire], str] = lambda loaded: "",
) -> bool:
    """Load every file in `folder`; `say` one line for each, or `complain` of every problem.

    `note` may add a warning to a file's line. Returns whether every file is good.
    """
    try:
        loaded = load_directory(folder)
    except QuestionnaireError as error:
        complain(f"Problems in {folder}:\n{error}")
        return False
    for item in loaded.values():
        q = item.questionnaire
        say(f"ok  {item.path.name}: {q.id} v{q.version}, {len(q.questions)} questions{note(item)}")
    return True
