"""`{name}` in a questionnaire's words: the person's first name, when we know it.

An open link has no name, so every sentence that uses `{name}` must read well
without one. Rather than a second wording of each sentence, `{name}` may stand
only where it can simply be left out: after a comma ("Thank you, {name}!") or
straight after a greeting that opens the text ("Hi {name}!"), with punctuation
after it. Without a name the comma and space before it go too: "Thank you!",
"Hi!". A friendly filler word ("Hi there") reads well in a greeting only:
"Thank you, there!" does not. The loader refuses any other place.
"""

from __future__ import annotations

import re

NAME = "{name}"

# The comma (Latin or Arabic) or the space before {name}, which go with it;
# between two commas ("Thank you, {name}, for that") both go.
_BETWEEN_COMMAS = re.compile(r"\s*[,،]\s*\{name\}\s*[,،]\s*")
_WITH_WHAT_BEFORE = re.compile(r"\s*[,،]?\s*\{name\}")
# Where {name} can be left out: after a comma, or after the text's first word,
# and before punctuation or the end.
_DROPPABLE = re.compile(r"(?:^\s*[^\s,،]+|[,،])\s*\{name\}(?=\s*(?:[!.?,:;؟،]|$))")


def fill_name(text: str, first_name: str | None) -> str:
    """`text` with `{name}` filled in, or left out (with its comma) when there is no name."""
    if NAME not in text:
        return text
    if first_name:
        return text.replace(NAME, first_name)
    return _WITH_WHAT_BEFORE.sub("", _BETWEEN_COMMAS.sub(" ", text))


def name_problem(text: str) -> str | None:
    """Why `text` would not read well without a name, or None when it would."""
    if NAME not in text or text.count(NAME) == len(_DROPPABLE.findall(text)):
        return None
    return (
        f"{NAME} must be where it can be left out, because an open link has no name: after a comma "
        f"(\"Thank you, {NAME}!\") or after a greeting that starts the text (\"Hi {NAME}!\"), with "
        f"punctuation after it. Without a name this reads {fill_name(text, None)!r}"
    )
