"""Whether a share changed between two years: the meaningful-change rule.

A rise or a fall is claimed only when the 95% interval on the difference of
the two proportions excludes 0. The interval is Newcombe's hybrid score
interval (method 10 in R. G. Newcombe, "Interval estimation for the
difference between independent proportions: comparison of eleven methods",
Statistics in Medicine 1998; 17: 873-890): each year's Wilson score interval
(without continuity correction) is combined by squaring and adding the
distances. It behaves well for the small groups and the shares near 0% or
100% that a council's figures often have, where the simple Wald interval
does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import sqrt

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution

RISE = "rise"
FALL = "fall"
SAME = "same"


def wilson_interval(successes: int, total: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (Newcombe's method 3).

    Raises ValueError for a total of 0 or successes outside 0..total.
    """
    if total <= 0 or not 0 <= successes <= total:
        raise ValueError(f"need 0 <= successes <= total and total > 0, not {successes}/{total}")
    p = successes / total
    centre = 2 * total * p + z * z
    spread = z * sqrt(z * z + 4 * total * p * (1 - p))
    below = 2 * (total + z * z)
    return (centre - spread) / below, (centre + spread) / below


@dataclass(frozen=True)
class Difference:
    """This year's share minus last year's, with its 95% interval."""

    estimate: float
    lower: float
    upper: float

    @property
    def direction(self) -> str:
        """RISE or FALL when the interval excludes 0, else SAME."""
        if self.lower > 0:
            return RISE
        if self.upper < 0:
            return FALL
        return SAME


def difference(successes1: int, total1: int, successes2: int, total2: int, z: float = Z95) -> Difference:
    """p1 - p2 with Newcombe's hybrid score interval (method 10).

    Raises ValueError when either total is 0.
    """
    p1, p2 = successes1 / total1 if total1 else 0, successes2 / total2 if total2 else 0
    l1, u1 = wilson_interval(successes1, total1, z)
    l2, u2 = wilson_interval(successes2, total2, z)
    estimate = p1 - p2
    lower = estimate - sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = estimate + sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Difference(estimate, lower, upper)


def change_in_words(this: tuple[int, int], last: tuple[int, int], last_name: str) -> str:
    """'up from 70% in 2025-26', 'down from ...', or 'about the same as last year (70%)'.

    `this` and `last` are (people who said it, people asked). Empty when
    either year has nobody to compare.
    """
    (s1, n1), (s2, n2) = this, last
    if not n1 or not n2:
        return ""
    was = f"{int(100 * s2 / n2 + 0.5)}%"
    direction = difference(s1, n1, s2, n2).direction
    if direction == RISE:
        return f"up from {was} in {last_name}"
    if direction == FALL:
        return f"down from {was} in {last_name}"
    return f"about the same as last year ({was} in {last_name})"


__all__ = ["FALL", "RISE", "SAME", "Difference", "change_in_words", "difference", "wilson_interval"]
