"""Interval arithmetic in one place. Intervals are half-open, [start, end):
a session ending at 10:00 and one starting at 10:00 do not overlap."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")


def overlaps(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> bool:
    """Whether [a_start, a_end) and [b_start, b_end) share an instant."""
    return bool(a_start < b_end and b_start < a_end)


def overlapping_pairs(
    items: Iterable[T], start: Callable[[T], Any], end: Callable[[T], Any]
) -> Iterator[tuple[T, T]]:
    """Each pair of items whose intervals overlap, found by a sweep in start order.

    Costs O(n log n + k) for k pairs: every item is compared only with the
    items still open when it starts.
    """
    ordered = sorted(items, key=lambda item: (start(item), end(item)))
    open_items: list[T] = []
    for item in ordered:
        open_items = [other for other in open_items if end(other) > start(item)]
        for other in open_items:
            if overlaps(start(other), end(other), start(item), end(item)):
                yield other, item
        open_items.append(item)


class Overlaps(NamedTuple, Generic[T]):
    """One run of items that overlap, as a report shows it: how many, and the first few pairs.

    ``items`` are those that overlap another item of the run, in start order;
    ``pairs`` counts every overlapping pair, ``first`` holds the first of them.
    """

    items: tuple[T, ...]
    pairs: int
    first: tuple[tuple[T, T], ...]


def overlap_runs(
    items: Iterable[T], start: Callable[[T], Any], end: Callable[[T], Any], *, shown: int = 3
) -> Iterator[Overlaps[T]]:
    """Items whose intervals overlap, gathered into runs: a run ends where nothing is open.

    The pairs of a run are counted, not listed (2,000 sessions at one time are
    1,999,000 pairs): an item starting while ``k`` others are open makes ``k``
    pairs. Costs O(n log n) however many pairs there are. Items must last
    (``end > start``); the pairs counted are those :func:`overlapping_pairs` yields.
    """
    ordered = sorted(items, key=lambda item: (start(item), end(item)))
    open_ends: list[tuple[Any, int]] = []  # a heap of (end, position in ordered)
    involved: list[int] = []
    lonely: set[int] = set()  # open, and not yet found to overlap anything
    pairs = 0
    first: list[tuple[T, T]] = []

    def run() -> Overlaps[T]:
        return Overlaps(tuple(ordered[i] for i in sorted(involved)), pairs, tuple(first))

    for position, item in enumerate(ordered):
        begins = start(item)
        while open_ends and open_ends[0][0] <= begins:
            lonely.discard(heapq.heappop(open_ends)[1])
        if not open_ends and pairs:
            yield run()
            involved, pairs, first = [], 0, []
        if open_ends:
            pairs += len(open_ends)
            if len(first) < shown:
                earlier = sorted(other for _, other in open_ends)[: shown - len(first)]
                first += [(ordered[other], item) for other in earlier]
            involved += lonely
            lonely.clear()
            involved.append(position)
        else:
            lonely.add(position)
        heapq.heappush(open_ends, (end(item), position))
    if pairs:
        yield run()


def consecutive(
    items: Iterable[T], start: Callable[[T], Any], end: Callable[[T], Any]
) -> Iterator[tuple[T, T]]:
    """Each item that starts after all before it have ended, paired with the one that ended last.

    A short item inside a long one does not hide the gap after the long one; overlapping items
    are left to :func:`overlapping_pairs`.
    """
    ordered = sorted(items, key=lambda item: (start(item), end(item)))
    latest: T | None = None
    for item in ordered:
        if latest is not None and end(latest) <= start(item):
            yield latest, item
        if latest is None or end(item) > end(latest):
            latest = item


def peak(items: Iterable[tuple[Any, Any, int]]) -> int:
    """The largest total weight open at one instant, for (start, end, weight) intervals."""
    return busiest((begin, finish, weight, None) for begin, finish, weight in items)[0]


def busiest(items: Iterable[tuple[Any, Any, int, T]]) -> tuple[int, Any, list[T]]:
    """The largest total weight open at one instant, for (start, end, weight, key)
    intervals, with the first such instant and the keys open then (``(0, None, [])`` for
    none). An interval that ends as another starts is not open with it."""
    listed = list(items)
    events = sorted(
        (
            (at, change)
            for begin, finish, weight, _ in listed
            for at, change in ((begin, weight), (finish, -weight))
        ),
        key=lambda event: (event[0], event[1]),  # ends before starts at the same instant
    )
    level = highest = 0
    when: Any = None
    for at, change in events:
        level += change
        if level > highest:
            highest, when = level, at
    if when is None:
        return 0, None, []
    return (
        highest,
        when,
        [key for begin, finish, weight, key in listed if weight and begin <= when < finish],
    )


def merge_closed(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Closed whole-number ranges as their union, in order: ranges that overlap or touch
    (``(1, 3)`` and ``(4, 6)``) become one."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def intersect_closed(
    first: Iterable[tuple[int, int]], second: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The whole numbers two lists of closed ranges share, as closed ranges in order."""
    left, right = merge_closed(first), merge_closed(second)
    found: list[tuple[int, int]] = []
    i = j = 0
    while i < len(left) and j < len(right):
        low, high = max(left[i][0], right[j][0]), min(left[i][1], right[j][1])
        if low <= high:
            found.append((low, high))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return found


def cut(spans: list[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    """Closed ranges ``spans`` without the closed range [low, high]: the starts a fixed
    commitment leaves (bilateral meetings and the programme's placement both cut here)."""
    if low > high:
        return spans
    kept: list[tuple[int, int]] = []
    for a, b in spans:
        if high < a or low > b:
            kept.append((a, b))
            continue
        if a < low:
            kept.append((a, low - 1))
        if high < b:
            kept.append((high + 1, b))
    return kept
