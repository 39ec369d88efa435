"""Choose a few representative quotes for each theme and sentiment.

The IRO manager's report and the Children in Care Council's view quote what
children, parents and carers said. `pick_quotes` offers the best candidates,
already redacted, for a person to approve in the quote bank: it never offers
an answer that raised a safeguarding concern or whose author did not agree to
be quoted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from textblob.en import lexicon, spelling

from analysis.redaction import Replacement, redact
from analysis.result import SENTIMENTS, THEMES, Analysis, Sentiment

__all__ = ["Quote", "QuoteCandidate", "pick_quotes"]

AnswerId = int | str

# Fewer than 6 words ("it was ok", "my IRO is nice") says too little to stand
# on its own in a report; more than 60 no longer fits beside a chart or on a
# CiCC slide, and a long answer carries more details that could identify its
# author. Between the two, 12 to 30 words reads best as a quote.
MIN_WORDS = 6
MAX_WORDS = 60
_SWEET_SPOT = (12, 30)

# Two quotes sharing this much of their vocabulary say the same thing.
MAX_SIMILARITY = 0.6

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_MARKER = re.compile(r"\[[a-z ]+\]")
_ELONGATED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)  # "sooo", "pleeease"
_REPEATED_PUNCTUATION = re.compile(r"[!?]{2,}")
# Capitals that are not shouting.
_ACRONYMS = frozenset({"IRO", "IROS", "CLA", "LAC", "PEP", "CICC", "GCSE", "GCSES", "TV", "OK"})
# Words that carry no content of their own, for judging how specific a quote is.
_FUNCTION_WORDS = frozenset(
    """
    a an the and or but so if then than that this these those it its i me my mine
    you your he him his she her we us our they them their is am are was were be been
    being have has had do does did not no yes to of in on at by for with from up down
    out about as just very really too also all some any can could will would should
    get got go went there here what when where who how why which because much more
    """.split()
)


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """An analysed answer that might be quoted.

    `names` are names known to the service for this answer (the child, their
    carers, their IRO), so that redaction catches them even without a cue.
    """

    answer_id: AnswerId
    analysis: Analysis
    consent_to_quote: bool
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote offered for one theme and sentiment, with what was redacted."""

    answer_id: AnswerId
    text: str  # as the person wrote it, for the reviewer only
    redacted_text: str  # what may be shown
    theme: str
    sentiment: Sentiment
    score: float  # 0 .. 1, higher is a better quote
    replacements: tuple[Replacement, ...] = ()


@dataclass(frozen=True, slots=True)
class _Scored:
    candidate: QuoteCandidate
    redacted_text: str
    replacements: tuple[Replacement, ...]
    tokens: frozenset[str]
    score: float


def pick_quotes(
    candidates: Iterable[QuoteCandidate],
    *,
    per_group: int = 3,
    min_words: int = MIN_WORDS,
    max_words: int = MAX_WORDS,
    max_similarity: float = MAX_SIMILARITY,
) -> list[Quote]:
    """Up to `per_group` quotes for each (theme, sentiment) found in `candidates`.

    Answers flagged as a concern, without consent, without a theme, or outside
    `min_words`..`max_words` are never chosen. Within a group a quote whose
    words overlap an already chosen one by `max_similarity` or more (Jaccard
    similarity of their word sets) is left out. An answer with several themes
    can be quoted under each of them.

    Returns quotes ordered by theme (taxonomy order), sentiment (positive,
    negative, mixed, neutral), then best first; the same input always gives the
    same output. Raises ValueError for a `per_group` below 1 or an empty
    word range.
    """
    if per_group < 1:
        raise ValueError(f"per_group must be at least 1, not {per_group}")
    if not 1 <= min_words <= max_words:
        raise ValueError(f"need 1 <= min_words <= max_words, got {min_words} and {max_words}")

    groups: dict[tuple[str, Sentiment], list[_Scored]] = defaultdict(list)
    for candidate in candidates:
        scored = _score(candidate, min_words, max_words)
        if scored is not None:
            for theme in dict.fromkeys(candidate.analysis.themes):
                groups[theme, candidate.analysis.sentiment].append(scored)

    quotes: list[Quote] = []
    for theme, sentiment in sorted(groups, key=_group_order):
        ranked = sorted(groups[theme, sentiment], key=_rank)
        for chosen in _distinct(ranked, per_group, max_similarity):
            quotes.append(
                Quote(
                    answer_id=chosen.candidate.answer_id,
                    text=chosen.candidate.analysis.text,
                    redacted_text=chosen.redacted_text,
                    theme=theme,
                    sentiment=sentiment,
                    score=chosen.score,
                    replacements=chosen.replacements,
                )
            )
    return quotes


