"""Spotting free text that suggests a child may be at risk.

Recall comes first: a missed disclosure is far worse than a false alarm that a
person reads and closes in seconds. The patterns in `data/concern.yaml` are
matched on word forms after spelling fixes, so "i dont get fed", "he hits me"
and "wanna kill myself" are found however they are typed. A match is dropped
only when:

- a negator comes just before it in the same clause ("nobody hurts me",
  "I'm not scared", "they have never hit me", "I don't feel unsafe"), or
- it sits inside an everyday figure of speech ("this homework is killing
  me", "dying to see my mum", "I'd kill for pizza").

Past harm ("my mum used to hit me but now I'm safe") is still flagged: the
child may never have told anyone, and a person can judge it quickly. That is
a deliberate choice for recall over precision.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import lexicons
from analysis.lexicons import LexiconError
from analysis.phrases import PhraseMatch, PhraseMatcher
from analysis.result import CONCERN_CATEGORIES, ConcernCategory, Evidence
from analysis.text import CLAUSE_END, PreparedText

SOURCE = f"{lexicons.DATA_DIR / 'concern.yaml'}"
NEGATION_REACH = 5  # words before a match a negator can be ("nobody has ever made me feel unsafe")

# Words that end a negator's reach: in "i said no and he hit me" the "no" does
# not deny the hitting.
_REACH_STOPS = frozenset(
    {",", "and", "but", "so", "because", "then", "when", "while", "if", "or", "until", "who", "that", "asking", "saying", "telling",
     # A question word starts a clause of its own: "nobody asked why i had marks on my legs".
     "why", "what", "how", "where"}
)


@dataclass(frozen=True, slots=True)
class ConcernResult:
    """The most serious category found (None if none) and every phrase that matched.

    `denied` and `explained` count the matches set aside, for a negator
    ("nobody hurts me") or as a figure of speech ("homework's killing me"):
    the learned layer reads them, so that it does not bring back what the
    rules read and set aside.
    """

    category: ConcernCategory | None
    evidence: tuple[Evidence, ...] = ()
    denied: int = 0
    explained: int = 0


def _build() -> tuple[PhraseMatcher[ConcernCategory], PhraseMatcher[bool], PhraseMatcher[bool]]:
    classes = lexicons.section("concern", "classes")
    signals: list[tuple[str, ConcernCategory]] = []
    for category, patterns in lexicons.section("concern", "categories").items():
        if category not in CONCERN_CATEGORIES:
            raise LexiconError(
                f"{SOURCE}: '{category}' is not a concern category; use one of {', '.join(CONCERN_CATEGORIES)}"
            )
        if not isinstance(patterns, list):
            raise LexiconError(f"{SOURCE}: category '{category}' should be a list of patterns")
        signals += [(str(p), category) for p in patterns]
    figures = [(str(p), True) for p in lexicons.section("concern", "figures_of_speech", list)]
    negators = [(str(p), True) for p in lexicons.section("concern", "negators", list)]
    return (
        PhraseMatcher(signals, classes, SOURCE),
        PhraseMatcher(figures, classes, SOURCE),
        PhraseMatcher(negators, classes, SOURCE),
    )


_SIGNALS, _FIGURES, _NEGATORS = _build()
# Most serious first: the category shown when a text matches several.
_SEVERITY: tuple[ConcernCategory, ...] = (
    "self_harm",
    "sexual_harm",
    "abuse",
    "missing_exploitation",
    "neglect",
    "unsafe",
    "bullying",
)


def _denied(match: PhraseMatch[ConcernCategory], negator_ends: set[int], words: tuple[str, ...]) -> bool:
    """True if a negator ends within reach before the match, in the same clause."""
    i = match.start
    for _ in range(NEGATION_REACH):
        if i in negator_ends:
            return True
        i -= 1
        if i < 0 or words[i] in CLAUSE_END or words[i] in _REACH_STOPS:
            return False
    return i in negator_ends


def _explained_by(match: PhraseMatch[ConcernCategory], figure: PhraseMatch[bool]) -> bool:
    """True if a figure of speech overlaps the match and runs to its end or past it.

    "am scared" is explained by "scared of exams"; "she said she would kill me"
    is not explained by a figure covering only its middle.
    """
    return figure.start < match.end and match.start < figure.end and figure.end >= match.end


def find_concern(prepared: PreparedText) -> ConcernResult:
    """Return the concern in a prepared text; category None means nothing was found."""
    signals = _SIGNALS.find(prepared)
    if not signals:
        return ConcernResult(None)
    figures = _FIGURES.find(prepared)
    # A negator "ends" at the token before the one it negates.
    negator_ends = {m.end for m in _NEGATORS.find(prepared)}
    kept: list[PhraseMatch[ConcernCategory]] = []
    denied = explained = 0
    for match in signals:
        if any(_explained_by(match, figure) for figure in figures):
            explained += 1
            continue
        if _denied(match, negator_ends, prepared.words):
            denied += 1
            continue
        kept.append(match)
    if not kept:
        return ConcernResult(None, denied=denied, explained=explained)
    found = {m.payload for m in kept}
    category = next(c for c in _SEVERITY if c in found)
    evidence = tuple(
        dict.fromkeys(Evidence(f"concern:{m.payload}", prepared.phrase(m.start, m.end)) for m in kept)
    )
    return ConcernResult(category, evidence, denied, explained)
