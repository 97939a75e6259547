"""Checks for the arguments of public functions, one call at the top of each.

A wrong argument fails where it is passed, with a message that names the
function, the argument, what it got and what it expects
(``check(): 'event' must be an Event, got None``), never deep inside. The
errors are :class:`~eventplan.errors.ArgumentTypeError` (a ``TypeError``) and
:class:`~eventplan.errors.InvalidArgumentError` (a ``ValueError``), both
``EventPlanError``, so the command line reports them as bad input.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eventplan import limits
from eventplan.errors import ArgumentTypeError, InvalidArgumentError

if TYPE_CHECKING:
    from eventplan.model.event import Event
    from eventplan.model.norms import NormSet


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return "None" if value is None else f"{type(value).__name__} {_show(value)}"


def of_type(
    function: str, name: str, value: Any, kind: type | tuple[type, ...], expected: str
) -> None:
    """``value`` is a ``kind`` (a bool is never a number)."""
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise ArgumentTypeError(
            f"{function}(): {name!r} must be {expected}, got {_type_name(value)}"
        )


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def event(function: str, value: Any, name: str = "event") -> Event:
    """The event argument is an :class:`~eventplan.Event`."""
    from eventplan.model.event import Event

    of_type(function, name, value, Event, "an Event (load one with load_event)")
    return value  # type: ignore[no-any-return]


def turnout(function: str, value: Any) -> None:
    """``turnout`` is a name, a :class:`~eventplan.Turnout` or ``None`` (the default)."""
    from eventplan.model.participation import Turnout

    of_type(
        function, "turnout", value, (str, Turnout, type(None)), "a turnout name, a Turnout or None"
    )


def whole(function: str, name: str, value: Any, low: int, high: int) -> None:
    """An int (not a bool, not a float) from ``low`` to ``high``."""
    of_type(function, name, value, numbers.Integral, "a whole number")
    if not low <= value <= high:
        raise InvalidArgumentError(
            f"{function}(): {name!r} must be from {low:,} to {high:,}, got {value:,}"
        )


def fraction(function: str, name: str, value: Any, *, open_ends: bool = True) -> None:
    """A finite number strictly between 0 and 1 (or from 0 to 1 with ``open_ends=False``)."""
    of_type(function, name, value, numbers.Real, "a number between 0 and 1")
    inside = 0 < value < 1 if open_ends else 0 <= value <= 1
    if not (math.isfinite(value) and inside):
        rule = "between 0 and 1 (exclusive)" if open_ends else "from 0 to 1"
        raise InvalidArgumentError(f"{function}(): {name!r} must be {rule}, got {value!r}")


def number(function: str, name: str, value: Any, low: float, high: float) -> None:
    """A finite number from ``low`` to ``high``."""
    of_type(function, name, value, numbers.Real, "a number")
    if not (math.isfinite(value) and low <= value <= high):
        raise InvalidArgumentError(
            f"{function}(): {name!r} must be from {low:g} to {high:g}, got {value!r}"
        )


def aware(function: str, name: str, value: Any) -> None:
    """A date-time with a time zone, or ``None``: a naive one would read as the host's zone."""
    if value is None:
        return
    of_type(function, name, value, dt.datetime, "a date-time with a time zone, or None")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgumentError(
            f"{function}(): {name!r} must carry a time zone (a naive date-time means a "
            f"different instant on every machine), got {value.isoformat()}"
        )
    if not limits.FIRST_DAY <= value.date() <= limits.LAST_DAY:
        raise InvalidArgumentError(
            f"{function}(): {name!r} must lie between {limits.FIRST_DAY} and "
            f"{limits.LAST_DAY}, got {value.isoformat()}"
        )


def calendar_text(function: str, name: str, value: Any) -> None:
    """iCalendar text, or ``None``: it must at least begin as a calendar does."""
    if value is None:
        return
    of_type(function, name, value, str, "iCalendar text (a previous export) or None")
    if not value.lstrip("\ufeff").startswith("BEGIN:VCALENDAR"):
        raise InvalidArgumentError(
            f"{function}(): {name!r} must be iCalendar text beginning 'BEGIN:VCALENDAR', "
            f"got {_show(value)}"
        )


def durations(function: str, name: str, value: Any) -> None:
    """A list of non-negative :class:`datetime.timedelta` (minutes before a session)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ArgumentTypeError(
            f"{function}(): {name!r} must be a list of datetime.timedelta, got {_type_name(value)}"
        )
    for item in value:
        if not isinstance(item, dt.timedelta):
            raise ArgumentTypeError(
                f"{function}(): {name!r} must hold datetime.timedelta values, got {_type_name(item)}"
            )
        if item < dt.timedelta(0) or item > dt.timedelta(days=limits.MAX_EVENT_DAYS):
            raise InvalidArgumentError(
                f"{function}(): {name!r} are times before a session, from 0 to "
                f"{limits.MAX_EVENT_DAYS} days, got {item}"
            )


def calendar(function: str, event_: Any, turnout_: Any, stamp: Any, alarms: Any) -> None:
    """The arguments every calendar function shares."""
    event(function, event_)
    turnout(function, turnout_)
    aware(function, "stamp", stamp)
    durations(function, "alarms", alarms)


def norm_set(function: str, value: Any) -> NormSet | None:
    """``None`` (the defaults) or a :class:`~eventplan.NormSet` with every norm a check applies,
    each finite and above 0 where a check divides by it."""
    from eventplan.model.norms import DIVISORS, NormSet, default_norms

    if value is None:
        return None
    of_type(function, "norms", value, NormSet, "a NormSet (default_norms() or one replaced)")
    missing = sorted(set(default_norms()) - set(value))
    if missing:
        raise InvalidArgumentError(
            f"{function}(): 'norms' lacks {len(missing)} norm{'s' if len(missing) != 1 else ''} "
            f"the checks apply: {', '.join(missing)}"
        )
    for norm in value.values():
        if not (math.isfinite(norm.low) and math.isfinite(norm.high)):
            raise InvalidArgumentError(
                f"{function}(): norm {norm.id!r} must be finite, got {norm.low}–{norm.high}"
            )
        if norm.id in DIVISORS and norm.low < limits.SMALLEST_FRACTION:
            raise InvalidArgumentError(
                f"{function}(): norm {norm.id!r} is divided by, so it must be at least "
                f"{limits.SMALLEST_FRACTION:g}, got {norm.low:g}"
            )
    return value  # type: ignore[no-any-return]
