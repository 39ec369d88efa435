"""Reading an answer written in Arabic, the service's other language.

The English lists cannot read Arabic at all: without this, "أريد أن أقتل
نفسي" ("I want to kill myself") came back neutral with no concern. Arabic is
read here with the short lists in `data/arabic.yaml`: concern phrases first
(recall first, as in English), then feeling words. Themes are not read.

Matching is on a normalised form: short vowels and the stretching letter
dropped, the forms of alef, taa marbuta and alef maqsura made one, so that
the many ways of writing a word meet. An entry matches at the start of a
word, after any of the prefixes Arabic joins to the front of words ("و",
"ف", "ب", "ل", "ك", "س", "ال").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import lexicons
from analysis.lexicons import LexiconError
from analysis.result import CONCERN_CATEGORIES, ConcernCategory, Evidence

SOURCE = f"{lexicons.DATA_DIR / 'arabic.yaml'}"

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda, sukun, tatweel
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_PREFIXES = "(?:[وف])?(?:[بلكس])?(?:ال)?"
_NEGATED_BEFORE = 1  # a negator this many words before a feeling word turns it round


def normalise(text: str) -> str:
    """Return Arabic text in the one form the lists are matched in."""
    return " ".join(_MARKS.sub("", text).translate(_LETTERS).split())


def _pattern(entry: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + _PREFIXES + re.escape(normalise(entry)))


def _build() -> tuple[list[tuple[re.Pattern[str], ConcernCategory, str]], list[tuple[re.Pattern[str], float, str]], frozenset[str]]:
    concern = []
    for category, entries in lexicons.section("arabic", "concern").items():
        if category not in CONCERN_CATEGORIES:
            raise LexiconError(f"{SOURCE}: '{category}' is not a concern category; use one of {', '.join(CONCERN_CATEGORIES)}")
        # Spellings that normalise alike ("اقتل", "أقتل") are one entry.
        unique = {normalise(str(e)): str(e) for e in entries or ()}
        concern += [(_pattern(e), category, e) for e in unique.values()]
    feelings = []
    for entry, value in lexicons.section("arabic", "sentiment").items():
        if not isinstance(value, (int, float)) or not -1 <= value <= 1:
            raise LexiconError(f"{SOURCE}: '{entry}' has polarity {value!r}; use a number from -1 to 1")
        feelings.append((_pattern(str(entry)), float(value), str(entry)))
    feelings.sort(key=lambda f: -len(f[2]))  # longest first: phrases before the words in them
    negators = frozenset(normalise(str(n)) for n in lexicons.section("arabic", "negators", list))
    return concern, feelings, negators


_CONCERN, _FEELINGS, _NEGATORS = _build()
_SEVERITY: tuple[ConcernCategory, ...] = (
    "self_harm", "sexual_harm", "abuse", "missing_exploitation", "neglect", "unsafe", "bullying",
)


@dataclass(frozen=True, slots=True)
class ArabicReading:
    """What the Arabic lists found: a polarity (None if no feeling word), a concern, evidence."""

    polarity: float | None
    concern: ConcernCategory | None
    evidence: tuple[Evidence, ...] = ()

    @property
    def found_anything(self) -> bool:
        return self.polarity is not None or self.concern is not None


def read_arabic(text: str) -> ArabicReading:
    """Return what the Arabic lists find in `text` (nothing found: polarity and concern None)."""
    plain = normalise(text)
    evidence: list[Evidence] = []
    found: set[ConcernCategory] = set()
    concern_spans: list[tuple[int, int]] = []
    for regex, category, entry in _CONCERN:
        match = regex.search(plain)
        if match:
            found.add(category)
            concern_spans.append(match.span())
            evidence.append(Evidence(f"concern:{category}", entry))
    polarities: list[float] = []
    taken = list(concern_spans)
    for regex, value, entry in _FEELINGS:
        for match in regex.finditer(plain):
            # A feeling word inside a concern phrase ("لا أشعر بالأمان") is not
            # praise, nor is one inside a longer feeling phrase ("لا أحد يستمع").
            if any(s <= match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            before = plain[: match.start()].split()[-_NEGATED_BEFORE:]
            negated = any(word in _NEGATORS for word in before)
            polarity = -value * 0.75 if negated else value
            polarities.append(polarity)
            evidence.append(Evidence("sentiment:positive" if polarity > 0 else "sentiment:negative", entry))
    category = next((c for c in _SEVERITY if c in found), None)
    polarity = sum(polarities) / len(polarities) if polarities else None
    return ArabicReading(polarity, category, tuple(dict.fromkeys(evidence)))
