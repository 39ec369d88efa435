"""The service's tables, as typed SQLAlchemy 2.0 models."""

from .base import Base, utcnow
from .conversation import Answer, Conversation, QuestionnaireVersion
from .audit import AuditEvent
from .staff import SignInFailure, StaffSession, StaffUser
from .quote import BankedQuote
from .you_said_we_did import YouSaidWeDid
from .invitation import Invitation
from .task import StaffTask
from .safeguarding import SafeguardingAlert

__all__ = ["Answer", "Base", "Conversation", "QuestionnaireVersion", "utcnow"]
__all__ += ["AuditEvent", "SignInFailure", "StaffSession", "StaffUser"]
__all__ += ["SafeguardingAlert"]
__all__ += ["Invitation", "StaffTask"]
__all__ += ["BankedQuote", "YouSaidWeDid"]
