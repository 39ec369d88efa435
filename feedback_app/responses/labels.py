"""The words staff read for the codes stored with answers."""

from __future__ import annotations

AUDIENCES = {"child": "Children and young people", "parent": "Parents", "carer": "Carers"}
AGE_BANDS = {"4-7": "Aged 4 to 7", "8-11": "Aged 8 to 11", "12-18": "Aged 12 to 18"}
SENTIMENT_NAMES = {"positive": "Positive", "negative": "Negative", "mixed": "Mixed", "neutral": "Neutral"}
THEME_NAMES = {
    "listened_to": "Being listened to",
    "iro": "The IRO",
    "social_worker": "Social worker",
    "review_meetings": "Review meetings",
    "placement": "Home and placement",
    "family_contact": "Family contact",
    "education": "School and education",
    "health_wellbeing": "Health and wellbeing",
    "safety": "Safety",
    "communication_paperwork": "Information and paperwork",
    "advocacy": "Advocacy",
    "leaving_care": "Leaving care",
    "understanding_care": "Understanding care",
    "activities_friends": "Activities and friends",
}
STATUSES = {"sent": "Sent", "not_sent": "Not sent"}


def audience_name(code: str) -> str:
    return AUDIENCES.get(code, code)


def theme_name(code: str) -> str:
    return THEME_NAMES.get(code, code.replace("_", " "))


def sentiment_name(code: str) -> str:
    return SENTIMENT_NAMES.get(code, code)


__all__ = [
    "AGE_BANDS", "AUDIENCES", "SENTIMENT_NAMES", "STATUSES", "THEME_NAMES",
    "audience_name", "sentiment_name", "theme_name",
]  # fmt: skip
