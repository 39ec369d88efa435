"""What the person is told, in their conversation, right after a worrying answer.

Honest about what happens next, which depends on whether we know who they
are, and always how to get help now. The words are in
conversation/wording.py, in every language the service speaks.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..conversation.wording import interface_text
from ..models import Conversation


def is_invited(conversation: Conversation) -> bool:
    """Whether the conversation came from an invitation (so the person can be followed up)."""
    return conversation.invitation_id is not None


def safeguarding_notice(conversation: Conversation, language: str) -> tuple[str, ...]:
    """The bot's messages after a flagged answer, in `language`."""
    what_happens = "safeguarding_invited" if is_invited(conversation) else "safeguarding_anonymous"
    return (interface_text(what_happens, language), interface_text("safeguarding_help_now", language))


def notices_for(conversation: Conversation, flagged_question_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Progress.notices for these flagged answers, in the conversation's language."""
    flagged = list(flagged_question_ids)
    if not flagged:
        return {}
    notice = safeguarding_notice(conversation, conversation.language)
    return {question_id: notice for question_id in flagged}
