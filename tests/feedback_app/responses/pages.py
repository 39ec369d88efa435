"""Reading what a reporting page shows: table rows and the records listed."""

from __future__ import annotations

import html5lib

_parser = html5lib.HTMLParser(namespaceHTMLElements=False)


def tree(html: str):
    return _parser.parse(html)


def text_of(element) -> str:
    """The element's text with its pieces joined by single spaces."""
    return " ".join(piece.strip() for piece in element.itertext() if piece.strip())


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """Each body row of the table with `table_id`, as the text of its cells."""
    table = tree(html).find(f".//table[@id='{table_id}']")
    assert table is not None, f"no table #{table_id} on the page"
    return [[text_of(cell) for cell in row] for row in table.find("tbody").findall("tr")]


def attribute_values(html: str, attribute: str) -> list[str]:
    """The values of `attribute` on every element that has it, in page order."""
    return [element.get(attribute) for element in tree(html).iter() if element.get(attribute) is not None]
