"""The chat pages: the conversation as a web page that works without JavaScript.

`drawn_parts` gives the API the page's changing parts, drawn by the same
templates, for chat.js. At start-up the chat checks that every question type
has its partial (templates/chat/answers/<type>.html) and no partial is left
without a type.
"""

from pathlib import Path

from flask import Blueprint
from flask.sansio.blueprints import BlueprintSetupState
from jinja2 import TemplateNotFound

from ..question_types import QUESTION_TYPES
from .parts import drawn_parts

bp = Blueprint("chat", __name__)


@bp.record_once
def _every_type_has_a_partial(state: BlueprintSetupState) -> None:
    app = state.app
    problems = []
    for handler in QUESTION_TYPES.values():
        try:
            app.jinja_env.get_template(handler.partial)
        except TemplateNotFound:
            problems.append(f"the question type {handler.name!r} has no template {handler.partial}")
    folder = Path(app.root_path, app.template_folder or "templates", "chat", "answers")
    spare = {path.stem for path in folder.glob("[!_]*.html")} - set(QUESTION_TYPES)
    problems += [f"chat/answers/{name}.html is for a question type that has no handler" for name in sorted(spare)]
    if problems:
        raise RuntimeError("A question type is not complete:\n" + "\n".join(problems))

from .forms import AnswerForm  # noqa: E402
from .routes import begin_from_first_screen, first_screen_page, moved_on  # noqa: E402 - routes attach themselves to bp

# For an invitation's link, whose first screen is the chat's own.
__all__ = ["AnswerForm", "begin_from_first_screen", "bp", "drawn_parts", "first_screen_page", "moved_on"]
