"""A safeguarding alert: a conversation in which a child said something that suggested
they may not be safe. One conversation has one alert (issue 9.5): its first
flagged answer is the alert's own words, and each later one is `FurtherWords`
on it, shown in the queue as new words to read, never a second alert or e-mail.

An alert is its own record, not a flag on the answer, for two reasons. It
keeps the words exactly as they were sent: a person can go back and change
an answer, and the first words are the ones a safeguarding lead must read.
And it outlives the conversation: the links to the answer and conversation
are set to null if those are ever purged, so retention rules for feedback
can never quietly delete a safeguarding record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .conversation import Answer, Conversation
from .staff import StaffUser
from .words import Words, WordsJSON

EMAIL_PENDING = "pending"
EMAIL_SENT = "sent"
EMAIL_FAILED = "failed"


class SafeguardingAlert(Base):
    __tablename__ = "safeguarding_alerts"
    __table_args__ = (
        Index("ix_safeguarding_alerts_open", "acknowledged_at", "created_at"),
        # One alert per conversation: however often a person changes a worrying answer,
        # or writes another, staff get one alert and one e-mail, with the new words on it.
        UniqueConstraint("conversation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("answers.id", ondelete="SET NULL"), index=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    question_id: Mapped[str] = mapped_column(String(64))
    # One of analysis.result.CONCERN_CATEGORIES: self_harm, abuse, sexual_harm, ...
    category: Mapped[str] = mapped_column(String(32))
    # The phrases that made the analysis flag it, shown to staff beside the words.
    evidence: Mapped[list[str]] = mapped_column(WordsJSON, default=list)
    # The person's words as sent. Shown only on the alert page, never e-mailed.
    text: Mapped[str] = mapped_column(Words)
    # Invited people can be followed up; an open link is anonymous.
    invited: Mapped[bool] = mapped_column(default=False)
    # The IRO of the invited person, who sees the alert in their own queue.
    iro_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"), index=True)

    email_status: Mapped[str] = mapped_column(String(16), default=EMAIL_PENDING)
    email_error: Mapped[str | None] = mapped_column(String(500))
    email_attempts: Mapped[int] = mapped_column(default=0)
    email_sent_at: Mapped[datetime | None]

    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    # What was done, in the acknowledging person's words. Required to acknowledge.
    action_note: Mapped[str | None] = mapped_column(Words)

    conversation: Mapped[Conversation | None] = relationship()
    answer: Mapped[Answer | None] = relationship()
    iro: Mapped[StaffUser | None] = relationship(foreign_keys=[iro_id])
    acknowledged_by: Mapped[StaffUser | None] = relationship(foreign_keys=[acknowledged_by_id])
    further_words: Mapped[list[FurtherWords]] = relationship(
        back_populates="alert", order_by="FurtherWords.created_at, FurtherWords.id", cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def unread_words(self) -> list[FurtherWords]:
        """Further words that arrived and are not yet acknowledged, oldest first."""
        return [words for words in self.further_words if words.acknowledged_at is None]

    @property
    def needs_attention(self) -> bool:
        return not self.acknowledged or bool(self.unread_words)

    def __repr__(self) -> str:
        return f"<SafeguardingAlert {self.id} {self.category}>"


class FurtherWords(Base):
    """A later flagged answer in a conversation that already has an alert (or changed
    words in the same answer): kept as sent, and acknowledged with its own note."""

    __tablename__ = "safeguarding_further_words"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_alerts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("answers.id", ondelete="SET NULL"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    evidence: Mapped[list[str]] = mapped_column(WordsJSON, default=list)
    text: Mapped[str] = mapped_column(Words)

    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    action_note: Mapped[str | None] = mapped_column(Words)

    alert: Mapped[SafeguardingAlert] = relationship(back_populates="further_words")
    acknowledged_by: Mapped[StaffUser | None] = relationship()


__all__ = ["EMAIL_FAILED", "EMAIL_PENDING", "EMAIL_SENT", "FurtherWords", "SafeguardingAlert"]
