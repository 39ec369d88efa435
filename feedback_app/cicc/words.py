"""Words (and emoji, always with words) a young person would use for the codes in the figures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Friendly:
    emoji: str
    words: str
    says: str = ""  # the rest of a sentence: "<figure> people <says>"


AGE_BANDS = {
    "4-7": Friendly("🧸", "Aged 4 to 7"),
    "8-11": Friendly("🎒", "Aged 8 to 11"),
    "12-18": Friendly("🎧", "Aged 12 to 18"),
}

FEELINGS = {
    "positive": Friendly("😀", "Happy", "said something good"),
    "negative": Friendly("🙁", "Not happy", "said something was not good"),
    "mixed": Friendly("😕", "Mixed feelings", "said some good and some not so good things"),
    "neutral": Friendly("😐", "In the middle", "said something that was neither good nor bad"),
}

THEMES = {
    "listened_to": Friendly("👂", "Being listened to"),
    "iro": Friendly("🤝", "My IRO"),
    "social_worker": Friendly("🧑‍💼", "My social worker"),
    "review_meetings": Friendly("🗓️", "My review meetings"),
    "placement": Friendly("🏠", "Where I live"),
    "family_contact": Friendly("👪", "Seeing my family"),
    "education": Friendly("📚", "School and college"),
    "health_wellbeing": Friendly("💚", "Health and feelings"),
    "safety": Friendly("🛡️", "Feeling safe"),
    "communication_paperwork": Friendly("✉️", "Being kept in the loop"),
    "advocacy": Friendly("📣", "Help to speak up"),
    "leaving_care": Friendly("🔑", "Leaving care and my future"),
    "understanding_care": Friendly("📖", "Knowing why I am in care"),
    "activities_friends": Friendly("⚽", "Friends and fun"),
}
