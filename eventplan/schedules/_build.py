"""From a published programme, read into raw records, to an :class:`~eventplan.Event`.

What the frab format does not carry (delegations, turnouts, norms, layouts)
is left out, not made up: room capacities come in as published and nothing
else. What eventplan has to decide is said, once per case, as a finding: a
``type`` it does not know (read as :data:`DEFAULT_KIND`), a time zone the
schedule does not name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import pendulum
from pendulum.parsing import parse_iso8601

from eventplan._text import CONTROL as _CONTROL
from eventplan._text import plural as _plural
from eventplan.capacity.findings import Finding
from eventplan.errors import EventFileError, Problem
from eventplan.model import fields as _fields
from eventplan.model import localtime
from eventplan.model.enums import Layout, SessionKind, SessionStatus, Severity
from eventplan.model.event import Event
from eventplan.model.listing import Link, Listing, Recording
from eventplan.model.organisation import Official
from eventplan.model.participation import Turnout
from eventplan.model.programme import Session
from eventplan.model.validation import reference_problems
from eventplan.model.venue import Room, SeatCount, Venue
from eventplan.schedules._raw import RawItem, RawSchedule
from eventplan.schedules.frab import (
    CANCELLED_SUFFIX,
    NO_ROOM,
    acronym,
    ascii_url,
    frab_numbers,
    http_url,
    is_code,
    merged_description,
    slug_part,
    valid_slug,
)
from eventplan.schedules.frab import (
    guid as frab_guid,
)
from eventplan.schedules.kinds import KindReading, read_kind

#: Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"đ": "d", "æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "þ": "th"})
_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?")
_UUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_STATED_OFFSET = re.compile(r"T.*(Z|[+-]\d{2}:?\d{2})$")
_CAPACITY_ASSUMPTION = "the schedule gives one capacity and no layout; read as theatre seating"
_VENUE_ASSUMPTION = "the schedule names no venue; its rooms are gathered under the event"
#: A schedule says who speaks, never who comes: its one turnout holds no parties.
UNKNOWN_TURNOUT = "not-known"
_TURNOUT_DESCRIPTION = (
    "The schedule says who speaks, not who comes: no delegation or cohort is known. "
    "Add them to count participation."
)


def build_event(
    raw: RawSchedule, source: str, *, kinds: Mapping[str, SessionKind] | None = None
) -> tuple[Event, tuple[Finding, ...]]:
    """The event a schedule describes, and what eventplan had to decide to read it;
    ``kinds`` maps whole types (lower-case) to kinds before eventplan's words."""
    if not raw.readable:
        raise EventFileError(raw.problems, source)
    reading = _Reading(raw, kinds or {})
    sessions = [session for item in raw.items if (session := reading.session(item)) is not None]
    conference_at = raw.at("schedule", "conference")
    start_date = _date(
        raw, raw.start, reading.zone, raw.at(conference_at, "start"), reading.problems
    )
    end_date = _date(raw, raw.end, reading.zone, raw.at(conference_at, "end"), reading.problems)
    local_days = [localtime.local(s.start, reading.zone).date() for s in sessions]
    start_date = start_date or min(local_days, default=None)
    end_date = end_date or max(local_days, default=None)
    if raw.title is None:
        reading.problems.append(Problem(raw.at(conference_at, "title"), "required, but missing"))
    if start_date is None or end_date is None:
        reading.problems.append(
            Problem(
                raw.at(conference_at, "start"),
                "required, but missing (and no session gives a date)",
            )
        )
    if reading.problems:
        raise EventFileError(_unique(reading.problems), source)
    assert start_date is not None and end_date is not None and raw.title is not None
    event_id = reading.event_id
    rooms = reading.rooms.values()
    try:
        event = Event(
            id=event_id,
            name=raw.title,
            timezone=reading.zone_name,
            start_date=start_date,
            end_date=end_date,
            url=http_url(raw.url),
            venues=[Venue(id=event_id, name=raw.title, rooms=rooms, assumption=_VENUE_ASSUMPTION)]
            if rooms
            else [],
            sessions=sessions,
            officials=reading.officials.values(),
            turnouts=[Turnout(name=UNKNOWN_TURNOUT, description=_TURNOUT_DESCRIPTION)],
        )
    except ValueError as exc:
        raise EventFileError([Problem(conference_at, str(exc))], source) from None
    found = [problem for problem, _ in reference_problems(event)]
    if found:
        raise EventFileError(found, source)
    return event, (*reading.findings, *reading.notes(), *reading.kind_finding())


