"""Values worked out from frozen objects, kept beside them and found again by identity.

An event is frozen, so whatever is derived from it (who attends each session, each
session's calendar entry) stays true for as long as that object lives. Calling a
door once per audience then costs what one shared writer costs, without a writer
to carry around. Objects are matched by identity, not equality: hashing a whole
event would cost more than most answers. An evolved event is another object and
gets its own answers. The last few entries are kept, each holding its objects, so
an id is never taken for another object's.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class KeptBeside(Generic[T]):
    """The ``size`` most recently used values, each under the objects it was made from."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[tuple[Any, ...], T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, objects: tuple[Any, ...], extra: Hashable, make: Callable[[], T]) -> T:
        """The value made from ``objects`` (by identity) and ``extra`` (by equality), made by
        ``make`` the first time; a value ``make`` could not make (it raised) is not kept."""
        key = (tuple(map(id, objects)), extra)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and all(a is b for a, b in zip(entry[0], objects, strict=True)):
                self._entries.move_to_end(key)
                return entry[1]
        value = make()
        with self._lock:
            self._entries[key] = (objects, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
