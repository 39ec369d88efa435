"""Staff sign-in, sessions, passwords and accounts.

Who may see what is decided in `feedback_app.access`; this package only says
who is signed in. Before every request `access.refuse_undeclared` refuses a
/staff/ page that names no capability.
"""

from flask import Blueprint

from ..access import current_policy, refuse_undeclared
from .sessions import current_user

bp = Blueprint("auth", __name__, url_prefix="/staff")
bp.before_app_request(refuse_undeclared)


@bp.app_context_processor
def _staff_context() -> dict:
    # A function, not a value: only staff templates call it, so chat pages never touch the session table.
    return {"current_staff_user": current_user, "role_names": current_policy().account_roles()}


from . import routes  # noqa: E402,F401 - routes attach themselves to bp

__all__ = ["bp", "current_user"]
