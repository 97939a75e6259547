"""iCalendar export: the whole programme and per-audience calendars that update in place.

eventplan writes the text itself and hands ics 0.7 the result as its object
model (:func:`to_calendar`), because ics 0.7 does not fold lines, end the
file with CRLF, write SEQUENCE or calendar properties, and spends most of its
time formatting dates through arrow. Times are written in UTC, which every
client reads as the same instant; ``X-WR-TIMEZONE`` tells clients the
event's zone for display. ``tz="event"`` writes local times with a TZID
instead, and a VTIMEZONE generated from the tz database for the event's span.

Updates in place: every session keeps one UID (from the event's and the
session's ids). Re-exporting over a calendar eventplan wrote before reads it
back and raises SEQUENCE for exactly the events whose content changed; events
that left the calendar are kept as CANCELLED so subscribed clients remove them.
A file that is not eventplan's calendar of this event is never taken for the
previous revision: writing over it is refused unless forced.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from eventplan import _atomic
from eventplan.calendars import _ical
from eventplan.demand.audiences import (
    PROGRAMME,
    Audience,
    AudienceKind,
    SeatIndex,
    as_audience,
    audience_index,
    describe,
    programme_order,
)
from eventplan.errors import (
    CalendarError,
    EventPlanError,
    ForeignFileError,
    InvalidArgumentError,
    UnknownNameError,
)
from eventplan.model import arguments as _arguments
from eventplan.model.enums import SessionStatus
from eventplan.model.event import Event
from eventplan.model.kept import KeptBeside
from eventplan.model.organisation import Task
from eventplan.model.participation import Turnout
from eventplan.model.programme import DELEGATION_PREFIX, PRESS, AudienceRule, Session
from eventplan.model.venue import Venue

if TYPE_CHECKING:
    import ics

UID_DOMAIN = "eventplan"
PRODUCT = "-//eventplan//eventplan calendar export//EN"
#: The property a session whose speakers opted out of recording carries (frab's ``optout``).
RECORDING_OPTOUT = "X-EVENTPLAN-RECORDING-OPTOUT"
_VOLATILE = ("DTSTAMP", "SEQUENCE")
_TIMES = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID")
#: The lines that open every component eventplan writes: its UID, DTSTAMP and SEQUENCE.
_STAMPED = re.compile(r"\r\nUID:([^\r\n]*)\r\nDTSTAMP:([^\r\n]*)\r\nSEQUENCE:([0-9]+)\r\n")
#: A DTSTAMP as eventplan writes it (UTC), the only form carried forward from a previous file.
_STAMP = re.compile(r"[0-9]{8}T[0-9]{6}Z")
#: A component, its SEQUENCE, and the DTSTAMP it keeps from before (None: it gets the writer's).
_Entry = tuple["_Item", int, str | None]
#: The rendered entries of the last events' sessions, per zone form and alarms.
_RENDERED: KeptBeside[dict[str, _Item]] = KeptBeside(8)
#: The span of the last events' programmes.
_SPANS: KeptBeside[tuple[dt.datetime, dt.datetime]] = KeptBeside(8)


def _event_span(event: Event) -> tuple[dt.datetime, dt.datetime]:
    """From the first session's start to the last one's end; the event's dates without sessions.

    The VTIMEZONE of every calendar covers it, so all of an event's calendars share one.
    """
    if event.sessions:
        return (
            min(s.start for s in event.sessions),
            max(s.end for s in event.sessions),
        )
    zone = event.zone
    return (
        dt.datetime.combine(event.start_date, dt.time(), zone),
        dt.datetime.combine(event.end_date + dt.timedelta(days=1), dt.time(), zone),
    )


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
    opening: str  # its BEGIN and UID lines, folded and CRLF-ended

    @classmethod
    def of(cls, uid: str, component: str, content: Sequence[str]) -> _Item:
        opening = _ical.lines(f"BEGIN:{component}", f"UID:{uid}")
        return cls(uid, component, tuple(content), _ical.lines(*content), opening)


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
        turnout: str | Turnout | None = None,
        tz: str = "utc",
    ) -> None:
        _arguments.calendar("CalendarWriter", event, turnout, stamp, alarms)
        self.event = event
        self.stamp = _ical.utc(stamp if stamp is not None else dt.datetime.now(dt.UTC))
        self.alarms = tuple(alarms)
        self.turnout = turnout
        zone = _zone_for(event, tz)
        self.times = _ical.Times(zone)
        self._organizer = _organizer(event)
        # each session's entry, rendered once for every writer of this event, zone and alarms
        self._items: dict[str, _Item] = _RENDERED.get((event,), (zone, self.alarms), dict)
        self._event_span = _SPANS.get((event,), None, lambda: _event_span(event))
        self._seats: SeatIndex | None = None
        # audiences whose calendar is still on disk but which the event no longer has
        # (a delegation dropped from the turnout, a room removed), with their former names
        self._gone: dict[Audience, str] = {}

    def sessions(self, audience: Audience) -> tuple[Session, ...]:
        """The sessions ``audience``'s calendar holds, in programme order: none for an audience
        the event no longer has (its old calendar is withdrawn); an unknown one is an
        UnknownNameError naming the known ones."""
        if audience in self._gone:
            return ()
        if audience == PROGRAMME and self._seats is None:
            return self._programme  # one calendar of everything needs no audience resolved
        if self._seats is None:  # every audience's sessions, found once for all calendars
            self._seats = audience_index(self.event, self.turnout)
        return self._seats.sessions(audience)

    def text(self, audience: Audience = PROGRAMME, previous: str | None = None) -> str:
        """The calendar for ``audience``; ``previous`` is the text published before, if any."""
        return self._assemble(audience, previous)[0]

    def _assemble(
        self, audience: Audience, previous: str | _ical.Component | None, path: Path | None = None
    ) -> tuple[str, Published]:
        """The calendar and what changed; ``path``, when given, is where ``previous`` was read,
        and a text there that is not this event's calendar is refused."""
        items = self._items_for(audience)
        head = self._header(
            audience, publish=bool(self._organizer) and all(i.component != "VTODO" for i in items)
        )
        if not isinstance(previous, _ical.Component):
            unchanged = self._unchanged(head, items, previous or "")
            if unchanged is not None:  # nothing changed: the previous text need not be parsed
                if previous and _keeps_stamps(head):
                    text = previous  # every component keeps its DTSTAMP: the same text
                else:
                    text = self._compose(head, unchanged, self._event_span)
                first_seen = tuple(item.uid for item in items) if not previous else ()
                return text, Published(Path(), audience, len(items), first_seen, (), ())
            if path is not None:
                previous = self._ours(path, previous or "")
        before = _read_previous(previous)
        span = self._event_span
        new, changed = [], []
        entries: list[_Entry] = []
        current = set()
        for item in items:
            current.add(item.uid)
            sequence, stamp = 0, None
            if item.uid in before:
                old_sequence, old_content, component = before[item.uid]
                if old_content != item.content:
                    # Times written in the other form (UTC or local) are the same times.
                    old_content = tuple(
                        self.times.reread(line) if line.startswith(_TIMES) else line
                        for line in old_content
                    )
                sequence = old_sequence if old_content == item.content else old_sequence + 1
                if sequence != old_sequence:
                    changed.append(item.uid)
                else:
                    stamp = _kept_stamp(component)
            else:
                new.append(item.uid)
            entries.append((item, sequence, stamp))
        withdrawn = []
        for uid, (old_sequence, _, component) in before.items():
            if uid in current:
                continue
            # Kept as CANCELLED (RFC 5545 allows it for VEVENT and VTODO) so clients remove it;
            # its own properties only, without reminders, and SEQUENCE raised once.
            was_cancelled = component.first("STATUS") == "CANCELLED"
            # Its times are written again in this calendar's form (UTC or the event's zone), and
            # its ORGANIZER is this calendar's, so the calendar stays consistent.
            kept = []
            for line in component.lines:
                key = _ical.split_line(line)[0]
                if key in _TIMES:
                    line = self.times.reread(line)
                    instant = _ical.read_datetime(*line.rsplit(":", 1))
                    if instant is not None:
                        span = (min(span[0], instant), max(span[1], instant))
                if key not in {"UID", "STATUS", "ORGANIZER", *_VOLATILE}:
                    kept.append(line)
            sequence = old_sequence if was_cancelled else old_sequence + 1
            if not was_cancelled:
                withdrawn.append(uid)
            cancelled = _Item.of(uid, component.name, (*self._organizer, *kept, "STATUS:CANCELLED"))
            entries.append((cancelled, sequence, _kept_stamp(component) if was_cancelled else None))
        if any(item.component == "VTODO" for item, _, _ in entries[len(items) :]):
            head = self._header(audience, publish=False)
        published = Published(
            Path(), audience, len(items), tuple(new), tuple(changed), tuple(withdrawn)
        )
        return self._compose(head, entries, span), published

    def _items_for(self, audience: Audience) -> list[_Item]:
        """The components of ``audience``'s calendar: its sessions, and a sub-committee's tasks."""
        items = [self._session(s) for s in self.sessions(audience)]
        if audience.kind is AudienceKind.SUBCOMMITTEE:
            tasks = [t for t in self.event.organisation.tasks if t.owner == audience.target]
            items += [self._task(t) for t in sorted(tasks, key=lambda t: (t.due, t.id))]
        return items

    def _compose(
        self,
        head: str,
        entries: Sequence[_Entry],
        span: tuple[dt.datetime, dt.datetime],
        stamp: str | None = None,
    ) -> str:
        """The calendar's text: ``head``, the VTIMEZONE when times are local, each component
        with its DTSTAMP and SEQUENCE, and the end.

        With no METHOD, DTSTAMP is when the component was last revised (RFC 5545 §3.8.7.2),
        so one unchanged since the previous file keeps that file's; with METHOD:PUBLISH it is
        when this calendar was made: ``stamp`` (the writer's by default) for all.
        """
        keep = _keeps_stamps(head)
        stamp = stamp or self.stamp
        parts = [head]
        if self.times.zone_name is not None:
            parts.append(_ical.lines(*_ical.vtimezone(self.times.zone_name, *span)))
        # DTSTAMP and SEQUENCE lines are far shorter than 75 octets: nothing to fold.
        parts += [
            f"{item.opening}DTSTAMP:{kept if keep and kept else stamp}\r\n"
            f"SEQUENCE:{sequence}\r\n{item.text}END:{item.component}\r\n"
            for item, sequence, kept in entries
        ]
        parts.append(_ical.lines("END:VCALENDAR"))
        return "".join(parts)

    def _unchanged(self, head: str, items: Sequence[_Item], previous: str) -> list[_Entry] | None:
        """The entries of ``items`` with the SEQUENCE and DTSTAMP ``previous`` gives them, when
        ``previous`` is exactly the calendar of ``items`` written before, so nothing changed
        since (a first calendar when there is none); None when anything differs.

        Comparing the whole text with what would be written costs far less than reading it
        back, and equal texts leave nothing to doubt: the same events, content and PRODID.
        """
        if not previous:
            return [(item, 0, None) for item in items]
        found = _STAMPED.findall(previous)
        if len(found) != len(items) or not found:
            return None
        entries: list[_Entry] = []
        for (uid, stamped, sequence), item in zip(found, items, strict=True):
            if uid != item.uid or not _STAMP.fullmatch(stamped):
                return None
            entries.append((item, int(sequence), stamped))
        # a METHOD:PUBLISH calendar was written at one DTSTAMP: compared at that one
        if self._compose(head, entries, self._event_span, entries[0][2]) != previous:
            return None
        return entries

    def _header(self, audience: Audience, *, publish: bool) -> str:
        name = f"{self._calendar_name_prefix} — {self._describe(audience)}"
        return _ical.lines(
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODUCT}",
            "CALSCALE:GREGORIAN",
            # RFC 5546 §3.4.1 and §3.2.1: a PUBLISH calendar needs an ORGANIZER in every
            # component, and a published VTODO also needs DTSTART and PRIORITY, which tasks
            # (a due date only) do not have. Without those the calendar carries no METHOD
            # at all, which is plain RFC 5545 (libical rejects it otherwise).
            *(("METHOD:PUBLISH",) if publish else ()),
            f"X-WR-CALNAME:{_ical.escape_text(name)}",
            f"X-WR-TIMEZONE:{self.event.timezone}",
        )

    def write(
        self,
        path: str | os.PathLike[str],
        audience: Audience = PROGRAMME,
        *,
        force: bool = False,
    ) -> Published:
        """Write one calendar safely, carrying SEQUENCE forward from the file already there.

        A file there that is not a calendar of this event is refused (:class:`ForeignFileError`)
        unless ``force``, which overwrites it without reading it.
        """
        target = Path(path)
        previous = None if force else self._read_text(target)
        text, published = self._render(target, audience, previous)
        if text != previous:
            _atomic.write_text(target, text, newline="")
        else:  # the file holds this calendar byte for byte already; a killed run's debris goes
            _atomic.remove_debris(target.resolve().parent)
        return published

    def write_all(
        self,
        directory: str | os.PathLike[str],
        audiences: Iterable[Audience],
        *,
        force: bool = False,
    ) -> tuple[Published, ...]:
        """One file per audience in ``directory``, written all together or not at all.

        Every other calendar of this event already in ``directory`` is rewritten too,
        audiences that now select nobody or no longer exist included: their sessions
        go out as CANCELLED, so subscribers learn of a move or a withdrawal. A file that
        already holds its calendar byte for byte is left untouched (a rerun with no change
        rewrites nothing, and a server's validators for it stay the same).
        """
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        _atomic.recover(folder)  # a set a killed run left half renamed is the previous one
        jobs: list[tuple[Path, Audience, str | _ical.Component | None]] = []
        for audience in dict.fromkeys(audiences):
            path = folder / f"{audience.file_stem}.ics"
            jobs.append((path, audience, None if force else self._read_text(path)))
        asked = {path for path, _, _ in jobs}
        for path in sorted(folder.glob("*.ics")):
            former = _audience_of_file(path)
            if path in asked or former is None:
                continue
            try:
                calendar = self.previous(path)
            except (CalendarError, ForeignFileError):
                continue  # someone else's file: left alone
            if calendar is None:
                continue
            if not self._exists(former):
                self._gone[former] = self._former_description(calendar, former)
            jobs.append((path, former, calendar))
        # Every calendar is made before any file is touched, so a file that cannot be updated
        # stops the run with nothing written.
        results: list[Published] = []
        files: list[tuple[Path, bytes]] = []
        for path, audience, previous in jobs:
            text, published = self._render(path, audience, previous)
            results.append(published)
            if text != previous:
                files.append((path, _atomic.encode(text, newline="")))
        _atomic.remove_debris(folder)  # a killed run's, even when no file needs writing
        _atomic.write_many(files)
        return tuple(results)

    def previous(self, path: Path) -> _ical.Component | None:
        """The calendar of this event eventplan wrote at ``path`` before, if there is one.

        Raises :class:`ForeignFileError` when the file holds something else, so that
        nobody's private appointments are merged into a published programme.
        """
        text = self._read_text(path)
        return None if text is None else self._ours(path, text)

    def _read_text(self, path: Path) -> str | None:
        """The text of the file at ``path``; None when there is none to carry forward."""
        try:
            if not path.is_file():
                return None  # nothing there, or a device or FIFO: nothing to carry forward
            text = path.read_bytes().decode("utf-8")  # line ends kept, to compare as written
        except UnicodeDecodeError:
            raise ForeignFileError(str(path), "not UTF-8 text") from None
        except OSError as error:
            raise CalendarError(
                f"{path}: cannot read the previous calendar: {error.strerror or error}"
            ) from None
        return text if text.strip() else None

    def _ours(self, path: Path, text: str) -> _ical.Component:
        """``text``, read from ``path``, as this event's calendar; ForeignFileError if it is not."""
        try:
            calendar = _ical.parse(text)
        except ValueError as error:
            raise ForeignFileError(str(path), f"not an iCalendar file: {error}") from None
        found = self._whose(calendar)
        if found is not None:
            raise ForeignFileError(str(path), found)
        return calendar

    def _whose(self, calendar: _ical.Component) -> str | None:
        """What shows that ``calendar`` is not eventplan's calendar of this event, if anything."""
        product = calendar.first("PRODID")
        if product != PRODUCT:
            return f"a calendar made by {product!r}" if product else "a calendar without PRODID"
        ours = f".{self.event.id}@{UID_DOMAIN}"
        for component in calendar.children:
            uid = component.first("UID")
            if uid is not None and not uid.endswith(ours):
                return f"an eventplan calendar of another event: {component.name} {uid!r}"
        return None

    def _render(
        self, path: Path, audience: Audience, previous: str | _ical.Component | None
    ) -> tuple[str, Published]:
        try:
            text, published = self._assemble(audience, previous, path)
        except ForeignFileError:
            raise
        except ValueError as error:
            if isinstance(error, EventPlanError) and not isinstance(error, CalendarError):
                raise  # a calendar's text that cannot be read is reported with the file below
            raise CalendarError(
                f"{path}: the file there is not a calendar eventplan can update ({error}); "
                "move it away to start afresh"
            ) from None
        return text, attrs.evolve(published, path=path)

    def _exists(self, audience: Audience) -> bool:
        try:
            describe(self.event, audience, self.turnout)
            self.sessions(audience)
        except UnknownNameError:
            return False
        return True

    @property
    def _calendar_name_prefix(self) -> str:
        return self.event.short_name or self.event.name

    def _describe(self, audience: Audience) -> str:
        gone = self._gone.get(audience)
        return gone if gone is not None else describe(self.event, audience, self.turnout)

    def _former_description(self, calendar: _ical.Component, audience: Audience) -> str:
        """The words the calendar's name gave the audience when it still existed."""
        name = _ical.unescape_text(calendar.first("X-WR-CALNAME") or "")
        prefix = f"{self._calendar_name_prefix} — "
        return name.removeprefix(prefix) if name.startswith(prefix) else str(audience)

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        return {o.id: o.name for o in self.event.officials}

    @functools.cached_property
    def _committees(self) -> dict[str, str]:
        return {c.id: c.name for c in self.event.organisation.subcommittees}

    @functools.cached_property
    def _places(self) -> dict[str, tuple[str, Venue]]:
        return {r.id: (r.name, v) for v in self.event.venues for r in v.rooms}

    @functools.cached_property
    def _programme(self) -> tuple[Session, ...]:
        self.event.turnout_of(self.turnout)  # an unknown turnout is refused here too
        return programme_order(self.event)

    def _session(self, session: Session) -> _Item:
        cached = self._items.get(session.id)
        if cached is None:
            cached = self._items[session.id] = self._render_session(session)
        return cached

    def _render_session(self, session: Session) -> _Item:
        content = [
            *self._organizer,
            self.times.property("DTSTART", session.start),
            self.times.property("DTEND", session.end),
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
        if not session.keeps_busy:  # shown as free time (RFC 5545 §3.8.2.7; OPAQUE by default)
            content.append("TRANSP:TRANSPARENT")
        description = self._description(session)
        if description:
            content.append(f"DESCRIPTION:{_ical.escape_text(description)}")
        if session.recording is not None and session.recording.optout:
            # for tools: the frab element's name; the description says it in words
            content.append(f"{RECORDING_OPTOUT}:TRUE")
        # No reminder rings for a cancelled session.
        alarms = () if session.status is SessionStatus.CANCELLED else self.alarms
        for before in alarms:
            content += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_ical.escape_text(session.title)}",
                f"TRIGGER:{_ical.duration(-before)}",
                "END:VALARM",
            ]
        return _Item.of(session_uid(self.event, session), "VEVENT", content)

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
        if session.recording is not None:
            lines.append(f"Recording: {session.recording.words}")
        if session.audience:
            lines.append(
                f"Audience: {'; '.join(audience_words(rule) for rule in session.audience)}"
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
                *self._organizer,
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
            cached = self._items[key] = _Item.of(uid, "VTODO", content)
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


def audience_words(rule: AudienceRule) -> str:
    """An audience rule in words: "member states (1 + 3 each)"; spreadsheets say the same."""
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


def _zone_for(event: Event, tz: str) -> str | None:
    """The zone calendar times are written in: None for UTC, the event's zone for ``"event"``."""
    if tz == "utc":
        return None
    if tz == "event":
        return event.timezone
    raise CalendarError(f"tz must be 'utc' or 'event': {tz!r}")


def _organizer(event: Event) -> tuple[str, ...]:
    """The ORGANIZER line (RFC 5545 §3.8.4.3), or none when the event names no organiser."""
    if event.organiser is None:
        return ()
    return (f'ORGANIZER;CN="{event.organiser.name}":mailto:{event.organiser.email}',)


_Previous = tuple[int, tuple[str, ...], _ical.Component]


def _keeps_stamps(head: str) -> bool:
    """Whether a calendar with this head keeps unchanged components' DTSTAMPs: one with no
    METHOD (RFC 5545 §3.8.7.2)."""
    return "\r\nMETHOD:" not in head


def _kept_stamp(component: _ical.Component) -> str | None:
    """The DTSTAMP a previous component carries forward, if it is one eventplan writes."""
    stamp = component.first("DTSTAMP")
    return stamp if stamp is not None and _STAMP.fullmatch(stamp) else None


def _read_previous(text: str | _ical.Component | None) -> dict[str, _Previous]:
    """UID → (SEQUENCE, content without DTSTAMP and SEQUENCE, component) of a calendar written before."""
    if not text:
        return {}
    calendar = text if isinstance(text, _ical.Component) else _ical.parse(text)
    found = {}
    for component in calendar.children:
        uid = component.first("UID")
        if uid is None:
            continue
        sequence_text = component.first("SEQUENCE") or "0"
        if not sequence_text.isdigit():
            raise CalendarError(f"SEQUENCE of {uid} is not a whole number: {sequence_text!r}")
        content = tuple(
            line for line in component.content(_VOLATILE) if not line.startswith("UID:")
        )
        found[uid] = (int(sequence_text), content, component)
    return found


# --- the public functions ---------------------------------------------------------------


def to_ics(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    audience: Audience | str | None = None,
    stamp: dt.datetime | None = None,
    previous: str | None = None,
    alarms: Sequence[dt.timedelta] = (),
    tz: str = "utc",
) -> str:
    """The calendar for ``audience`` (the whole programme by default) as iCalendar text.

    ``stamp`` is the DTSTAMP (default: now), a date-time with a time zone (a naive
    one is refused: it would mean another instant on another machine); the same
    event and stamp give the same bytes. ``previous`` is the calendar published
    before, so SEQUENCE rises for what changed. ``alarms`` adds a reminder that
    long before each session (not to cancelled ones). ``tz="event"`` writes local
    times of the event's zone with a VTIMEZONE from the tz database; the default
    ``"utc"`` writes UTC.
    """
    _arguments.calendar("to_ics", event, turnout, stamp, alarms)
    _check_previous("to_ics", previous)
    writer = CalendarWriter(event, stamp=stamp, alarms=alarms, turnout=turnout, tz=tz)
    return writer.text(as_audience(audience), previous)


def ics_calendar(text: str) -> ics.Calendar:
    """``text`` read by ics-py, leaving the standard streams as they were: its parser (TatSu)
    calls ``colorama.init()`` on every parse where colorama is installed, wrapping stdout and
    stderr once more each time, until printing overflows the stack (about a thousand parses
    without a terminal, as in a notebook)."""
    import ics

    streams = sys.stdout, sys.stderr
    try:
        return ics.Calendar(text)
    finally:
        sys.stdout, sys.stderr = streams


def to_calendar(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    audience: Audience | str | None = None,
    stamp: dt.datetime | None = None,
    previous: str | None = None,
    alarms: Sequence[dt.timedelta] = (),
    tz: str = "utc",
) -> ics.Calendar:
    """The same calendar as :func:`to_ics`, as an ``ics.Calendar`` object.

    ics 0.7 reads the text back itself, but it unescapes a literal backslash
    followed by ``n`` as a line break (``a\\nb`` becomes ``a\\`` + newline + ``b``);
    the texts of every event are therefore set again from eventplan's own reading.
    """

    _arguments.calendar("to_calendar", event, turnout, stamp, alarms)
    text = to_ics(
        event, turnout, audience=audience, stamp=stamp, previous=previous, alarms=alarms, tz=tz
    )
    calendar = ics_calendar(text)
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
    turnout: str | Turnout | None = None,
    *,
    path: str | os.PathLike[str],
    audience: Audience | str | None = None,
    stamp: dt.datetime | None = None,
    alarms: Sequence[dt.timedelta] = (),
    tz: str = "utc",
    force: bool = False,
) -> Published:
    """Write the calendar to ``path`` safely; a calendar already there is the previous revision.

    A file there that is not eventplan's calendar of this event is refused with
    :class:`ForeignFileError` and left as it is; ``force`` overwrites it.
    """
    _arguments.calendar("write_ics", event, turnout, stamp, alarms)
    writer = CalendarWriter(event, stamp=stamp, alarms=alarms, turnout=turnout, tz=tz)
    return writer.write(path, as_audience(audience), force=force)


