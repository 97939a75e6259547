"""The iCalendar text format (RFC 5545) at the level ics 0.7 leaves out.

ics 0.7 neither folds long lines nor ends the file with CRLF; this module
writes content lines that every client reads the same, and reads back the
calendars eventplan wrote, to carry SEQUENCE forward.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from eventplan.errors import CalendarError

CRLF = "\r\n"
#: RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
FOLD_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 writes it; line breaks must already be ``\\n``.

    Spaces and tabs at either end are left out: libical drops them when it reads
    a value and RFC 5545 has no escape for them, so only without them do all
    readers agree.
    """
    # RFC 5545 §3.3.11: in TEXT, backslash, semicolon and comma are escaped and a line break
    # is written as "\n"; the backslash goes first so no escape is doubled. str.replace
    # passes over a text with nothing to escape at C speed; translate looks up every character.
    return (
        value.strip(" \t")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def unescape_text(value: str) -> str:
    out: list[str] = []
    chars = iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append("\n" if following in "nN" and following else following)
    return "".join(out)


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    if len(line) <= FOLD_OCTETS // 4:
        return line
    data = line.encode("utf-8")
    return line if len(data) <= FOLD_OCTETS else _fold_octets(data).decode("utf-8")


def fold_text(text: str) -> str:
    """Every line of a CRLF-separated text folded as :func:`fold` does.

    Measures the encoded lines in one pass and folds only the few longer than 75
    octets; nothing is looked at character by character.
    """
    data = text.encode("utf-8")
    parts = data.split(b"\r\n")
    if max(map(len, parts)) <= FOLD_OCTETS:
        return text
    return b"\r\n".join(
        _fold_octets(part) if len(part) > FOLD_OCTETS else part for part in parts
    ).decode("utf-8")


def _fold_octets(line: bytes) -> bytes:
    """Cut at 75 octets (74 after the first, for the leading space), stepping back over
    UTF-8 continuation bytes so no character is split."""
    pieces: list[bytes] = []
    start, limit = 0, FOLD_OCTETS
    while len(line) - start > limit:
        cut = start + limit
        while line[cut] & 0xC0 == 0x80:
            cut -= 1
        pieces.append(line[start:cut])
        start, limit = cut, FOLD_OCTETS - 1
    pieces.append(line[start:])
    return b"\r\n ".join(pieces)


def utc(value: dt.datetime) -> str:
    """A DATE-TIME in UTC form: ``20251025T020000Z`` (RFC 5545 §3.3.5, form 2)."""
    # Through the POSIX timestamp: several times faster than astimezone on pendulum's types.
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(value.timestamp()))


def date(value: dt.date) -> str:
    return f"{value:%Y%m%d}"


def duration(value: dt.timedelta) -> str:
    """A DURATION such as ``-PT15M`` (RFC 5545 §3.3.6); whole minutes."""
    minutes = int(value.total_seconds() // 60)
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{sign}P{days}D" if days else f"{sign}P"
    if hours or minutes or not days:
        text += (
            "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")
        )
    return text


def lines(*content: str) -> str:
    """Content lines, folded, each ended by CRLF."""
    return fold_text(CRLF.join(content) + CRLF)


# --- local times -----------------------------------------------------------------------


@attrs.frozen
class Observance:
    """One STANDARD or DAYLIGHT onset of a VTIMEZONE (RFC 5545 §3.6.5)."""

    onset: dt.datetime  # the instant, in UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    daylight: bool
    name: str | None

    def content(self) -> tuple[str, ...]:
        kind = "DAYLIGHT" if self.daylight else "STANDARD"
        local_onset = (self.onset + self.offset_from).replace(tzinfo=None)
        return (
            f"BEGIN:{kind}",
            f"DTSTART:{local_onset:%Y%m%dT%H%M%S}",
            f"TZOFFSETFROM:{utc_offset(self.offset_from)}",
            f"TZOFFSETTO:{utc_offset(self.offset_to)}",
            *((f"TZNAME:{escape_text(self.name)}",) if self.name else ()),
            f"END:{kind}",
        )


