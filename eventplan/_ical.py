"""The iCalendar text format (RFC 5545) at the level ics 0.7 leaves out.

ics 0.7 neither folds long lines nor ends the file with CRLF; this module
writes content lines that every client reads the same, and reads back the
calendars eventplan wrote, to carry SEQUENCE forward.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from eventplan.errors import CalendarError

CRLF = "\r\n"
#: RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
FOLD_OCTETS = 75

# RFC 5545 §3.3.11: in TEXT, backslash, semicolon and comma are escaped and a
# line break is written as "\n". The backslash goes first so no escape is doubled.
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def escape_text(value: str) -> str:
    """A TEXT value as RFC 5545 writes it; line breaks must already be ``\\n``."""
    return value.translate(_TEXT_ESCAPES)


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
    if len(line) <= FOLD_OCTETS // 4 or len(line.encode("utf-8")) <= FOLD_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, FOLD_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, FOLD_OCTETS - 1  # the leading space takes one octet
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def utc(value: dt.datetime) -> str:
    """A DATE-TIME in UTC form: ``20251025T020000Z`` (RFC 5545 §3.3.5, form 2)."""
    moment = value.astimezone(dt.UTC)
    return f"{moment:%Y%m%dT%H%M%S}Z"


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
    return "".join(fold(line) + CRLF for line in content)


# --- reading back ---------------------------------------------------------------------


@attrs.frozen
class Component:
    """A component as read back: its name, its content lines (unfolded, whole) and its children."""

    name: str
    lines: tuple[str, ...]
    children: tuple[Component, ...] = ()

    def first(self, name: str) -> str | None:
        """The value of the first property called ``name``."""
        for line in self.lines:
            key, value = split_line(line)
            if key == name:
                return value
        return None

    def content(self, skip: Iterable[str] = ()) -> tuple[str, ...]:
        """Its lines and its children's, in order, leaving out the properties named in ``skip``."""
        skipped = set(skip)
        own = tuple(line for line in self.lines if split_line(line)[0] not in skipped)
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
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            return line[:index].split(";", 1)[0].upper(), line[index + 1 :]
    raise CalendarError(f"not a content line (no ':'): {line[:60]!r}")


def parse(text: str) -> Component:
    """The VCALENDAR in ``text``; raises ValueError when it is not one."""
    stack: list[tuple[str, list[str], list[Component]]] = []
    root: Component | None = None
    for line in unfold(text):
        if not line:
            continue
        name, value = split_line(line)
        if name == "BEGIN":
            stack.append((value.upper(), [], []))
        elif name == "END":
            if not stack or stack[-1][0] != value.upper():
                raise CalendarError(f"END:{value} does not close the open component")
            kind, properties, children = stack.pop()
            component = Component(kind, tuple(properties), tuple(children))
            if stack:
                stack[-1][2].append(component)
            else:
                root = component
        elif stack:
            stack[-1][1].append(line)
        else:
            raise CalendarError(f"content line outside any component: {line[:60]!r}")
    if stack or root is None or root.name != "VCALENDAR":
        raise CalendarError("not a complete VCALENDAR")
    return root
