"""Staff sign-in, sessions, passwords and accounts.

Who may see what is decided in `feedback_app.access`; this package only says
who is signed in, and keeps the staff accounts (`create_user`, `approvals`
for the changes a second person must approve). Before every request `access.refuse_undeclared` refuses a
/staff/ page that names no capability.
"""

from flask import Blueprint

from ..access import current_policy, refuse_undeclared
from . import approvals
from .accounts import AccountError, change_role, create_user, reset_password, set_active
from .passwords import WeakPassword
from .sessions import current_user, signed_in_user
from .signin import find_user

bp = Blueprint("auth", __name__, url_prefix="/staff")
bp.before_app_request(refuse_undeclared)


@bp.app_context_processor
def _staff_context() -> dict:
    # A function, not a value: only staff templates call it, so chat pages never touch the session table.
    return {"current_staff_user": current_user, "role_names": current_policy().account_roles()}


from . import routes  # noqa: E402,F401 - routes attach themselves to bp

__all__ = [
    "AccountError", "WeakPassword", "approvals", "bp", "change_role", "create_user", "current_user", "find_user",
    "reset_password", "set_active", "signed_in_user",
]  # fmt: skip