def utc_offset(value: dt.timedelta) -> str:
    """A UTC-OFFSET such as ``+0700`` or ``-0330`` (RFC 5545 §3.3.14); seconds only when there are any."""
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


#: The tz database is searched back to here for the onset of the rules in force.
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(weeks=1)


def _rules(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> tuple[Any, ...]:
    local = instant.astimezone(zone)
    return (local.utcoffset(), bool(local.dst()), local.tzname())


def _onset_between(zone: zoneinfo.ZoneInfo, before: dt.datetime, after: dt.datetime) -> dt.datetime:
    """The first second after ``before`` at which the rules in force at ``before`` end."""
    rules = _rules(zone, before)
    low, high = before, after
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if _rules(zone, middle) == rules:
            low = middle
        else:
            high = middle
    return high


@functools.lru_cache(maxsize=32)
def observances(zone_name: str, first: dt.datetime, last: dt.datetime) -> tuple[Observance, ...]:
    """The onsets that place every time from ``first`` to ``last`` in ``zone_name``, from the tz database.

    The first is the onset of the rules in force at ``first`` (searched back to
    1970; with none found, the zone has kept one offset since then and the
    onset is 1 January 1970); the others are the transitions inside the span.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    onsets: list[dt.datetime] = []
    # Back from the span to the change that brought in the rules of ``first``: a week at a
    # time, then a day at a time within the week where they change.
    rules = _rules(zone, first)
    probe = first
    for step in (_WEEK, _DAY):
        while probe > _EPOCH and _rules(zone, probe - step) == rules:
            probe -= step
    if probe > _EPOCH:
        onsets.append(_onset_between(zone, probe - _DAY, probe))
    start = onsets[0] if onsets else _EPOCH
    probe = first
    while probe < last:
        following = min(probe + _DAY, last)
        if _rules(zone, following) != _rules(zone, probe):
            onsets.append(_onset_between(zone, probe, following))
            probe = onsets[-1]
        else:
            probe = following
    found = []
    for onset in onsets or [start]:
        before = onset - dt.timedelta(seconds=1) if onsets else onset
        offset_from = before.astimezone(zone).utcoffset() or dt.timedelta()
        offset_to, daylight, name = _rules(zone, onset)
        found.append(Observance(onset, offset_from, offset_to, daylight, name))
    return tuple(found)


def _plain_utc(value: dt.datetime) -> dt.datetime:
    """A stdlib datetime in UTC (pendulum's own types compare and hash differently)."""
    return dt.datetime.fromtimestamp(value.timestamp(), dt.UTC)


def vtimezone(zone_name: str, first: dt.datetime, last: dt.datetime) -> tuple[str, ...]:
    """A VTIMEZONE for ``zone_name`` that covers ``first`` to ``last`` (RFC 5545 §3.6.5)."""
    parts = [obs.content() for obs in observances(zone_name, _plain_utc(first), _plain_utc(last))]
    return (
        "BEGIN:VTIMEZONE",
        f"TZID:{zone_name}",
        *(line for part in parts for line in part),
        "END:VTIMEZONE",
    )


class Times:
    """Writes DATE-TIME properties in UTC, or in one zone's local time with a TZID.

    A local time that happens twice (the hour a clock is put back) is written in
    UTC: RFC 5545 §3.3.5 reads an ambiguous TZID time as its first occurrence,
    so the second one has no local form.
    """

    def __init__(self, zone_name: str | None = None) -> None:
        self.zone_name = zone_name
        self._zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None

    def property(self, name: str, value: dt.datetime) -> str:
        if self._zone is None:
            return f"{name}:{utc(value)}"
        local = value.astimezone(self._zone)
        if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
            return f"{name}:{utc(value)}"
        return f"{name};TZID={self.zone_name}:{local:%Y%m%dT%H%M%S}"

    def reread(self, line: str) -> str:
        """A DATE-TIME line read back from a calendar, written again in this writer's form.

        Lines that are not a UTC or a TZID date-time of a known zone are kept as they were.
        """
        name, value = split_line(line)
        head = line[: len(line) - len(value) - 1]
        instant = read_datetime(head, value)
        return line if instant is None else self.property(name, instant)


def read_datetime(head: str, value: str) -> dt.datetime | None:
    """The instant of a DATE-TIME in UTC form or with a tz-database TZID; None for anything else."""
    try:
        if value.endswith("Z"):
            return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        tzid = next(
            (p[5:].strip('"') for p in head.split(";")[1:] if p.upper().startswith("TZID=")), None
        )
        if tzid is None:
            return None
        return dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zoneinfo.ZoneInfo(tzid))
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None


# --- reading back ---------------------------------------------------------------------


@attrs.frozen
class Component:
    """A component as read back: its name, its content lines (unfolded, whole) and its children."""

    name: str
    lines: tuple[str, ...]
    children: tuple[Component, ...] = ()
    #: each line's property name, as the parser split it (found again when not given)
    keys: tuple[str, ...] = attrs.field(eq=False, repr=False)

    @keys.default
    def _keys(self) -> tuple[str, ...]:
        return tuple(split_line(line)[0] for line in self.lines)

    def first(self, name: str) -> str | None:
        """The value of the first property called ``name``."""
        for key, line in zip(self.keys, self.lines, strict=True):
            if key == name:
                return split_line(line)[1]
        return None

    def content(self, skip: Iterable[str] = ()) -> tuple[str, ...]:
        """Its lines and its children's, in order, leaving out the properties named in ``skip``."""
        skipped = set(skip)
        own = tuple(
            line for key, line in zip(self.keys, self.lines, strict=True) if key not in skipped
        )
        nested = tuple(
            line
            for child in self.children
            for line in (f"BEGIN:{child.name}", *child.content(skipped), f"END:{child.name}")
        )
        return own + nested


def unfold(text: str) -> Iterator[str]:
    """The logical lines of an iCalendar text (RFC 5545 §3.1)."""
    current: str | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and current is not None:
            current += raw[1:]
            continue
        if current is not None:
            yield current
        current = raw
    if current:
        yield current


def split_line(line: str) -> tuple[str, str]:
    """``NAME;PARAM=x:value`` → (``NAME``, ``value``); quoted parameter values may hold ':'."""
    colon = line.find(":")
    if colon >= 0 and line.find('"', 0, colon) < 0:  # nothing quoted before it: the usual line
        return line[:colon].split(";", 1)[0].upper(), line[colon + 1 :]
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            return line[:index].split(";", 1)[0].upper(), line[index + 1 :]
    raise CalendarError(f"not a content line (no ':'): {line[:60]!r}")


def parse(text: str) -> Component:
    """The VCALENDAR in ``text``; raises ValueError when it is not one."""
    stack: list[tuple[str, list[str], list[Component], list[str]]] = []
    root: Component | None = None
    for line in unfold(text):
        if not line:
            continue
        name, value = split_line(line)
        if name == "BEGIN":
            stack.append((value.upper(), [], [], []))
        elif name == "END":
            if not stack or stack[-1][0] != value.upper():
                raise CalendarError(f"END:{value} does not close the open component")
            kind, properties, children, keys = stack.pop()
            component = Component(kind, tuple(properties), tuple(children), tuple(keys))
            if stack:
                stack[-1][2].append(component)
            else:
                root = component
        elif stack:
            stack[-1][1].append(line)
            stack[-1][3].append(name)
        else:
            raise CalendarError(f"content line outside any component: {line[:60]!r}")
    if stack or root is None or root.name != "VCALENDAR":
        raise CalendarError("not a complete VCALENDAR")
    return root
