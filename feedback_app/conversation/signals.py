"""Signals the conversation service sends, so features can react without the
service knowing about them (invitations turn some answers into staff tasks).

Receivers run in the request that stored the answer, after it was committed:
a receiver that fails must not lose the answer, and should not fail the request.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent by `service.record_answer` after the answer is committed, with the app
# as sender and keyword arguments `conversation` (Conversation), `question`
# (questionnaire Question), `value` (the stored value: text, a choice, a
# tuple of choices, or None for a skipped question) and `analysis` (the
# analysis stored with a free-text answer, as a dict, else None).
answer_stored = _signals.signal("answer-stored")

__all__ = ["answer_stored"]
