"""Interval arithmetic in one place. Intervals are half-open, [start, end):
a session ending at 10:00 and one starting at 10:00 do not overlap."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

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
    events: list[tuple[Any, int]] = []
    for begin, finish, weight in items:
        events.append((begin, weight))
        events.append((finish, -weight))
    events.sort(key=lambda event: (event[0], event[1]))  # ends before starts at the same instant
    level = highest = 0
    for _, change in events:
        level += change
        highest = max(highest, level)
    return highest
