"""Which language an answer is written in, as far as the analysis can read it.

The word lists read English (and, through `analysis.arabic`, some Arabic).
An answer in any other language would otherwise come back "neutral, no
concern", which reads as if it had been understood; instead it is marked as
needing a person to read it.

The test is simple on purpose: which alphabet most letters are in, and, for
the Latin alphabet, whether enough of the words are ones the analysis knows
(the commonest English words in `data/english_words.txt`, or any word in its
lists or TextBlob's). Short answers ("ok", "Jade x") are given the benefit of
the doubt.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from analysis import lexicons
from analysis.sentiment_lexicon import TEXTBLOB_POLARITY
from analysis.text import KNOWN_KEYS, normalise_word, stem

Language = Literal["en", "ar", "other"]

MIN_WORDS = 3  # fewer Latin words than this are read as English whatever they are
MIN_KNOWN_SHARE = 0.35  # below this share of known words, a Latin text is not English

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_ENGLISH = frozenset(
    line.strip()
    for line in (lexicons.DATA_DIR / "english_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def _script(char: str) -> str:
    if "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\u08a0" <= char <= "\u08ff" or "\ufb50" <= char <= "\ufeff":
        return "arabic"
    if char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    return "other"


def _known(word: str) -> bool:
    words = normalise_word(word)
    return all(w in _ENGLISH or w in TEXTBLOB_POLARITY or stem(w) in KNOWN_KEYS for w in words)


def language_of(text: str) -> Language:
    """Return "ar" for Arabic, "other" for a language the analysis cannot read, else "en".

    A text with no letters at all (emoji, numbers) is "en": the analysis reads emoji.
    """
    counts = {"arabic": 0, "latin": 0, "other": 0}
    for char in text:
        if char.isalpha():
            counts[_script(char)] += 1
    letters = sum(counts.values())
    if not letters:
        return "en"
    if counts["arabic"] * 2 > letters:
        return "ar"
    if counts["other"] * 2 > letters:
        return "other"
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    if len(words) < MIN_WORDS:
        return "en"
    known = sum(_known(w) for w in words)
    return "en" if known >= MIN_KNOWN_SHARE * len(words) else "other"
