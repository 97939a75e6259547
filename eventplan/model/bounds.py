"""Every value of an event within what checks, exports and the Monte Carlo can compute with.

Validators guard one object's own rules; these checks hold every number, date
and text of the whole event to the limits in :mod:`eventplan.limits`, so no
later step meets ``nan``, the year 1 or a count of 10^12. Each finding is a
:class:`~eventplan.errors.Problem` with its path, as reference problems are.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from eventplan import _text, limits
from eventplan.errors import Problem
from eventplan.model import fields as _fields
from eventplan.model.count import Count
from eventplan.model.norms import DIVISORS, default_norms

if TYPE_CHECKING:
    from eventplan.model.event import Event
    from eventplan.model.participation import Turnout

#: Fields held within ± a bound (degrees): the checks and the event file's JSON Schema read it.
COORDINATE_RANGES = {"latitude": 90.0, "longitude": 180.0}
#: Fields that hold a published schedule's ids, not counts: held to ``limits.MAX_SOURCE_ID``.
SOURCE_ID_FIELDS = frozenset({"number"})


def value_problems(event: Event) -> Iterator[Problem]:
    """Every value of ``event`` beyond the limits, with its path."""
    yield from _values_under(event, "")
    yield from _span(event)
    for turnout in event.turnouts:
        yield from _turnout_size(turnout)
    for session in event.sessions:
        for index, rule in enumerate(session.audience):
            seats = rule.at_table + rule.behind
            if seats > limits.MAX_SEATS_PER_PARTY:
                yield Problem(
                    f"sessions.{session.id}.audience[{index}]",
                    f"{seats:,} seats per party (at_table + behind); "
                    f"at most {limits.MAX_SEATS_PER_PARTY:,}",
                )
    for turnout in event.turnouts:
        yield from _session_demand(event, turnout)
    yield from _norm_overrides(event)


def turnout_value_problems(event: Event, turnout: Turnout) -> Iterator[Problem]:
    """The values of ``turnout`` beyond the limits, and the seats the event's sessions ask for
    in it: what planning with a turnout built in code needs, without the rest of the event."""
    yield from _values_under(turnout, f"turnouts.{turnout.name}")
    yield from _turnout_size(turnout)
    yield from _session_demand(event, turnout)


def _values_under(root: Any, path: str) -> Iterator[Problem]:
    for where_obj, obj in _fields.walk(root, path):
        if isinstance(obj, Count):  # checked as a value of its owner, by the names files use
            continue
        kind: type = type(obj)
        for name, within in _leaf_tests(kind):
            value = getattr(obj, name)
            if within is None or not within(value):
                where = f"{where_obj}.{name}" if where_obj else name
                yield from _value(where, name, value)


#: What a field's value is tested with before :func:`_value` looks at it, or ``None`` to look.
_Within = Callable[[Any], bool] | None


@functools.cache
def _leaf_tests(cls: type) -> tuple[tuple[str, _Within], ...]:
    """For each field of ``cls`` that can hold a value :func:`_value` checks, a quick test that
    passes the common value within its limits, so only a value near a limit is looked at twice.
    Fields that hold only enums, bools or other objects (walked on their own) are left out."""
    found: list[tuple[str, _Within]] = []
    for field in attrs.fields(cls):
        classes = _fields.field_classes(cls, field.name)
        items = _fields.field_item_classes(cls, field.name)
        if classes is not None:
            kinds = set(classes) - {type(None)}
            if all(_unchecked(c) for c in kinds):
                continue
            if kinds <= {str}:
                found.append((field.name, _plain_text))
            elif kinds <= {int, float} and field.name not in _NAMED_LIMITS:
                found.append((field.name, _small_number))
            elif all(issubclass(c, dt.date) for c in kinds):
                found.append((field.name, _usual_day))
            elif kinds <= {Count}:
                found.append((field.name, _small_count))
            else:
                found.append((field.name, None))
        elif items is not None and all(_unchecked(c) for c in items):
            continue  # objects, each walked and checked on its own
        elif items is not None and set(items) <= {str}:
            found.append((field.name, _plain_texts))
        else:
            found.append((field.name, None))
    return tuple(found)


_NAMED_LIMITS = frozenset(COORDINATE_RANGES) | SOURCE_ID_FIELDS


def _unchecked(cls: type) -> bool:
    """Values :func:`_value` never finds fault with: enums, bools, objects other than counts."""
    return issubclass(cls, bool | enum.Enum) or (
        _fields.is_attrs_class(cls) and not issubclass(cls, Count)
    )


def _plain_text(value: str | None) -> bool:
    return value is None or not _text.CONTROL.search(value)


def _plain_texts(value: tuple[str, ...]) -> bool:
    return not any(_text.CONTROL.search(item) for item in value)


def _small_count(value: Count | None) -> bool:
    return value is None or (
        value.low <= limits.MAX_COUNT and (value.high is None or value.high <= limits.MAX_COUNT)
    )


def _usual_day(value: dt.date | None) -> bool:
    if value is None:
        return True
    day = value.date() if isinstance(value, dt.datetime) else value
    return limits.FIRST_DAY <= day <= limits.LAST_DAY


def _small_number(value: float | None) -> bool:
    return (
        value is None or value == 0 or (limits.SMALLEST_FRACTION <= abs(value) <= limits.MAX_COUNT)
    )


def _session_demand(event: Event, turnout: Turnout) -> Iterator[Problem]:
    """The seats a session asks for in ``turnout``, at the high end, within the count limit,
    so the Monte Carlo's tallies of demand stay small enough to hold. A session whose rules
    could not reach the limit even if everyone came to each is passed without counting."""
    from eventplan.model.parties import Parties

    everyone = sum(_turnout_totals(turnout))  # no member is larger than all parties and people
    parties: Parties | None = None
    for session in event.sessions:
        ceiling = sum(
            rule.seats if rule.seats is not None else rule.seats_per_party * everyone
            for rule in session.audience
        )
        if ceiling <= limits.MAX_COUNT:
            continue
        parties = parties or Parties(turnout)
        seats = _bound(parties.demand(session))
        if seats > limits.MAX_COUNT:
            yield Problem(
                f"sessions.{session.id}.audience",
                f"{seats:,} seats in turnout {turnout.name!r}; "
                f"a session seats at most {limits.MAX_COUNT:,}",
            )


def _value(path: str, name: str, value: Any) -> Iterator[Problem]:
    if value is None or isinstance(value, bool | enum.Enum) or _fields.is_attrs(value):
        if isinstance(value, Count) and value.is_exact:
            yield from _whole(path, value.low)
        elif isinstance(value, Count):
            yield from _whole(f"{path}.min", value.low)
            if value.high is not None:
                yield from _whole(f"{path}.max", value.high)
        return
    if isinstance(value, int | float):
        if not math.isfinite(value):
            yield Problem(path, f"must be a finite number: {value}")
        elif name in COORDINATE_RANGES and abs(value) > COORDINATE_RANGES[name]:
            bound = COORDINATE_RANGES[name]
            yield Problem(path, f"must be between {-bound:g} and {bound:g} degrees: {value:g}")
        elif name in SOURCE_ID_FIELDS:
            if abs(value) > limits.MAX_SOURCE_ID:
                yield Problem(path, f"must be at most {limits.MAX_SOURCE_ID:,}: {value:,}")
        elif abs(value) > limits.MAX_COUNT:
            yield Problem(path, f"must be at most {limits.MAX_COUNT:,}: {value:,}")
        elif 0 < abs(value) < limits.SMALLEST_FRACTION:
            yield Problem(
                path, f"must be 0 or at least {limits.SMALLEST_FRACTION:g} in size: {value:g}"
            )
    elif isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if not limits.FIRST_DAY <= day <= limits.LAST_DAY:
            yield Problem(
                path,
                f"must lie between {limits.FIRST_DAY} and {limits.LAST_DAY}: {value.isoformat()}",
            )
    elif isinstance(value, str):
        found = _text.CONTROL.search(value)
        if found:
            yield Problem(
                path,
                f"must not contain control character U+{ord(found.group()):04X}: {value!r}",
            )
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if not _fields.is_attrs(item):
                yield from _value(f"{path}[{index}]", name, item)


def _whole(path: str, value: int) -> Iterator[Problem]:
    if abs(value) > limits.MAX_COUNT:
        yield Problem(path, f"must be at most {limits.MAX_COUNT:,}: {value:,}")


def _span(event: Event) -> Iterator[Problem]:
    if not (isinstance(event.start_date, dt.date) and isinstance(event.end_date, dt.date)):
        return
    days = (event.end_date - event.start_date).days + 1
    if days > limits.MAX_EVENT_DAYS:
        yield Problem(
            "end_date",
            f"the event spans {days:,} days ({event.start_date} to {event.end_date}); "
            f"at most {limits.MAX_EVENT_DAYS}",
        )


def _bound(count: Count | None) -> int:
    return count.largest_known if isinstance(count, Count) else 0


def _turnout_totals(turnout: Turnout) -> tuple[int, int]:
    """A turnout's parties and people, at the high end."""
    parties = len(turnout.delegations) + sum(_bound(c.parties) for c in turnout.cohorts)
    people = sum(_bound(d.size) for d in turnout.delegations)
    people += sum(_bound(c.parties) * _bound(c.delegates_per_party) for c in turnout.cohorts)
    if turnout.press is not None:
        people += _bound(turnout.press.reporters)
    return parties, people


