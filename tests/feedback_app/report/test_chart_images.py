"""Each chart is drawn once: the Word document, the chart downloads and the next document share the picture."""

from __future__ import annotations

from feedback_app.report import chart_images
from feedback_app.report.layout import Chart


def _chart(great: float) -> Chart:
    return Chart(
        "chart-test", "How are things where you live?", ("Great", "Good"), (great, None), (0.5, 0.5),
        "2025-26", "2024-25", True,
    )  # fmt: skip


def test_the_same_chart_is_drawn_once_and_a_changed_one_again(monkeypatch):
    drawn = []
    real = chart_images._figure
    monkeypatch.setattr(chart_images, "_figure", lambda chart: drawn.append(chart) or real(chart))
    chart_images.png.cache_clear()
    first = chart_images.png(_chart(0.25))
    again = chart_images.png(_chart(0.25))
    changed = chart_images.png(_chart(0.75))
    assert first == again and first.startswith(b"\x89PNG")
    assert changed != first
    assert len(drawn) == 2
