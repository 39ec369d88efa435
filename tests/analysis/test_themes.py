"""Themes from the fixed taxonomy, found on word forms, several per text."""

import pytest

from analysis import THEMES, analyse


def themes(text: str) -> tuple[str, ...]:
    return analyse(text).themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("nobody listens to me", "listened_to"),
        ("i want my wishes and feelings heard", "listened_to"),
        ("I got a say in what happens", "listened_to"),
        ("my IRO is kind", "iro"),
        ("the independent reviewing officer came to see me", "iro"),
        ("my sw never rings back", "social_worker"),
        ("I've had 5 social workers", "social_worker"),
        ("i got told off at my review", "review_meetings"),
        ("the meeting was too long", "review_meetings"),
        ("my foster carer is kind", "placement"),
        ("i have been moved again", "placement"),
        ("I like my placement", "placement"),
        ("i miss my mum", "family_contact"),
        ("contact with my brother got cancelled", "family_contact"),
        ("I want to see my little sister", "family_contact"),
        ("i like my new scool", "education"),
        ("my teacher helps me with homework", "education"),
        ("i feel really sad a lot", "health_wellbeing"),
        ("I see a counsellor at camhs", "health_wellbeing"),
        ("i feel safe here", "safety"),
        ("i get bullied", "safety"),
        ("I never got the review notes", "communication_paperwork"),
        ("the letters are full of jargon", "communication_paperwork"),
        ("my advocate helped me", "advocacy"),
        ("I want to make a complaint", "advocacy"),
        ("I'm worried about leaving care", "leaving_care"),
        ("my personal advisor helped with my pathway plan", "leaving_care"),
        ("nobody told me why i am in care", "understanding_care"),
        ("i did my life story work", "understanding_care"),
        ("i go to football club with my friends", "activities_friends"),
        ("i want more pocket money", "activities_friends"),
    ],
)
def test_signal_finds_its_theme(text, theme):
    assert theme in themes(text)


@pytest.mark.parametrize("form", ["listen", "listens", "listened", "listening"])
def test_any_form_of_a_signal_word_finds_the_theme(form):
    assert "listened_to" in themes(f"my carer {form} to me")


def test_one_text_can_have_several_themes():
    assert set(themes("my social worker never explains anything and i miss my dad")) >= {
        "social_worker",
        "family_contact",
    }


def test_themes_come_in_taxonomy_order_without_repeats():
    found = themes("my mum and my dad and my brother and my school and my school")
    assert list(found) == sorted(set(found), key=THEMES.index)


def test_foster_mum_is_the_placement_not_the_birth_family():
    found = themes("my foster mum is lovely")
    assert "placement" in found
    assert "family_contact" not in found


def test_a_meeting_is_a_review_but_meeting_new_people_is_not():
    assert "review_meetings" in themes("the meeting was boring")
    assert "review_meetings" not in themes("i like meeting new people")


def test_reviewing_officer_is_the_iro_not_a_review():
    found = themes("my reviewing officer is nice")
    assert "iro" in found
    assert "review_meetings" not in found


def test_words_that_only_contain_a_signal_do_not_count():
    assert "iro" not in themes("the hero of the story")
    assert "education" not in themes("the schooner sailed")


def test_text_with_no_signal_has_no_theme():
    assert themes("yes") == ()


def test_every_theme_found_has_evidence():
    result = analyse("my iro listened to me at my review")
    assert {e.finding for e in result.evidence if e.finding.startswith("theme:")} == {
        f"theme:{t}" for t in result.themes
    }


def test_only_taxonomy_themes_are_returned():
    assert set(themes("school friends mum iro review safe advocate flat letters")) <= set(THEMES)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Words that look like a theme's signal but mean something else.
        ("I love social media", "social_worker"),
        ("my social life is great", "social_worker"),
        ("the council paid for my gym", "social_worker"),
        ("I go to sixth form now", "communication_paperwork"),
        ("the minute I turn 18 they drop you", "review_meetings"),
        ("we met in the car park", "activities_friends"),
        ("I was scared about my exams", "safety"),
        ("I asked to speak to my IRO", "listened_to"),
        ("fostering is viewed as a vocation", "listened_to"),
        ("my carer helps me plan my week", "communication_paperwork"),
        ("she has seen me grow up", "leaving_care"),
        ("the youth worker took us climbing", "social_worker"),
        ("my key worker is lovely", "social_worker"),
        ("I need a point of contact", "family_contact"),
    ],
)
def test_a_word_in_another_sense_does_not_signal_the_theme(text, theme):
    assert theme not in themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("my socials never ring back", "social_worker"),
        ("very supportive link worker", "social_worker"),
        ("I am scared of my stepdad", "safety"),
        ("he is too scared to go home", "safety"),
        ("I was spoken down to", "listened_to"),
        ("I could not speak freely", "listened_to"),
        ("I had to find out from my son", "communication_paperwork"),
        ("nobody has sent me a copy of the plan", "communication_paperwork"),
        ("we have waited eight months for an autism assessment", "health_wellbeing"),
        ("her dental appointments keep being cancelled", "health_wellbeing"),
        ("since I moved here I sleep better", "health_wellbeing"),
        ("got into the footy team!!", "activities_friends"),
        ("foster dad teaches me guitar", "activities_friends"),
        ("she goes to brownies on monday", "activities_friends"),
        ("it was good to finally read my file", "understanding_care"),
        ("nobody has explained what a care order is", "understanding_care"),
        ("one worker with a heart finally looked at the file", "social_worker"),
        ("my family case manager drove me there", "social_worker"),
        ("everything I owned was in a bin bag", "placement"),
        ("different people on shift every day", "placement"),
        ("social workers never make visitations happen", "family_contact"),
        ("sometimes siblings are all you have left", "family_contact"),
        ("none of my biological family came", "family_contact"),
        ("I want to leave the care system on my birthday", "leaving_care"),
        ("my first six months after I aged out were hard", "leaving_care"),
        ("I have a lot more say now", "listened_to"),
        ("we should be allowed to express our thoughts", "listened_to"),
        ("no one really explained these things to me", "communication_paperwork"),
        ("the support to make sense of their story", "understanding_care"),
    ],
)
def test_each_themes_everyday_vocabulary_finds_it(text, theme):
    assert theme in themes(text)
