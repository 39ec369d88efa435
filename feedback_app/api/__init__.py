"""The JSON API, version 1: the same conversation engine as the chat pages.

At start-up it checks that its document (openapi.yaml) names exactly the
service's question types, so other front ends are told of every one.
"""

from flask import Blueprint
from flask.sansio.blueprints import BlueprintSetupState

from ..question_types import QUESTION_TYPES
from .document import question_types_named

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.record_once
def _document_names_every_question_type(state: BlueprintSetupState) -> None:
    named = question_types_named()
    if named != set(QUESTION_TYPES):
        raise RuntimeError(
            f"The API document (api/openapi.yaml, Question.type) names {sorted(named)}, "
            f"but the question types are {sorted(QUESTION_TYPES)}: make them agree."
        )


from . import routes  # noqa: E402,F401 - routes attach themselves to bp
