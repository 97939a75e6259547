"""The programme for conference apps: frab/C3VOC ``schedule.json``, and a CSV.

Giggity, ConfClerk and EventFahrplan read ``schedule.json``; its format is
the C3VOC schema (https://c3voc.de/schedule/schema.json). GUIDs are UUIDv5
of the event's and the session's ids, so they stay stable across exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections import defaultdict
from typing import Any

import pendulum

from eventplan import _arguments
from eventplan.event import Event
from eventplan.programme import Session
from eventplan.venue import Room

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://eventplan.invalid/guid")
_SEATING_LAYOUTS = ("fixed", "theatre", "classroom", "banquet", "boardroom", "reception")


def guid(*parts: str) -> str:
    """A stable UUID for a thing of an event."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def to_frab(event: Event) -> dict[str, Any]:
    """The event's programme as a frab/C3VOC ``schedule.json`` document."""
    _arguments.event("to_frab", event)
    zone = event.zone
    sessions = sorted(event.sessions, key=lambda s: (s.start, s.end, s.id))
    days: dict[dt.date, list[Session]] = defaultdict(list)
    for session in sessions:
        days[session.start.in_timezone(zone).date()].append(session)
    dates = [
        event.start_date + dt.timedelta(days=n)
        for n in range((event.end_date - event.start_date).days + 1)
    ]
    dates = sorted(set(dates) | set(days))
    names = {o.id: o.name for o in event.officials}
    room_names = {r.id: r.name for r in event.rooms}
    numbers = {s.id: n for n, s in enumerate(sorted(event.sessions, key=lambda s: s.id), start=1)}

    def frab_event(session: Session) -> dict[str, Any]:
        start = session.start.in_timezone(zone)
        minutes = int(session.duration.total_seconds() // 60)
        people = list(dict.fromkeys([*session.chairs, *session.speakers]))
        return {
            "guid": guid(event.id, "session", session.id),
            "id": numbers[session.id],
            "date": start.isoformat(),
            "start": start.format("HH:mm"),
            "end": session.end.in_timezone(zone).isoformat(),
            "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
            "room": room_names.get(session.room or "", "(no room)"),
            "slug": _slug(f"{event.id}-{session.id}"),
            "url": f"{event.url.rstrip('/')}/#{session.id}"
            if event.url
            else f"urn:eventplan:{event.id}:{session.id}",
            "title": session.title + (" (cancelled)" if session.is_cancelled else ""),
            "subtitle": None,
            "track": session.series,
            "type": session.kind.value,
            "language": session.languages[0] if session.languages else None,
            "abstract": session.description,
            "description": session.description,
            "do_not_record": None,
            "persons": [{"name": names.get(p, p)} for p in people],
            "links": [],
        }

    frab_days = []
    for index, date in enumerate(dates, start=1):
        by_room: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for session in days.get(date, []):
            by_room[room_names.get(session.room or "", "(no room)")].append(frab_event(session))
        day_sessions = days.get(date, [])
        start = min((s.start for s in day_sessions), default=None)
        end = max((s.end for s in day_sessions), default=None)
        frab_days.append(
            {
                "index": index,
                "date": date.isoformat(),
                "day_start": (start or _midnight(date, event)).in_timezone(zone).isoformat(),
                "day_end": (end or _midnight(date, event).add(days=1))
                .in_timezone(zone)
                .isoformat(),
                "rooms": dict(by_room),
            }
        )
    slots = [int(s.duration.total_seconds() // 60) for s in sessions] or [15]
    step = min(15, *slots)
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "eventplan"},
        "schedule": {
            "version": f"{event.id}",
            "conference": {
                "acronym": _acronym(event.id),
                "title": event.name,
                "start": event.start_date.isoformat(),
                "end": event.end_date.isoformat(),
                "daysCount": len(dates),
                "timeslot_duration": f"00:{step:02d}",
                "time_zone_name": event.timezone,
                **({"url": event.url} if event.url else {}),
                "rooms": [
                    {
                        "name": room.name,
                        "slug": _slug(room.id),
                        "guid": guid(event.id, "room", room.id),
                        "capacity": _capacity(room),
                    }
                    for room in event.rooms
                ],
                "days": frab_days,
            },
        },
    }


def to_csv(event: Event) -> str:
    """The programme as CSV, one row per session in time order, times in the event's zone."""
    _arguments.event("to_csv", event)
    zone = event.zone
    rooms = {r.id: r.name for r in event.rooms}
    names = {o.id: o.name for o in event.officials}
    committees = {c.id: c.name for c in event.organisation.subcommittees}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            "date",
            "start",
            "end",
            "timezone",
            "kind",
            "status",
            "title",
            "room",
            "series",
            "subcommittee",
            "chairs",
            "languages",
        ]
    )
    for session in sorted(event.sessions, key=lambda s: (s.start, s.end, s.id)):
        start, end = session.start.in_timezone(zone), session.end.in_timezone(zone)
        writer.writerow(
            [
                session.id,
                start.date().isoformat(),
                start.format("HH:mm"),
                end.format("HH:mm")
                if end.date() == start.date()
                else end.format("YYYY-MM-DD HH:mm"),
                event.timezone,
                session.kind.value,
                session.status.value,
                session.title,
                rooms.get(session.room or "", ""),
                session.series or "",
                committees.get(session.subcommittee or "", session.subcommittee or ""),
                "; ".join(names.get(c, c) for c in session.chairs),
                " ".join(session.languages),
            ]
        )
    return out.getvalue()


def _capacity(room: Room) -> int | None:
    """The most cautious published seat count, in the first layout the room has."""
    for layout in _SEATING_LAYOUTS:
        seats = [s.seats for s in room.seat_counts if s.layout.value == layout]
        if seats:
            return min(seats)
    return None


def _midnight(date: dt.date, event: Event) -> pendulum.DateTime:
    return pendulum.datetime(date.year, date.month, date.day, tz=event.timezone)


def _slug(text: str) -> str:
    slug = "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower()).strip("-_")
    return slug or "x"


def _acronym(event_id: str) -> str:
    """frab's acronym: lower-case letters, digits and '_' (the schema forbids '-' and '.')."""
    acronym = "".join(c if c.isalnum() and c.isascii() else "_" for c in event_id.lower())
    return acronym if len(acronym) >= 4 else acronym.ljust(4, "_")
