"""Sentiment of one text, read the way children, parents and carers write.

TextBlob's polarity averages the adjectives it knows over the whole text, so
"nobody listens to me" is neutral, "I miss my mum" is neutral and "I like my
carers but I never see my dad" is positive. Here a text is read clause by
clause (sentences, and the parts either side of "but", "although" ...):

- each clause's feeling words are scored from `data/sentiment.yaml` first and
  TextBlob's lexicon second, and averaged as TextBlob does;
- a negator ("not", "nobody", "never", "no one") turns round the next feeling
  word within its reach (a few words; small words like "me" and "the" do not
  count, and "why", "because" ... end it), with a stronger meaning for words
  like "listen" ("nobody listens" is clearly negative, "she listens" only
  mildly positive);
- an intensifier ("really", "dead", "so") scales the next feeling word;
- a wish ("I wish", "I want") is a need: positive words in it do not
  count, and one about something missing ("more", "see", "again") leans
  negative; advice ("should") likewise ignores positive words but leaves
  the rest neutral, and a clause that only imagines ("if ...") is ignored;
- a text with a clearly positive clause and a clearly negative one is mixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.phrases import PhraseMatch, longest_first
from analysis.result import Evidence, Sentiment
from analysis.sentiment_lexicon import DEFICITS, KEEPS, MATCHER, TEXTBLOB_POLARITY, Entry, Kind
from analysis.text import CLAUSE_END, PreparedText

INTENSIFIER_SCOPE = 2  # words after "really"/"so" that it can reach ("so very kind")
CONTRAST_WEIGHT = 1.5  # what follows "but" usually says what the writer means
LABEL_THRESHOLD = 0.1  # |polarity| below this is neutral
MIXED_THRESHOLD = 0.25  # both a clause at or above +this and one at or below -this: mixed
WISH_NEED = -0.3  # "I wish I could see my brother more"
WISH_PLAIN = -0.05  # "I want to be in the football team": a need, leaning nowhere much
WISH_KEEP = 0.4  # "I want to stay here forever"
WHY_QUESTION = -0.3  # "why do they keep moving me?" is a complaint
_NEGATION_STOPS = frozenset({"why", "what", "when", "where", "who", "how", "because", "which", "until", "while"})
# After one of these a comma starts a new statement, so a negation does not
# carry over it ("she doesn't ring, I like her"); otherwise it reaches along
# a list ("she doesn't listen, explain or even look at me").
_NEW_SUBJECT = frozenset({"i", "we", "you", "they", "he", "she", "it", "my", "but", "and", "so", "there", "this", "that"})
LIST_REACH = 3  # words into the next list item a carried negation reaches
NO_THING = -0.3  # "no calls, no visits": a lack, with no feeling word
# "no" before these is not a lack of something ("no more moving", "no way").
_NOT_A_THING = frozenset({"more", "longer", "matter", "way", "doubt", "wonder", "rush", "hurry", "need"})
_WISHFUL = (Kind.WISH, Kind.REQUEST)
SMALL_WORD = 3  # words this long or shorter pass without using up a negator's reach
FAINT = 0.1  # TextBlob polarities weaker than this are ignored
EVIDENCE_MIN = 0.2  # feeling words weaker than this are not shown as evidence


@dataclass(frozen=True, slots=True)
class SentimentResult:
    """The sentiment label, the polarity (-1..1) and the phrases behind it."""

    label: Sentiment
    polarity: float
    evidence: tuple[Evidence, ...] = ()
    #: The most positive and most negative clause (0.0 when none), and how
    #: many clauses had a feeling: what the learned layer reads of the rules.
    highest: float = 0.0
    lowest: float = 0.0
    clauses: int = 0


@dataclass(slots=True)
class _Clause:
    start: int
    weight: float = 1.0
    items: list[float] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    wish: bool = False
    wish_phrase: str = ""
    request: bool = False
    advice: bool = False
    hypothetical: bool = False
    negate_left: int = 0
    boost: float = 1.0
    boost_left: int = 0
    negator_seen: bool = False  # a negator was in this clause (it may reach over a list)
    last_negated: bool = False  # the last feeling word was negated ("not listen or explain")
    bare_no: bool = False  # "no" just came: "no calls" is a complaint with no feeling word

    def add(self, polarity: float, negated: float | None) -> float:
        self.bare_no = False
        self.last_negated = self.negate_left > 0
        if self.negate_left > 0:
            if negated is not None:
                polarity = negated
            else:
                # "not happy" is clearly negative; "not bad" only mildly positive.
                polarity = -polarity * (0.75 if polarity > 0 else 0.5)
            self.negate_left = 0
        if self.boost_left > 0:
            polarity = max(-1.0, min(1.0, polarity * self.boost))
            self.boost_left = 0
        if polarity:  # "see" only counts when negated ("I never see my dad")
            self.items.append(polarity)
        return polarity

    def step(self, words: int = 1) -> None:
        self.negate_left -= words
        self.boost_left -= words
        self.bare_no = False


def _wish_polarity(clause: _Clause, end: int, deficits: dict[int, bool], keeps: set[int]) -> float:
    """A wish's polarity: wanting things kept is positive, wanting what is missing negative."""
    if (clause.wish or clause.request) and any(clause.start <= i < end for i in keeps):
        return WISH_KEEP
    negatives = [p for p in clause.items if p < 0]
    missing = [strong for i, strong in deficits.items() if clause.start <= i < end]
    if (clause.wish and missing) or (clause.request and any(missing)):
        return min([WISH_NEED, *negatives])
    return sum(negatives) / len(negatives) if negatives else WISH_PLAIN


