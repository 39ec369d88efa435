"""Who took part, as counts of people with the small-numbers rule applied, for the table and the summary alike."""

from __future__ import annotations

from ..small_numbers import Figure, figure, part_of, suppress
from .figures import WHO, YearFigures


def people(year: YearFigures) -> dict[str, dict[str, Figure]]:
    """Each count per group, suppressed across the groups (whose totals are shown) and
    within each group (a part beside its whole)."""
    measures = ("invitations", "opened", "sent_back", "started", "sent")
    raw = {m: {who: getattr(year.taking_part.get(who), m, 0) or 0 for who in WHO} for m in measures}
    wholes = {"opened": "invitations", "sent_back": "opened", "sent": "started"}
    shown: dict[str, dict[str, Figure]] = {}
    for measure in measures:
        inside = set()
        if measure in wholes:
            whole = shown[wholes[measure]]
            inside = {
                who
                for who in WHO
                if whole[who].count is None or part_of(raw[measure][who], raw[wholes[measure]][who]).suppressed
            }
        shown[measure] = suppress(raw[measure], also_hidden=inside)
        shown[measure]["all"] = figure(sum(raw[measure].values()))
    return shown


__all__ = ["people"]
