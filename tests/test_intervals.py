"""Half-open intervals: back to back is not an overlap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventplan.intervals import consecutive, overlapping_pairs, overlaps, peak


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
