"""Phrase patterns: how the word lists in `analysis/data` are written and found.

A pattern is words separated by spaces, matched on word forms (see
`analysis.text.stem`), so "listen to me" also finds "listened to me". In a
pattern:

  ``a|b|c``   any one of these words (or contracted forms: ``dont|never``)
  ``(a b|c)`` any one of these phrases: brackets let alternatives have
              several words (``(no one|nobody) listens``)
  ``@name``   any word of the named word class (``@family`` = mum, dad, ...);
              a class may hold several-word phrases and sit in alternatives
              (``a|an|@count``). Without brackets, alternatives are single
              words: ``nobody|no one`` means "nobody" or "no", then "one".
  ``*``       any one word
  ``..``      up to three words ("hit .. me" finds "hit me", "hit my sister and me")
  ``word?``   the word may be missing ("so? scared")

The first slot must be a plain word, alternatives or a class, so that
patterns can be indexed by their first word and tried only where it occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

from analysis.lexicons import LexiconError
from analysis.text import KNOWN_KEYS, PreparedText, pattern_words, stem

Payload = TypeVar("Payload")

# A gap never crosses the end of a clause.
_GAP = r"(?:[^ .!?;\n\u2026]+ ){0,3}"
_ANY = r"[^ .!?;\n\u2026]+ "
_SLOT = re.compile(r"\([^()]*\)\??|\S+")


class PhraseMatch(NamedTuple, Generic[Payload]):
    """One pattern found in a text: tokens start..end-1 and what it stands for.

    A named tuple rather than a dataclass: thousands are made per second.
    """

    start: int
    end: int
    payload: Payload
    pattern: str


def _keys_of(words: str) -> str:
    """The key sequence a literal alternative stands for, e.g. "dont" -> "do not"."""
    keys = [stem(w) for w in pattern_words(words)]
    KNOWN_KEYS.update(keys)
    return " ".join(keys)


class PhraseMatcher(Generic[Payload]):
    """Finds any of many phrase patterns in a prepared text.

    Build it once from (pattern, payload) pairs; `find` then costs one dict
    look-up per token plus a regex match only where a pattern's first word
    occurs.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, Payload]],
        classes: Mapping[str, Sequence[str]] | None = None,
        source: str = "a phrase list",
    ) -> None:
        """Raises LexiconError naming `source` and the pattern if one is malformed."""
        self._classes = {name: [str(w) for w in words] for name, words in (classes or {}).items()}
        self._source = source
        self._single: dict[str, list[tuple[Payload, str]]] = {}
        self._multi: dict[str, list[tuple[re.Pattern[str], Payload, str]]] = {}
        for pattern, payload in entries:
            self._add(str(pattern), payload)
        # One look-up per token: a first word's one-word and longer patterns together.
        self._index = {
            key: (self._single.get(key, []), self._multi.get(key, []))
            for key in self._single.keys() | self._multi.keys()
        }

    def _alternatives(self, slot: str, pattern: str) -> list[str]:
        words: list[str] = []
        if slot.startswith("(") and slot.endswith(")"):
            slot = slot[1:-1]
        for alternative in slot.split("|"):
            if not alternative.startswith("@"):
                words.append(alternative)
                continue
            name = alternative[1:]
            if name not in self._classes:
                raise LexiconError(
                    f"{self._source}: pattern '{pattern}' uses unknown word class '@{name}'; "
                    f"define it under 'classes'"
                )
            words.extend(self._classes[name])
        keys = [_keys_of(w) for w in words if w]
        if not all(keys):
            raise LexiconError(f"{self._source}: pattern '{pattern}' has an empty alternative in '{slot}'")
        return keys

    def _add(self, pattern: str, payload: Payload) -> None:
        slots = _SLOT.findall(pattern)
        if not slots or slots[0] in ("*", "..") or slots[0].endswith("?"):
            raise LexiconError(
                f"{self._source}: pattern '{pattern}' must start with a word, "
                f"alternatives or a @class (not *, .. or an optional word)"
            )
        firsts = self._alternatives(slots[0], pattern)
        if len(slots) == 1 and all(" " not in k for k in firsts):
            for key in firsts:
                self._single.setdefault(key, []).append((payload, pattern))
            return
        parts = []
        for slot in slots:
            if slot == "*":
                parts.append(_ANY)
            elif slot == "..":
                parts.append(_GAP)
            else:
                optional = slot.endswith("?") and len(slot) > 1
                keys = self._alternatives(slot.rstrip("?") if optional else slot, pattern)
                alternation = "(?:" + "|".join(re.escape(k) + " " for k in sorted(keys, key=len, reverse=True)) + ")"
                parts.append(alternation + ("?" if optional else ""))
        regex = re.compile("".join(parts))
        for first in {k.split()[0] for k in firsts}:
            self._multi.setdefault(first, []).append((regex, payload, pattern))

    def find(self, prepared: PreparedText) -> list[PhraseMatch[Payload]]:
        """Return every match, in token order; matches may overlap."""
        found: list[PhraseMatch[Payload]] = []
        key_text, starts = prepared.key_text, prepared.starts
        index = self._index
        for i, key in enumerate(prepared.keys):
            entry = index.get(key)
            if entry is None:
                continue
            hits, candidates = entry
            for payload, pattern in hits:
                found.append(PhraseMatch(i, i + 1, payload, pattern))
            for regex, payload, pattern in candidates:
                m = regex.match(key_text, starts[i])
                if m:
                    end = prepared.token_at(m.end())
                    found.append(PhraseMatch(i, max(end, i + 1), payload, pattern))
        return found


def longest_first(matches: Sequence[PhraseMatch[Payload]]) -> list[PhraseMatch[Payload]]:
    """Return non-overlapping matches, preferring the earliest, then the longest.

    Used where one phrase should win over the words inside it ("told off"
    over "told", "in care" over "care").
    """
    chosen: list[PhraseMatch[Payload]] = []
    taken_until = 0
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= taken_until:
            chosen.append(match)
            taken_until = match.end
    return chosen
