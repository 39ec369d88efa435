"""The words the service itself says, in each language.

Questionnaire files carry their own words; these are the ones every
conversation shares (buttons, labels, the thank-you). A language missing a
word falls back to English. Translations must be checked by a qualified
translator before live use (see the README).
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

# A word is one text, or (for a sentence with a number) one text per plural category.
WORDS: dict[str, dict[str, str | dict[str, str]]] = {
    "en": {
        "thanks_sent": "Thank you. What you told us has been sent. You can close this page now.",
        "review_intro": "Here is what you told us. You can change anything, then press Send.",
        "skipped": "(skipped)",
        # A sentence with a number has a form for each CLDR plural category
        # the language uses (counted_text): never built from pieces.
        "progress": {
            "one": "You have answered {answered} of about {total} question",
            "other": "You have answered {answered} of about {total} questions",
        },
        "log_label": "Conversation",
        "you_said": "You said:",
        "bot_said": "We said:",
        "your_answer": "Type your answer",
        # After a worrying answer, before the next question (9.6): no hurry, either is fine.
        "pause": "Do you want to carry on? You can answer more questions, or stop here and send what you have told us. Either is fine.",
        "pause_carry_on": "Yes, carry on",
        "pause_stop": "No, stop here",
        "help_line": "If you need to talk to someone now, call Childline free on 0800 1111, any time, day or night. If you or anyone else is in danger right now, call 999.",
        "safety_line": "Nobody reads this straight away. If you are in danger now, call 999, or call Childline free on 0800 1111.",
        "send_answer": "Send",
        "choose_one": "Choose one",
        "choose_any": "Choose as many as you like",
        "skip": "Skip this question",
        "go_back": "Go back",
        "keep_answer": "Keep my answer",
        "finish_now": "Finish now",
        "review_title": "What you told us",
        "change": "Change",
        "nothing_answered": "You did not answer any questions. You can still send this, or carry on answering.",
        "send": "Send my answers",
        "carry_on": "Carry on answering",
        "site_name": "Tell us what you think",
        "skip_to_main": "Skip to main content",
        "what_happens": "What happens to my answers?",
        "languages_label": "Other languages",
        "read_aloud": "Read aloud",
        "change_answer": "Change your answer:",
        "error_generic": "Sorry, that did not work. Please try again.",
        # Coming back: the same /start/ link on the same phone, or a conversation left halfway.
        "welcome_back": "Welcome back! Carry on where you left off.",
        "begun_before": "You started this on this phone before.",
        "carry_on_where": "Carry on where you left off",
        "start_again": "Start again",
        # Sent by chat.js when the signal comes back (the answer is kept on the phone meanwhile).
        "no_signal": "No signal. We'll send this when you're back online.",
        # Shown to an invited child: the code that carries the conversation to another device.
        "device_code": "To carry on on another phone or tablet, open your link there and type this code:",
        # Beside Send, for an invited person: what they chose about their name (share_with_iro).
        "sharing_yes": "When you press Send, your IRO will see your answers with your name on them, as you chose. You can change this above.",
        "sharing_no": "When you press Send, your IRO will not see your name with your answers, as you chose. You can change this above.",
        "sharing_none": "You did not say whether your IRO can see your answers with your name on them, so they won't.",
        # Shown after an answer that suggests the person may not be safe (feedback_app/safeguarding).
        # Never names a carer (or anyone at home) as who will be in touch: the person
        # hurting a child may be the one looking after them (issue 9.4).
        "safeguarding_invited": "Thank you for telling us. Because you might not be safe, we will tell the person whose job is to keep children safe, and your IRO. They will check that you are safe. They will want to talk with you, at a time and place where you can talk safely. This might not happen straight away.",
        "safeguarding_anonymous": "Thank you for telling us. We can't find out who you are, so we can't follow this up ourselves. Please tell someone who can help you.",
        "safeguarding_help_now": "To get help now, call Childline free on 0800 1111, any time, day or night. If it feels safe, you could also tell another adult you trust, such as a teacher. If you are in danger right now, call 999.",
    },
    "ar": {
        "thanks_sent": "شكرًا لك. تم إرسال ما قلته لنا. يمكنك إغلاق هذه الصفحة الآن.",
        "review_intro": "هذا ما قلته لنا. يمكنك تغيير أي شيء، ثم اضغط إرسال.",
        "skipped": "(تم التخطي)",
        "progress": {
            "zero": "أجبت عن {answered} من حوالي {total} سؤال",
            "one": "أجبت عن {answered} من حوالي سؤال واحد",
            "two": "أجبت عن {answered} من حوالي سؤالين",
            "few": "أجبت عن {answered} من حوالي {total} أسئلة",
            "many": "أجبت عن {answered} من حوالي {total} سؤالًا",
            "other": "أجبت عن {answered} من حوالي {total} سؤال",
        },
        "log_label": "المحادثة",
        "you_said": "قلت:",
        "bot_said": "قلنا:",
        "your_answer": "اكتب إجابتك",
        "pause": "هل تريد المتابعة؟ يمكنك الإجابة عن أسئلة أخرى، أو التوقف هنا وإرسال ما أخبرتنا به. كلاهما لا بأس به.",
        "pause_carry_on": "نعم، تابع",
        "pause_stop": "لا، توقف هنا",
        "help_line": "إذا كنت بحاجة إلى التحدث مع شخص الآن، اتصل مجانًا بخط Childline على الرقم 0800 1111، في أي وقت، ليلًا أو نهارًا. إذا كنت أنت أو أي شخص آخر في خطر الآن، اتصل بالرقم 999.",
        "safety_line": "لا أحد يقرأ هذا على الفور. إذا كنت في خطر الآن، اتصل بالرقم 999، أو اتصل مجانًا بخط Childline على 0800 1111.",
        "send_answer": "إرسال",
        "choose_one": "اختر واحدًا",
        "choose_any": "اختر ما تشاء",
        "skip": "تخطَّ هذا السؤال",
        "go_back": "رجوع",
        "keep_answer": "احتفظ بإجابتي",
        "finish_now": "إنهاء الآن",
        "review_title": "ما قلته لنا",
        "change": "تغيير",
        "nothing_answered": "لم تجب عن أي سؤال. لا يزال بإمكانك الإرسال، أو متابعة الإجابة.",
        "send": "أرسل إجاباتي",
        "carry_on": "تابع الإجابة",
        "site_name": "أخبرنا برأيك",
        "skip_to_main": "انتقل إلى المحتوى الرئيسي",
        "what_happens": "ماذا يحدث لإجاباتي؟",
        "languages_label": "لغات أخرى",
        "read_aloud": "اقرأ بصوت عالٍ",
        "change_answer": "غيّر إجابتك:",
        "error_generic": "عذرًا، لم ينجح ذلك. يرجى المحاولة مرة أخرى.",
        "welcome_back": "مرحبًا بعودتك! تابع من حيث توقفت.",
        "begun_before": "لقد بدأت هذا على هذا الهاتف من قبل.",
        "carry_on_where": "تابع من حيث توقفت",
        "start_again": "ابدأ من جديد",
        "no_signal": "لا توجد إشارة. سنرسل هذا عندما تعود متصلًا بالإنترنت.",
        "device_code": "للمتابعة على هاتف أو جهاز لوحي آخر، افتح رابطك هناك واكتب هذا الرمز:",
        "sharing_yes": "عندما تضغط إرسال، سيرى المسؤول المستقل عن مراجعتك إجاباتك مع اسمك، كما اخترت. يمكنك تغيير ذلك في الأعلى.",
        "sharing_no": "عندما تضغط إرسال، لن يرى المسؤول المستقل عن مراجعتك اسمك مع إجاباتك، كما اخترت. يمكنك تغيير ذلك في الأعلى.",
        "sharing_none": "لم تقل ما إذا كان المسؤول المستقل عن مراجعتك يمكنه رؤية إجاباتك مع اسمك، لذلك لن يراها.",
        "safeguarding_invited": "شكرًا لأنك أخبرتنا. لأنك قد لا تكون في أمان، سنخبر الشخص الذي عمله هو الحفاظ على سلامة الأطفال، وسنخبر مسؤول المراجعة المستقل الخاص بك (IRO). سيتأكدون من أنك في أمان. سيرغبون في التحدث معك، في وقت ومكان تستطيع فيه التحدث بأمان. قد لا يحدث هذا على الفور.",
        "safeguarding_anonymous": "شكرًا لأنك أخبرتنا. لا يمكننا معرفة من أنت، لذلك لا يمكننا متابعة هذا الأمر بأنفسنا. من فضلك أخبر شخصًا يستطيع مساعدتك.",
        "safeguarding_help_now": "للحصول على المساعدة الآن، اتصل مجانًا بخط Childline على الرقم 0800 1111، في أي وقت، ليلًا أو نهارًا. وإذا شعرت بالأمان، يمكنك أيضًا إخبار شخص بالغ آخر تثق به، مثل معلّم. إذا كنت في خطر الآن، اتصل بالرقم 999.",
    },
}


# Each language's name in itself, for the language switcher.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ar": "العربية", "cy": "Cymraeg", "pl": "Polski"}


def _word(key: str, language: str) -> str | dict[str, str]:
    return WORDS.get(language.split("-")[0], WORDS["en"]).get(key) or WORDS["en"][key]


def interface_text(key: str, language: str) -> str:
    """The service's own words for `key`, in `language` or else English."""
    word = _word(key, language)
    if not isinstance(word, str):
        raise TypeError(f"{key!r} has a number in it: use counted_text")
    return word


def counted_text(key: str, language: str, count: int, **values: object) -> str:
    """The sentence `key` for `count` things, in the plural form CLDR's rules give
    for that number in `language` (Arabic has six: 3 أسئلة, 11 سؤالًا, ...),
    with `values` filled in. Raises TypeError if `key` is not a counted sentence."""
    if key not in WORDS.get(language.split("-")[0], {}):
        language = "en"  # the English words, so the English rules
    forms = _word(key, language)
    if isinstance(forms, str):
        raise TypeError(f"{key!r} is not a sentence with a number: use interface_text")
    try:
        category = Locale.parse(language.replace("-", "_")).plural_form(count)
    except (ValueError, UnknownLocaleError):
        category = "other"
    return forms.get(category, forms["other"]).format(**values)