class _Reading:
    """What reading one schedule accumulates: problems, findings, and the ids given so far."""

    def __init__(self, raw: RawSchedule, kinds: Mapping[str, SessionKind]) -> None:
        self.raw = raw
        self.kinds = kinds
        self.event_id = as_id(raw.acronym or raw.title or "", "schedule")
        self.acronym = acronym(self.event_id)
        self.problems: list[Problem] = list(raw.problems)
        self.findings: list[Finding] = []
        self.zone_name = _zone(raw, raw.at("schedule", "conference"), self.problems, self.findings)
        self.zone = pendulum.timezone(self.zone_name)
        self.unreadable_rooms: set[str] = set()
        self.rooms = _rooms(raw, self.event_id, self.problems, self.unreadable_rooms)
        self.officials: dict[tuple[str, str], Official] = {}
        self.readings: dict[tuple[str, KindReading], list[str]] = defaultdict(list)
        #: Items whose stated offset is not their zone's at that instant.
        self.off_zone: list[str] = []
        #: Items whose texts held control characters, left out.
        self.controls: list[str] = []
        self._official_ids: set[str] = set()
        self._session_ids: set[str] = set()
        self._guids: set[str] = set()
        self.findings.append(
            Finding(
                code="schedule-participation-unknown",
                severity=Severity.INFO,
                message=(
                    f"the schedule says nothing about who comes: turnout {UNKNOWN_TURNOUT!r} "
                    "names no one, so counts of people are not known until delegations are added"
                ),
            )
        )

    def session(self, item: RawItem) -> Session | None:
        """The item as a session, or ``None`` (with its problems noted) when it can't be one."""
        item = self._printable(item)
        start = _start(self.raw, item, self.zone, self.problems)
        stated = _offset(item.date)  # UTC ("Z") is an instant in any zone
        if start is not None and self.raw.time_zone_name and stated and stated != start.utcoffset():
            self.off_zone.append(item.path)
        length = _duration(self.raw, item, self.problems)
        if item.title is None or start is None or length is None:
            return None
        if item.room in self.unreadable_rooms:
            return None  # the room's name is the problem, said once where it is
        session_id = unique(_session_id(item, self.raw.acronym), self._session_ids)
        reading = read_kind(item.kind, track=item.track, mapping=self.kinds)
        kind = reading.kind
        title = item.title.strip()
        cancelled = title.endswith(CANCELLED_SUFFIX) and len(title) > len(CANCELLED_SUFFIX)
        language = (item.language or "").split("-")[0].split("_")[0].strip().lower()
        guid = _kept_guid(item.guid, self._guids) or frab_guid(self.event_id, "session", session_id)
        try:
            session = Session(
                id=session_id,
                title=title.removesuffix(CANCELLED_SUFFIX) if cancelled else title,
                kind=kind,
                start=start,
                end=localtime.after(start, length),
                room=None if item.room == NO_ROOM else self._room_id(item.room),
                status=SessionStatus.CANCELLED if cancelled else SessionStatus.CONFIRMED,
                speakers=list(dict.fromkeys(self._speakers(item))),
                languages=[language] if _LANGUAGE.fullmatch(language) else [],
                series=item.track,
                description=_description(item),
                guid=guid,
                recording=_recording(item),
                listing=_listing(
                    item,
                    guid,
                    kind,
                    ours=self._slug(session_id),
                    absolute=self._absolute,
                    conference_url=http_url(self.raw.url),
                ),
            )
        except ValueError as exc:
            self.problems.append(Problem(item.path, str(exc)))
            return None
        self.readings[item.kind or "(none)", reading].append(session.id)  # for the note
        return session

    def _printable(self, item: RawItem) -> RawItem:
        """The item's texts without control characters, which no calendar or XML file can
        carry (a published description holding U+0006); the note counts the items."""
        fields = ("title", "subtitle", "abstract", "description")
        # line breaks as the model keeps them (CRLF and CR are LF), then what is left
        texts = {f: _fields.one_newline(getattr(item, f)) for f in fields if getattr(item, f)}
        if not any(_CONTROL.search(text) for text in texts.values()):
            return item
        self.controls.append(item.path)
        cleaned: dict[str, Any] = {f: _CONTROL.sub("", text) for f, text in texts.items()}
        return attrs.evolve(item, **cleaned)

    def _slug(self, session_id: str) -> str:
        """The slug eventplan's export gives the session: a published one equal to it is ours."""
        return f"{self.acronym}-{slug_part(session_id)}"

    def _absolute(self, url: str | None) -> str | None:
        """A link as an absolute URL: a relative one resolved against the schedule's base URL."""
        if url is None or http_url(url) or not self.raw.base_url:
            return url
        from urllib.parse import urljoin

        return urljoin(self.raw.base_url, url)

    def _room_id(self, name: str) -> str:
        room = self.rooms.get(name)
        if room is None:  # its name could not be read: the problem is noted where it is
            raise ValueError(f"in a room whose name could not be read: {name!r}")
        return room.id

    def _speakers(self, item: RawItem) -> list[str]:
        """Official ids for the item's persons: one official per GUID, else per name."""
        ids = []
        for person in item.persons:
            key = ("guid", person.guid.lower()) if person.guid else ("name", person.name)
            if key not in self.officials:
                official_id = unique(as_id(person.name, "person"), self._official_ids)
                try:
                    self.officials[key] = Official(
                        id=official_id,
                        name=person.name,
                        guid=person.guid if person.guid and _UUID.fullmatch(person.guid) else None,
                        number=person.number,
                        code=person.code,
                    )
                except ValueError as exc:
                    self.problems.append(Problem(person.path, str(exc)))
                    continue
            ids.append(self.officials[key].id)
        return ids

    def notes(self) -> list[Finding]:
        """What reading changed or left out, each said once with the first place it did."""
        raw = self.raw
        first_control = self.controls[0] if self.controls else ""
        first_off = self.off_zone[0] if self.off_zone else ""
        said = [
            (
                self.controls,
                "schedule-control-characters",
                Severity.INFO,
                f"{_plural(len(self.controls), 'item')} with control characters in their texts "
                f"(the first at {first_control}), which no calendar or XML file can "
                "carry: left out of the texts",
            ),
            (
                self.off_zone,
                "schedule-offset-not-zone",
                Severity.WARNING,
                f"{_plural(len(self.off_zone), 'time')} with a UTC offset that "
                f"{raw.time_zone_name} does not have then (the first at {first_off}): "
                "read as the instants written; check the schedule's time_zone_name",
            ),
            (
                raw.unscheduled,
                "schedule-unscheduled",
                Severity.INFO,
                f"{_plural(raw.unscheduled, 'contribution')} without a time in the source's "
                "timetable: left out",
            ),
            (
                raw.whole_event,
                "schedule-event-as-session",
                Severity.INFO,
                "the export lists no contributions (Indico's detail=events, the default): "
                "the event itself is read as one session; export with detail=contributions "
                "for its programme",
            ),
        ]
        return [
            Finding(code=code, severity=severity, message=message)
            for found, code, severity, message in said
            if found
        ]

    def kind_finding(self) -> list[Finding]:
        """One note: how many sessions became which kind, and why (the word, the mapping, or
        the default); its subjects are the sessions read by default."""
        if not self.readings:
            return []
        by_kind: dict[SessionKind, list[tuple[str, KindReading, list[str]]]] = defaultdict(list)
        for (text, reading), ids in self.readings.items():
            by_kind[reading.kind].append((text, reading, ids))
        parts = []
        for kind, readings in sorted(by_kind.items(), key=lambda pair: pair[0].value):
            total = sum(len(ids) for _, _, ids in readings)
            why = "; ".join(
                f"{text!r} {len(ids)}: {reading.reason}"
                for text, reading, ids in sorted(readings, key=lambda r: (-len(r[2]), r[0]))
            )
            parts.append(f"{total} {kind.value} ({why})")
        defaulted = [i for (_, r), ids in self.readings.items() if r.by_default for i in ids]
        return [
            Finding(
                code="schedule-kinds",
                severity=Severity.INFO,
                message=(
                    "types read as session kinds: "
                    + ", ".join(parts)
                    + "; read_schedule(..., kinds={type: kind}) says otherwise"
                ),
                subjects=defaulted,
            )
        ]


