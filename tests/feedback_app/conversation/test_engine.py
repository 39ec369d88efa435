"""The conversation engine, driven with a small questionnaire written here."""

from dataclasses import replace

import pytest

from feedback_app.conversation.engine import (
    AnswerError,
    NotOpenError,
    Progress,
    SubmittedError,
    accept_answer,
    conversation_state,
    open_question,
    with_answer,
)
from feedback_app.conversation.wording import interface_text
from feedback_app.questionnaire.loader import parse

SAMPLE = {
    "id": "sample",
    "version": 1,
    "title": {"en": "Sample", "ar": "عينة"},
    "audience": "child",
    "age_band": "8-11",
    "purpose": "before_review",
    "languages": ["en", "ar"],
    "intro": {"en": "Hi {name}!", "ar": "مرحبا {name}!"},
    "outro": {"en": "Thanks.", "ar": "شكرا."},
    "steps": [
        {
            "id": "mood",
            "type": "emoji_scale",
            "text": {"en": "How are you?", "ar": "كيف حالك؟"},
            "options": [
                {"value": "good", "emoji": "🙂", "label": {"en": "Good", "ar": "جيد"}},
                {"value": "bad", "emoji": "🙁", "label": {"en": "Bad", "ar": "سيئ"}},
            ],
        },
        {
            "id": "why_bad",
            "type": "free_text",
            "when": {"question": "mood", "in": ["bad"]},
            "before": {"en": "Sorry to hear that.", "ar": "آسف لسماع ذلك."},
            "text": {"en": "What is wrong?", "ar": "ما الخطب؟"},
            "max_length": 20,
        },
        {"message": {"en": "Nearly done.", "ar": "اقتربنا."}},
        {
            "id": "topics",
            "type": "multi_choice",
            "text": {"en": "Talk about?", "ar": "نتحدث عن؟"},
            "options": [
                {"value": "home", "label": {"en": "Home", "ar": "البيت"}},
                {"value": "school", "label": {"en": "School", "ar": "المدرسة"}},
                {"value": "family", "label": {"en": "Family", "ar": "العائلة"}},
            ],
        },
        {"id": "iro", "type": "yes_no", "text": {"en": "Know your IRO?", "ar": "هل تعرف؟"}},
    ],
}


@pytest.fixture
def q():
    return parse(SAMPLE, source="sample.yaml")


def answered(q, *pairs):
    progress = Progress()
    for question_id, value in pairs:
        _, stored = accept_answer(q, progress, question_id, value, skip=value is None)
        progress = with_answer(progress, question_id, stored)
    return progress


def test_a_new_conversation_opens_at_the_first_question_after_the_intro(q):
    state = conversation_state(q, Progress(), "en")
    assert state.status == "open"
    assert state.question.question.id == "mood"
    assert [m.text for m in state.messages] == ["Hi!", "How are you?"]


def test_the_first_name_is_used_in_the_greeting_when_known(q):
    state = conversation_state(q, Progress(first_name="Sam"), "en")
    assert state.messages[0].text == "Hi Sam!"


def test_a_follow_up_is_asked_only_when_its_condition_holds(q):
    assert open_question(q, answered(q, ("mood", "good"))).id == "topics"
    assert open_question(q, answered(q, ("mood", "bad"))).id == "why_bad"


def test_a_follow_up_brings_its_before_message(q):
    state = conversation_state(q, answered(q, ("mood", "bad")), "en")
    texts = [m.text for m in state.messages]
    assert texts[-2:] == ["Sorry to hear that.", "What is wrong?"]


def test_a_message_step_is_said_between_questions(q):
    state = conversation_state(q, answered(q, ("mood", "good")), "en")
    assert [m.text for m in state.messages][-2:] == ["Nearly done.", "Talk about?"]


def test_the_persons_answer_is_shown_with_its_emoji_and_word(q):
    state = conversation_state(q, answered(q, ("mood", "good")), "en")
    person = [m for m in state.messages if m.sender == "person"]
    assert person[0].text == "🙂 Good"


def test_skipping_moves_on_and_shows_that_it_was_skipped(q):
    progress = answered(q, ("mood", None))
    state = conversation_state(q, progress, "en")
    assert state.question.question.id == "topics"
    assert any(m.kind == "skipped" for m in state.messages)


def test_a_skipped_question_does_not_trigger_its_follow_up(q):
    assert open_question(q, answered(q, ("mood", None))).id == "topics"


