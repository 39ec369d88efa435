"""The small-numbers rule, for every figure the service shows or exports.

A count of fewer than `SMALLEST_GROUP` people is never shown as a number: it
reads "fewer than 5" (primary suppression). When parts of a whole are shown
beside their total, hiding only the small parts is not enough, since the
total minus the parts shown gives them back; so more parts are hidden until
what is hidden cannot be worked out to fewer than 5 people (secondary
suppression, as the ONS and the DfE's statistics do).

The Children in Care Council view, the annual report on screen, in Word and
in the spreadsheet all read this module, so the rule is the same everywhere.

Figures that are looked at again and again (the CiCC view is shown at every
council meeting) could also be differenced over time: compare the view
before and after one child sends, and the difference is that child. So such
a view counts only whole batches of `RELEASE_STEP` sent conversations
(`released`): its figures move only when 5 more people have sent theirs, and
any two versions of it differ by at least 5 people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

SMALLEST_GROUP = 5
# The CiCC view's figures move in steps of this many sent conversations.
RELEASE_STEP = SMALLEST_GROUP
FEWER_THAN = f"fewer than {SMALLEST_GROUP}"
# A figure of 5 or more hidden only so that a small one beside it cannot be worked out.
NOT_SHOWN = "not shown"

Key = TypeVar("Key")


@dataclass(frozen=True)
class Figure:
    """A count of people as it may be shown: the number, or None when it is hidden.

    `small` says why a hidden figure is hidden: it is fewer than 5 (True), or
    it is 5 or more and hidden so that a small one cannot be worked out (False),
    so that no hidden figure is ever described wrongly.
    """

    count: int | None
    small: bool = True

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def shown(self) -> str:
        if self.count is None:
            return FEWER_THAN if self.small else NOT_SHOWN
        return str(self.count)

    def share_of(self, whole: Figure) -> str:
        """The figure as a percentage of `whole`; '-' when either is hidden or the whole is 0."""
        if self.count is None or whole.count is None or not whole.count:
            return "-"
        return f"{int(100 * self.count / whole.count + 0.5)}%"


def figure(count: int) -> Figure:
    """A count standing on its own: hidden below SMALLEST_GROUP."""
    return Figure(count if count >= SMALLEST_GROUP else None)


def suppress(
    counts: Mapping[Key, int], *, total_shown: bool = True, also_hidden: Iterable[Key] = ()
) -> dict[Key, Figure]:
    """Figures for parts of a whole.

    Parts below SMALLEST_GROUP are hidden. When the total is shown
    (`total_shown`), and the hidden parts add up to between 1 and
    SMALLEST_GROUP - 1, the total minus the parts shown would give them away,
    so the smallest shown parts are hidden too until it cannot. When the
    total itself is below SMALLEST_GROUP, every part is hidden. `also_hidden`
    names parts hidden by another rule (see `part_of`), which count as hidden here.
    """
    if total_shown and sum(counts.values()) < SMALLEST_GROUP:
        return {key: Figure(None) for key in counts}
    hidden = {key for key, count in counts.items() if count < SMALLEST_GROUP} | set(also_hidden)
    if total_shown:
        shown = sorted((key for key in counts if key not in hidden), key=lambda key: counts[key])
        # Hidden parts that add up to a small group, or one hidden part on its own
        # (the total minus the rest is that part exactly), give themselves away.
        while shown and (
            0 < sum(counts[key] for key in hidden) < SMALLEST_GROUP or len([k for k in hidden if counts[k]]) == 1
        ):
            hidden.add(shown.pop(0))
    return {
        key: Figure(None, small=count < SMALLEST_GROUP) if key in hidden else Figure(count)
        for key, count in counts.items()
    }


def part_of(part: int, whole: int) -> Figure:
    """A count shown beside the count it is part of ("sent" beside "started").

    Hidden when it is small, and when the rest of the whole is (10 started and
    7 sent would tell that 3 did not send).
    """
    if part < SMALLEST_GROUP:
        return Figure(None)
    if 0 < whole - part < SMALLEST_GROUP:
        return Figure(None, small=False)
    return Figure(part)


def released(count: int) -> int:
    """How many of `count` sent conversations a view that is looked at again and
    again may count: whole steps of RELEASE_STEP, so it never moves by one person."""
    return count - count % RELEASE_STEP


__all__ = ["FEWER_THAN", "NOT_SHOWN", "RELEASE_STEP", "SMALLEST_GROUP", "Figure", "figure", "part_of", "released", "suppress"]