def as_id(text: str, fallback: str) -> str:
    """An eventplan id made from published text: lower-case ASCII, accents dropped
    (``Đặng`` → ``dang``), one '-' for any run of anything else."""
    latin = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    ascii_text = latin.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_.]+", "-", ascii_text)
    slug = re.sub(r"[-_.]*-[-_.]*", "-", slug).strip("-_.")
    return slug if slug and _fields.ID_PATTERN.fullmatch(slug) else fallback


def unique(candidate: str, taken: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3``… when it is taken; marks the result taken."""
    chosen, n = candidate, 1
    while chosen in taken:
        n += 1
        chosen = f"{candidate}-{n}"
    taken.add(chosen)
    return chosen


def _session_id(item: RawItem, acronym: str | None) -> str:
    """The slug after ``<acronym>-`` (eventplan's own exports give the session id back);
    else the slug, pretalx code, frab id or GUID made into an id."""
    if item.slug and acronym and item.slug.lower().startswith(acronym.lower() + "-"):
        rest = item.slug[len(acronym) + 1 :]
        if _fields.ID_PATTERN.fullmatch(rest):
            return rest
        return as_id(rest, "session")
    for candidate in (item.slug, item.code, item.number, item.guid):
        if candidate is not None:
            # as the export's slug gives it back: frab id 0 is the session "item-0"
            return slug_part(as_id(str(candidate), "session"))
    return "session"


def _kept_guid(guid: str | None, seen: set[str]) -> str | None:
    """A published GUID, kept when it is a UUID not already taken (else one is derived)."""
    if guid is None or not _UUID.fullmatch(guid) or guid.lower() in seen:
        return None
    seen.add(guid.lower())
    return guid


def _rooms(
    raw: RawSchedule, event_id: str, problems: list[Problem], failed: set[str]
) -> dict[str, Room]:
    """Rooms by published name: the conference's list first, then any only the days name;
    a name that cannot be a room's is a problem, and goes into ``failed``."""
    first_use: dict[str, str] = {}
    for item in raw.items:
        first_use.setdefault(item.room, item.path)
    rooms: dict[str, Room] = {}
    taken: set[str] = set()
    guids: set[str] = set()
    published = {room.name: room for room in raw.rooms if room.name}
    names = [*published, *(item.room for item in raw.items)]
    for name in dict.fromkeys(names):
        if name == NO_ROOM or not name.strip():
            continue
        room = published.get(name)
        capacity = room.capacity if room is not None else None
        guid = _kept_guid(room.guid if room is not None else None, guids)
        slug = room.slug if room is not None and room.slug else name
        # no '.': the C3VOC schemas' room slugs have none, and the id is read back from one
        room_id = unique(as_id(slug, "room").replace(".", "-"), taken)
        try:
            rooms[name] = Room(
                id=room_id,
                name=name,
                seat_counts=[
                    SeatCount(
                        layout=Layout.THEATRE, seats=capacity, assumption=_CAPACITY_ASSUMPTION
                    )
                ]
                if capacity is not None and capacity >= 0
                else [],
                # the GUID its export would derive, given now: a round trip keeps it as it is
                guid=guid or frab_guid(event_id, "room", room_id),
            )
        except ValueError as exc:  # a name with a control character: said where it is
            where = room.path if room is not None else first_use[name]
            problems.append(Problem(raw.at(where, "name") if room else where, str(exc)))
            failed.add(name)
    return rooms


def _zone(
    raw: RawSchedule, conference_at: str, problems: list[Problem], findings: list[Finding]
) -> str:
    """The schedule's IANA zone; failing that, one matching the offset its times carry."""
    if raw.time_zone_name:
        try:
            pendulum.timezone(raw.time_zone_name)
            return raw.time_zone_name
        except Exception:
            problems.append(
                Problem(
                    raw.at(conference_at, "time_zone_name"),
                    f"not an IANA time zone such as 'Europe/Berlin': {raw.time_zone_name!r}"
                    + (
                        f"; did you mean {', '.join(map(repr, close))}?"
                        if (close := localtime.close_zones(raw.time_zone_name))
                        else ""
                    ),
                )
            )
            return "UTC"
    offsets = {_offset(item.date) for item in raw.items} - {None}
    offsets_seen = bool(offsets)
    offset = offsets.pop() if len(offsets) == 1 else None
    hours = None if offset is None else offset.total_seconds() / 3600
    stated = offset is not None or not offsets_seen
    named = _city_zone(raw.city, offset, raw.items) if stated else None
    if named is not None:
        zone = named
        said = (
            f"the zone of {raw.city}, whose offset all its times carry"
            if offsets_seen
            else f"the zone of {raw.city}, the city it names (its times carry no offset)"
        )
    elif hours is not None and hours.is_integer():
        zone = "UTC" if hours == 0 else f"Etc/GMT{-int(hours):+d}"
        said = f"the offset all its times carry (UTC{int(hours):+d}:00)"
    elif not offsets_seen:
        zone, said = "UTC", "as its times carry no offset: name the zone to place them"
    else:
        zone, said = "UTC", "as its times carry no single whole-hour offset"
    findings.append(
        Finding(
            code="schedule-time-zone-inferred",
            severity=Severity.INFO,
            message=f"the schedule names no time zone; read in {zone}, {said}",
        )
    )
    return zone


def _city_zone(
    city: str | None, offset: dt.timedelta | None, items: Iterable[RawItem]
) -> str | None:
    """The IANA zone named after the schedule's city (``Brussels``: ``Europe/Brussels``)
    when every stated time has that zone's offset at its instant (or no time states one);
    else ``None``."""
    if not city:
        return None
    import zoneinfo

    wanted = city.strip().replace(" ", "_").lower()
    written = (_written_datetime(i.date.strip()) for i in items if i.date)
    stated = [t for t in written if t is not None and t.tzinfo is not None]
    for name in sorted(zoneinfo.available_timezones()):
        if (
            "/" in name
            and name.rsplit("/", 1)[1].lower() == wanted
            and not name.startswith(("Etc/", "posix/", "right/"))
        ):
            zone = pendulum.timezone(name)
            if all(localtime.local(t, zone).utcoffset() == offset for t in stated):
                return name
    return None


def _offset(text: str | None) -> dt.timedelta | None:
    """The UTC offset a date-time states, or ``None`` when it states none."""
    if not text or not _STATED_OFFSET.search(text.strip()):
        return None
    parsed = _written_datetime(text.strip())
    return parsed.utcoffset() if parsed is not None else None


def _start(
    raw: RawSchedule,
    item: RawItem,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
    problems: list[Problem],
) -> pendulum.DateTime | None:
    """When the item starts: its ``date`` (with offset, or local to the zone), else day + ``start``."""
    if item.date:
        text = item.date.strip()
        parsed = _written_datetime(text)
        if parsed is not None and "T" in text:
            return _placed(raw, parsed, zone, raw.at(item.path, "date"), problems)
        problems.append(
            Problem(
                raw.at(item.path, "date"),
                f"expected a date-time such as 2024-12-27T10:30:00+01:00, got {item.date!r}",
            )
        )
        return None
    clock = _CLOCK.fullmatch((item.start or "").strip())
    day = _date(raw, item.day_date, zone, raw.at(item.path, "date"), problems)
    if clock is None or day is None:
        problems.append(Problem(raw.at(item.path, "date"), "required, but missing"))
        return None
    wall = dt.datetime(day.year, day.month, day.day, int(clock.group(1)), int(clock.group(2)))
    begins = _written_datetime((item.day_start or "").strip())
    if begins is not None and "T" in (item.day_start or ""):
        local = localtime.local(begins, zone) if begins.tzinfo else begins
        if wall.time() < local.time() and local.date() == day:
            wall += dt.timedelta(days=1)  # past midnight: the day's programme runs on
    return _placed(raw, wall, zone, raw.at(item.path, "start"), problems)


def _written_datetime(text: str) -> dt.datetime | None:
    """The date-time ``text`` writes, offset and all, before any zone is applied."""
    try:
        parsed = parse_iso8601(text)
    except (ValueError, TypeError, OverflowError, pendulum.parsing.exceptions.ParserError):
        return None
    return parsed if isinstance(parsed, dt.datetime) else None


def _placed(
    raw: RawSchedule,
    wall: dt.datetime,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
    at: str,
    problems: list[Problem],
) -> pendulum.DateTime | None:
    """``wall`` in the schedule's zone by the event file's rule (:mod:`eventplan.model.localtime`)
    for local times (a time the clocks skip or repeat is a problem); a time with an offset is
    the instant it writes."""
    try:
        # a schedule's stated offset is its instant, as conference apps read it; where it
        # disagrees with the zone the schedule names, the import's note says so
        return localtime.place(wall, zone, zone.name, check_offset=False)
    except localtime.PlacementError as error:
        problems.append(Problem(at, str(error)))
        return None


def _duration(raw: RawSchedule, item: RawItem, problems: list[Problem]) -> dt.timedelta | None:
    at = raw.at(item.path, "duration")
    if not item.duration:
        problems.append(Problem(at, "required, but missing"))
        return None
    found = _DURATION.fullmatch(item.duration.strip())
    if found is None:
        problems.append(Problem(at, f"expected hours:minutes such as 00:45, got {item.duration!r}"))
        return None
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    length = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if not length:
        problems.append(Problem(at, "a session must last longer than 00:00"))
        return None
    return length


def _date(
    raw: RawSchedule,
    text: str | None,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
    at: str,
    problems: list[Problem],
) -> dt.date | None:
    """A date, or the local date of a date-time (frab writes either)."""
    if not text:
        return None
    written = _written_datetime(text.strip())
    if written is not None:
        placed = _placed(raw, written, zone, at, problems)
        return None if placed is None else placed.date()
    try:
        parsed = pendulum.parse(text.strip(), exact=True)
    except (ValueError, OverflowError, pendulum.parsing.exceptions.ParserError):
        problems.append(Problem(at, f"expected a date such as 2024-12-27, got {text!r}"))
        return None
    if isinstance(parsed, dt.date) and not isinstance(parsed, dt.datetime):
        return parsed
    problems.append(Problem(at, f"expected a date such as 2024-12-27, got {text!r}"))
    return None


def _recording(item: RawItem) -> Recording | None:
    """Whether the speakers agreed to be recorded, when the schedule says."""
    if item.optout is None and item.licence is None:
        return None
    return Recording(optout=item.optout, licence=item.licence)  # an unsaid opt-out: not known


def _listing(
    item: RawItem,
    kept_guid: str | None,
    kind: SessionKind,
    *,
    ours: str,
    absolute: Callable[[str | None], str | None],
    conference_url: str | None = None,
) -> Listing:
    """Everything the schedule says of the item that the session's own fields do not hold;
    a slug eventplan writes itself (``ours``) is not the source's."""
    derived = frab_numbers([kept_guid]).get(kept_guid) if kept_guid else None
    return Listing(
        # a number or type eventplan's export wrote itself is not the source's
        # (and 0 is no frab id: both C3VOC schemas start at 1)
        number=item.number if item.number != derived and (item.number or 0) >= 1 else None,
        # pretalx's older exports give the submission code as the slug
        code=item.code or (item.slug if is_code(item.slug) else None),
        slug=item.slug if valid_slug(item.slug) and item.slug != ours else None,
        type=item.kind if item.kind != kind.value else None,
        read_as=kind if item.kind and item.kind != kind.value else None,
        guid=item.guid if item.guid is not None and item.guid != kept_guid else None,
        language=item.language,
        subtitle=item.subtitle,
        abstract=item.abstract,
        description=item.description,
        url=item.url if item.url != conference_url else None,  # the export's fallback
        feedback_url=item.feedback_url,
        origin_url=item.origin_url,
        logo=absolute(item.logo),
        # in the ASCII form a URI takes, which the export writes: a round trip keeps it
        links=[
            Link(url=ascii_url(absolute(x.url) or x.url), title=x.title, type=x.type)
            for x in item.links
        ],
        attachments=[
            Link(url=ascii_url(absolute(x.url) or x.url), title=x.title, type=x.type)
            for x in item.attachments
        ],
    )


def _description(item: RawItem) -> str | None:
    """The abstract and the description, once each (eventplan writes the same text to both)."""
    return merged_description(item.abstract, item.description)


def _unique(problems: Iterable[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
