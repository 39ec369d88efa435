import pytest

from analysis.redaction import MARKERS, Redaction, Replacement, first_names, redact


def test_text_without_identifying_details_is_returned_unchanged():
    text = "The review was long but my IRO listened to me on Monday."

    result = redact(text)

    assert result == Redaction(text, ())
    assert not result.changed


@pytest.mark.parametrize(
    "text",
    [
        "I told Mum and Dad about it and I miss Nan.",
        "At Christmas and Easter I see my Auntie.",
        "In March and May I had reviews, and in June my IRO came.",
        "I feel Happy. Everyone is Nice. Nobody listens.",
        "I LOVE MY IRO SHE WILL ALWAYS LISTEN",
        "I go to Secondary School and I hate School.",
        "My School is fine and so is my Social Worker.",
        "I hope it gets better. Will I see my brother?",
        "I'm in Year 9 and got 10 GCSEs on 12/03/2024 at 10:30.",
        "My pocket money is £10 a week and I've lived in 5 places in 3 years.",
        "me and my 2 brothers play in the road",
        "Childline is 0800 1111 and 999 if you are in danger.",
        "I woke up b4 2am again.",
    ],
)
def test_ordinary_words_are_not_redacted(text):
    assert redact(text).text == text


def test_supplied_name_is_redacted_whatever_its_case():
    result = redact("I like harriet. HARRIET is kind.", names=["Harriet"])

    assert result.text == "I like [name]. [name] is kind."


def test_supplied_name_keeps_the_possessive_after_the_marker():
    assert redact("We went to Bramwell's house.", names=["Bramwell"]).text == (
        "We went to [name]'s house."
    )


def test_supplied_full_name_is_redacted_as_one_name():
    result = redact("Ffion Pritchard came, then Ffion left.", names=["Ffion Pritchard"])

    assert result.text == "[name] came, then [name] left."
    assert result.replacements[0] == Replacement("name", "Ffion Pritchard")


def test_supplied_name_matches_whole_words_only():
    assert redact("Rosalind and Ros came.", names=["Ros"]).text == "Rosalind and [name] came."


def test_supplied_name_that_is_an_everyday_word_needs_its_capital():
    assert redact("Will said I will be fine.", names=["Will"]).text == (
        "[name] said I will be fine."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My social worker Tamsin never rings.", "My social worker [name] never rings."),
        ("My IRO, Orla, listens to me.", "My IRO, [name], listens to me."),
        ("my iro is called bethan and she is nice", "my iro is called [name] and she is nice"),
        ("My foster carer Gwilym cooks tea.", "My foster carer [name] cooks tea."),
        ("Auntie Sue visits.", "Auntie [name] visits."),
        ("I stay with my nan Edna at weekends.", "I stay with my nan [name] at weekends."),
        ("Mrs Okonkwo was my teacher.", "Mrs [name] was my teacher."),
        ("mr smith helped me", "mr [name] helped me"),
        ("A boy named Tobias was mean.", "A boy named [name] was mean."),
        ("My youth worker, Siôn, is great.", "My youth worker, [name], is great."),
        ("my PA Gethin helps me", "my PA [name] helps me"),
    ],
)
def test_name_after_a_cue_is_redacted(text, expected):
    assert redact(text).text == expected


def test_cue_followed_by_an_ordinary_word_is_left_alone():
    text = "My social worker is nice and my carer Is great. I got called names."

    assert redact(text).text == text


def test_cue_can_name_two_people_joined_by_and():
    assert redact("My foster carers Karen and Steve are kind.").text == (
        "My foster carers [name] and [name] are kind."
    )


def test_name_after_a_cue_takes_its_surname_with_it():
    result = redact("My social worker Tamsin Evans-Hughes never rings.")

    assert result.replacements == (Replacement("name", "Tamsin Evans-Hughes"),)


def test_common_first_name_is_redacted_without_a_cue():
    assert redact("Me and Jamie went bowling with Priya.").text == (
        "Me and [name] went bowling with [name]."
    )


def test_common_first_name_written_with_an_accent_is_redacted():
    assert redact("Zoë came round.").text == "[name] came round."


def test_common_first_name_in_lower_case_is_redacted():
    assert redact("me and jamie went bowling").text == "me and [name] went bowling"


def test_name_that_is_a_word_is_redacted_only_with_a_capital_mid_sentence():
    assert redact("I hope Grace comes. Grace is nice.").text == (
        "I hope [name] comes. Grace is nice."
    )


def test_built_in_name_list_is_loaded_from_the_data_file():
    names = first_names()

    assert {"sarah", "mohammed", "olivia"} <= names
    assert "monday" not in names


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+44 (0)20 7946 0000",
        "(020) 7946 0000",
        "0113 496 0000",
        "0044 113 496 0000",
    ],
)
def test_uk_phone_number_is_redacted(number):
    result = redact(f"Text me on {number} after school.")

    assert result.text == "Text me on [phone number] after school."
    assert result.replacements == (Replacement("phone", number),)


def test_email_address_is_redacted():
    assert redact("Write to jo.bloggs+cic@example.org.uk, thanks.").text == (
        "Write to [email], thanks."
    )


@pytest.mark.parametrize("postcode", ["LS1 4AB", "SW1A 1AA", "m1 1ae", "B338TH"])
def test_uk_postcode_is_redacted(postcode):
    assert redact(f"We live near {postcode} now.").text == "We live near [postcode] now."


@pytest.mark.parametrize(
    "address",
    ["12 Acacia Avenue", "flat 3, 45 High Street", "23b Church Road", "9 willow lane"],
)
def test_street_address_is_redacted(address):
    assert redact(f"I moved to {address} in the summer.").text == (
        "I moved to [address] in the summer."
    )


def test_street_name_without_a_number_is_redacted():
    assert redact("I used to live on Acacia Avenue.").text == "I used to live on [address]."


def test_address_and_postcode_are_redacted_separately():
    assert redact("7 Mill Lane, Hull HU1 2AB").text == "[address], Hull [postcode]"


@pytest.mark.parametrize(
    "school",
    [
        "St Mary's Primary School",
        "Oakfield Academy",
        "Riverside College",
        "Brookside Primary",
        "Holy Cross Catholic High School",
        "University of Leeds",
    ],
)
def test_school_name_is_redacted(school):
    assert redact(f"I go to {school} now.").text == "I go to [school] now."


def test_school_name_does_not_take_the_word_before_it():
    assert redact("My Oakfield Academy is strict.").text == "My [school] is strict."


@pytest.mark.parametrize(
    "link",
    ["https://example.org/page?x=1", "www.example.com", "tiktok.com/@someone"],
)
def test_link_is_redacted_without_the_full_stop_after_it(link):
    assert redact(f"Look at {link}.").text == "Look at [link]."


def test_street_named_after_a_person_is_an_address_not_a_name():
    result = redact("She lives at 7 Sarah Close.")

    assert result.replacements == (Replacement("address", "7 Sarah Close"),)


def test_replacements_are_listed_in_text_order_with_their_kind():
    result = redact("Email kim@example.com or ring 07700 900456, Kim.", names=["Kim"])

    assert [r.kind for r in result.replacements] == ["email", "phone", "name"]
    assert result.text == "Email [email] or ring [phone number], [name]."


def test_every_kind_has_a_readable_marker():
    assert MARKERS == {
        "name": "[name]",
        "phone": "[phone number]",
        "email": "[email]",
        "postcode": "[postcode]",
        "address": "[address]",
        "school": "[school]",
        "link": "[link]",
    }