def write_calendars(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    directory: str | os.PathLike[str],
    audiences: Iterable[Audience | str],
    stamp: dt.datetime | None = None,
    alarms: Sequence[dt.timedelta] = (),
    tz: str = "utc",
    force: bool = False,
) -> tuple[Published, ...]:
    """One file per audience in ``directory`` (``programme.ics``, ``delegation-vn.ics``, …).

    All are written or none. Calendars of this event already in ``directory`` for
    other audiences are brought up to date too (see :meth:`CalendarWriter.write_all`).
    """
    _arguments.calendar("write_calendars", event, turnout, stamp, alarms)
    writer = CalendarWriter(event, stamp=stamp, alarms=alarms, turnout=turnout, tz=tz)
    return writer.write_all(directory, [as_audience(a) for a in audiences], force=force)


def _check_previous(function: str, previous: str | None) -> None:
    """``previous`` is ``None`` or a calendar that can be read back, refused here if not."""
    _arguments.calendar_text(function, "previous", previous)
    try:
        _read_previous(previous)
    except ValueError as error:
        raise InvalidArgumentError(
            f"{function}(): 'previous' is not a calendar eventplan can update: {error}"
        ) from None


def _audience_of_file(path: Path) -> Audience | None:
    """The audience a file name of :attr:`Audience.file_stem` stands for; None for other names."""
    stem = path.stem
    if stem == PROGRAMME.file_stem:
        return PROGRAMME
    kind, dash, target = stem.partition("-")
    if not dash or not target:
        return None
    try:
        return Audience(AudienceKind(kind), target)
    except ValueError:
        return None
