"""Four independent iCalendar parsers — ics, icalendar, ical.js (Thunderbird's) and libical
(Evolution's and KDE's) — each reduced to the same plain records, so tests can compare
them with the model."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import attrs
import icalendar
import ics
import pytest

from eventplan import Audience, Event
from eventplan.calendars.writer import ics_calendar, session_uid
from eventplan.demand.audiences import sessions_for

JS = Path(__file__).parent / "js"
LIBICAL = Path(__file__).parent / "libical" / "read_ics.py"
#: libical's Python bindings are Debian's (python3-gi, gir1.2-ical-3.0), so the system Python.
LIBICAL_PYTHON = os.environ.get("EVENTPLAN_LIBICAL_PYTHON", "/usr/bin/python3")


@attrs.frozen
class Record:
    uid: str
    summary: str
    location: str | None
    description: str | None
    start: int  # seconds since the epoch: the instant, whatever the zone
    end: int
    status: str
    sequence: int
    categories: tuple[str, ...]
    geo: tuple[float, float] | None


def expected(
    event: Event, audience: Audience | str = "programme", sequence: int = 0
) -> dict[str, Record]:
    """What a calendar must say of each session, straight from the model."""
    chosen = audience if isinstance(audience, Audience) else Audience.parse(audience)
    records = {}
    for session in sessions_for(event, audience=chosen):
        venue = event.venue_of(session.room) if session.room else None
        records[session_uid(event, session)] = Record(
            uid=session_uid(event, session),
            summary=session.title,
            location=f"{event.room(session.room).name}, {venue.name}"
            if venue and session.room
            else None,
            description=None,  # compared across parsers below
            start=int(session.start.timestamp()),
            end=int(session.end.timestamp()),
            status=session.status.value.upper(),
            sequence=sequence,
            categories=(session.kind.replace("_", " "),),
            geo=(venue.latitude, venue.longitude) if venue and venue.latitude is not None else None,
        )
    return records


def without_description(records: dict[str, Record]) -> dict[str, Record]:
    return {uid: attrs.evolve(record, description=None) for uid, record in records.items()}


def _epoch(value: dt.datetime) -> int:
    return int(value.timestamp())


def read_with_ics(source: str | ics.Calendar) -> dict[str, Record]:
    """Records of a calendar as ics reads it: give text, or the ``ics.Calendar`` of ``to_calendar``."""
    if isinstance(source, str):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = ics_calendar(source)
    calendar = source
    records = {}
    for event in calendar.events:
        sequence = next((int(line.value) for line in event.extra if line.name == "SEQUENCE"), 0)
        geo = (event.geo.latitude, event.geo.longitude) if event.geo else None
        records[event.uid] = Record(
            event.uid,
            event.name,
            event.location,
            event.description,
            _epoch(event.begin.datetime),
            _epoch(event.end.datetime),
            event.status,
            sequence,
            tuple(sorted(event.categories)),
            geo,
        )
    return records


def read_with_icalendar(text: str) -> dict[str, Record]:
    calendar = icalendar.Calendar.from_ical(text)
    records = {}
    for event in calendar.walk("VEVENT"):
        geo = event.get("GEO")
        categories = event.get("CATEGORIES")
        records[str(event["UID"])] = Record(
            str(event["UID"]),
            str(event["SUMMARY"]),
            str(event["LOCATION"]) if "LOCATION" in event else None,
            str(event["DESCRIPTION"]) if "DESCRIPTION" in event else None,
            _epoch(event["DTSTART"].dt),
            _epoch(event["DTEND"].dt),
            str(event["STATUS"]),
            int(event.get("SEQUENCE", 0)),
            tuple(sorted(str(c) for c in categories.cats)) if categories else (),
            (geo.latitude, geo.longitude) if geo else None,
        )
    return records


def icaljs_available() -> bool:
    return shutil.which("node") is not None and (JS / "node_modules" / "ical.js").is_dir()


def require_icaljs() -> None:
    """Skip where ical.js is not installed (``npm ci --prefix tests/js``); CI requires it."""
    if icaljs_available():
        return
    message = "ical.js is not installed: run `npm ci --prefix tests/js`"
    if os.environ.get("EVENTPLAN_REQUIRE_ICALJS"):
        pytest.fail(message)
    pytest.skip(message)


def read_with_icaljs(*paths: Path) -> list[dict[str, Any]]:
    """What ical.js makes of each file (see tests/js/read_ics.mjs)."""
    result = subprocess.run(
        ["node", str(JS / "read_ics.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=JS,
    )
    return json.loads(result.stdout)


def json_records(calendar: dict[str, Any]) -> dict[str, Record]:
    """Records of one calendar as read_ics.mjs (ical.js) or read_ics.py (libical) print it."""
    return {
        e["uid"]: Record(
            e["uid"],
            e["summary"],
            e["location"],
            e["description"],
            e["start"],
            e["end"],
            e["status"],
            e["sequence"],
            tuple(sorted(e["categories"])),
            tuple(e["geo"]) if e["geo"] else None,
        )
        for e in calendar["events"]
    }


def libical_available() -> bool:
    probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    if shutil.which(LIBICAL_PYTHON) is None:
        return False
    return subprocess.run([LIBICAL_PYTHON, "-c", probe], capture_output=True).returncode == 0


def require_libical() -> None:
    """Skip where libical's bindings are missing; CI (EVENTPLAN_REQUIRE_LIBICAL=1) requires them."""
    if libical_available():
        return
    message = (
        f"libical is not installed for {LIBICAL_PYTHON}: apt-get install python3-gi gir1.2-ical-3.0"
    )
    if os.environ.get("EVENTPLAN_REQUIRE_LIBICAL"):
        pytest.fail(message)
    pytest.skip(message)


def read_with_libical(*paths: Path) -> list[dict[str, Any]]:
    """What libical makes of each file, with its errors (see tests/libical/read_ics.py)."""
    result = subprocess.run(
        [LIBICAL_PYTHON, str(LIBICAL), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)