def _score(candidate: QuoteCandidate, min_words: int, max_words: int) -> _Scored | None:
    """The candidate redacted and scored, or None if it must not be quoted."""
    analysis = candidate.analysis
    if not candidate.consent_to_quote or analysis.concern is not None or not analysis.themes:
        return None
    words = _WORD.findall(analysis.text)
    if not min_words <= len(words) <= max_words:
        return None

    redaction = redact(analysis.text, candidate.names)
    # A quote that is mostly markers ("[name] and [name] at [school]") no
    # longer says anything a reader can follow.
    if len(redaction.replacements) * 3 > len(words):
        return None

    # Strength of feeling matters most, but the analyser's polarity is an
    # estimate, so a plainly written, specific answer can outrank a slightly
    # stronger one full of "sooo" and "evrything".
    score = (
        0.35 * min(abs(analysis.polarity), 1.0)
        + 0.15 * _length_fit(len(words), min_words, max_words)
        + 0.2 * _specificity(words)
        + 0.3 * _clarity(analysis.text, words)
        - 0.02 * len(redaction.replacements)
    )
    tokens = frozenset(w.lower() for w in _WORD.findall(_MARKER.sub(" ", redaction.text)))
    return _Scored(
        candidate=candidate,
        redacted_text=redaction.text,
        replacements=redaction.replacements,
        tokens=tokens,
        score=round(max(score, 0.0), 4),
    )


def _length_fit(count: int, min_words: int, max_words: int) -> float:
    """1 inside the sweet spot, falling to 0.5 at the word limits."""
    low, high = _SWEET_SPOT
    if count < low:
        return 0.5 + 0.5 * _fraction(count - min_words, low - min_words)
    if count > high:
        return 0.5 + 0.5 * _fraction(max_words - count, max_words - high)
    return 1.0


def _fraction(part: int, whole: int) -> float:
    return min(max(part / whole, 0.0), 1.0) if whole > 0 else 1.0


def _specificity(words: list[str]) -> float:
    """How many different content words the text uses, 8 or more scoring 1."""
    content = {w.lower() for w in words if len(w) > 2 and w.lower() not in _FUNCTION_WORDS}
    return min(len(content) / 8, 1.0)


def _clarity(text: str, words: list[str]) -> float:
    """1 for plainly written text, less for shouting, "sooo", "!!!" and typos."""
    shouted = sum(1 for w in words if len(w) > 2 and w.isupper() and w not in _ACRONYMS)
    penalty = (
        shouted / len(words)
        + _unknown_share(words)
        + 0.1 * len(_ELONGATED.findall(text))
        + 0.1 * len(_REPEATED_PUNCTUATION.findall(text))
    )
    return max(1.0 - penalty, 0.0)


def _unknown_share(words: list[str]) -> float:
    """A rough typo rate: the share of lower-case words TextBlob does not know.

    Capitalised words are left out because names and places are unknown too.
    """
    plain = [w for w in words if w.islower() and w.isalpha()]
    if not plain:
        return 0.0
    known = sum(
        1
        for w in plain
        if w in lexicon or w in spelling or w.rstrip("s") in spelling or w.upper() in _ACRONYMS
    )
    return 1 - known / len(plain)


def _distinct(ranked: list[_Scored], limit: int, max_similarity: float) -> list[_Scored]:
    """The best `limit` quotes, skipping any too like one already taken."""
    chosen: list[_Scored] = []
    for scored in ranked:
        if len(chosen) == limit:
            break
        if all(
            scored.candidate.answer_id != taken.candidate.answer_id
            and _jaccard(scored.tokens, taken.tokens) < max_similarity
            for taken in chosen
        ):
            chosen.append(scored)
    return chosen


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _rank(scored: _Scored) -> tuple[float, str, str]:
    # Text and id break ties, so equal scores still come out in one order.
    return (-scored.score, scored.redacted_text, str(scored.candidate.answer_id))


def _group_order(group: tuple[str, Sentiment]) -> tuple[int, str, int, str]:
    theme, sentiment = group
    theme_index = THEMES.index(theme) if theme in THEMES else len(THEMES)
    sentiment_index = SENTIMENTS.index(sentiment) if sentiment in SENTIMENTS else len(SENTIMENTS)
    return (theme_index, theme, sentiment_index, sentiment)
