"""`analyse`: one text in, one typed `Analysis` out.

The text is prepared once (`analysis.text.prepare`) and read by the three
analysers: sentiment, themes and concern. A concern always brings the
`safety` theme, so reports count every worrying disclosure under it.
"""

from __future__ import annotations

from analysis.arabic import read_arabic
from analysis.concern import find_concern
from analysis.confidence import UNSURE_BELOW, rule_confidence
from analysis.language import language_of
from analysis.learned import Features, SentimentModel, features_of, load_model
from analysis.learned_concern import ConcernModel, load_concern_model, set_aside, slots_of
from analysis.result import LEARNED_CONCERN, SENTIMENTS, Analysis, Evidence
from analysis.sentiment import LABEL_THRESHOLD, score
from analysis.text import prepare
from analysis.themes import find_themes, with_theme

#: Bumped whenever what `analyse` returns for a text can change, so stored
#: results can be told apart from (and re-run with) a newer analyser.
ANALYSER_VERSION = "2026.12.12"

CONCERN_POLARITY = -0.5  # polarity of a disclosure that has no feeling words
#: At most this many phrases are kept as evidence for each of sentiment and
#: concern (themes have one each): enough for a person to see why, and a long
#: text (100 KB of emoji) cannot make a result of megabytes.
EVIDENCE_LIMIT = 12


def _bounded(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The first EVIDENCE_LIMIT distinct phrases, in the order found."""
    return tuple(dict.fromkeys(evidence))[:EVIDENCE_LIMIT]


#: `analyse(text, model=SHIPPED, concern_model=SHIPPED)` uses the weights in
#: analysis/data; pass a SentimentModel or ConcernModel to try another, or
#: None for the rules alone.
SHIPPED = "shipped"


def features(text: str) -> Features:
    """Return what the learned layer reads of a text (for training it)."""
    prepared = prepare(text)
    return features_of(prepared, score(prepared), find_concern(prepared).category is not None)


def analyse(
    text: str, model: SentimentModel | str | None = SHIPPED, concern_model: ConcernModel | str | None = SHIPPED
) -> Analysis:
    """Return the sentiment, themes and concern of one free-text answer.

    Never raises for any string, including an empty one (neutral, no themes,
    no concern). Raises TypeError if `text` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"analyse() needs a str, got {type(text).__name__}")
    prepared = prepare(text)
    sentiment = score(prepared)
    themes = find_themes(prepared)
    concern = find_concern(prepared)
    language = language_of(text, prepared)
    label, polarity = sentiment.label, sentiment.polarity
    learned = load_model() if model == SHIPPED else model
    confidence: float | None = None
    read: Features | None = None
    if isinstance(learned, SentimentModel) and language == "en":
        read = features_of(prepared, sentiment, concern.category is not None)
        chances = learned.probabilities(read)
        confidence = max(chances)
        # An unsure model keeps the rules' label (and says it is unsure):
        # measured, that loses nothing and halves positive/negative swaps.
        if confidence >= UNSURE_BELOW:
            label = SENTIMENTS[chances.index(confidence)]
            polarity = _agreeing(polarity, label, float(chances[0] - chances[1]))
    category: str | None = concern.category
    concern_evidence = concern.evidence
    sentiment_evidence = sentiment.evidence
    second_opinion = load_concern_model() if concern_model == SHIPPED else concern_model
    if category is None and not set_aside(concern) and isinstance(second_opinion, ConcernModel) and language == "en":
        # The rules are the floor: the learned layer is asked only where they
        # found nothing, not even a phrase they read and set aside ("nobody
        # hurts me", "he beats me at fifa"): words counted in a bag cannot
        # read a negator or an idiom better than the rules did.
        slots = slots_of(prepared, concern, read.slots if read is not None else None)
        if second_opinion.probability(slots) >= second_opinion.threshold:
            category = LEARNED_CONCERN
            concern_evidence = tuple(
                Evidence(f"concern:{LEARNED_CONCERN}", phrase) for phrase in second_opinion.weighed_most(prepared)
            ) or (Evidence(f"concern:{LEARNED_CONCERN}", text[:80]),)
    needs_reading = language == "other"
    if language == "ar":
        reading = read_arabic(text)
        needs_reading = not reading.found_anything
        if reading.polarity is not None:
            polarity = reading.polarity
            label = "positive" if polarity >= LABEL_THRESHOLD else "negative" if polarity <= -LABEL_THRESHOLD else "neutral"
        category = category or reading.concern
        concern_evidence += tuple(e for e in reading.evidence if e.finding.startswith("concern:"))
        sentiment_evidence += tuple(e for e in reading.evidence if e.finding.startswith("sentiment:"))
    if category is not None:
        themes = with_theme(themes, "safety", Evidence("theme:safety", concern_evidence[0].phrase))
        if category == "self_harm":
            themes = with_theme(themes, "health_wellbeing", Evidence("theme:health_wellbeing", concern_evidence[0].phrase))
        # A disclosure of harm is never a neutral or a good experience, even
        # with no feeling words ("he hits me") or kind ones ("he wants me to
        # send pics"); only a text that also says something good is mixed.
        # A learned possible worry is a guess, so it leaves the label alone.
        if label in ("neutral", "positive") and category != LEARNED_CONCERN:
            label, polarity = "negative", min(polarity, CONCERN_POLARITY)
    if confidence is None:
        confidence = rule_confidence(prepared, polarity, label, bool(sentiment_evidence))
    if language != "en":
        confidence = min(confidence, UNSURE_BELOW / 2)  # a short word list, or no reading at all
    return Analysis(
        text=text,
        sentiment=label,
        polarity=round(polarity, 4),
        themes=themes.themes,
        concern=category,
        evidence=_bounded(sentiment_evidence) + themes.evidence + _bounded(concern_evidence),
        language=language,
        needs_reading=needs_reading,
        unsure=confidence < UNSURE_BELOW,
        confidence=round(confidence, 4),
    )


def _agreeing(polarity: float, label: str, lean: float) -> float:
    """The rules' polarity, moved just far enough to agree with the learned label.

    `lean` is P(positive) - P(negative). A report that averages polarity
    then never counts a text labelled negative as positive.
    """
    if label == "positive" and polarity < LABEL_THRESHOLD:
        return max(LABEL_THRESHOLD, lean)
    if label == "negative" and polarity > -LABEL_THRESHOLD:
        return min(-LABEL_THRESHOLD, lean)
    if label == "neutral":
        return max(-LABEL_THRESHOLD / 2, min(LABEL_THRESHOLD / 2, polarity))
    return polarity
