"""The SVG bar charts: proportional bars, every figure in words, safe text."""

from feedback_app.charts import Bar, bar_chart, percent, render_svg


def test_bars_are_as_long_as_their_share_of_the_largest():
    chart = bar_chart("c", "Title", [Bar("a", 10, "10"), Bar("b", 5, "5"), Bar("c", 0, "0")])
    lengths = [placed.length for placed in chart.placed]
    assert lengths[0] == 2 * lengths[1] and lengths[2] == 0


def test_the_description_says_every_figure_in_words():
    chart = bar_chart("c", "Title", [Bar("Yes", 3, "3 (75%)"), Bar("No", 1, "1 (25%)")], summary="4 answered.")
    assert chart.description == "4 answered. Yes: 3 (75%); No: 1 (25%)"
    svg = str(render_svg(chart))
    assert '<title id="c-title">Title</title>' in svg and '<desc id="c-desc">4 answered. Yes: 3 (75%)' in svg
    assert 'role="img" aria-labelledby="c-title c-desc"' in svg


def test_each_bar_carries_its_figure_as_text_so_colour_is_not_the_only_signal():
    svg = str(render_svg(bar_chart("c", "T", [Bar("Yes", 3, "3 (75%)")])))
    assert ">Yes</text>" in svg and ">3 (75%)</text>" in svg


def test_labels_are_escaped():
    svg = str(render_svg(bar_chart("c", "<T>", [Bar("<script>", 1, "1")])))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;T&gt;" in svg


def test_a_chart_of_nothing_still_draws():
    chart = bar_chart("c", "Nothing", [])
    assert chart.description == "No answers yet." and "<svg" in str(render_svg(chart))


def test_a_standalone_chart_names_the_svg_namespace():
    chart = bar_chart("c", "T", [Bar("a", 1, "1")])
    assert 'xmlns="http://www.w3.org/2000/svg"' in str(render_svg(chart, standalone=True))
    assert "xmlns" not in str(render_svg(chart))


def test_percentages_round_halves_up_and_never_divide_by_nothing():
    assert (percent(1, 8), percent(2, 3), percent(0, 0)) == ("13%", "67%", "-")


def test_shares_are_drawn_out_of_the_whole_not_the_largest_bar():
    chart = bar_chart("c", "Shares", [Bar("Yes", 2, "2 (33%)"), Bar("No", 1, "1 (17%)")], out_of=6)
    room = chart.width - 110
    assert [p.length for p in chart.placed] == [round(room * 2 / 6, 1), round(room / 6, 1)]


def test_a_part_of_a_bar_is_drawn_darker_over_its_whole():
    chart = bar_chart("c", "Started and sent", [Bar("May", 10, "10 started, 4 sent", part=4)])
    (placed,) = chart.placed
    assert placed.part_length == round(placed.length * 4 / 10, 1)
    assert 'class="bar-part"' in str(chart.svg)
