"""Each chart is drawn once: the Word document, the chart downloads and the next document share the picture."""

from __future__ import annotations

from sqlalchemy import select

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


def test_a_chart_drawn_by_one_worker_is_read_back_by_another_without_drawing(app, monkeypatch):
    from feedback_app.extensions import db

    with app.app_context():
        chart_images.png.cache_clear()
        first = chart_images.png(_chart(0.25))
        db.session.commit()
        chart_images.png.cache_clear()  # as another worker, or this one after a restart

        def refuse(chart):
            raise AssertionError("the chart was drawn again")

        monkeypatch.setattr(chart_images, "_figure", refuse)
        assert chart_images.png(_chart(0.25)) == first


def test_a_chart_kept_in_the_database_is_drawn_again_when_its_figures_change(app, monkeypatch):
    from feedback_app.extensions import db
    from feedback_app.models import DrawnChart

    with app.app_context():
        chart_images.png.cache_clear()
        first = chart_images.png(_chart(0.25))
        db.session.commit()
        chart_images.png.cache_clear()
        changed = chart_images.png(_chart(0.75))
        db.session.commit()
        assert changed != first
        assert db.session.query(DrawnChart).count() == 2


def test_only_the_newest_drawn_charts_are_kept(app, monkeypatch):
    from feedback_app.extensions import db
    from feedback_app.models import DrawnChart

    monkeypatch.setattr(chart_images, "DRAWN_STORED", 3)
    monkeypatch.setattr(chart_images, "_png", lambda chart: b"\x89PNG" + repr(chart).encode())
    with app.app_context():
        chart_images.png.cache_clear()
        for i in range(128):
            chart_images.png(_chart(i / 1000))
        db.session.commit()
        first = db.session.scalar(select(DrawnChart.id).order_by(DrawnChart.id))
        kept = db.session.scalars(select(DrawnChart.key).order_by(DrawnChart.id)).all()
    # Pruned to the newest 3 when a row's id is a multiple of 64, so at most 63 more are kept
    # between prunings (ids need not start at 1: PostgreSQL's sequences go on).
    newest = [chart_images.key_of(_chart(i / 1000), "png") for i in range(128)]
    assert first is not None and len(kept) <= 3 + 63 and kept == newest[-len(kept) :]
