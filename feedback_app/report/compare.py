"""The change from last year, in words, for a count and for a share."""

from __future__ import annotations

from ..small_numbers import Figure
from .change import change_in_words
from .layout import NO_CELL, Cell, text


def count_change(this: Figure, last: Figure, last_name: str) -> Cell:
    """'up from 12', 'down from 12', 'the same as in 2025-26'; nothing when either is hidden."""
    if this.count is None or last.count is None:
        return NO_CELL
    if this.count > last.count:
        return text(f"up from {last.count}")
    if this.count < last.count:
        return text(f"down from {last.count}")
    return text(f"the same as in {last_name}")


def share_change(this: tuple[Figure, Figure], last: tuple[Figure, Figure], last_name: str) -> Cell:
    """The change in a share, by the meaningful-change rule; nothing when a figure is hidden."""
    counts = [f.count for f in (*this, *last)]
    if any(c is None for c in counts):
        return NO_CELL
    s1, n1, s2, n2 = counts
    words = change_in_words((s1, n1), (s2, n2), last_name)  # type: ignore[arg-type]
    return text(words) if words else NO_CELL


__all__ = ["count_change", "share_change"]
