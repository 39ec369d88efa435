"""A person's conversation, the answers in it, and the questionnaire version it answered."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .words import WordsJSON

if TYPE_CHECKING:
    from .invitation import Invitation


class QuestionnaireVersion(Base):
    """An exact questionnaire as it was answered.

    Kept in the database so that a conversation started before a file was
    edited carries on, and is reported, with the wording it was asked in.
    """

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("questionnaire_id", "version", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    first_used_at: Mapped[datetime] = mapped_column(default=utcnow)


# The device hash of a conversation left behind when its invitation's link
# started again (invitations.service.start_again): no device's secret hashes
# to it, so no device holds it any more, and it is counted nowhere.
LEFT_BEHIND = "left-behind"


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The link's secret. It is the only key a person has to their conversation.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    questionnaire_id: Mapped[str] = mapped_column(String(64), index=True)
    audience: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_early_at: Mapped[datetime | None]
    # Set when an answer raised a safeguarding concern: the chat pauses and asks
    # "Do you want to carry on?" before the next question; cleared by carrying on.
    paused_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)
    # Null for an open (anonymous) link. Unique: an invitation has one conversation.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id", ondelete="SET NULL"), unique=True)
    # For an invited conversation: a hash of the secret in the cookie of the
    # one device it is bound to (docs/child-links.md). Whoever else holds the
    # link cannot read or change it.
    device_hash: Mapped[str | None] = mapped_column(String(64))

    @classmethod
    def counted(cls):
        """A condition: the conversation counts in figures. One left behind by
        "start again" on another device (device_hash LEFT_BEHIND) never does:
        the child began afresh, and it would count as a second, open-link start."""
        return cls.device_hash.is_distinct_from(LEFT_BEHIND)

    # Loaded only when needed: the parsed questionnaire is cached by version id.
    questionnaire_version: Mapped[QuestionnaireVersion] = relationship()
    invitation: Mapped[Invitation | None] = relationship(back_populates="conversation")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="conversation", order_by="Answer.answered_at, Answer.id", cascade="all, delete-orphan"
    )

    @property
    def status(self) -> str:
        if self.submitted_at is not None:
            return "submitted"
        return "open"


class Answer(Base):
    """One answer. A changed answer replaces the earlier one for that question."""

    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("conversation_id", "question_id"),
        Index("ix_answers_answered_at", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    # A string, a list of strings (multiple choice) or null (skipped).
    value: Mapped[Any] = mapped_column(WordsJSON, nullable=True)
    skipped: Mapped[bool] = mapped_column(default=False)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Free text is analysed once, when stored, so reports only aggregate.
    analysis: Mapped[dict[str, Any] | None] = mapped_column(WordsJSON)
    analyser_version: Mapped[str | None] = mapped_column(String(32))

    conversation: Mapped[Conversation] = relationship(back_populates="answers")

    @property
    def text(self) -> str | None:
        return self.value if isinstance(self.value, str) else None


class AnswerReceipt(Base):
    """A client-made id for one answer, kept once that answer is stored.

    The chat's form carries a one-time id and chat.js makes one for each press,
    so when the same answer arrives again (a resend after the signal came back,
    or the browser posting a form again) it is recognised and not stored a
    second time: not even over a later change to the same question.
    """

    __tablename__ = "answer_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random and made by the client: unique across the service, so that the
    # first answer, which begins a conversation, is recognised too.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = ["Answer", "AnswerReceipt", "Conversation", "QuestionnaireVersion"]
