"""How children's views reached their reviews: the DfE participation codes PN0 to PN7.

Two sources, shown apart so that neither is counted twice: the reviews in the
council's SSDA903 extract (`import-reviews`, every review of every child in
care), and the codes IROs recorded on invitations after the review (only the
children invited through this service). Councils report the share of reviews
where the child took part: PN1 to PN6, of the reviews of children aged 4 or
over (leaving out PN0).
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..access import InvitationFigures, scope
from ..access.policy import Principal
from ..extensions import db
from ..models import Invitation, ReviewCount
from ..small_numbers import Figure, figure, suppress
from ..vocabulary import PARTICIPATING, PARTICIPATION, UNDER_FOUR
from .compare import share_change
from .layout import NO_CELL, Block, Paragraph, Subheading, Table, count, share, text
from .year import ReportingYear


def imported_counts(user: Principal, year: ReportingYear) -> dict[str, int]:
    """Reviews held in the year per code, from the imported extracts."""
    period = year.period
    rows = db.session.execute(
        select(ReviewCount.code, func.sum(ReviewCount.reviews))
        .where(scope(user, ReviewCount), ReviewCount.month >= period.start, ReviewCount.month <= period.end)
        .group_by(ReviewCount.code)
    )
    return dict.fromkeys(PARTICIPATION, 0) | {code: int(n or 0) for code, n in rows}


def recorded_counts(user: Principal, year: ReportingYear) -> dict[str, int]:
    """Codes IROs recorded on invitations for reviews held in the year."""
    period = year.period
    rows = db.session.execute(
        select(Invitation.participation_code, func.count(Invitation.id))
        .where(
            scope(user, InvitationFigures),
            Invitation.participation_code.is_not(None),
            Invitation.review_date >= period.start,
            Invitation.review_date <= period.end,
        )
        .group_by(Invitation.participation_code)
    )
    return dict.fromkeys(PARTICIPATION, 0) | {code: n for code, n in rows}


def participating(counts: dict[str, int]) -> tuple[int, int]:
    """(reviews with the child taking part, reviews of children aged 4 or over)."""
    return sum(counts[c] for c in PARTICIPATING), sum(n for c, n in counts.items() if c != UNDER_FOUR)


def _table(table_id: str, title: str, now: dict[str, int], before: dict[str, int], year: ReportingYear) -> Table:
    shown_now, shown_before = suppress(now), suppress(before)
    (took, of), (took_before, of_before) = participating(now), participating(before)
    part, whole = _share_figures(took, of)
    part_before, whole_before = _share_figures(took_before, of_before)
    rows = [
        (text(code), text(PARTICIPATION[code].staff), count(shown_now[code]), count(shown_before[code]), NO_CELL)
        for code in PARTICIPATION
    ]
    rows.append((text("All"), text("Reviews"), count(figure(sum(now.values()))), count(figure(sum(before.values()))), NO_CELL))
    rows.append(
        (text("PN1-PN6"), text("Share of reviews (children aged 4 or over) with the child participating"),
         share(part, whole), share(part_before, whole_before),
         share_change((part, whole), (part_before, whole_before), year.previous.name))
    )  # fmt: skip
    return Table(table_id, title, ("Code", "How the child took part (DfE wording)", year.name, year.previous.name, "Change"), tuple(rows))


def _share_figures(took: int, of: int) -> tuple[Figure, Figure]:
    # The share is of people; with the whole or the part small, or the rest small, it is not given.
    whole = figure(of)
    part = figure(took) if whole.count is not None and not 0 < of - took < 5 else Figure(None)
    return part, whole


def participation_blocks(user: Principal, year: ReportingYear) -> tuple[Block, ...]:
    """The section's blocks: the extract's figures and the IROs' records, each with last year beside."""
    blocks: list[Block] = []
    imported, imported_before = imported_counts(user, year), imported_counts(user, year.previous)
    if any(imported.values()) or any(imported_before.values()):
        took, of = participating(imported)
        part, whole = _share_figures(took, of)
        if part.count is not None:
            blocks.append(Paragraph(f"{part.share_of(whole)} of reviews had children participating ({took} of {of} reviews of children aged 4 or over)."))
        blocks.append(Subheading("From the council's SSDA903 reviews return"))
        blocks.append(_table("participation-903", "Reviews by participation code (SSDA903)", imported, imported_before, year))
    recorded, recorded_before = recorded_counts(user, year), recorded_counts(user, year.previous)
    if any(recorded.values()) or any(recorded_before.values()):
        blocks.append(Subheading("Recorded by IROs on invitations"))
        blocks.append(
            Paragraph("For the children invited through this service, the code their IRO recorded after the review.")
        )
        blocks.append(_table("participation-invited", "Invited children's reviews by participation code", recorded, recorded_before, year))
    return tuple(blocks)


__all__ = ["imported_counts", "participating", "participation_blocks", "recorded_counts"]
