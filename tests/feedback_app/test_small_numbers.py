"""No figure for a group smaller than 5 people: alone, or worked out from the others."""

from feedback_app.small_numbers import Figure, figure, part_of, released, suppress


def test_four_people_are_shown_as_fewer_than_five_and_five_as_the_number():
    assert figure(4).shown == "fewer than 5" and figure(5).shown == "5"


def test_one_small_part_of_a_shown_total_takes_the_next_smallest_with_it():
    # 10 + 3 + 7 = 20 is shown, so hiding only the 3 would give it away.
    assert suppress({"a": 10, "b": 3, "c": 7}) == {"a": Figure(10), "b": Figure(None), "c": Figure(None, small=False)}


def test_small_parts_that_together_still_make_a_small_group_take_another_with_them():
    assert suppress({"a": 1, "b": 2, "c": 9, "d": 20}) == {
        "a": Figure(None), "b": Figure(None), "c": Figure(None, small=False), "d": Figure(20),
    }  # fmt: skip


def test_an_empty_part_gives_nothing_away_so_the_rest_are_shown():
    assert suppress({"a": 0, "b": 5, "c": 8}) == {"a": Figure(None), "b": Figure(5), "c": Figure(8)}


def test_parts_all_large_enough_are_all_shown():
    assert suppress({"a": 5, "b": 6}) == {"a": Figure(5), "b": Figure(6)}


def test_a_total_below_five_hides_every_part():
    assert suppress({"a": 3, "b": 0}) == {"a": Figure(None), "b": Figure(None)}


def test_parts_whose_total_is_not_shown_hide_only_the_small_ones():
    assert suppress({"a": 3, "b": 7}, total_shown=False) == {"a": Figure(None), "b": Figure(7)}


def test_a_hidden_figure_has_no_share():
    assert Figure(None).share_of(Figure(20)) == "-" and Figure(5).share_of(Figure(20)) == "25%"


def test_a_view_looked_at_again_and_again_counts_only_whole_steps_of_five():
    assert [released(n) for n in (0, 4, 5, 9, 10, 14)] == [0, 0, 5, 5, 10, 10]


def test_a_part_beside_its_whole_is_hidden_when_the_rest_of_the_whole_is_small():
    # 10 started and 7 sent would say that 3 people did not send.
    assert part_of(7, 10) == Figure(None, small=False) and part_of(10, 10) == Figure(10) and part_of(5, 10) == Figure(5)
    assert part_of(4, 10) == Figure(None)


def test_a_part_hidden_by_another_rule_is_counted_as_hidden_in_its_row():
    assert suppress({"a": 7, "b": 8, "c": 20}, also_hidden={"a"}) == {
        "a": Figure(None, small=False), "b": Figure(None, small=False), "c": Figure(20),
    }  # fmt: skip


def test_a_figure_hidden_only_to_protect_a_small_one_is_not_called_small():
    assert Figure(None).shown == "fewer than 5" and Figure(None, small=False).shown == "not shown"
