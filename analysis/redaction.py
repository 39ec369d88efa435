"""Take out what could identify a person before a text is shown as a quote.

`redact(text, names)` replaces names, phone numbers, e-mail addresses,
postcodes, street addresses, school names and links with readable markers
such as "[name]" and "[school]", and leaves the rest of the text as it was.

It is a safety net for the quote bank, not a guarantee: a person still reviews
every quote before it is approved. Where a rule has to choose, it prefers to
redact a little too much (a game called "[name]") over leaving a child's name
in a report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, NamedTuple

from textblob.en import lexicon

__all__ = ["MARKERS", "Redaction", "RedactionKind", "Replacement", "redact"]

RedactionKind = Literal["name", "phone", "email", "postcode", "address", "school", "link"]

MARKERS: dict[RedactionKind, str] = {
    "name": "[name]",
    "phone": "[phone number]",
    "email": "[email]",
    "postcode": "[postcode]",
    "address": "[address]",
    "school": "[school]",
    "link": "[link]",
}

Finder = Callable[[str], Iterator[tuple[int, int]]]


class Replacement(NamedTuple):
    """One piece of text that was taken out, and what kind of thing it was."""

    kind: RedactionKind
    original: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text, and what was replaced, in the order it appeared."""

    text: str
    replacements: tuple[Replacement, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.replacements)


# --- contact details -------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_LINK = re.compile(
    r"(?i)(?<![\w@.])(?:"
    r"(?:https?://|www\.)[^\s<>\"']+"
    # bare domains as children write them: "tiktok.com/@me", "council.gov.uk"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|uk|io|me|tv|app|info|ly)\b(?:/[^\s<>\"']*)?"
    r")"
)
# A sentence's own full stop or bracket is not part of the link before it.
_LINK_TRAILING = ".,;:!?)]}'\""

# UK numbers: a trunk 0 (or +44 / 0044, with an optional "(0)"), then 9 or 10
# digits with spaces, dashes or a closing bracket between them. Shorter
# numbers such as Childline's 0800 1111 are public helplines and stay.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)(?:\d[\s)\-]{0,2}){8,9}\d(?!\d)"
)

# The inward code's letters never include C, I, K, M, O or V, which keeps
# "b4 2am" from looking like a postcode.
_POSTCODE = re.compile(
    r"(?i)\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b"
)

# --- places ----------------------------------------------------------------

# Suffixes a child might write in lower case ("12 acacia avenue"); the others
# ("Walk", "View", "Park", "Close") are ordinary words too, so they count only
# when the whole street name has capitals.
_STRONG_STREET = frozenset(
    "street st road rd avenue ave lane ln drive crescent terrace gardens mews".split()
)
_STREET_SUFFIX = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct"
    r"|place|grove|gardens|terrace|hill|park|row|walk|square|mews|rise|view|green"
    r"|parade|vale|croft|gate)"
)
_ADDRESS = re.compile(
    r"(?i)(?<![\w-])"
    r"(?:(?:flat|apartment|apt|unit)\s+\d{1,4}[a-z]?,?\s+)?"
    r"\d{1,4}[a-z]?,?\s+"
    rf"(?P<street>(?:[a-z][a-z'’-]*\s+){{1,3}}){_STREET_SUFFIX}\b"
)
# Without a house number, only a capitalised name and a clear street word.
_STREET_NAME = re.compile(
    r"(?<![\w-])(?P<street>(?:[A-Z][a-z'’-]+\s+){1,2})"
    r"(?:Street|Road|Avenue|Lane|Close|Drive|Crescent|Terrace|Gardens|Grove|Mews)\b"
)
# Words that join a sentence, never a street's name: "2 brothers in the road".
_NOT_STREET_WORDS = frozenset(
    "the a an in on at my our your his her their to of and or with down up near by "
    "from for is was are were it this that".split()
)

