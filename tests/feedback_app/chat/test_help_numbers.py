"""Childline's number and 999 are tel: links wherever the bot says them; nothing else becomes markup."""

from feedback_app.filters import help_number_links
from tests.feedback_app.safeguarding.conftest import DISCLOSURE, say_in_chat, start_anonymous

CHILDLINE_LINK = '<a class="tel" href="tel:08001111">0800 1111</a>'
EMERGENCY_LINK = '<a class="tel" href="tel:999">999</a>'


def test_the_help_numbers_become_links_to_ring():
    linked = str(help_number_links("Call Childline free on 0800 1111. In danger, call 999."))
    assert linked == f"Call Childline free on {CHILDLINE_LINK}. In danger, call {EMERGENCY_LINK}."


def test_other_numbers_and_any_markup_stay_plain_text():
    linked = str(help_number_links("In 1999 <b>I</b> rang 9999 & 0800 11112"))
    assert linked == "In 1999 &lt;b&gt;I&lt;/b&gt; rang 9999 &amp; 0800 11112"


def test_after_a_disclosure_the_help_numbers_can_be_tapped(client):
    html = say_in_chat(client, start_anonymous(client), DISCLOSURE)
    after = html.split(DISCLOSURE)[1]
    assert CHILDLINE_LINK in after and EMERGENCY_LINK in after


def test_a_childs_own_words_never_become_links(client):
    html = say_in_chat(client, start_anonymous(client), "call 999 and 0800 1111 please")
    assert "call 999 and 0800 1111 please" in html
