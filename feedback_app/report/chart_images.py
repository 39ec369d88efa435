"""The report's charts as PNG and SVG, drawn with matplotlib (the Agg backend: no screen, no network).

Each chart has this year's and last year's bar side by side for every label.
They differ by pattern as well as shade (solid against hatched, outlined), and
every bar is labelled with its figure (so no chart needs colour, or an axis, to be read).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from flask import has_app_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402 - the backend must be chosen first
from sqlalchemy import delete, select  # noqa: E402
from sqlalchemy.exc import IntegrityError  # noqa: E402

from ..extensions import db  # noqa: E402
from ..models import DrawnChart  # noqa: E402
from .layout import Chart  # noqa: E402

THIS_YEAR = {"color": "#0b0c0c", "edgecolor": "#0b0c0c"}
LAST_YEAR = {"color": "#ffffff", "edgecolor": "#0b0c0c", "hatch": "///"}
BAR = 0.38
DPI = 96


def _figure(chart: Chart) -> Figure:
    n = len(chart.labels)
    height = 1.1 + 0.62 * max(n, 1)
    figure = Figure(figsize=(7.5, height), dpi=DPI)
    # Fixed margins rather than tight_layout, which costs more than drawing the chart.
    figure.subplots_adjust(left=0.3, right=0.97, top=1 - 0.5 / height, bottom=0.55 / height)
    axes = figure.subplots()
    scale = 100 if chart.percent else 1
    rows = range(n)
    for offset, values, style, name in (
        (-BAR / 2, chart.this_year, THIS_YEAR, chart.this_name),
        (BAR / 2, chart.last_year, LAST_YEAR, chart.last_name),
    ):
        heights = [(v or 0) * scale for v in values]
        bars = axes.barh([r + offset for r in rows], heights, height=BAR, label=name, linewidth=1, **style)
        for bar, value in zip(bars, values, strict=True):
            words = "not shown" if value is None else (f"{round(value * 100)}%" if chart.percent else f"{value:g}")
            axes.annotate(
                words, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                textcoords="offset points", va="center", fontsize=9,
            )  # fmt: skip
    axes.set_yticks(list(rows), [_wrap(label) for label in chart.labels], fontsize=9)
    axes.invert_yaxis()
    most = max([(v or 0) * scale for v in (*chart.this_year, *chart.last_year)] or [1]) or 1
    axes.set_xlim(0, (100 if chart.percent else most) * 1.25)
    # Every bar carries its figure in words ("33%", "1,435"), so an x axis adds nothing a reader
    # needs; drawing its ticks was about a fifth of a chart's time (76 charts in a big Word document).
    axes.xaxis.set_visible(False)
    axes.set_title(_wrap(chart.title, 70), fontsize=11, loc="left")
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    axes.legend(loc="lower right", fontsize=9, frameon=False)
    return figure


def _wrap(words: str, width: int = 28) -> str:
    # Emoji (an option's face) are left off: the chart's fonts have none, and the words say it.
    words = "".join(ch for ch in words if ord(ch) < 0x2190 and ch != "\ufe0f")
    lines, line = [], ""
    for word in words.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


# Each chart is drawn once and shared between the Word document, the chart downloads
# and the next Word document: a chart's picture depends only on its (frozen) figures
# and words, and drawing is most of the Word document's time (about 80 ms a chart, 76
# charts at 100,000 conversations). 256 charts keep a few reports' worth, a few MB.
# Each picture is also kept in the database (`drawn_charts`), so that another worker,
# or this one after a restart, reads it back rather than drawing it again (a closed
# year's charts never change); the newest DRAWN_STORED are kept.
DRAWN_KEPT = 256
DRAWN_STORED = 1024
# Pictures are found by a hash of their chart and of this module's own code, so that a
# change in how charts are drawn draws every chart again.
_DRAWN_BY = hashlib.sha256(Path(__file__).read_bytes() + matplotlib.__version__.encode()).hexdigest()


@lru_cache(maxsize=DRAWN_KEPT)
def png(chart: Chart) -> bytes:
    return _kept_or_drawn(chart, "png", _png)


@lru_cache(maxsize=DRAWN_KEPT)
def svg(chart: Chart) -> bytes:
    """An SVG with the chart's figures in words as its title, for screen readers."""
    return _kept_or_drawn(chart, "svg", _svg)


def _png(chart: Chart) -> bytes:
    out = io.BytesIO()
    _figure(chart).savefig(out, format="png")
    return out.getvalue()


def _svg(chart: Chart) -> bytes:
    out = io.BytesIO()
    figure = _figure(chart)
    figure.savefig(out, format="svg", metadata={"Title": chart.alt_text, "Date": None})
    return out.getvalue()


def key_of(chart: Chart, kind: str) -> str:
    return hashlib.sha256(f"{_DRAWN_BY} {kind} {chart!r}".encode()).hexdigest()


def _kept_or_drawn(chart: Chart, kind: str, draw: Callable[[Chart], bytes]) -> bytes:
    """The picture kept in the database, or drawn and kept there (in a savepoint: the caller
    commits; without an app, as a test may draw, it is only drawn)."""
    if not has_app_context():
        return draw(chart)
    key = key_of(chart, kind)
    kept = db.session.scalar(select(DrawnChart.picture).where(DrawnChart.key == key))
    if kept is not None:
        return kept
    picture = draw(chart)
    try:
        with db.session.begin_nested():
            row = DrawnChart(key=key, picture=picture)
            db.session.add(row)
            db.session.flush()
            # Only the newest are kept: one delete by id, and only now and then.
            if row.id % 64 == 0:
                db.session.execute(delete(DrawnChart).where(DrawnChart.id <= row.id - DRAWN_STORED))
    except IntegrityError:
        pass  # another worker drew the same chart at the same moment
    return picture


__all__ = ["DRAWN_STORED", "key_of", "png", "svg"]
