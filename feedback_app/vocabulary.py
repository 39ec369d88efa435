"""The product's own words: the codes stored with answers and written in
questionnaire files, and the words people read for them.

Each code is written here once. Staff read a word's `staff` form; young
people (on the Children in Care Council view) read its `young` form, always
beside its emoji. The analysis package keeps its own tuples of themes,
sentiments and concern categories, since it knows nothing of this app;
tests/feedback_app/test_vocabulary.py holds the two to the same codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from analysis.result import LEARNED_CONCERN

# Reviews happen in England, and staff read every time in UK time (GMT or
# BST); timestamps are stored in UTC.
UK_TIME = ZoneInfo("Europe/London")
# Staff read a questionnaire's words in English, where its file has them.
STAFF_LANGUAGE = "en"


@dataclass(frozen=True)
class Word:
    staff: str  # as staff read it
    emoji: str = ""  # shown beside `young`, never instead of it
    young: str = ""  # as a young person would say it
    says: str = ""  # the rest of a sentence "<figure> people <says>", for a feeling


@dataclass(frozen=True)
class Audience:
    group: str  # "Children and young people": a heading over their figures
    one: str  # "a child or young person": who one invitation is for


AUDIENCES: Mapping[str, Audience] = {
    "child": Audience("Children and young people", "a child or young person"),
    "parent": Audience("Parents", "a parent"),
    "carer": Audience("Carers", "a carer"),
}
CHILD = "child"

AGE_BANDS: Mapping[str, Word] = {
    "4-7": Word("Aged 4 to 7", "🧸", "Aged 4 to 7"),
    "8-11": Word("Aged 8 to 11", "🎒", "Aged 8 to 11"),
    "12-18": Word("Aged 12 to 18", "🎧", "Aged 12 to 18"),
}

PURPOSES: Mapping[str, Word] = {
    "before_review": Word("before"),
    "after_review": Word("after"),
}

# The theme taxonomy, in its order.
THEMES: Mapping[str, Word] = {
    "listened_to": Word("Being listened to", "👂", "Being listened to"),
    "iro": Word("The IRO", "🤝", "My IRO"),
    "social_worker": Word("Social worker", "🧑‍💼", "My social worker"),
    "review_meetings": Word("Review meetings", "🗓️", "My review meetings"),
    "placement": Word("Home and placement", "🏠", "Where I live"),
    "family_contact": Word("Family contact", "👪", "Seeing my family"),
    "education": Word("School and education", "📚", "School and college"),
    "health_wellbeing": Word("Health and wellbeing", "💚", "Health and feelings"),
    "safety": Word("Safety", "🛡️", "Feeling safe"),
    "communication_paperwork": Word("Information and paperwork", "✉️", "Being kept in the loop"),
    "advocacy": Word("Advocacy", "📣", "Help to speak up"),
    "leaving_care": Word("Leaving care", "🔑", "Leaving care and my future"),
    "understanding_care": Word("Understanding care", "📖", "Knowing why I am in care"),
    "activities_friends": Word("Activities and friends", "⚽", "Friends and fun"),
}

SENTIMENTS: Mapping[str, Word] = {
    "positive": Word("Positive", "😀", "Happy", "said something good"),
    "negative": Word("Negative", "🙁", "Not happy", "said something was not good"),
    "mixed": Word("Mixed", "😕", "Mixed feelings", "said some good and some not so good things"),
    "neutral": Word("Neutral", "😐", "In the middle", "said something that was neither good nor bad"),
}

# Safeguarding concern categories, as staff read them (never shown to young people).
CONCERNS: Mapping[str, Word] = {
    "self_harm": Word("Self-harm or suicide"),
    "abuse": Word("Abuse or violence"),
    "sexual_harm": Word("Sexual harm"),
    "neglect": Word("Neglect"),
    "missing_exploitation": Word("Going missing or exploitation"),
    "unsafe": Word("Feeling unsafe"),
    "bullying": Word("Bullying"),
}
# Not a concern found but words the analysis could not read (another
# language): raised as an alert so that a person reads them.
NEEDS_READING = Word("Needs a person to read (written in a language the analysis cannot read)")
# Not a listed phrase but the learned layer's reading (analysis.result.LEARNED_CONCERN):
# staff must know that no phrase matched and that the words are a guess to read.
POSSIBLE_WORRY = Word("Possible worry: no listed phrase matched, the learned layer read it as one (read it yourself)")

# How a child took part in their review: the DfE's participation codes (SSDA903
# return, REVIEW_CODE), in the DfE's own words. PN5 and PN6 cover views
# conveyed through a form like this one.
PARTICIPATION: Mapping[str, Word] = {
    "PN0": Word("Child aged under 4 at the time of the review"),
    "PN1": Word("Child physically attends and speaks for him or herself"),
    "PN2": Word("Child physically attends and an advocate speaks on his or her behalf"),
    "PN3": Word("Child attends and conveys his or her view symbolically (non-verbally)"),
    "PN4": Word(
        "Child physically attends but does not speak for him or herself, does not convey his or her view "
        "symbolically (non-verbally) and does not ask an advocate to speak for him or her"
    ),
    "PN5": Word(
        "Child does not attend physically but briefs an advocate to speak for him or her "
        "(through a text message, a letter, video, e-mail or telephone)"
    ),
    "PN6": Word("Child does not attend but conveys his or her feelings to the review by a facilitative medium"),
    "PN7": Word("Child does not attend nor are his or her views conveyed to the review"),
}
# The codes that count as the child taking part, of reviews of children aged 4 or over (not PN0).
PARTICIPATING = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6")
UNDER_FOUR = "PN0"


def audience_name(code: str) -> str:
    return AUDIENCES[code].group if code in AUDIENCES else code


def age_band_name(code: str | None) -> str:
    return AGE_BANDS[code].staff if code in AGE_BANDS else (code or "")


def theme_name(code: str) -> str:
    return THEMES[code].staff if code in THEMES else code.replace("_", " ")


def sentiment_name(code: str) -> str:
    return SENTIMENTS[code].staff if code in SENTIMENTS else code


def concern_name(code: str) -> str:
    if code == "needs_reading":
        return NEEDS_READING.staff
    if code == LEARNED_CONCERN:
        return POSSIBLE_WORRY.staff
    return CONCERNS[code].staff if code in CONCERNS else code.replace("_", " ").capitalize()


def finding_name(finding: str) -> str:
    """Why the analysis said what it did, in a social worker's words: the analysis
    records "sentiment:negative", "theme:family_contact", "concern:abuse"."""
    kind, _, code = finding.partition(":")
    if kind == "sentiment":
        return f"sounds {sentiment_name(code).lower()}"
    if kind == "theme":
        return f"is about {theme_name(code).lower()}"
    if kind == "concern" and code == LEARNED_CONCERN:
        return "weighed most when the learned layer read a possible worry (no listed phrase matched)"
    if kind == "concern":
        return f"may be a worry: {concern_name(code).lower()}"
    return "noticed by the analysis"


__all__ = [
    "AGE_BANDS", "AUDIENCES", "CHILD", "CONCERNS", "PARTICIPATING", "PARTICIPATION", "PURPOSES", "UNDER_FOUR", "SENTIMENTS", "STAFF_LANGUAGE", "THEMES", "UK_TIME",
    "Audience", "Word", "age_band_name", "audience_name", "concern_name", "finding_name", "sentiment_name", "theme_name",
]  # fmt: skip
