"""iCalendar export: the whole programme and per-audience calendars that update in place.

eventplan writes the text itself and hands ics 0.7 the result as its object
model (:func:`to_calendar`), because ics 0.7 does not fold lines, end the
file with CRLF, write SEQUENCE or calendar properties, and spends most of its
time formatting dates through arrow. Times are written in UTC, which every
client reads as the same instant; ``X-WR-TIMEZONE`` tells clients the
event's zone for display.

Updates in place: every session keeps one UID (from the event's and the
session's ids). Re-exporting over a calendar eventplan wrote before reads it
back and raises SEQUENCE for exactly the events whose content changed; events
that left the calendar are kept as CANCELLED so subscribed clients remove them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs
import ics

from eventplan import _arguments, _atomic, _ical
from eventplan.audiences import PROGRAMME, Audience, AudienceKind, SeatIndex, describe, sessions_for
from eventplan.errors import EventPlanError, InvalidArgumentError
from eventplan.event import Event
from eventplan.organisation import Task
from eventplan.programme import DELEGATION_PREFIX, PRESS, AudienceRule, Session

UID_DOMAIN = "eventplan"
PRODUCT = "-//eventplan//eventplan calendar export//EN"
_VOLATILE = ("DTSTAMP", "SEQUENCE")


class CalendarError(EventPlanError, ValueError):
    """A calendar could not be written, such as when the previous one cannot be read."""


def session_uid(event: Event, session: Session) -> str:
    """Stable and unique: from the event's and the session's ids, never from order or time."""
    return f"{session.id}.{event.id}@{UID_DOMAIN}"


def task_uid(event: Event, task: Task) -> str:
    return f"task.{task.id}.{event.id}@{UID_DOMAIN}"


@attrs.frozen
class _Item:
    """One VEVENT or VTODO without DTSTAMP and SEQUENCE: what is compared between revisions."""

    uid: str
    component: str
    content: tuple[str, ...]  # unfolded content lines, nested components included
    text: str  # the same, folded and CRLF-ended, ready to write


@attrs.frozen
class Published:
    """What writing one calendar did."""

    path: Path
    audience: Audience
    events: int
    new: tuple[str, ...]
    changed: tuple[str, ...]
    withdrawn: tuple[str, ...]


class CalendarWriter:
    """Writes calendars for one event, rendering each session once however many calendars hold it."""

    def __init__(
        self,
        event: Event,
        *,
        stamp: dt.datetime | None = None,
        alarms: Sequence[dt.timedelta] = (),
        turnout: str | None = None,
    ) -> None:
        _arguments.calendar("CalendarWriter", event, turnout, stamp, alarms)
        self.event = event
        self.stamp = _ical.utc(stamp if stamp is not None else dt.datetime.now(dt.UTC))
        self.alarms = tuple(alarms)
        self.turnout = turnout
        self._items: dict[str, _Item] = {}
        self._names = {o.id: o.name for o in event.officials}
        self._committees = {c.id: c.name for c in event.organisation.subcommittees}
        self._places = {r.id: (r.name, v) for v in event.venues for r in v.rooms}
        self._seats: SeatIndex | None = None

    def sessions(self, audience: Audience) -> tuple[Session, ...]:
        if audience.kind is AudienceKind.DELEGATION:
            describe(self.event, audience, self.turnout)  # an unknown delegation is an error
            if self._seats is None:
                self._seats = SeatIndex(self.event, self.turnout)
            found = self._seats.sessions_of(audience.target or "")
            return tuple(sorted(found, key=lambda s: (s.start, s.end, s.id)))
        return sessions_for(self.event, audience, self.turnout)

    def text(self, audience: Audience = PROGRAMME, previous: str | None = None) -> str:
        """The calendar for ``audience``; ``previous`` is the text published before, if any."""
        return self._assemble(audience, previous)[0]

    def _assemble(self, audience: Audience, previous: str | None) -> tuple[str, Published]:
        items = [self._session(s) for s in self.sessions(audience)]
        if audience.kind is AudienceKind.SUBCOMMITTEE:
            tasks = [t for t in self.event.organisation.tasks if t.owner == audience.target]
            items += [self._task(t) for t in sorted(tasks, key=lambda t: (t.due, t.id))]
        before = _read_previous(previous)
        name = f"{self.event.short_name or self.event.name} — {describe(self.event, audience, self.turnout)}"
        parts = [
            _ical.lines(
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                f"PRODID:{PRODUCT}",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                f"X-WR-CALNAME:{_ical.escape_text(name)}",
                f"X-WR-TIMEZONE:{self.event.timezone}",
            )
        ]
        new, changed = [], []
        current = set()
        for item in items:
            current.add(item.uid)
            sequence = 0
            if item.uid in before:
                old_sequence, old_content, _ = before[item.uid]
                sequence = old_sequence if old_content == item.content else old_sequence + 1
                if sequence != old_sequence:
                    changed.append(item.uid)
            else:
                new.append(item.uid)
            parts.append(self._wrap(item.component, item.uid, sequence, item.text))
        withdrawn = []
        for uid, (old_sequence, _, component) in before.items():
            if uid in current:
                continue
            # Kept as CANCELLED (RFC 5545 allows it for VEVENT and VTODO) so clients remove it;
            # its own properties only, without reminders, and SEQUENCE raised once.
            was_cancelled = component.first("STATUS") == "CANCELLED"
            kept = [
                line
                for line in component.lines
                if _ical.split_line(line)[0] not in {"UID", "STATUS", *_VOLATILE}
            ]
            sequence = old_sequence if was_cancelled else old_sequence + 1
            if not was_cancelled:
                withdrawn.append(uid)
            body = _ical.lines(*kept, "STATUS:CANCELLED")
            parts.append(self._wrap(component.name, uid, sequence, body))
        parts.append(_ical.lines("END:VCALENDAR"))
        published = Published(
            Path(), audience, len(items), tuple(new), tuple(changed), tuple(withdrawn)
        )
        return "".join(parts), published

    def write(self, path: str | os.PathLike[str], audience: Audience = PROGRAMME) -> Published:
        """Write one calendar atomically, carrying SEQUENCE forward from the file already there."""
        target = Path(path)
        previous = None
        if target.exists():
            try:
                previous = target.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CalendarError(
                    f"{target}: cannot read the previous calendar: {error}"
                ) from None
        try:
            text, published = self._assemble(audience, previous)
        except ValueError as error:
            if isinstance(error, EventPlanError):
                raise
            raise CalendarError(
                f"{target}: the file there is not a calendar eventplan can update ({error}); "
                "move it away to start afresh"
            ) from None
        _atomic.write_text(target, text, newline="")
        return attrs.evolve(published, path=target)

    def _wrap(self, component: str, uid: str, sequence: int, body: str) -> str:
        head = _ical.lines(
            f"BEGIN:{component}", f"UID:{uid}", f"DTSTAMP:{self.stamp}", f"SEQUENCE:{sequence}"
        )
        return head + body + _ical.lines(f"END:{component}")

    def _session(self, session: Session) -> _Item:
        cached = self._items.get(session.id)
        if cached is None:
            cached = self._items[session.id] = self._render_session(session)
        return cached

    def _render_session(self, session: Session) -> _Item:
        content = [
            f"DTSTART:{_ical.utc(session.start)}",
            f"DTEND:{_ical.utc(session.end)}",
            f"SUMMARY:{_ical.escape_text(session.title)}",
        ]
        place = self._places.get(session.room or "")
        if place is not None:
            room, venue = place
            content.append(f"LOCATION:{_ical.escape_text(f'{room}, {venue.name}')}")
            if venue.latitude is not None and venue.longitude is not None:
                content.append(f"GEO:{venue.latitude:.6f};{venue.longitude:.6f}")
        content.append(f"CATEGORIES:{_ical.escape_text(session.kind.replace('_', ' '))}")
        content.append(f"STATUS:{session.status.value.upper()}")
        description = self._description(session)
        if description:
            content.append(f"DESCRIPTION:{_ical.escape_text(description)}")
        for before in self.alarms:
            content += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_ical.escape_text(session.title)}",
                f"TRIGGER:{_ical.duration(-before)}",
                "END:VALARM",
            ]
        return _Item(
            session_uid(self.event, session), "VEVENT", tuple(content), _ical.lines(*content)
        )

    def _description(self, session: Session) -> str:
        lines = [session.description] if session.description else []
        people = [("Chairs", session.chairs), ("Speakers", session.speakers)]
        for label, ids in people:
            if ids:
                lines.append(f"{label}: {', '.join(self._names.get(i, i) for i in ids)}")
        if session.languages:
            lines.append(f"Languages: {', '.join(session.languages)}")
        if session.broadcast:
            lines.append(f"Broadcast: {session.broadcast}")
        if session.audience:
            lines.append(
                f"Audience: {'; '.join(_audience_words(rule) for rule in session.audience)}"
            )
        if session.subcommittee:
            lines.append(
                f"Organised by: {self._committees.get(session.subcommittee, session.subcommittee)}"
            )
        return "\n".join(lines)

    def _task(self, task: Task) -> _Item:
        key = f"task:{task.id}"
        cached = self._items.get(key)
        if cached is None:
            titles = {t.id: t.title for t in self.event.organisation.tasks}
            content = [
                f"SUMMARY:{_ical.escape_text(task.title)}",
                f"DUE;VALUE=DATE:{_ical.date(task.due)}",
                f"STATUS:{'COMPLETED' if task.done else 'NEEDS-ACTION'}",
                f"CATEGORIES:{'milestone' if task.milestone else 'task'}",
            ]
            notes = []
            if task.owner:
                notes.append(f"Owner: {self._committees.get(task.owner, task.owner)}")
            if task.depends_on:
                notes.append(f"Depends on: {'; '.join(titles.get(d, d) for d in task.depends_on)}")
            if notes:
                content.append(f"DESCRIPTION:{_ical.escape_text(chr(10).join(notes))}")
            uid = task_uid(self.event, task)
            cached = self._items[key] = _Item(uid, "VTODO", tuple(content), _ical.lines(*content))
        return cached


_PARTY_WORDS = {
    "member_state": "member states",
    "intergovernmental_organisation": "intergovernmental organisations",
    "private_sector": "private sector",
    "organisations": "organisations",
    "research_institution": "research institutions",
    "media_outlet": "media outlets",
    "all_delegations": "all delegations",
    "all_organisations": "all organisations",
    PRESS: "press",
}


def _audience_words(rule: AudienceRule) -> str:
    if rule.seats is not None:
        return f"{rule.label or 'reserved'} ({rule.seats} seats)"
    names = []
    for party in rule.parties:
        if party.startswith(DELEGATION_PREFIX):
            names.append(party.removeprefix(DELEGATION_PREFIX))
        else:
            names.append(_PARTY_WORDS.get(party, party.replace("_", " ")))
    seats = f"{rule.at_table} + {rule.behind}" if rule.behind else f"{rule.at_table}"
    return f"{', '.join(names)} ({seats} each)" if names != ["press"] else "press"


def _read_previous(text: str | None) -> dict[str, tuple[int, tuple[str, ...], _ical.Component]]:
    """UID → (SEQUENCE, content without DTSTAMP and SEQUENCE, component) of a calendar written before."""
    if not text:
        return {}
    calendar = _ical.parse(text)
    found = {}
    for component in calendar.children:
        uid = component.first("UID")
        if uid is None:
            continue
        sequence_text = component.first("SEQUENCE") or "0"
        if not sequence_text.isdigit():
            raise ValueError(f"SEQUENCE of {uid} is not a whole number: {sequence_text!r}")
        content = tuple(
            line for line in component.content(_VOLATILE) if not line.startswith("UID:")
        )
        found[uid] = (int(sequence_text), content, component)
    return found


# --- the public functions ---------------------------------------------------------------


def to_ics(
    event: Event,
    audience: Audience | str | None = None,
    *,
    stamp: dt.datetime | None = None,
    previous: str | None = None,
    alarms: Sequence[dt.timedelta] = (),
    turnout: str | None = None,
) -> str:
    """The calendar for ``audience`` (the whole programme by default) as iCalendar text.

    ``stamp`` is the DTSTAMP (default: now), a date-time with a time zone (a naive
    one is refused: it would mean another instant on another machine); the same
    event and stamp give the same bytes. ``previous`` is the calendar published before, so SEQUENCE
    rises for what changed. ``alarms`` adds a reminder that long before each session.
    """
    _arguments.calendar("to_ics", event, turnout, stamp, alarms)
    _check_previous("to_ics", previous)
    writer = CalendarWriter(event, stamp=stamp, alarms=alarms, turnout=turnout)
    return writer.text(_audience(audience), previous)


def to_calendar(
    event: Event,
    audience: Audience | str | None = None,
    *,
    stamp: dt.datetime | None = None,
    previous: str | None = None,
    alarms: Sequence[dt.timedelta] = (),
    turnout: str | None = None,
) -> ics.Calendar:
    """The same calendar as :func:`to_ics`, as an ``ics.Calendar`` object.

    ics 0.7 reads the text back itself, but it unescapes a literal backslash
    followed by ``n`` as a line break (``a\\nb`` becomes ``a\\`` + newline + ``b``);
    the texts of every event are therefore set again from eventplan's own reading.
    """
    _arguments.calendar("to_calendar", event, turnout, stamp, alarms)
    text = to_ics(event, audience, stamp=stamp, previous=previous, alarms=alarms, turnout=turnout)
    calendar = ics.Calendar(text)
    texts = {
        component.first("UID"): component
        for component in _ical.parse(text).children
        if component.name in ("VEVENT", "VTODO")
    }
    for item in (*calendar.events, *calendar.todos):
        component = texts[item.uid]
        for attribute, name in (
            ("name", "SUMMARY"),
            ("description", "DESCRIPTION"),
            ("location", "LOCATION"),
        ):
            value = component.first(name)
            if value is not None and hasattr(item, attribute):
                setattr(item, attribute, _ical.unescape_text(value))
    return calendar


def write_ics(
    event: Event,
    path: str | os.PathLike[str],
    audience: Audience | str | None = None,
    *,
    stamp: dt.datetime | None = None,
    alarms: Sequence[dt.timedelta] = (),
    turnout: str | None = None,
) -> Published:
    """Write the calendar to ``path`` atomically; a calendar already there is the previous revision."""
    _arguments.calendar("write_ics", event, turnout, stamp, alarms)
    writer = CalendarWriter(event, stamp=stamp, alarms=alarms, turnout=turnout)
    return writer.write(path, _audience(audience))


def write_calendars(
    event: Event,
    directory: str | os.PathLike[str],
    audiences: Iterable[Audience | str],
    *,
    stamp: dt.datetime | None = None,
    alarms: Sequence[dt.timedelta] = (),
    turnout: str | None = None,
) -> tuple[Published, ...]:
    """One file per audience in ``directory`` (``programme.ics``, ``delegation-vn.ics``, …)."""
    _arguments.calendar("write_calendars", event, turnout, stamp, alarms)
    writer = CalendarWriter(event, stamp=stamp, alarms=alarms, turnout=turnout)
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for audience in audiences:
        chosen = _audience(audience)
        results.append(writer.write(folder / f"{chosen.file_stem}.ics", chosen))
    return tuple(results)


def _check_previous(function: str, previous: str | None) -> None:
    """``previous`` is ``None`` or a calendar that can be read back, refused here if not."""
    _arguments.calendar_text(function, "previous", previous)
    try:
        _read_previous(previous)
    except ValueError as error:
        raise InvalidArgumentError(
            f"{function}(): 'previous' is not a calendar eventplan can update: {error}"
        ) from None


def _audience(audience: Audience | str | None) -> Audience:
    if audience is None:
        return PROGRAMME
    return audience if isinstance(audience, Audience) else Audience.parse(audience)