_SCHOOL_TYPE = (
    r"(?:Catholic|RC|CE|C of E|CofE|Church of England|Community|Primary|Secondary|High"
    r"|Grammar|Infant|Infants|Junior|Juniors|Middle|Special|Free|Sixth Form)"
)
_SCHOOL_KIND = (
    r"(?:School|Academy|College|University|Nursery|Sixth Form|Primary|High|Grammar"
    r"|Infants|Juniors|Pupil Referral Unit|PRU)"
)
_SAINT = r"(?:(?:St\.?|Saint)\s+)"
# No full stop inside: "I left Oakfield. College is better" names no school.
_CAPITAL_WORD = r"[A-Z][\w'’-]*"
_SCHOOL = re.compile(
    rf"(?<![\w-])(?P<name>{_SAINT}?{_CAPITAL_WORD}"
    rf"(?:\s+(?:{_SAINT}?{_CAPITAL_WORD}|and|&|of|the)){{0,3}}?)"
    rf"(?:\s+{_SCHOOL_TYPE})*\s+{_SCHOOL_KIND}\b"
    rf"|(?<![\w-])University\s+of\s+(?:the\s+)?{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD})?"
)
# Capitalised words that can stand before "School" without naming one.
_NOT_SCHOOL_NAME = frozenset(
    "my the a an our your his her their this that new old big little local at to in "
    "of from go going i hate love like primary secondary high grammar junior infant "
    "middle special boarding sixth nursery sunday summer holiday driving art drama "
    "dance music football forest home night catholic church free state private public "
    "and".split()
)

# --- names -----------------------------------------------------------------

# Letters in any alphabet, so that "Siôn" and "Zoë" are whole words.
_NAME_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_WORD = re.compile(rf"(?<![\w'’-]){_NAME_WORD}")
_CONTRACTION = re.compile(r"(?i)['’](?:m|ll|d|ve|re|t)$")
_POSSESSIVE = re.compile(r"(?i)['’]s$")

# Words that people write with a capital but that never name a person here.
_NEVER_NAMES = frozenset(
    """
    i monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november
    december christmas easter eid diwali halloween ramadan hanukkah xmas
    mum mam mom mummy mommy mother dad daddy father nan nana nanna nanny gran granny
    grandma grandad granddad grandpa grandmother grandfather auntie aunty aunt uncle
    sister brother cousin sir miss mr mrs ms mx dr
    iro iros sw cla lac pep cicc cin ok okay tv uk gcse gcses
    social services worker carer carers police childline nspcc council court judge
    school college academy university team
    england english britain british wales welsh scotland scottish ireland irish
    god jesus allah
    """.split()
)

# Given names that are also everyday words: they are only taken for names
# when written "Will" in the middle of a sentence, or after a cue, never as
# "will" or at the start of a sentence ("Will I see my brother?").
_NAMES_THAT_ARE_WORDS = frozenset(
    """
    amber angel april art august autumn bill carol chase crystal dawn don drew faith
    frank grace guy hazel heather holly honey hope ivy jade jasmine jay jean joy june
    kit lily mark mason max may miles mo pat penny pip poppy ray rich river rob robin
    rose ruby sandy sky star storm sue summer sunny teddy violet will willow
    """.split()
)

# Phrases after which the next word is a person's name, if it looks like one.
_NAME_CUE = re.compile(
    r"(?i)\b(?:"
    r"(?:my|our|the|his|her|their)\s+(?:old\s+|new\s+)?(?:social\s+worker|sw|iro|"
    r"independent\s+reviewing\s+officer|foster\s+(?:carers?|mum|dad|mam|parents?)|"
    r"carers?|(?:key|support|project|youth)\s*worker|personal\s+adviser|pa|advocate|"
    r"mentor|counsellor|therapist|teacher|tutor|"
    r"(?:little\s+|big\s+|older\s+|younger\s+|baby\s+)?(?:brother|sister|cousin)|"
    r"friend|best\s+friend|mate|boyfriend|girlfriend|mum|mam|dad|son|daughter)"
    r"|called|named|name\s+is|name['’]s"
    r"|auntie|aunty|aunt|uncle|nan|nana|nanna|nanny|gran|granny|grandma|grandad|grandpa"
    r")(?=[\s,])"
)
# Titles: "Miss" only with its capital, since "I miss Sarah" is a verb.
_TITLE_CUE = re.compile(r"(?:\b(?i:mr|mrs|ms|mx|dr)\.?|\bMiss)(?=\s)")
_NEXT_WORD = re.compile(rf",?\s+({_NAME_WORD})")
_SURNAME = re.compile(rf"[ ]({_NAME_WORD})")
# "my foster carers Karen and Steve": a cue can name more than one person.
_AND_NAME = re.compile(rf"\s+(?:and|&)\s+({_NAME_WORD})")


