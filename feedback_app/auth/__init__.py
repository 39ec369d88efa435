"""Staff sign-in, sessions, passwords and roles.

Other features protect their pages with `requires_role` and ask
`can_view_conversation` before showing one person's answers.
"""

from flask import Blueprint

from .roles import ROLES, can_view_conversation, public_staff_page, refuse_undeclared, requires_role
from .sessions import current_user

bp = Blueprint("auth", __name__, url_prefix="/staff")
bp.before_app_request(refuse_undeclared)


@bp.app_context_processor
def _staff_context() -> dict:
    # A function, not a value: only staff templates call it, so chat pages never touch the session table.
    return {"current_staff_user": current_user, "role_names": ROLES}


from . import routes  # noqa: E402,F401 - routes attach themselves to bp

__all__ = ["ROLES", "bp", "can_view_conversation", "current_user", "public_staff_page", "requires_role"]