def score(prepared: PreparedText) -> SentimentResult:
    """Return the sentiment of a prepared text; a text with no feeling words is neutral 0.0."""
    words = prepared.words
    found = longest_first(MATCHER.find(prepared))
    matches: dict[int, PhraseMatch[Entry]] = {m.start: m for m in found}
    # Only a wish or request needs its shape read; most texts have neither.
    wishful = any(m.payload.kind in _WISHFUL for m in found)
    deficits = {m.start: m.payload for m in DEFICITS.find(prepared)} if wishful else {}
    keeps = {m.start for m in KEEPS.find(prepared)} if wishful else set()
    scored: list[tuple[float, float]] = []  # (polarity, weight) of clauses with a feeling
    evidence: list[Evidence] = []
    mixed_marker = False
    clause = _Clause(0)

    def close(end: int, next_weight: float = 1.0) -> _Clause:
        polarity: float | None = None
        if clause.hypothetical and not (clause.wish or clause.request):
            pass  # "if we have any worries ...": imagined, not felt
        elif clause.wish or clause.request or clause.advice:
            polarity = _wish_polarity(clause, end, deficits, keeps)
        elif clause.items:
            polarity = sum(clause.items) / len(clause.items)
        elif end < len(words) and words[end] == "?" and words[clause.start] == "why":
            polarity = WHY_QUESTION
        if polarity is not None:
            scored.append((polarity, clause.weight))
            # In a wish or advice only the negative words counted; show only those.
            counted = clause.evidence
            if clause.wish or clause.request or clause.advice:
                counted = [e for e in counted if e.finding == "sentiment:negative"]
                if clause.wish_phrase and polarity <= WISH_NEED:
                    counted.append(Evidence("sentiment:negative", clause.wish_phrase))
            evidence.extend(counted)
        return _Clause(end + 1, weight=next_weight)

    i = 0
    while i < len(words):
        word = words[i]
        if word in CLAUSE_END:
            if word == "!" and clause.items:
                # TextBlob's rule: an exclamation mark strengthens the last feeling.
                clause.items[-1] = max(-1.0, min(1.0, clause.items[-1] * 1.25))
            clause = close(i)
            i += 1
            continue
        if word == ",":
            # "she listens, I don't like my carer": a comma ends a clause (and a
            # negation: "no, she's lovely"), so feelings either side can be mixed.
            carried = clause.negator_seen and i + 1 < len(words) and words[i + 1] not in _NEW_SUBJECT
            clause = close(i)
            if carried:
                clause.negate_left, clause.negator_seen = LIST_REACH, True
            i += 1
            continue
        match = matches.get(i)
        if match is None:
            polarity = TEXTBLOB_POLARITY.get(word)
            # TextBlob's faint words ("down" -0.16, "early" 0.1) are mostly noise
            # here; they neither count nor use up a negation meant for the next word.
            if polarity is not None and abs(polarity) >= FAINT:
                _record(clause.evidence, clause.add(polarity, None), word)
            elif clause.bare_no and word.isalpha() and len(word) > SMALL_WORD and word not in _NOT_A_THING:
                clause.negate_left = 0
                _record(clause.evidence, clause.add(NO_THING, None), f"no {word}")
            elif word in ("or", "nor") and clause.last_negated:
                clause.negate_left = LIST_REACH  # "didn't listen or explain": both are denied
            elif word in _NEGATION_STOPS:
                clause.negate_left = 0  # "i don't get why i was taken away": a new clause begins
            elif len(word) > SMALL_WORD:
                clause.step()  # small words ("me", "and", "the") do not use up a negation
            i += 1
            continue
        entry = match.payload
        kind = entry.kind
        if kind is Kind.FEELING:
            _record(clause.evidence, clause.add(entry.value, entry.negated), prepared.phrase(match.start, match.end))
        elif kind is Kind.NEGATOR:
            clause.negate_left = int(entry.value)
            clause.negator_seen = True
            clause.bare_no = match.pattern == "no"
        elif kind is Kind.INTENSIFIER:
            clause.boost, clause.boost_left = entry.value, INTENSIFIER_SCOPE
        elif kind is Kind.CONTRAST:
            clause = close(i, CONTRAST_WEIGHT)
            clause.start = match.end
        elif kind is Kind.WISH or kind is Kind.REQUEST:
            clause.wish = clause.wish or kind is Kind.WISH
            clause.request = clause.request or kind is Kind.REQUEST
            clause.wish_phrase = clause.wish_phrase or prepared.phrase(match.start, match.end)
        elif kind is Kind.ADVICE:
            clause.advice = True
        elif kind is Kind.HYPOTHETICAL:
            clause.hypothetical = True
        elif kind is Kind.MIXED:
            mixed_marker = True
        else:  # NEUTRAL: words that only pass time for negation and intensifiers
            clause.step(match.end - match.start)
        i = match.end
    close(len(words))
    return _label(scored, mixed_marker, tuple(evidence))


def _record(evidence: list[Evidence], polarity: float, phrase: str) -> None:
    if abs(polarity) >= EVIDENCE_MIN:
        finding = "sentiment:positive" if polarity > 0 else "sentiment:negative"
        evidence.append(Evidence(finding, phrase))


def _label(scored: list[tuple[float, float]], mixed_marker: bool, evidence: tuple[Evidence, ...]) -> SentimentResult:
    if not scored:
        return SentimentResult("mixed" if mixed_marker else "neutral", 0.0, evidence)
    total_weight = sum(w for _, w in scored)
    polarity = max(-1.0, min(1.0, sum(p * w for p, w in scored) / total_weight))
    highest = max(p for p, _ in scored)
    lowest = min(p for p, _ in scored)
    if mixed_marker or (highest >= MIXED_THRESHOLD and lowest <= -MIXED_THRESHOLD):
        label: Sentiment = "mixed"
    elif polarity >= LABEL_THRESHOLD:
        label = "positive"
    elif polarity <= -LABEL_THRESHOLD:
        label = "negative"
    else:
        label = "neutral"
    return SentimentResult(label, polarity, evidence, max(highest, 0.0), min(lowest, 0.0), len(scored))
