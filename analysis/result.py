"""The typed results the analysis hands back.

They are frozen so that a result stored beside an answer, or passed between
the web app, a report and a notebook, cannot be changed on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Sentiment = Literal["positive", "negative", "mixed", "neutral"]
SENTIMENTS: tuple[Sentiment, ...] = ("positive", "negative", "mixed", "neutral")

ConcernCategory = Literal[
    "self_harm",  # self-harm or suicide
    "abuse",  # abuse or violence
    "sexual_harm",
    "neglect",
    "missing_exploitation",  # going missing or exploitation
    "unsafe",  # feeling unsafe
    "bullying",
]
CONCERN_CATEGORIES: tuple[ConcernCategory, ...] = (
    "self_harm",
    "abuse",
    "sexual_harm",
    "neglect",
    "missing_exploitation",
    "unsafe",
    "bullying",
)

#: The concern raised by the learned layer (`analysis.learned_concern`) where
#: no listed phrase matched: not a category of harm but "a person should read
#: this", with the words that weighed most as its evidence.
LEARNED_CONCERN = "possible_worry"

THEMES: tuple[str, ...] = (
    "listened_to",
    "iro",
    "social_worker",
    "review_meetings",
    "placement",
    "family_contact",
    "education",
    "health_wellbeing",
    "safety",
    "communication_paperwork",
    "advocacy",
    "leaving_care",
    "understanding_care",
    "activities_friends",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One phrase in the text that led to a finding, so a person can see why."""

    finding: str  # e.g. "sentiment:negative", "theme:iro", "concern:self_harm"
    phrase: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analysis found in one piece of free text."""

    text: str
    sentiment: Sentiment
    polarity: float  # -1.0 .. 1.0
    themes: tuple[str, ...] = ()
    #: A ConcernCategory found by the rules, LEARNED_CONCERN, or None.
    concern: str | None = None
    evidence: tuple[Evidence, ...] = field(default=())
    #: "en", "ar", or "other" for a language the analysis cannot read.
    language: str = "en"
    #: The analysis could not read the text (a language it does not know, or
    #: Arabic in which none of its words were found): a person must read it.
    needs_reading: bool = False
    #: The sentiment is a guess a person should not rely on (see `confidence`).
    unsure: bool = False
    #: How sure the analysis is of the sentiment label, from 0 to 1.
    confidence: float = 1.0

    @property
    def is_concern(self) -> bool:
        return self.concern is not None

    def to_dict(self) -> dict:
        """A JSON-ready form, for storing beside an answer."""
        return {
            "sentiment": self.sentiment,
            "polarity": round(self.polarity, 4),
            "themes": list(self.themes),
            "concern": self.concern,
            "evidence": [{"finding": e.finding, "phrase": e.phrase} for e in self.evidence],
            "language": self.language,
            "needs_reading": self.needs_reading,
            "unsure": self.unsure,
            "confidence": round(self.confidence, 4),
        }

    @classmethod
    def from_dict(cls, text: str, data: dict) -> Analysis:
        return cls(
            text=text,
            sentiment=data["sentiment"],
            polarity=float(data["polarity"]),
            themes=tuple(data.get("themes", ())),
            concern=data.get("concern"),
            evidence=tuple(Evidence(**e) for e in data.get("evidence", ())),
            # Results stored by an older analyser have none of these.
            language=str(data.get("language", "en")),
            needs_reading=bool(data.get("needs_reading", False)),
            unsure=bool(data.get("unsure", False)),
            confidence=float(data.get("confidence", 1.0)),
        )
