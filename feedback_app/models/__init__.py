"""The service's tables, as typed SQLAlchemy 2.0 models."""

from .base import Base, utcnow
from .conversation import Answer, Conversation, QuestionnaireVersion

__all__ = ["Answer", "Base", "Conversation", "QuestionnaireVersion", "utcnow"]
