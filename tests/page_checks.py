"""Checks that every HTML page must pass, whoever fetches it."""

from __future__ import annotations

import html5lib

_parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)


def check_page(html: str) -> None:
    """Raise AssertionError if the page breaks a rule every page must keep."""
    tree = _parser.parse(html)
    assert not _parser.errors, f"the HTML does not parse cleanly: {_parser.errors[:3]}"
    root = tree
    assert root.get("lang"), "the page has no lang attribute"
    title = root.find("./head/title")
    assert title is not None and (title.text or "").strip(), "the page has no title"
    for form in root.iter("form"):
        assert form.get("action"), "a form has no action"
        if (form.get("method") or "get").lower() == "post":
            names = {i.get("name") for i in form.iter("input")}
            assert "csrf_token" in names, "a POST form has no CSRF token"
    for script in root.iter("script"):
        assert script.get("src"), "a page has inline script, which the CSP forbids"
    for element in root.iter():
        assert element.get("style") is None, f"<{element.tag}> has an inline style, which the CSP forbids"
        for attribute in element.keys():
            assert not attribute.startswith("on"), f"<{element.tag}> has an inline {attribute} handler"
    # A <template>'s content is inert and apart from the page, as browsers parse it.
    inert = {id(e) for t in root.iter("template") for e in t.iter() if e is not t}
    ids = [e.get("id") for e in root.iter() if e.get("id") and id(e) not in inert]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"ids used twice: {duplicates}"
