"""The conversation state as the API's JSON (see openapi.yaml)."""

from __future__ import annotations

from typing import Any

from .. import question_types
from ..conversation.engine import ConversationState


def state_json(token: str, state: ConversationState) -> dict[str, Any]:
    question = state.question
    return {
        "token": token,
        "status": state.status,
        "language": state.language,
        "direction": state.direction,
        "messages": [
            {"sender": m.sender, "kind": m.kind, "text": m.text, "question_id": m.question_id}
            for m in state.messages
        ],
        "question": None
        if question is None
        else {
            "id": question.question.id,
            "type": question.question.type,
            "text": question.text,
            "hint": question.hint,
            "options": [{"value": v, "label": label, "emoji": emoji} for v, label, emoji in question.options],
            "max_length": question_types.of(question.question).max_length(question.question),
            "current": list(question.current) if isinstance(question.current, tuple) else question.current,
            "is_change": question.is_change,
        },
        "summary": [
            {"question_id": s.question_id, "question": s.question, "answer": s.answer} for s in state.summary
        ],
        "progress": {"answered": state.answered, "total": state.total},
        "previous_question_id": state.previous_question_id,
    }
