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
from typing import Literal

from analysis import lexicons
from analysis.sentiment_lexicon import TEXTBLOB_POLARITY
from analysis.text import KNOWN_KEYS, PreparedText, prepare, stem

Language = Literal["en", "ar", "other"]

MIN_WORDS = 3  # fewer Latin words than this are read as English whatever they are
MIN_KNOWN_SHARE = 0.35  # below this share of known words, a Latin text is not English

_ENGLISH = frozenset(
    line.strip()
    for line in (lexicons.DATA_DIR / "english_words.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


_ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTERS = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def _known(word: str) -> bool:
    return word in _ENGLISH or word in TEXTBLOB_POLARITY or stem(word) in KNOWN_KEYS


def language_of(text: str, prepared: PreparedText | None = None) -> Language:
    """Return "ar" for Arabic, "other" for a language the analysis cannot read, else "en".

    A text with no letters at all (emoji, numbers) is "en": the analysis reads
    emoji. Pass the text's `prepared` form if it is already made, to save work.
    """
    if not text.isascii():
        letters = sum(1 for char in text if char.isalpha())
        if not letters:
            return "en"
        arabic = len(_ARABIC_LETTERS.findall(text))
        if arabic * 2 > letters:
            return "ar"
        if (letters - arabic - len(_LATIN_LETTERS.findall(text))) * 2 > letters:
            return "other"
    words = [w for w in (prepared or prepare(text)).words if w.isalpha()]
    if len(words) < MIN_WORDS:
        return "en"
    known = sum(1 for w in words if _known(w))
    return "en" if known >= MIN_KNOWN_SHARE * len(words) else "other"
