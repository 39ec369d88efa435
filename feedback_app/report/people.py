"""Who took part, as counts of people with the small-numbers rule applied, for the table and the summary alike."""

from __future__ import annotations

from ..small_numbers import Figure, figure, suppress
from .figures import WHO, YearFigures


def people(year: YearFigures) -> dict[str, dict[str, Figure]]:
    """Each count per group, suppressed across the groups, whose totals are shown.

    A count is not hidden for being close to the count it is part of ("10 started, 7
    sent" does say that 3 did not send): that is a figure about what people did, not
    about what they said, and hiding it would hide most of a small council's figures.
    What people said (the answers' figures) is held to the stricter rule (`part_of`).
    """
    measures = ("invitations", "opened", "sent_back", "started", "sent")
    raw = {m: {who: getattr(year.taking_part.get(who), m, 0) or 0 for who in WHO} for m in measures}
    shown: dict[str, dict[str, Figure]] = {}
    for measure in measures:
        shown[measure] = suppress(raw[measure])
        shown[measure]["all"] = figure(sum(raw[measure].values()))
    return shown


__all__ = ["people"]
