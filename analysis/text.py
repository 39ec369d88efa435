"""Turning raw feedback into the tokens every analyser shares.

A text is prepared once (`prepare`) and the sentiment, theme and concern
analysers all read the same `PreparedText`, so nothing is tokenised twice.

Preparing a text:
  1. lower-case it, straighten curly apostrophes, drop emoji modifiers, and
     split hyphenated words ("self-harm" -> "self harm", "no-one" -> "no one");
  2. find tokens: words, emoticons, emoji and punctuation;
  3. fix how people type: stretched letters ("sooo"), text-speak ("u", "cos"),
     missing apostrophes ("dont") and common misspellings ("freinds"), from
     `data/spelling.yaml`, and "2" and "b" where they stand for "to" and
     "be" ("want 2 b here");
  4. split contractions into words ("don't" -> "do not", "i'm" -> "i am"), so
     every list only has to know one form;
  5. give each word a key: its stem ("listened" -> "listen"), so lists match
     word forms, not exact strings.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from analysis import lexicons

# Emoticons are matched before words so ":D" is not read as the word "d".
_EMOTICON = r"(?:>?[:;=][-'^]?[()\[\]dpo3/\\|*@$]|<3|</3|\bxd\b|[()][-']?[:;=])"
# Emoji: the pictographic blocks (faces, hearts, hands, symbols).
_EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2764]"
_WORD = r"[a-z0-9]+(?:'[a-z]+)*'?"
_PUNCT = r"\.{2,}|[.!?;,:\u2026\n]"
TOKEN_RE = re.compile(f"{_EMOTICON}|{_EMOJI}|{_WORD}|{_PUNCT}")

# Modifiers that change an emoji's look, not its meaning (skin tones, joiners).
_EMOJI_NOISE = re.compile("[\ufe0f\ufe0e\u200d\U0001F3FB-\U0001F3FF]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_INNER_HYPHEN = re.compile(r"(?<=[a-z0-9])[-\u2010\u2011](?=[a-z])")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# A web address is not words, and its "://" is not the ":/" emoticon.
_WEB_ADDRESS = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S*")

# Tokens that end a clause: sentence punctuation and line breaks.
CLAUSE_END = frozenset({".", "!", "?", ";", "\n", "\u2026"})

_CLITICS = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
_NOT_FORMS = {"can't": "can not", "won't": "will not", "shan't": "shall not", "ain't": "is not"}


def _load_spelling() -> dict[str, tuple[str, ...]]:
    fixes: dict[str, tuple[str, ...]] = {}
    for key in ("missing_apostrophes", "text_speak", "misspellings"):
        for typed, meant in lexicons.section("spelling", key).items():
            fixes[str(typed)] = tuple(str(meant).split())
    return fixes


_SPELLING = _load_spelling()
_IRREGULAR: dict[str, str] = {
    str(k): str(v) for k, v in lexicons.section("word_forms", "irregular").items()
}
_KEEP = frozenset(str(w) for w in lexicons.section("word_forms", "keep", list))
_VOWELS = frozenset("aeiouy")
_STEMS: dict[str, str] = {}


def _undouble(word: str) -> str:
    """'stopp' -> 'stop', but keep 'll', 'ss' and 'zz' ('fell', 'miss')."""
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


def _strip_suffix(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes", "zes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ed") and len(word) > 4 and _VOWELS & set(word[:-2]):
        return _undouble(word[:-2])
    if word.endswith("ing") and len(word) > 5 and _VOWELS & set(word[:-3]):
        return _undouble(word[:-3])
    return word


def stem(word: str) -> str:
    """Return the key a word is matched on: 'listens', 'listened' -> 'listen'.

    Both the lists in `analysis/data` and the feedback go through this, so
    the key only has to be consistent, not a dictionary word ('moved' and
    'move' both give 'mov').
    """
    cached = _STEMS.get(word)
    if cached is not None:
        return cached
    if word in _IRREGULAR:
        base = _IRREGULAR[word]
        result = base if base in _IRREGULAR else _drop_final_e(base)
    elif word in _KEEP or len(word) <= 3 or not word.isalpha():
        result = word
    else:
        result = _drop_final_e(_strip_suffix(word))
    _STEMS[word] = result
    return result


def _drop_final_e(word: str) -> str:
    # 'move'/'moved'/'moving' must share a key; dropping a final 'e' does it.
    if len(word) >= 4 and word.endswith("e") and not word.endswith("ee"):
        return word[:-1]
    return word


def _split_clitics(word: str) -> tuple[str, ...]:
    if word in _NOT_FORMS:
        return tuple(_NOT_FORMS[word].split())
    if word.endswith("n't"):
        return (word[:-3], "not")
    if word.endswith("'s") and len(word) > 2:
        return (word[:-2], "'s")
    for clitic, full in _CLITICS.items():
        if word.endswith(clitic) and len(word) > len(clitic):
            return (word[: -len(clitic)], full)
    return (word.strip("'"),) if word.strip("'") else ()


def _known(word: str) -> bool:
    return word in _SPELLING or stem(word) in KNOWN_KEYS


# Keys some list knows; filled by the analysers so that "happyyy" can be
# shrunk to a word a list knows ("happy") rather than to "hapy".
KNOWN_KEYS: set[str] = set()


def normalise_word(word: str) -> tuple[str, ...]:
    """Return the word(s) a typed token stands for ('dont' -> ('do', 'not'))."""
    if "'" not in word and _STRETCHED.search(word):
        doubled = _STRETCHED.sub(r"\1\1", word)
        single = _STRETCHED.sub(r"\1", word)
        word = doubled if _known(doubled) or not _known(single) else single
    fixed = _SPELLING.get(word)
    if fixed is not None:
        return fixed
    if "'" in word:
        words: list[str] = []
        for part in _split_clitics(word):
            words.extend(_SPELLING.get(part, (part,)))
        return tuple(words)
    return (word,)


def pattern_words(pattern: str) -> list[str]:
    """Return the words a list entry stands for, keeping a lone clitic.

    A list may write a clitic as a word of its own ("homework 's killing
    me", "is|'s"), because that is how `tokenise` splits "homework's"; read
    as text, "'s" would lose its apostrophe and never match.
    """
    words: list[str] = []
    for piece in pattern.split():
        if piece.startswith("'") and len(piece) > 1 and piece[1:].isalpha():
            words.extend(_split_clitics("x" + piece.translate(_APOSTROPHES))[1:])
        else:
            words.extend(tokenise(piece))
    return words


# Text-speak that is a number or a letter elsewhere, read as a word only
# after the words it follows as one: "i want 2 die", "dont want 2 b here"
# (but "2 of them", "plan b").
_AFTER = {
    # Not after "have", "had", "got" or "back": "i have 2 brothers", "came back 2 days later".
    "2": ("to", frozenset({
        "want", "wanted", "wants", "need", "needs", "needed", "going", "try", "tried", "trying", "like", "used",
        "able", "wish", "allowed", "scared", "afraid", "supposed", "told", "asked", "started", "start", "go",
        "went", "come", "came", "talk", "speak", "listen", "meant",
    })),
    "b": ("be", frozenset({"to", "will", "would", "could", "should", "might", "must", "can", "not", "never"})),
}


def _read_text_speak(words: list[str]) -> list[str]:
    for i in range(1, len(words)):
        reading = _AFTER.get(words[i])
        if reading is not None and words[i - 1] in reading[1]:
            words[i] = reading[0]
    return words


def tokenise(text: str) -> list[str]:
    """Return the normalised tokens of a text (words, emoji, punctuation)."""
    text = text.lower().translate(_APOSTROPHES)
    text = _WEB_ADDRESS.sub(" ", text)
    text = _EMOJI_NOISE.sub("", text)
    text = _INNER_HYPHEN.sub(" ", text)
    words: list[str] = []
    for token in TOKEN_RE.findall(text):
        if token[0].isalnum() or token[0] == "'":
            words.extend(normalise_word(token))
        elif token.startswith(".."):
            words.append("\u2026")
        else:
            words.append(token)
    return _read_text_speak(words)


@dataclass(frozen=True, slots=True)
class PreparedText:
    """A text as the analysers read it.

    `words` are the normalised tokens, `keys` their stems, `key_text` the keys
    joined by single spaces (with a trailing space) for phrase patterns, and
    `starts[i]` where token i begins in `key_text`.
    """

    text: str
    words: tuple[str, ...]
    keys: tuple[str, ...]
    key_text: str
    starts: tuple[int, ...]

    def token_at(self, offset: int) -> int:
        """Return the index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def phrase(self, start: int, end: int) -> str:
        """Return the normalised words of tokens start..end-1, for evidence."""
        return " ".join(self.words[start:end])


def prepare(text: str) -> PreparedText:
    """Return the prepared form of `text`; an empty text gives no tokens."""
    words = tuple(tokenise(text))
    keys = tuple(stem(w) for w in words)
    starts: list[int] = []
    offset = 0
    for key in keys:
        starts.append(offset)
        offset += len(key) + 1
    key_text = " ".join(keys) + " " if keys else ""
    return PreparedText(text, words, keys, key_text, tuple(starts))
