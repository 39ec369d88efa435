"""Every list pattern that means a several-word alternative has it in brackets.

Without brackets, alternatives are single words (analysis/phrases.py):
"nobody|no one listens" means "nobody" or "no", then "one listens", so it
never finds "nobody listens". Such a slip is silent, so this test looks for
it in every data file. It cannot know what an author meant, so it uses what
the lists themselves say belongs together: a word class or a bracketed group
("(no one|nobody)") holds the alternatives of one slot. An unbracketed slot
is a slip when the phrase it runs into across a "|" ("no" + "one") belongs
with one of the slot's other alternatives ("nobody"), or with the phrase on
the slot's other side ("left alone|home alone": "left alone", "home alone").
It is also a slip when a slot mixes an article with a word that is not a
determiner: in "new trainers|a new phone" the slot "trainers|a" has one.
"""

import re
from collections.abc import Iterator
from typing import Any

from analysis.lexicons import DATA_DIR
from analysis.plain_yaml import load_plain_yaml

_SLOT = re.compile(r"\([^()]*\)\??|\S+")
_GROUP = re.compile(r"\(([^()]*)\)")
_ARTICLES = frozenset({"a", "an", "the"})
# Words that can stand where an article does ("my|a phone", "a|an|@count").
_DETERMINERS = _ARTICLES | {
    "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those",
    "some", "any", "no", "every", "each", "one", "@count", "me", "him", "them", "us",
}


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _data_files() -> dict[str, Any]:
    return {
        path.name: load_plain_yaml(path.read_text(encoding="utf-8"))
        for path in sorted(DATA_DIR.glob("*.yaml"))
    }


def _groups(files: dict[str, Any]) -> list[set[str]]:
    """Sets of phrases the lists treat as alternatives of one slot."""
    groups: list[set[str]] = []
    for data in files.values():
        for text in _strings(data):
            groups.extend({alt.strip() for alt in found.split("|")} for found in _GROUP.findall(text))
        if isinstance(data, dict) and isinstance(data.get("classes"), dict):
            groups.extend({str(word) for word in words} for words in data["classes"].values() if words)
    return [group for group in groups if len(group) > 1]


def unbracketed_phrases(pattern: str, groups: list[set[str]]) -> list[str]:
    """The several-word alternatives `pattern` seems to mean but has not bracketed."""

    def together(one: str, other: str) -> bool:
        return any(one in group and other in group for group in groups)

    slots = _SLOT.findall(pattern)
    slips = []
    for i, slot in enumerate(slots):
        if "|" not in slot or slot.startswith("("):
            continue
        alternatives = slot.rstrip("?").split("|")
        if not _ARTICLES.isdisjoint(alternatives) and not _DETERMINERS.issuperset(alternatives):
            slips.append(slot)
        afters = [" ".join([alternatives[-1], *slots[i + 1 : i + 1 + n]]) for n in range(1, 4) if i + n < len(slots)]
        befores = [" ".join([*slots[i - n : i], alternatives[0]]) for n in range(1, 4) if i - n >= 0]
        for after in afters:
            if any(together(after, other) for other in alternatives[:-1]):
                slips.append(after)
            if any(together(after, before) for before in befores):
                slips.append(after)
    return slips


def test_the_check_finds_a_several_word_alternative_written_without_brackets():
    groups = [{"nobody", "no one"}, {"left alone", "home alone"}]
    assert unbracketed_phrases("nobody|no one listens", groups) == ["no one"]
    assert unbracketed_phrases("left alone|home alone at night", groups) == ["home alone"]
    assert unbracketed_phrases("(nobody|no one) listens", groups) == []
    assert unbracketed_phrases("came back with money|new trainers|a new phone", groups) == ["trainers|a"]
    assert unbracketed_phrases("lost my|a phone", groups) == []
    assert unbracketed_phrases("my mum|dad hits me", groups + [{"my mum", "dad"}]) == []


def test_no_list_pattern_has_an_unbracketed_several_word_alternative():
    files = _data_files()
    groups = _groups(files)
    slips = [
        f"{name}: {text!r} (bracket {', '.join(found)})"
        for name, data in files.items()
        for text in _strings(data)
        if (found := unbracketed_phrases(text, groups))
    ]
    assert not slips, "write several-word alternatives in brackets:\n" + "\n".join(slips)
