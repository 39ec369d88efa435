"""Small bar charts drawn as SVG on the server: no script, so the strict CSP holds.

A chart is one `<svg role="img">` with a `<title>` and a `<desc>` that says
every figure in words, and each bar carries its figure as text, so neither
colour nor the picture is ever the only way to read it. `render_svg` makes
markup that works inline in a page and, with `standalone=True`, as an .svg file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_FILL = "#1d70b8"  # GOV.UK blue: 5.2:1 against white
WHOLE_FILL = "#5694ca"  # lighter blue, 3.3:1 against white: a bar's whole when its `part` is drawn over it
TEXT_FILL = "#0b0c0c"
TRACK_FILL = "#f3f2f1"

WIDTH = 560
LABEL_HEIGHT = 22  # the label sits above its bar, so long labels never squeeze the bars
BAR_HEIGHT = 22
GAP = 12
VALUE_ROOM = 110  # room right of the longest bar for its figure


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the figure as printed, e.g. "12 (40%)" or "fewer than 5"
    fill: str = BAR_FILL
    part: float | None = None  # some of `value` ("8 of the 12 started were sent"), drawn darker over it


@dataclass(frozen=True)
class PlacedBar:
    bar: Bar
    label_y: int
    bar_y: int
    length: float
    value_x: float
    part_length: float = 0.0


@dataclass(frozen=True)
class BarChart:
    id: str  # unique in the page: prefixes the title and desc ids
    title: str
    description: str
    placed: tuple[PlacedBar, ...]
    width: int
    height: int
    value_heading: str
    label_heading: str

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(p.bar for p in self.placed)

    @property
    def svg(self) -> Markup:
        return render_svg(self)


def bar_chart(
    chart_id: str,
    title: str,
    bars: Sequence[Bar],
    *,
    value_heading: str = "Number",
    label_heading: str = "Answer",
    summary: str | None = None,
    out_of: float | None = None,
) -> BarChart:
    """Lay out horizontal bars. `summary` starts the description.

    A full-width bar is `out_of` (for shares, the number who answered, so that
    "2 (33%)" draws a third of the width), or else the longest bar.
    """
    most = out_of or max((b.value for b in bars), default=0) or 1
    room = WIDTH - VALUE_ROOM
    placed = []
    y = 0
    for bar in bars:
        length = round(room * min(max(bar.value, 0) / most, 1), 1)
        part = round(room * min(max(bar.part or 0, 0) / most, 1), 1)
        placed.append(PlacedBar(bar, y + 16, y + LABEL_HEIGHT, length, length + 8, part))
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    figures = "; ".join(f"{b.label}: {b.shown}" for b in bars) or "No answers yet."
    description = f"{summary} {figures}".strip() if summary else figures
    return BarChart(chart_id, title, description, tuple(placed), WIDTH, max(y - GAP, 1), value_heading, label_heading)


def render_svg(chart: BarChart, *, standalone: bool = False) -> Markup:
    """The chart as SVG markup. `standalone` adds what an .svg file needs on its own."""
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    opening = (
        f'<svg class="report-chart-svg" role="img" aria-labelledby="{escape(title_id)} {escape(desc_id)}" '
        f'viewBox="0 0 {chart.width} {chart.height}" width="{chart.width}" height="{chart.height}"'
        + (' xmlns="http://www.w3.org/2000/svg"' if standalone else "")
        + ' font-family="Arial, sans-serif" font-size="15">'
    )
    parts = [
        opening,
        f'<title id="{escape(title_id)}">{escape(chart.title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(chart.description)}</desc>',
    ]
    track = chart.width - VALUE_ROOM
    for placed in chart.placed:
        bar = placed.bar
        parts.append(f'<text x="0" y="{placed.label_y}" fill="{TEXT_FILL}">{escape(bar.label)}</text>')
        parts.append(
            f'<rect x="0" y="{placed.bar_y}" width="{track}" height="{BAR_HEIGHT}" fill="{TRACK_FILL}"></rect>'
        )
        if placed.length > 0:
            fill = WHOLE_FILL if bar.part is not None else bar.fill
            parts.append(
                f'<rect x="0" y="{placed.bar_y}" width="{placed.length}" height="{BAR_HEIGHT}" '
                f'fill="{escape(fill)}"></rect>'
            )
        if placed.part_length > 0:
            parts.append(
                f'<rect class="bar-part" x="0" y="{placed.bar_y}" width="{placed.part_length}" height="{BAR_HEIGHT}" '
                f'fill="{escape(bar.fill)}"></rect>'
            )
        parts.append(
            f'<text x="{placed.value_x}" y="{placed.bar_y + 16}" fill="{TEXT_FILL}" font-weight="bold">'
            f"{escape(bar.shown)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text in it was escaped above


def percent(part: int, whole: int) -> str:
    """'40%', or '-' when there is nothing to divide by. Halves round up, as readers expect."""
    if not whole:
        return "-"
    return f"{int(100 * part / whole + 0.5)}%"


__all__ = ["Bar", "BarChart", "bar_chart", "percent", "render_svg"]
