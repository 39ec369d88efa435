"""The pieces a report is made of, the same for the page, the Word document and the spreadsheet.

A report is a list of `Section`s, each a heading and a list of blocks:
paragraphs, sub-headings, tables (each with an optional chart drawn from it),
bulleted lists and quotes. Each renderer walks the same blocks, so the three
outputs cannot disagree about a figure or about which figures are hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..small_numbers import Figure


@dataclass(frozen=True)
class Cell:
    """One cell: `value` is the number (int or float) or text; None when hidden or not known."""

    value: int | float | str | None
    shown: str

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


def text(words: str) -> Cell:
    return Cell(words, words)


def count(found: Figure) -> Cell:
    return Cell(found.count, found.shown)


def share(found: Figure, whole: Figure) -> Cell:
    """A percentage (stored as a fraction, 0.82) of a whole; hidden with its figure."""
    if found.count is None or whole.count is None or not whole.count:
        return Cell(None, "-" if whole.count == 0 else found.share_of(whole))
    return Cell(round(found.count / whole.count, 4), found.share_of(whole))


def number(value: float | int | None, unit: str = "") -> Cell:
    if value is None:
        return Cell(None, "-")
    return Cell(value, f"{value:,.1f}{unit}" if isinstance(value, float) else f"{value:,}{unit}")


NO_CELL = Cell(None, "")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Subheading:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class QuoteText:
    text: str
    who: str


@dataclass(frozen=True)
class Chart:
    """Bars for this year and last year, from a table's rows (a share or a count per label)."""

    id: str
    title: str
    labels: tuple[str, ...]
    this_year: tuple[float | None, ...]  # None: hidden
    last_year: tuple[float | None, ...]
    this_name: str
    last_name: str
    percent: bool  # values are fractions shown as percentages

    @property
    def alt_text(self) -> str:
        """Every figure of the chart in words, for those who cannot see it."""

        def said(value: float | None) -> str:
            if value is None:
                return "not shown (to protect small numbers)"
            return f"{round(value * 100)}%" if self.percent else f"{value:g}"

        parts = [
            f"{label}: {said(this)} in {self.this_name}, {said(last)} in {self.last_name}"
            for label, this, last in zip(self.labels, self.this_year, self.last_year, strict=True)
        ]
        return f"{self.title}. " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    chart: Chart | None = None

    def __post_init__(self) -> None:
        # A chart whose every bar is hidden shows nothing: leave it out (the table says why).
        chart = self.chart
        if chart is not None and all(v is None for v in (*chart.this_year, *chart.last_year)):
            object.__setattr__(self, "chart", None)


Block = Paragraph | Subheading | Bullets | QuoteText | Table


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Table))


@dataclass(frozen=True)
class Report:
    title: str
    year_name: str
    previous_name: str
    sections: tuple[Section, ...]

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(t.chart for s in self.sections for t in s.tables if t.chart is not None)

    def chart(self, chart_id: str) -> Chart | None:
        return next((c for c in self.charts if c.id == chart_id), None)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)


__all__ = [
    "NO_CELL", "Block", "Bullets", "Cell", "Chart", "Paragraph", "QuoteText", "Report", "Section", "Subheading",
    "Table", "count", "number", "share", "text",
]  # fmt: skip
