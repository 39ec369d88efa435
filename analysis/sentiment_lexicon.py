"""The sentiment word lists, built once at import.

Two sources, in this order of precedence:
  1. `data/sentiment.yaml`: how children, parents and carers say things
     (phrases, negators, intensifiers, wishes, emoji);
  2. TextBlob's own lexicon (pattern's `en-sentiment.xml`, the one behind
     `TextBlob(text).sentiment`), for every other adjective it knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from textblob.en import sentiment as _textblob_sentiment

from analysis import lexicons
from analysis.lexicons import LexiconError
from analysis.phrases import PhraseMatcher
from analysis.text import KNOWN_KEYS, stem

SOURCE = f"{lexicons.DATA_DIR / 'sentiment.yaml'}"


class Kind(Enum):
    """What a phrase in the sentiment lists does."""

    FEELING = "feeling"  # carries a polarity
    NEUTRAL = "neutral"  # no feeling here, whatever TextBlob says
    INTENSIFIER = "intensifier"  # scales the next feeling
    NEGATOR = "negator"  # turns the next feeling round (value: how many words it reaches)
    CONTRAST = "contrast"  # starts a new, weightier clause ("but")
    WISH = "wish"  # the clause is a wish ("I wish", "I want")
    REQUEST = "request"  # the clause is a polite request ("I would like", "please")
    ADVICE = "advice"  # the clause is advice ("should", "must")
    HYPOTHETICAL = "hypothetical"  # the clause only imagines ("if", "unless")
    MIXED = "mixed"  # says outright that feelings are mixed


@dataclass(frozen=True, slots=True)
class Entry:
    """One phrase: what it does, its polarity (or factor) and its negated polarity."""

    kind: Kind
    value: float = 0.0
    negated: float | None = None


def _feeling(pattern: str, value: object) -> Entry:
    if isinstance(value, (int, float)):
        return Entry(Kind.FEELING, _polarity(pattern, value))
    if isinstance(value, list) and len(value) == 2:
        return Entry(Kind.FEELING, _polarity(pattern, value[0]), _polarity(pattern, value[1]))
    raise LexiconError(
        f"{SOURCE}: '{pattern}' should have a polarity or [polarity, negated polarity], got {value!r}"
    )


def _polarity(pattern: str, value: object) -> float:
    if not isinstance(value, (int, float)) or not -1.0 <= value <= 1.0:
        raise LexiconError(f"{SOURCE}: '{pattern}' has polarity {value!r}; use a number from -1 to 1")
    return float(value)


def _entries() -> list[tuple[str, Entry]]:
    entries = [(p, _feeling(p, v)) for p, v in lexicons.section("sentiment", "phrases").items()]
    entries += [(p, _feeling(p, v)) for p, v in lexicons.section("sentiment", "emoji").items()]
    simple = {
        "neutral": Kind.NEUTRAL,
        "contrast": Kind.CONTRAST,
        "wishes": Kind.WISH,
        "requests": Kind.REQUEST,
        "advice": Kind.ADVICE,
        "hypothetical": Kind.HYPOTHETICAL,
        "mixed_markers": Kind.MIXED,
    }
    for key, kind in simple.items():
        entries += [(str(p), Entry(kind)) for p in lexicons.section("sentiment", key, list)]
    for pattern, reach in lexicons.section("sentiment", "negators").items():
        if not isinstance(reach, int) or not 1 <= reach <= 10:
            raise LexiconError(f"{SOURCE}: negator '{pattern}' needs a reach of 1 to 10 words")
        entries.append((pattern, Entry(Kind.NEGATOR, float(reach))))
    for pattern, factor in lexicons.section("sentiment", "intensifiers").items():
        if not isinstance(factor, (int, float)) or not 0 < factor <= 3:
            raise LexiconError(f"{SOURCE}: intensifier '{pattern}' needs a factor between 0 and 3")
        entries.append((pattern, Entry(Kind.INTENSIFIER, float(factor))))
    return entries


_CLASSES = lexicons.section("sentiment", "classes")

#: Every phrase in data/sentiment.yaml, found in one pass over a text.
MATCHER: PhraseMatcher[Entry] = PhraseMatcher(_entries(), _CLASSES, SOURCE)

#: Inside a wish: words showing something is missing (payload: True if they
#: count in requests too), and words wanting things kept.
_DEFICITS = lexicons.section("sentiment", "wish_deficits")
DEFICITS: PhraseMatcher[bool] = PhraseMatcher(
    [(str(p), True) for p in _DEFICITS.get("strong") or ()] + [(str(p), False) for p in _DEFICITS.get("weak") or ()],
    _CLASSES,
    SOURCE,
)
KEEPS: PhraseMatcher[bool] = PhraseMatcher(
    [(str(p), True) for p in lexicons.section("sentiment", "wish_keep", list)], _CLASSES, SOURCE
)


def _degrees(word: str) -> tuple[str, ...]:
    """'hard' -> 'harder', 'hardest'; 'happy' -> 'happier', 'happiest'; 'nice' -> 'nicer', 'nicest'."""
    if word.endswith("e"):
        return (word + "r", word + "st")
    if word.endswith("y") and len(word) > 2:
        return (word[:-1] + "ier", word[:-1] + "iest")
    forms = [word + "er", word + "est"]
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms += [word + word[-1] + "er", word + word[-1] + "est"]  # big -> bigger
    return tuple(forms)


def _textblob_polarities() -> dict[str, float]:
    """TextBlob's word -> polarity, averaged over parts of speech as TextBlob does.

    Its list has few comparatives and superlatives ("hardest", "kindest"), so
    those of its adjectives are added with the adjective's polarity.
    """
    _textblob_sentiment.load()
    polarities: dict[str, float] = {}
    for word, senses in dict.items(_textblob_sentiment):
        polarity = senses[None][0]
        if polarity and " " not in word:
            polarities[word] = float(polarity)
    for word, polarity in list(polarities.items()):
        if word.isalpha() and "JJ" in dict.get(_textblob_sentiment, word, {}):
            for form in _degrees(word):
                polarities.setdefault(form, polarity)
    return polarities


#: TextBlob's lexicon, for words data/sentiment.yaml does not mention.
TEXTBLOB_POLARITY: dict[str, float] = _textblob_polarities()

# So that stretched words ("happyyy", "gooood") shrink to a word a list knows.
KNOWN_KEYS.update(stem(word) for word in dict.keys(_textblob_sentiment))
