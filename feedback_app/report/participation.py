"""How children's views reached their reviews: the DfE participation codes PN0 to PN7."""

from __future__ import annotations

from ..access.policy import Principal
from .layout import Block
from .year import ReportingYear


def participation_blocks(user: Principal, year: ReportingYear) -> tuple[Block, ...]:
    """The participation section's blocks; empty until codes are recorded."""
    return ()


__all__ = ["participation_blocks"]
