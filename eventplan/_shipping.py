"""Send a large object to executor workers once: pickled once here, unpickled once per worker.

Pickling an event of 10,000 sessions takes over half a second; a sweep that
pickled it for every task spent more time shipping than computing. A parcel
carries the pickled bytes (cheap to send again) and their digest, and each
worker keeps what it unpacked under that digest.
"""

from __future__ import annotations

import concurrent.futures
import gc
import hashlib
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

_UNPACKED: dict[str, Any] = {}
_KEEP = 4


@attrs.frozen
class Parcel:
    digest: str
    data: bytes = attrs.field(repr=False)


def dumps(value: Any) -> bytes:
    """``value`` pickled, each pendulum date-time with its ``fold``: pendulum's own pickling
    drops it, which moves a time in the hour a clock repeats (02:30 on the day summer time ends)
    by an hour (python-pendulum/pendulum#908)."""
    import copyreg
    import io

    import pendulum

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, pendulum.DateTime: _reduce_date_time}
    pickler.dump(value)
    return buffer.getvalue()


def _reduce_date_time(moment: Any) -> tuple[Any, tuple[Any, ...]]:
    return _date_time, (
        *(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second),
        moment.microsecond,
        moment.tzinfo,
        moment.fold,
    )


def _date_time(
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int,
    second: int,
    microsecond: int,
    zone: Any,
    fold: int,
) -> Any:
    import pendulum

    return pendulum.DateTime(
        year, month, day, hour, minute, second, microsecond, tzinfo=zone, fold=fold
    )


def pack(value: Any) -> Parcel:
    data = dumps(value)
    return Parcel(hashlib.blake2b(data, digest_size=16).hexdigest(), data)


def unpack(parcel: Parcel) -> Any:
    """The object in ``parcel``, unpickled at most once per process (the last few are kept)."""
    found = _UNPACKED.get(parcel.digest)
    if found is None:
        for old in list(_UNPACKED)[: max(0, len(_UNPACKED) - _KEEP + 1)]:
            _UNPACKED.pop(old, None)  # threads may drop the same one
        found = _UNPACKED[parcel.digest] = loads(parcel.data)
    return found


def loads(data: bytes) -> Any:
    """Unpickled with the cyclic garbage collector paused: an event is a tree of new objects
    that holds no cycles, and the collections its allocations would set off find nothing
    (a third of the time for 10,000 sessions)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if was_enabled:
            gc.enable()


def run(
    function: Callable[..., Any],
    tasks: Iterable[tuple[Any, ...]],
    executor: concurrent.futures.Executor | None,
) -> Iterable[Any]:
    """Each task's result, in order: in process one at a time as they are asked for, or with
    every task submitted to ``executor`` first (sweeps and the Monte Carlo alike)."""
    if executor is None:
        return (function(*task) for task in tasks)
    futures = [executor.submit(function, *task) for task in tasks]
    return (future.result() for future in futures)


def progress(
    items: Any,
    total: int,
    label: str,
    show: bool | None,
    *,
    sizes: Sequence[int] | None = None,
    unit: str = "it",
) -> Any:
    """A tqdm progress bar with its estimate of the time left; by default shown only where
    output is interactive. With ``sizes``, each item advances the bar by its size (a task of
    50,000 draws by 50,000), so the bar counts ``unit`` rather than items."""
    if show is False:
        return items
    from tqdm.auto import tqdm

    disable = None if show is None else not show
    if sizes is None:
        return tqdm(items, total=total, desc=label, disable=disable, unit=unit)
    return _advancing(
        tqdm(total=sum(sizes), desc=label, disable=disable, unit=unit, unit_scale=True),
        items,
        sizes,
    )


def _advancing(bar: Any, items: Iterable[Any], sizes: Sequence[int]) -> Iterator[Any]:
    with bar:
        for item, size in zip(items, sizes, strict=True):
            yield item
            bar.update(size)