def test_multiple_choice_is_stored_in_the_questionnaires_order(q):
    _, stored = accept_answer(q, answered(q, ("mood", "good")), "topics", ["family", "home"])
    assert stored == ("home", "family")


def test_when_every_question_is_answered_the_conversation_is_in_review(q):
    progress = answered(q, ("mood", "good"), ("topics", ["home"]), ("iro", "yes"))
    state = conversation_state(q, progress, "en")
    assert state.status == "review"
    assert state.question is None
    assert [line.question_id for line in state.summary] == ["mood", "topics", "iro"]
    assert state.messages[-2].text == "Thanks."


def test_finish_now_goes_to_review_with_questions_left(q):
    progress = answered(q, ("mood", "good"))
    finished = Progress(progress.answers, finished_early=True)
    state = conversation_state(q, finished, "en")
    assert state.status == "review"
    assert [line.question_id for line in state.summary] == ["mood"]


def test_an_earlier_answer_can_be_reopened_and_changed(q):
    progress = answered(q, ("mood", "good"), ("topics", ["home"]))
    state = conversation_state(q, progress, "en", change="mood")
    assert state.question.question.id == "mood"
    assert state.question.is_change and state.question.current == "good"
    _, stored = accept_answer(q, progress, "mood", "bad")
    changed = with_answer(progress, "mood", stored)
    assert open_question(q, changed).id == "why_bad"


def test_change_is_ignored_for_a_question_not_yet_reached(q):
    state = conversation_state(q, Progress(), "en", change="iro")
    assert state.question.question.id == "mood"
    assert not state.question.is_change


def test_the_previous_question_is_offered_for_going_back(q):
    state = conversation_state(q, answered(q, ("mood", "good")), "en")
    assert state.previous_question_id == "mood"


def test_answering_a_question_that_is_not_open_is_refused(q):
    with pytest.raises(NotOpenError):
        accept_answer(q, Progress(), "iro", "yes")


def test_answering_an_unknown_question_is_refused(q):
    with pytest.raises(NotOpenError):
        accept_answer(q, Progress(), "no_such_question", "yes")


def test_answering_a_question_hidden_by_branching_is_refused(q):
    progress = answered(q, ("mood", "good"))
    with pytest.raises(NotOpenError):
        accept_answer(q, progress, "why_bad", "text")


@pytest.mark.parametrize(
    ("question_id", "value", "message"),
    [
        ("mood", "great", "not one of the options"),
        ("mood", ["good"], "choose one"),
        ("mood", 5, "choose one"),
    ],
)
def test_a_choice_that_is_not_an_option_is_refused_with_a_reason(q, question_id, value, message):
    with pytest.raises(AnswerError, match=f"(?i){message}"):
        accept_answer(q, Progress(), question_id, value)


def test_free_text_longer_than_its_limit_is_refused(q):
    progress = answered(q, ("mood", "bad"))
    with pytest.raises(AnswerError, match="under 20 characters"):
        accept_answer(q, progress, "why_bad", "x" * 21)


def test_blank_free_text_is_refused(q):
    progress = answered(q, ("mood", "bad"))
    with pytest.raises(AnswerError, match="Skip"):
        accept_answer(q, progress, "why_bad", "   ")


def test_free_text_must_be_text(q):
    progress = answered(q, ("mood", "bad"))
    with pytest.raises(AnswerError):
        accept_answer(q, progress, "why_bad", ["a"])


def test_nothing_can_be_answered_after_submission(q):
    progress = answered(q, ("mood", "good"))
    sent = Progress(progress.answers, submitted=True)
    with pytest.raises(SubmittedError):
        accept_answer(q, sent, "topics", ["home"])


def test_a_submitted_conversation_shows_only_thanks(q):
    progress = answered(q, ("mood", "bad"), ("why_bad", "secret words"))
    state = conversation_state(q, Progress(progress.answers, submitted=True), "en")
    assert state.status == "submitted"
    assert len(state.messages) == 1
    assert "secret words" not in state.messages[0].text


def test_the_conversation_is_said_in_the_chosen_language_right_to_left(q):
    state = conversation_state(q, answered(q, ("mood", "good")), "ar")
    assert state.direction == "rtl"
    assert state.messages[1].text == "كيف حالك؟"
    assert state.messages[2].text == "🙂 جيد"


def test_an_unknown_language_falls_back_to_the_first_language(q):
    state = conversation_state(q, Progress(), "xx")
    assert state.language == "en" and state.direction == "ltr"


def test_progress_counts_questions_shown_so_far(q):
    state = conversation_state(q, answered(q, ("mood", "bad")), "en")
    assert (state.answered, state.total) == (1, 4)


