"""The questionnaires shipped in `questionnaires/`: that they load, that the
set is complete, that every one asks for consent the same way, that the
children's ones stay short, and that each can be answered to the end through
the conversation engine whatever the person chooses.

Files are found by listing the folder, so a new file is checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from feedback_app.conversation.engine import Progress, conversation_state, open_question
from feedback_app.questionnaire.loader import load_directory, load_file, localise

from .helpers import (
    QUESTIONNAIRES_DIR,
    all_texts,
    always_skip,
    answer_through,
    at_random,
    by_id,
    child_file_ids,
    choosing,
    every_option,
    file_ids,
    find,
    first_option,
    last_option,
    questions_recording,
    yaml_paths,
)

HELPED_BY_VALUES = {"nobody", "carer", "advocate", "iro", "social_worker", "other"}
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
# Questions that are about the person, not about a topic a report groups by.
NEEDS_NO_THEME = {"age", "carer_type"}


# ---- loading -------------------------------------------------------------

@pytest.mark.parametrize("path", yaml_paths(), ids=lambda p: p.stem)
def test_questionnaire_file_loads_without_problems(path: Path) -> None:
    load_file(path)


@pytest.mark.parametrize("path", yaml_paths(), ids=lambda p: p.stem)
def test_file_name_is_the_questionnaire_id(path: Path) -> None:
    assert load_file(path).questionnaire.id == path.stem


def test_whole_folder_loads_with_no_id_used_twice() -> None:
    assert len(load_directory(QUESTIONNAIRES_DIR)) == len(yaml_paths())


@pytest.mark.parametrize("path", yaml_paths(), ids=lambda p: p.stem)
def test_file_starts_with_a_comment_saying_what_it_is_for_and_how_to_edit_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = text[: text.index("\nid:")]
    assert text.startswith("# ")
    assert "What it is for" in header or "what it is for" in header
    assert "README.md" in header and "version" in header


# ---- the set is complete -------------------------------------------------

@pytest.mark.parametrize(
    ("audience", "age_band"),
    [("child", "4-7"), ("child", "8-11"), ("child", "12-18"), ("parent", None), ("carer", None)],
)
def test_there_is_a_before_review_questionnaire_for(audience: str, age_band: str | None) -> None:
    assert len(find(audience, "before_review", age_band)) == 1


@pytest.mark.parametrize(
    ("audience", "age_band"),
    [("child", "4-7"), ("child", "8-11"), ("child", "12-18"), ("parent", None), ("carer", None)],
)
def test_there_is_an_after_review_questionnaire_for(audience: str, age_band: str | None) -> None:
    assert len(find(audience, "after_review", age_band)) == 1


def test_the_young_people_before_review_questionnaire_keeps_its_id() -> None:
    assert find("child", "before_review", "12-18")[0].id == "young-person-before-review"


# ---- consent and who helped ----------------------------------------------

@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_asks_once_whether_the_iro_may_see_the_answers_with_a_name(questionnaire_id: str) -> None:
    [question] = questions_recording(by_id(questionnaire_id), "share_with_iro")
    assert [o.value for o in question.options] == ["yes", "no"]


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_asks_once_whether_words_may_be_quoted_without_a_name(questionnaire_id: str) -> None:
    [question] = questions_recording(by_id(questionnaire_id), "consent_to_quote")
    assert question.type == "yes_no"


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_asks_once_who_helped_using_the_shared_answer_values(questionnaire_id: str) -> None:
    [question] = questions_recording(by_id(questionnaire_id), "helped_by")
    values = {o.value for o in question.options}
    assert values <= HELPED_BY_VALUES
    assert {"nobody", "other"} <= values


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_consent_and_helped_by_questions_are_asked_on_every_path(questionnaire_id: str) -> None:
    q = by_id(questionnaire_id)
    for record in ("share_with_iro", "consent_to_quote", "helped_by"):
        assert all(not question.when for question in questions_recording(q, record)), record


BEFORE_REVIEW = [i for i in file_ids() if by_id(i).purpose == "before_review"]


@pytest.mark.parametrize("questionnaire_id", BEFORE_REVIEW)
def test_before_review_always_offers_a_talk_with_the_iro_first(questionnaire_id: str) -> None:
    [question] = questions_recording(by_id(questionnaire_id), "talk_to_iro")
    assert question.type == "yes_no" and not question.when


@pytest.mark.parametrize("questionnaire_id", BEFORE_REVIEW)
def test_before_review_offers_an_advocate(questionnaire_id: str) -> None:
    """Asked of everyone from 8 up; for ages 4 to 7 it may follow an answer
    that calls for it (not going to the meeting), to keep the chat short."""
    q = by_id(questionnaire_id)
    [question] = questions_recording(q, "advocate_request")
    assert question.type == "yes_no"
    assert q.age_band == "4-7" or not question.when


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_every_closed_question_about_a_topic_has_themes(questionnaire_id: str) -> None:
    untagged = [
        question.id
        for question in by_id(questionnaire_id).questions
        if question.type != "free_text"
        and question.records not in ("share_with_iro", "consent_to_quote", "helped_by")
        and question.id not in NEEDS_NO_THEME
        and not question.themes
    ]
    assert untagged == []


# ---- what the intro tells people -----------------------------------------

def _intro(questionnaire_id: str) -> str:
    q = by_id(questionnaire_id)
    return " ".join(localise(text, "en", q.default_language) for text in q.intro)


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_intro_says_any_question_can_be_skipped(questionnaire_id: str) -> None:
    assert re.search(r"\bskip\b", _intro(questionnaire_id), re.IGNORECASE)


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_intro_says_answers_are_read_later_not_straight_away(questionnaire_id: str) -> None:
    intro = _intro(questionnaire_id).lower()
    assert "read" in intro
    assert "straight away" in intro or "later" in intro


@pytest.mark.parametrize("questionnaire_id", child_file_ids())
def test_child_intro_says_to_call_childline_or_999_if_worried_about_safety(questionnaire_id: str) -> None:
    intro = _intro(questionnaire_id)
    assert "Childline" in intro and "0800 1111" in intro and "999" in intro


# ---- Arabic --------------------------------------------------------------

def test_young_people_before_review_is_offered_in_english_and_arabic() -> None:
    assert by_id("young-person-before-review").languages == ("en", "ar")


def test_young_people_before_review_has_arabic_for_every_text() -> None:
    q = by_id("young-person-before-review")
    missing = [dict(text) for text in all_texts(q) if not ARABIC_LETTER.search(text.get("ar", ""))]
    assert missing == []


def test_young_people_before_review_arabic_is_not_a_copy_of_the_english() -> None:
    q = by_id("young-person-before-review")
    copied = [dict(text) for text in all_texts(q) if text.get("ar") == text.get("en")]
    assert copied == []


def test_young_people_before_review_is_drawn_right_to_left_in_arabic() -> None:
    state = conversation_state(by_id("young-person-before-review"), Progress(), "ar")
    assert state.direction == "rtl"
    assert all(ARABIC_LETTER.search(m.text) for m in state.messages)


# ---- short enough --------------------------------------------------------

@pytest.mark.parametrize("questionnaire_id", [i for i in child_file_ids() if by_id(i).age_band == "8-11"])
def test_age_8_to_11_usual_path_shows_at_most_12_questions(questionnaire_id: str) -> None:
    shown, _ = answer_through(by_id(questionnaire_id), first_option)
    assert len(shown) <= 12, shown


@pytest.mark.parametrize("questionnaire_id", [i for i in child_file_ids() if by_id(i).age_band == "4-7"])
def test_age_4_to_7_usual_path_shows_at_most_8_questions(questionnaire_id: str) -> None:
    shown, _ = answer_through(by_id(questionnaire_id), first_option)
    assert len(shown) <= 8, shown


# ---- every path can be answered to the end -------------------------------

PATHS = {
    "first-option": first_option,
    "last-option": last_option,
    "skip-everything": always_skip,
    "every-option": every_option,
    "random-1": at_random(1),
    "random-2": at_random(2),
    "random-3": at_random(3),
}


@pytest.mark.parametrize("path_name", PATHS)
@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_questionnaire_can_be_answered_to_the_end(questionnaire_id: str, path_name: str) -> None:
    q = by_id(questionnaire_id)
    shown, progress = answer_through(q, PATHS[path_name])
    assert open_question(q, progress) is None
    assert conversation_state(q, progress, q.default_language).status == "review"
    assert len(shown) == len(set(shown))


@pytest.mark.parametrize(
    ("questionnaire_id", "language"),
    [(q_id, lang) for q_id in file_ids() for lang in by_id(q_id).languages],
)
def test_questionnaire_can_be_answered_in_each_of_its_languages(questionnaire_id: str, language: str) -> None:
    q = by_id(questionnaire_id)
    _, progress = answer_through(q, last_option, language=language)
    assert conversation_state(q, progress, language).status == "review"


@pytest.mark.parametrize("questionnaire_id", file_ids())
def test_every_question_is_reached_on_some_answer_path(questionnaire_id: str) -> None:
    """A follow-up whose condition can never hold would never be asked."""
    q = by_id(questionnaire_id)
    reached: set[str] = set()
    for choose in [*PATHS.values(), *(at_random(seed) for seed in range(10, 60))]:
        shown, _ = answer_through(q, choose)
        reached.update(shown)
    assert reached == {question.id for question in q.questions}


# ---- care leavers --------------------------------------------------------

def _care_leaver_questions() -> set[str]:
    q = by_id("young-person-before-review")
    return {question.id for question in q.questions if "leaving_care" in question.themes}


def test_young_people_before_review_has_care_leaver_questions() -> None:
    assert {"pathway_plan", "leaving_care_feel", "leaving_care_help"} <= _care_leaver_questions()


@pytest.mark.parametrize("age", ["age_16_17", "age_18_plus"])
def test_care_leaver_questions_appear_for_young_people_aged_16_or_over(age: str) -> None:
    shown, _ = answer_through(by_id("young-person-before-review"), choosing({"age": age}))
    assert _care_leaver_questions() <= set(shown)


@pytest.mark.parametrize("age", ["age_12_13", "age_14_15"])
def test_care_leaver_questions_do_not_appear_under_16(age: str) -> None:
    shown, _ = answer_through(by_id("young-person-before-review"), choosing({"age": age}, otherwise=last_option))
    assert not _care_leaver_questions() & set(shown)


def test_care_leaver_questions_do_not_appear_when_age_is_skipped() -> None:
    shown, _ = answer_through(by_id("young-person-before-review"), always_skip)
    assert "age" in shown
    assert not _care_leaver_questions() & set(shown)


def test_care_leaver_questions_are_asked_straight_after_the_age_question() -> None:
    shown, _ = answer_through(by_id("young-person-before-review"), choosing({"age": "age_16_17"}))
    after_age = shown[shown.index("age") + 1 : shown.index("age") + 1 + len(_care_leaver_questions())]
    assert set(after_age) == _care_leaver_questions()


@pytest.mark.parametrize("questionnaire_id", [i for i in child_file_ids() if by_id(i).age_band == "4-7"])
def test_age_4_to_7_every_choice_has_an_emoji_beside_its_word(questionnaire_id: str) -> None:
    bare = [
        f"{question.id}: {option.value}"
        for question in by_id(questionnaire_id).questions
        for option in question.options
        if not option.emoji
    ]
    assert bare == []
