"""Half-open intervals: back to back is not an overlap."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventplan.model.intervals import (
    consecutive,
    intersect_closed,
    merge_closed,
    overlap_runs,
    overlapping_pairs,
    overlaps,
    peak,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (0, 10), True),
        ((0, 10), (10, 20), False),
        ((0, 10), (5, 6), True),
        ((0, 10), (9, 11), True),
        ((5, 6), (0, 10), True),
    ],
    ids=["exact", "adjacent", "inside", "crossing", "around"],
)
def test_overlaps(a, b, expected):
    assert overlaps(*a, *b) is expected


def test_gap_after_a_long_interval_is_seen_past_a_short_one_inside_it():
    items = [(0, 100), (10, 20), (105, 200)]
    assert list(consecutive(items, lambda i: i[0], lambda i: i[1])) == [((0, 100), (105, 200))]


@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
        max_size=12,
    )
)
def test_sweep_finds_exactly_the_overlapping_pairs(items):
    found = {
        frozenset((id(a), id(b)))
        for a, b in overlapping_pairs(items, lambda i: i[0], lambda i: i[1])
    }
    expected = {
        frozenset((id(a), id(b)))
        for n, a in enumerate(items)
        for b in items[n + 1 :]
        if overlaps(*a, *b)
    }
    assert found == expected


def test_peak_counts_ends_before_starts():
    assert peak([(0, 10, 5), (10, 20, 7)]) == 7
    assert peak([(0, 10, 5), (9, 20, 7)]) == 12


@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
        max_size=14,
    )
)
def test_runs_count_exactly_the_pairs_the_sweep_finds(items):
    def begin(i: tuple[int, int]) -> int:
        return i[0]

    def finish(i: tuple[int, int]) -> int:
        return i[1]

    pairs = list(overlapping_pairs(items, begin, finish))
    runs = list(overlap_runs(items, begin, finish, shown=2))
    assert sum(run.pairs for run in runs) == len(pairs)
    in_pairs = sorted({id(x) for pair in pairs for x in pair})
    assert sorted(id(x) for run in runs for x in run.items) == in_pairs
    for run in runs:
        assert 1 <= len(run.first) <= min(2, run.pairs)
        assert all(overlaps(*a, *b) for a, b in run.first)
        ends = max(finish(x) for x in run.items)
        later = [r for r in runs if r is not run and begin(r.items[0]) > begin(run.items[0])]
        assert all(begin(r.items[0]) >= ends for r in later)  # runs do not overlap each other


def test_two_thousand_at_one_time_are_one_run_of_pairs_counted():
    items = [(0, 10)] * 2000
    (run,) = overlap_runs(items, lambda i: i[0], lambda i: i[1])
    assert (len(run.items), run.pairs, len(run.first)) == (2000, 1999000, 3)


@given(st.lists(st.tuples(st.integers(-50, 50), st.integers(0, 20)), max_size=12))
def test_merged_closed_ranges_hold_the_same_whole_numbers_once(pairs):
    spans = [(a, a + length) for a, length in pairs]
    merged = merge_closed(spans)
    covered = {n for a, b in spans for n in range(a, b + 1)}
    assert {n for a, b in merged for n in range(a, b + 1)} == covered
    assert all(b1 + 1 < a2 for (_, b1), (a2, _) in itertools.pairwise(merged))


@given(
    st.lists(st.tuples(st.integers(-30, 30), st.integers(0, 10)), max_size=8),
    st.lists(st.tuples(st.integers(-30, 30), st.integers(0, 10)), max_size=8),
)
def test_intersected_closed_ranges_hold_the_numbers_both_hold(first, second):
    def numbers(spans):
        return {n for a, b in spans for n in range(a, b + 1)}

    left = [(a, a + length) for a, length in first]
    right = [(a, a + length) for a, length in second]
    both = intersect_closed(left, right)
    assert numbers(both) == numbers(left) & numbers(right)
    assert both == merge_closed(both)
