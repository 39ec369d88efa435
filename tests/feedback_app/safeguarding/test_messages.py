"""What a child is told after a disclosure never names their carer as who will be in touch (issue 9.4).

The person hurting a child may be the one looking after them, so the words
say who will be told (the person who keeps children safe, their IRO) and
what may happen, and never send anyone at home to them.
"""

from __future__ import annotations

import pytest

from feedback_app.conversation.wording import WORDS, interface_text

# The words for a carer in each language the service speaks. A new language
# must add its own here, or this test fails.
CARER_WORDS = {
    "en": ("carer", "foster"),
    "ar": ("يرعاك", "مقدم الرعاية", "الحاضن"),
}
SAFEGUARDING_KEYS = sorted({key for words in WORDS.values() for key in words if key.startswith("safeguarding_")})


def test_every_language_has_its_words_for_a_carer():
    assert set(CARER_WORDS) == set(WORDS)


@pytest.mark.parametrize("language", sorted(WORDS))
@pytest.mark.parametrize("key", SAFEGUARDING_KEYS)
def test_no_safeguarding_message_to_a_child_mentions_their_carer(language, key):
    message = interface_text(key, language).lower()
    assert not [word for word in CARER_WORDS[language] if word in message], message


@pytest.mark.parametrize("language", sorted(WORDS))
def test_an_invited_child_is_told_who_will_be_told(language):
    message = interface_text("safeguarding_invited", language)
    assert "IRO" in message
