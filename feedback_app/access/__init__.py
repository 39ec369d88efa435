"""Who may see what, decided in one place.

- `policy`: named capabilities, the roles that hold them, and each role's
  reach (whose records it sees). A new role is one row there.
- `views`: `requires(capability)` on every staff view; deny by default.
- `scope`: `scope(user, Model)`, the one filter per kind of record that every
  query showing records uses, reports and exports included.

docs/access.md explains the model and why it is so.
"""

from .policy import CAPABILITIES, COMMAND_LINE, POLICY, ROLES, Policy, Reach, Role
from .scope import Figures, InvitationFigures, allowed, get_or_refuse, scope, visible_ids
from .views import (
    current_policy,
    may,
    may_use,
    public_staff_page,
    reaches_everyone,
    refuse,
    refuse_undeclared,
    requires,
)

__all__ = [
    "CAPABILITIES", "COMMAND_LINE", "POLICY", "ROLES", "Figures", "InvitationFigures", "Policy", "Reach", "Role", "allowed", "current_policy",
    "get_or_refuse", "may", "may_use", "public_staff_page", "reaches_everyone", "refuse", "refuse_undeclared", "requires", "scope",
    "visible_ids",
]  # fmt: skip