@cache
def first_names() -> frozenset[str]:
    """The built-in list of common UK given names, lower-cased."""
    path = Path(__file__).with_name("data") / "first_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def _fold(word: str) -> str:
    """Lower case without accents, so that "Zoë" is found as "zoe"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _lexicon_tag(word: str) -> str | None:
    # TextBlob's tagger lexicon knows whether "Is" or "Nice" is an ordinary
    # word; it ships with TextBlob and needs no corpus download.
    return lexicon.get(word)


def _looks_like_name(word: str) -> bool:
    """A capitalised word that is not an ordinary word or a word like "Mum"."""
    if not word[:1].isupper() or word.lower() in _NEVER_NAMES:
        return False
    if _fold(word) in first_names():
        return True
    tag = _lexicon_tag(word)
    if tag is None and not _is_title_case(word):
        # "NEVER" in a shouted sentence is still the word "never".
        tag = _lexicon_tag(word.lower())
    return tag in (None, "NNP", "NNPS")


def _is_unknown_word(word: str) -> bool:
    """True for "smith" or "patel", which are no ordinary lower-case word."""
    return word.lower() not in _NEVER_NAMES and _lexicon_tag(word.lower()) is None


def _base(word: str) -> str | None:
    """The word without a possessive "'s"; None for contractions such as "I'm"."""
    if _POSSESSIVE.search(word):
        return word[:-2]
    if _CONTRACTION.search(word):
        return None
    return word


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘([")
    return not before or before[-1] in ".!?\n:;"


def _is_title_case(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _surname_end(text: str, end: int) -> int:
    """Where a name ends, taking in a surname that directly follows it."""
    match = _SURNAME.match(text, end)
    if match:
        word = _base(match.group(1))
        if word and _looks_like_name(word):
            return match.start(1) + len(word)
    return end


def _supplied_name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    """Patterns for names the caller knows, whole names first, then each part.

    Parts that are everyday words ("Will") match only with their capital.
    """
    anycase: set[str] = set()
    capital: set[str] = set()
    for name in names:
        parts = name.split()
        if not parts:
            continue
        if len(parts) > 1:
            anycase.add(r"\s+".join(map(re.escape, parts)))
        for part in parts:
            if len(part) < 2:
                continue
            if part.lower() in _NAMES_THAT_ARE_WORDS:
                capital.add(re.escape(part[0].upper() + part[1:]))
            else:
                anycase.add(re.escape(part))
    patterns = []
    for alternatives, flags in ((anycase, re.IGNORECASE), (capital, 0)):
        if alternatives:
            # Longest first, so "Sarah Jones" wins over "Sarah".
            body = "|".join(sorted(alternatives, key=lambda a: (-len(a), a)))
            patterns.append(re.compile(rf"(?<![\w'’-])(?:{body})(?=(?:['’]s)?(?![\w-]))", flags))
    return patterns


def _is_cued_name(word: str, after_title: bool) -> bool:
    """Whether a word just after a cue such as "my IRO" or "Mrs" is a name."""
    lower = word.lower()
    return (
        _looks_like_name(word)
        or (_fold(word) in first_names() and lower not in _NAMES_THAT_ARE_WORDS)
        or (after_title and _is_unknown_word(word))
    )


def _find_names(text: str, names: Iterable[str]) -> Iterator[tuple[int, int]]:
    for pattern in _supplied_name_patterns(names):
        for match in pattern.finditer(text):
            yield match.start(), match.end()

    for cue in (*_NAME_CUE.finditer(text), *_TITLE_CUE.finditer(text)):
        after_title = cue.re is _TITLE_CUE
        match = _NEXT_WORD.match(text, cue.end())
        while match:
            word = _base(match.group(1))
            if not word or not _is_cued_name(word, after_title):
                break
            start = match.start(1)
            end = _surname_end(text, start + len(word))
            yield start, end
            match = _AND_NAME.match(text, end)

    known = first_names()
    for match in _WORD.finditer(text):
        word = _base(match.group())
        if not word or _fold(word) not in known or word.lower() in _NEVER_NAMES:
            continue
        if word.lower() in _NAMES_THAT_ARE_WORDS:
            if not _is_title_case(word) or _starts_sentence(text, match.start()):
                continue
        end = match.start() + len(word)
        yield match.start(), (_surname_end(text, end) if word[0].isupper() else end)


def _find_addresses(text: str) -> Iterator[tuple[int, int]]:
    for match in _ADDRESS.finditer(text):
        words = match.group("street").split()
        suffix = text[match.end("street") : match.end()]
        if any(w.lower() in _NOT_STREET_WORDS for w in words):
            continue
        capitalised = all(w[0].isupper() for w in (*words, suffix))
        if capitalised or suffix.lower() in _STRONG_STREET:
            yield match.start(), match.end()
    for match in _STREET_NAME.finditer(text):
        if _looks_like_name(match.group("street").split()[0]):
            yield match.start(), match.end()


def _find_schools(text: str) -> Iterator[tuple[int, int]]:
    for match in _SCHOOL.finditer(text):
        if match.group("name") is None:  # "University of ..."
            yield match.start(), match.end()
            continue
        # Drop leading words that cannot be part of a school's name:
        # "My Oakfield School" -> "Oakfield School"; "My School" -> nothing.
        for word in re.finditer(r"\S+", match.group("name")):
            if _can_name_school(word.group()):
                yield match.start("name") + word.start(), match.end()
                break


def _can_name_school(word: str) -> bool:
    bare = word.rstrip(".").lower()
    if bare in ("st", "saint"):
        return True
    base = _base(word)
    return bare not in _NOT_SCHOOL_NAME and base is not None and _looks_like_name(base)


def _find_links(text: str) -> Iterator[tuple[int, int]]:
    for match in _LINK.finditer(text):
        end = match.start() + len(match.group().rstrip(_LINK_TRAILING))
        if end > match.start():
            yield match.start(), end


def _find_pattern(pattern: re.Pattern[str]) -> Finder:
    def find(text: str) -> Iterator[tuple[int, int]]:
        for match in pattern.finditer(text):
            yield match.start(), match.end()

    return find


# When two findings overlap, the earlier kind wins: an e-mail address holds a
# domain that looks like a link, and a school or street is often named after
# a person ("St Mary's", "Sarah Close"), which is not a person's name. Names
# come last, from `redact`, because they depend on the names it is given.
_FINDERS: dict[RedactionKind, Finder] = {
    "email": _find_pattern(_EMAIL),
    "link": _find_links,
    "phone": _find_pattern(_PHONE),
    "postcode": _find_pattern(_POSTCODE),
    "address": _find_addresses,
    "school": _find_schools,
}


def redact(text: str, names: Iterable[str] = ()) -> Redaction:
    """Replace identifying details in `text` with markers such as "[name]".

    `names` are names known to belong to this answer (the child, their carers,
    their IRO); they are matched whole-word and case-insensitively, with or
    without a possessive "'s". Returns a `Redaction` whose `replacements` list
    what was taken out, in text order. Never raises for any string.
    """
    known_names = tuple(names)
    finders: dict[RedactionKind, Finder] = {
        **_FINDERS,
        "name": lambda text: _find_names(text, known_names),
    }
    spans: list[tuple[int, int, RedactionKind]] = []
    for kind, find in finders.items():
        found = find(text)
        # Longest first where two start together: "Sarah Jones" over "Sarah".
        for start, end in sorted(set(found), key=lambda span: (span[0], -span[1])):
            if not any(start < e and s < end for s, e, _ in spans):
                spans.append((start, end, kind))

    spans.sort()
    pieces: list[str] = []
    replacements: list[Replacement] = []
    position = 0
    for start, end, kind in spans:
        pieces += [text[position:start], MARKERS[kind]]
        replacements.append(Replacement(kind, text[start:end]))
        position = end
    pieces.append(text[position:])
    return Redaction("".join(pieces), tuple(replacements))
