"""The parts of the chat page that change as a conversation goes on.

The page load and chat.js draw them with the same templates: chat.js gets
them through the JSON API (`?render=chat`), so no markup is written twice.
"""

from __future__ import annotations

from flask import render_template

from ..conversation import service
from ..conversation.engine import ConversationState
from ..models import Conversation

PARTS = {"log": "chat/_log.html", "progress": "chat/_progress.html", "answer_area": "chat/_answer_area.html"}


def latest_index(state: ConversationState) -> int:
    """Which message a page load lands on (#latest): the person's last answer, so
    that what the bot said next is on screen above the form. -1 when there is
    none, or an earlier answer is being changed (the form itself is then the place)."""
    if state.question is not None and state.question.is_change:
        return -1
    return max((i for i, m in enumerate(state.messages) if m.sender == "person"), default=-1)


def drawn_parts(conversation: Conversation, state: ConversationState) -> dict[str, str]:
    """Each part as HTML, as chat.js puts it into the page (without the page-load anchor)."""
    context = {
        "conversation": conversation, "state": state, "error": None, "typed": "", "latest": None,
        "first_screen": None, "welcome": False,
        "sharing": service.sharing_choice(conversation) if state.status == "review" else None,
    }  # fmt: skip
    return {name: render_template(template, **context) for name, template in PARTS.items()}
