"""The service's tables, as typed SQLAlchemy 2.0 models."""

from .access_request import AccessRequest
from .audit import AuditEvent
from .base import Base, utcnow
from .conversation import Answer, AnswerReceipt, Conversation, QuestionnaireVersion
from .counted_month import CountedMonth
from .counted_year import CountedYear
from .drawn_chart import DrawnChart
from .invitation import Invitation
from .quote import BankedQuote
from .review_count import ImportedReview, ReviewCount
from .safeguarding import FurtherWords, SafeguardingAlert
from .staff import SignInFailure, StaffSession, StaffUser
from .task import StaffTask
from .you_said_we_did import YouSaidWeDid

__all__ = ["Answer", "AnswerReceipt", "Base", "Conversation", "QuestionnaireVersion", "utcnow"]
__all__ += ["AccessRequest", "AuditEvent", "SignInFailure", "StaffSession", "StaffUser"]
__all__ += ["FurtherWords", "SafeguardingAlert"]
__all__ += ["Invitation", "StaffTask"]
__all__ += ["BankedQuote", "YouSaidWeDid"]
__all__ += ["CountedMonth", "CountedYear", "DrawnChart", "ImportedReview", "ReviewCount"]
