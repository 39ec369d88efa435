"""`analyse`: one text in, one typed `Analysis` out.

The text is prepared once (`analysis.text.prepare`) and read by the three
analysers: sentiment, themes and concern. A concern always brings the
`safety` theme, so reports count every worrying disclosure under it.
"""

from __future__ import annotations

from analysis.concern import find_concern
from analysis.result import Analysis, Evidence
from analysis.sentiment import score
from analysis.text import prepare
from analysis.themes import find_themes, with_theme

#: Bumped whenever what `analyse` returns for a text can change, so stored
#: results can be told apart from (and re-run with) a newer analyser.
ANALYSER_VERSION = "2026.12.1"

CONCERN_POLARITY = -0.5  # polarity of a disclosure that has no feeling words
#: At most this many phrases are kept as evidence for each of sentiment and
#: concern (themes have one each): enough for a person to see why, and a long
#: text (100 KB of emoji) cannot make a result of megabytes.
EVIDENCE_LIMIT = 12


def _bounded(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The first EVIDENCE_LIMIT distinct phrases, in the order found."""
    return tuple(dict.fromkeys(evidence))[:EVIDENCE_LIMIT]


def analyse(text: str) -> Analysis:
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
    label, polarity = sentiment.label, sentiment.polarity
    if concern.category is not None:
        themes = with_theme(themes, "safety", Evidence("theme:safety", concern.evidence[0].phrase))
        if concern.category == "self_harm":
            themes = with_theme(themes, "health_wellbeing", Evidence("theme:health_wellbeing", concern.evidence[0].phrase))
        # A disclosure of harm is never a neutral or a good experience, even
        # with no feeling words ("he hits me") or kind ones ("he wants me to
        # send pics"); only a text that also says something good is mixed.
        if label in ("neutral", "positive"):
            label, polarity = "negative", min(polarity, CONCERN_POLARITY)
    return Analysis(
        text=text,
        sentiment=label,
        polarity=round(polarity, 4),
        themes=themes.themes,
        concern=concern.category,
        evidence=_bounded(sentiment.evidence) + themes.evidence + _bounded(concern.evidence),
    )
