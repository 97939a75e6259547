"""Placing a written date-time in the event's zone: one rule for event files and schedules.

A time in UTC (``Z``, ``+00:00``) is that instant; a time with another offset
must carry the zone's offset at that instant (``+02:00`` in an
``Asia/Ho_Chi_Minh`` event is a slip that would move a session by five
hours, and is refused); a local time without one is the event's
wall-clock time, and one the clocks skip (a spring-forward gap) or show twice
(the autumn fold) is refused with what to write instead, never shifted
silently. Every time eventplan prints goes through :func:`local` and the formats below,
so a summary, a check, a diff and a protocol plan show one instant alike: on
the event's clocks, whatever zone the value was made in.

A time outside :data:`~eventplan.limits.FIRST_DAY` to
:data:`~eventplan.limits.LAST_DAY` is refused before any zone arithmetic, which
overflows near the years 1 and 9999.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

import pendulum
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

from eventplan import limits

#: A zone as the event names it (``"Asia/Ho_Chi_Minh"``) or as pendulum holds it.
Zone = str | pendulum.Timezone | pendulum.FixedTimezone


class PlacementError(ValueError):
    """A date-time that cannot be placed in the zone; the message says why and what to write."""


def place(
    raw: dt.datetime,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
    zone_name: str,
    *,
    check_offset: bool = True,
) -> pendulum.DateTime:
    """``raw`` in ``zone`` (named ``zone_name`` in messages), or :class:`PlacementError`;
    ``check_offset=False`` takes any offset as its instant (the zone is a guess)."""
    if not limits.FIRST_DAY <= raw.date() <= limits.LAST_DAY:
        raise PlacementError(
            f"must lie between {limits.FIRST_DAY} and {limits.LAST_DAY}: {raw.isoformat()}"
        )
    if raw.tzinfo is not None:
        placed = local(raw, zone)
        given = raw.utcoffset()
        if check_offset and given and placed.utcoffset() != given:  # UTC is always an instant
            raise PlacementError(
                f"{raw.isoformat()} gives UTC offset {_offset(raw)}, but {zone_name} is at "
                f"{_offset(placed)} then; write {placed.isoformat()} if that instant is meant, "
                f"or the local time without an offset"
            )
        return placed
    fields = (raw.year, raw.month, raw.day, raw.hour, raw.minute, raw.second, raw.microsecond)
    try:
        return pendulum.datetime(*fields, tz=zone, raise_on_unknown_times=True)
    except NonExistingTime:
        message = f"local time {raw.isoformat()} does not exist in {zone_name} (the clocks skip it)"
    except AmbiguousTime:
        first, second = (
            pendulum.datetime(*fields, tz=zone, fold=fold).isoformat() for fold in (0, 1)
        )
        message = (
            f"local time {raw.isoformat()} happens twice in {zone_name} (the clocks go back); "
            f"give its UTC offset: {first} (the first time) or {second} (the second)"
        )
    raise PlacementError(message)


def _offset(value: dt.datetime) -> str:
    """``+07:00``: a UTC offset as ISO 8601 writes it."""
    offset = value.utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local(moment: dt.datetime, zone: Zone) -> pendulum.DateTime:
    """``moment`` (aware) on the clocks of ``zone`` (the event's ``timezone``): the same
    instant, as ``pendulum.instance(moment).in_timezone(zone)`` gives it.

    The conversion is the standard library's, on plain datetimes and zoneinfo's own zone
    (pendulum's methods on its subclasses cost twenty times as much): imports, calendars and
    summaries convert every session."""
    tz = _zone(zone) if isinstance(zone, str) else zone
    shown = _plain_instant(moment).astimezone(_plain(tz))
    return pendulum.DateTime(
        shown.year, shown.month, shown.day, shown.hour, shown.minute, shown.second,
        shown.microsecond, tzinfo=tz, fold=shown.fold,
    )  # fmt: skip


def after(moment: dt.datetime, length: dt.timedelta) -> pendulum.DateTime:
    """The instant ``length`` after ``moment`` (elapsed time, across a change of the clocks),
    on ``moment``'s clocks."""
    zone = moment.tzinfo
    assert isinstance(zone, pendulum.Timezone | pendulum.FixedTimezone)
    return local(_plain_instant(moment).astimezone(dt.UTC) + length, zone)


def elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """The time from ``start`` to ``end`` (aware) that passes, across a change of the clocks:
    pendulum's ``-`` builds an Interval, and the checks take thousands of these. (Two plain
    datetimes of one zone subtract their wall clocks, so each is made UTC first.)"""
    return _utc_wall(end) - _utc_wall(start)


def _utc_wall(moment: dt.datetime) -> dt.datetime:
    plain = _plain_instant(moment)
    offset = plain.utcoffset()
    assert offset is not None, "an aware date-time"
    return plain.replace(tzinfo=None) - offset


def _plain_instant(moment: dt.datetime) -> dt.datetime:
    """``moment`` as a plain datetime: a pendulum one's own methods would be called."""
    if isinstance(moment, pendulum.DateTime):
        return dt.datetime(
            moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
            moment.microsecond, tzinfo=moment.tzinfo, fold=moment.fold,
        )  # fmt: skip
    return moment


@functools.cache
def _zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    return pendulum.timezone(name)


@functools.cache
def _plain(zone: dt.tzinfo) -> dt.tzinfo:
    """The standard library's zone behind a pendulum one, for its conversions."""
    if isinstance(zone, zoneinfo.ZoneInfo) and zone.key:
        return zoneinfo.ZoneInfo(zone.key)
    return zone


# strftime, not pendulum's format: that loads its locale files (4 ms at start-up)
def hour(moment: dt.datetime, zone: Zone) -> str:
    """``14:06`` on the event's clocks."""
    return f"{local(moment, zone):%H:%M}"


def clock(moment: dt.datetime, zone: Zone) -> str:
    """``25 Oct 14:06`` on the event's clocks."""
    shown = local(moment, zone)
    return f"{shown.day} {shown:%b %H:%M}"


def span(start: dt.datetime, end: dt.datetime, zone: Zone) -> str:
    """``25 Oct 09:00–10:00``, or ``25 Oct 22:00–26 Oct 01:00`` past midnight."""
    first, last = local(start, zone), local(end, zone)
    until = f"{last:%H:%M}" if last.date() == first.date() else clock(last, zone)
    return f"{clock(first, zone)}–{until}"


def zone_problem(name: object) -> str | None:
    """What is wrong with ``name`` as a zone, with the closest IANA names; None when it is one."""
    if isinstance(name, str):
        try:
            pendulum.timezone(name)
            return None
        except Exception:  # pendulum raises several kinds for a name it does not know
            pass
    close = close_zones(str(name))
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    return f"{name!r} is not an IANA time zone such as 'Asia/Ho_Chi_Minh'{hint}"


def close_zones(name: str) -> tuple[str, ...]:
    """The IANA zone names closest to ``name`` (a misspelling), at most three."""
    import difflib
    import zoneinfo

    names = sorted(zoneinfo.available_timezones())
    return tuple(difflib.get_close_matches(name, names, n=3, cutoff=0.6))