def _turnout_size(turnout: Turnout) -> Iterator[Problem]:
    """A turnout's people and parties, at the high end, within the count limit."""
    parties, people = _turnout_totals(turnout)
    for what, number in (("parties", parties), ("people", people)):
        if number > limits.MAX_COUNT:
            yield Problem(
                f"turnouts.{turnout.name}",
                f"{number:,} {what} in all; a turnout brings at most {limits.MAX_COUNT:,}",
            )


def _norm_overrides(event: Event) -> Iterator[Problem]:
    """Overrides name a known norm, and keep ``low <= high``; ``0 < low`` where checks divide."""
    if not event.norm_overrides:
        return  # the shipped norms are read only when an override needs them
    known = default_norms()
    for override in event.norm_overrides:
        path = f"norm_overrides.{override.id}"
        if override.id not in known:
            import difflib  # only to suggest a name for a wrong one

            guess = difflib.get_close_matches(override.id, list(known), n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            yield Problem(
                f"{path}.id", f"unknown norm {override.id!r}; {hint}see eventplan.default_norms()"
            )
            continue
        low = override.low
        high = low if override.high is None else override.high
        if not (math.isfinite(low) and math.isfinite(high)):
            continue  # reported as a value already
        if override.id in DIVISORS and low < limits.SMALLEST_FRACTION:
            yield Problem(
                f"{path}.low",
                f"norm {override.id!r} is divided by, so it must be at least "
                f"{limits.SMALLEST_FRACTION:g}: {low:g}",
            )
        if high < low:
            yield Problem(f"{path}.high", f"must be >= 'low' ({low:g}): {high:g}")
