"""Phrases that keep coming up in answers but fit no theme yet.

The theme taxonomy is fixed, but what children, parents and carers talk about
is not: if many of them mention "pocket money" or "contact centre" and no
theme catches it, the IRO manager should see it. `emerging_phrases` counts
the noun phrases, found by TextBlob's bundled pattern parser, that recur
across answers outside the themes already found.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textblob.en import lexicon, parse
from textblob.en.inflect import singularize

from analysis.redaction import redact
from analysis.result import Analysis

__all__ = ["EmergingPhrase", "emerging_phrases"]

EXAMPLES_PER_PHRASE = 3


@dataclass(frozen=True, slots=True)
class EmergingPhrase:
    """A noun phrase, how many answers used it, and a few of those answers."""

    phrase: str
    count: int  # distinct answers, not mentions
    examples: tuple[str, ...]  # redacted answer texts, never a concern


# TextBlob's own tokeniser splits every apostrophe off ("worker ' s",
# "do n ' t"), which the tagger then reads as nouns; so the text is split
# here, in the Penn Treebank way the tagger was trained on ("do n't",
# "worker 's"), and parsed with tokenize=False.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_TOKEN = re.compile(
    r"\[[a-z ]+\]"  # a redaction marker such as "[phone number]", kept whole
    r"|[^\W\d_]+(?=n't)|n't"
    r"|'(?:s|m|re|ve|ll|d)\b"
    r"|[^\W_]+(?:-[^\W_]+)*"
    r"|[^\w\s]",
    re.IGNORECASE,
)

# Words that grade or count a thing without saying what it is: "more pocket
# money" and "good pocket money" are both about pocket money.
_MODIFIERS = frozenset(
    """
    more less most least some any many much few other another own same such whole
    every each several enough next last first only main real different new old
    good bad great nice best worst better worse lovely horrible amazing big little
    """.split()
)
# Nouns too general to be a theme on their own.
_VAGUE_NOUNS = frozenset(
    """
    thing things stuff lot lots time times way bit everything something anything
    nothing everyone someone anyone nobody somebody everybody anybody people person
    one kind sort day week month year today yesterday tomorrow place part reason
    question answer yes no ok okay lol
    """.split()
)
# Nouns that only come in the plural; TextBlob would make "clothes" "clothe".
_PLURAL_ONLY = frozenset("clothes glasses news trousers jeans scissors thanks".split())
_WORD = re.compile(r"[^\W_]+")
# Proper nouns (NNP) are left out on purpose: a capitalised word the tagger
# does not know is most often a person's or a place's name, which must not
# be offered as a phrase.
_PHRASE_TAGS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS"})
_AFTER_VERB = frozenset({"PRP", "PRP$", "JJ", "RB", "DT"})


def emerging_phrases(
    analyses: Iterable[Analysis],
    *,
    min_count: int = 2,
    limit: int = 20,
    theme_words: Iterable[str] = (),
) -> list[EmergingPhrase]:
    """The noun phrases used in at least `min_count` answers that fit no theme.

    A phrase fits no theme when its answer has no themes, or when it contains
    none of the answer's theme signal words: the words of its "theme:..."
    evidence phrases, and `theme_words` (for example the theme lexicon's
    keywords). Phrases are lower-cased, without determiners, pronouns or
    grading words ("more", "good"), nouns made singular, and counted once per
    answer. Examples are the first few answers using the phrase, redacted,
    never one flagged as a concern.

    Returns at most `limit` phrases, most used first, then alphabetically.
    Raises ValueError for a `min_count` below 1 or a negative `limit`.
    """
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, not {min_count}")
    if limit < 0:
        raise ValueError(f"limit must not be negative, not {limit}")
    shared_signals = _signal_words(theme_words)

    counts: Counter[str] = Counter()
    examples: defaultdict[str, list[str]] = defaultdict(list)
    for analysis in analyses:
        if not analysis.text.strip():
            continue
        # Parse the redacted text, so that a name many children mention (their
        # IRO's, say) is never offered as a phrase.
        redacted = redact(analysis.text).text
        phrases = set(_noun_phrases(redacted))
        if analysis.themes:
            signals = shared_signals | _signal_words(
                e.phrase for e in analysis.evidence if e.finding.startswith("theme:")
            )
            phrases = {p for p in phrases if signals.isdisjoint(p.split())}
        counts.update(phrases)
        if analysis.concern is None:
            for phrase in phrases:
                shown = examples[phrase]
                if len(shown) < EXAMPLES_PER_PHRASE and redacted not in shown:
                    shown.append(redacted)

    ranked = sorted(
        (phrase for phrase, count in counts.items() if count >= min_count),
        key=lambda phrase: (-counts[phrase], phrase),
    )
    return [
        EmergingPhrase(phrase, counts[phrase], tuple(examples[phrase])) for phrase in ranked[:limit]
    ]


def _signal_words(phrases: Iterable[str]) -> frozenset[str]:
    """Lower-cased words of `phrases`, each also in its singular form."""
    words = {word for phrase in phrases for word in _WORD.findall(phrase.lower())}
    return frozenset(words | {_singular(word) for word in words})


def _noun_phrases(text: str) -> Iterator[str]:
    """Each normalised noun phrase in `text`, in order, repeats included."""
    sentences = (_tokens(s) for s in _SENTENCE_BREAK.split(text))
    tagged = "\n".join(" ".join(tokens) for tokens in sentences if tokens)
    if not tagged:
        return
    for sentence in parse(tagged, tokenize=False, chunks=True, lemmata=False).split():
        run: list[tuple[str, str]] = []
        for i, (word, tag, chunk, *_) in enumerate(sentence):
            next_tag = sentence[i + 1][1] if i + 1 < len(sentence) else ""
            if _reads_as_verb(run, tag, next_tag):
                yield from _normalise(run)
                run = []
                continue
            joins = chunk.endswith("-NP") and tag in _PHRASE_TAGS and word.isalpha()
            if chunk == "B-NP" or not joins:
                # A determiner, pronoun, adverb or marker ends the phrase:
                # "my iro never visits" gives "iro", not "iro never visits".
                yield from _normalise(run)
                run = []
            if joins:
                run.append((word.lower(), tag))
        yield from _normalise(run)


def _tokens(sentence: str) -> list[str]:
    """The sentence's tokens, its first word lower-cased if it is a common word.

    The tagger reads a capitalised unknown word as a proper noun, so
    "Pocket money is late" would otherwise lose "pocket".
    """
    tokens = _TOKEN.findall(sentence.replace("’", "'"))
    if tokens and tokens[0].istitle() and tokens[0].lower() in lexicon:
        tokens[0] = tokens[0].lower()
    return tokens


def _reads_as_verb(run: list[tuple[str, str]], tag: str, next_tag: str) -> bool:
    """Whether a plural noun straight after a noun is really a verb.

    The tagger reads "my social worker visits me" and "the food tastes nice"
    as one noun phrase; a plural followed by a pronoun, adjective, adverb or
    determiner is a verb far more often than a noun.
    """
    return tag == "NNS" and bool(run) and run[-1][1] == "NN" and next_tag in _AFTER_VERB


def _normalise(run: list[tuple[str, str]]) -> Iterator[str]:
    """The run of adjectives and nouns as a phrase, if it names something."""
    while run and (run[0][0] in _MODIFIERS or run[0][1] in ("JJR", "JJS")):
        run = run[1:]
    while run and not run[-1][1].startswith("NN"):
        run = run[:-1]
    words = [_singular(word) if tag == "NNS" else word for word, tag in run if len(word) > 1]
    if words and not all(word in _VAGUE_NOUNS for word in words):
        yield " ".join(words)


def _singular(word: str) -> str:
    # The tagger calls unknown words ending in "s" plural ("minibus"), and
    # TextBlob would make them "minibu"; real plurals rarely end so.
    if word in _PLURAL_ONLY or word.endswith(("ss", "us", "is")):
        return word
    return singularize(word)