# ---- {name}, and an outro that fits what happened ---------------------------

def test_without_a_name_the_name_and_its_comma_are_left_out(q):
    anonymous = conversation_state(q, Progress(), "en").messages[0].text
    named = conversation_state(q, Progress(first_name="Sam"), "en").messages[0].text
    arabic = conversation_state(q, Progress(), "ar").messages[0].text
    assert (anonymous, named, arabic) == ("Hi!", "Hi Sam!", "مرحبا!")


FITTED = {
    **SAMPLE,
    "outro": [
        {"message": {"en": "Thank you, {name}, for telling us all that.", "ar": "شكرا."}, "finished_early": False},
        {"message": {"en": "Thank you for what you told us, {name}.", "ar": "شكرا."}, "finished_early": True},
        {"message": {"en": "We will tell your IRO.", "ar": "سنخبر."}, "when": {"question": "iro", "in": ["yes"]}},
        {"en": "Said always.", "ar": "دائما."},
    ],
}


@pytest.fixture
def fitted():
    return parse(FITTED, source="fitted.yaml")


def _outro(q, progress):
    state = conversation_state(q, progress, "en")
    assert state.status == "review"
    return [m.text for m in state.messages[:-1] if m.text not in {"Hi!", "Hi Sam!"}][-3:]


def test_the_outro_after_answering_everything_thanks_for_all_of_it(fitted):
    progress = answered(fitted, ("mood", "good"), ("topics", ["home"]), ("iro", "no"))
    assert _outro(fitted, progress)[-2:] == ["Thank you for telling us all that.", "Said always."]


def test_after_finish_now_the_outro_does_not_say_all_that_nor_promise_what_was_never_asked(fitted):
    progress = answered(fitted, ("mood", "good"))
    said = _outro(fitted, Progress(progress.answers, finished_early=True, first_name="Sam"))
    assert said[-2:] == ["Thank you for what you told us, Sam.", "Said always."]
    assert not any("all that" in text or "IRO" in text for text in said)


def test_a_promise_in_the_outro_is_made_only_to_someone_who_asked(fitted):
    asked = answered(fitted, ("mood", "good"), ("topics", ["home"]), ("iro", "yes"))
    assert "We will tell your IRO." in _outro(fitted, asked)
    skipped = answered(fitted, ("mood", "good"), ("topics", ["home"]), ("iro", None))
    assert "We will tell your IRO." not in _outro(fitted, skipped)


def test_once_sent_the_questionnaires_end_words_are_one_message_with_the_name(q):
    ending = parse({**SAMPLE, "sent": [{"en": "Thank you, {name}!", "ar": "شكرا!"}, {"en": "Next, we read it.", "ar": "."}]}, source="s.yaml")
    sent = Progress(submitted=True, first_name="Sam")
    assert [m.text for m in conversation_state(ending, sent, "en").messages] == ["Thank you, Sam!\nNext, we read it."]
    assert [m.text for m in conversation_state(ending, Progress(submitted=True), "en").messages] == ["Thank you!\nNext, we read it."]


def test_once_sent_without_end_words_the_service_thanks_in_its_own(q):
    [thanks] = conversation_state(q, Progress(submitted=True), "en").messages
    assert thanks.text.startswith("Thank you. What you told us has been sent.")


# ---- the pause after a worrying answer -----------------------------------------

def _worried(q):
    progress = answered(q, ("mood", "bad"), ("why_bad", "he hits me"))
    return Progress(progress.answers, notices={"why_bad": ("Thank you for telling us.",)}, paused=True)


def test_after_a_worrying_answer_the_next_step_waits_behind_do_you_want_to_carry_on(q):
    state = conversation_state(q, _worried(q), "en")
    said = [m.text for m in state.messages]
    assert said[-2:] == ["Thank you for telling us.", interface_text("pause", "en")]
    assert "Nearly done." not in said and "Talk about?" not in said  # the message and question after it wait
    assert state.status == "open" and state.paused and state.question.question.id == "topics"


def test_carrying_on_asks_the_next_question_again(q):
    state = conversation_state(q, replace(_worried(q), paused=False), "en")
    assert [m.text for m in state.messages][-2:] == ["Nearly done.", "Talk about?"]
    assert not state.paused


def test_changing_an_earlier_answer_during_the_pause_is_not_held_up_by_it(q):
    state = conversation_state(q, _worried(q), "en", change="mood")
    assert state.question.question.id == "mood" and not state.paused
