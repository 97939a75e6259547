"""Calendar export speed, side by side with what it is measured against.

Run: python -m pytest -o addopts="" tests/benchmarks/test_calendar_benchmarks.py
Targets (issue 3): the whole-programme export of 10,000 sessions takes at most
1.25× the time ics 0.7 takes to serialise 10,000 bare events; the calendars of
all 1,000 delegations of a 2,000-session event take at most 3× one
whole-programme export. Issue 9: the whole-programme export of 2,000 sessions
takes at most 2× a plain f-string writer that produces the same bytes (group
"floor-2k"). Compare the means within each group.

What eventplan derives from an event is kept beside it (``eventplan.model.kept``), so a
second export of the same object is cheaper; every round here exports a fresh copy
(:func:`cold`), as a first export is.
"""

from __future__ import annotations

import datetime as dt
import time
import warnings

import attrs
import ics
import pytest

from eventplan import Audience, to_ics
from eventplan.calendars import AudienceKind, CalendarWriter
from eventplan.calendars.writer import audience_words as _audience_words
from eventplan.calendars.writer import session_uid
from eventplan.testing import synthetic_event

STAMP = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)
ROUNDS = 5


def cold(event):
    """An equal event that is another object: nothing derived from it is kept yet."""
    return attrs.evolve(event)


def each_cold(benchmark, function, event, *args, **kwargs):
    """``function(event, ...)`` timed over rounds, each on a fresh copy of ``event``."""
    return benchmark.pedantic(
        function, setup=lambda: ((cold(event), *args), kwargs), rounds=ROUNDS, iterations=1
    )


@pytest.fixture(scope="module")
def ten_thousand():
    return synthetic_event(sessions=10_000, rooms=500, delegations=5_000, seed=1)


@pytest.fixture(scope="module")
def two_thousand():
    return synthetic_event(sessions=2_000, rooms=100, delegations=1_000, seed=2)


def ics_bare_events(event) -> str:
    """What ics 0.7 alone does for the same sessions: bare events (name, times, UID), serialised."""
    calendar = ics.Calendar()
    for session in event.sessions:
        calendar.events.add(
            ics.Event(
                name=session.title,
                begin=session.start,
                end=session.end,
                uid=session_uid(event, session),
            )
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calendar.serialize()


@pytest.mark.benchmark(group="programme-10k")
def test_ics_serialises_10k_bare_events(benchmark, ten_thousand):
    text = benchmark(ics_bare_events, ten_thousand)
    assert text.count("BEGIN:VEVENT") == 10_000


@pytest.mark.benchmark(group="programme-10k")
def test_eventplan_exports_10k_session_programme(benchmark, ten_thousand):
    text = each_cold(benchmark, to_ics, ten_thousand, stamp=STAMP)
    assert text.count("BEGIN:VEVENT") == 10_000


@pytest.mark.benchmark(group="delegations-1k")
def test_one_programme_export_of_2k_sessions(benchmark, two_thousand):
    text = each_cold(benchmark, to_ics, two_thousand, stamp=STAMP)
    assert text.count("BEGIN:VEVENT") == 2_000


def all_delegation_calendars(event) -> list[str]:
    writer = CalendarWriter(event, stamp=STAMP)
    return [
        writer.text(Audience(AudienceKind.DELEGATION, delegation.id))
        for delegation in event.turnout("planned").delegations
    ]


@pytest.mark.benchmark(group="delegations-1k")
def test_all_1k_delegation_calendars_of_2k_sessions(benchmark, two_thousand):
    calendars = each_cold(benchmark, all_delegation_calendars, two_thousand)
    assert len(calendars) == 1_000


# --- the floor: the same bytes from one f-string per session --------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _fold(line: str) -> str:
    """RFC 5545 folding at 75 octets, cut back to a UTF-8 character boundary."""
    data = line.encode()
    if len(data) <= 75:
        return line
    pieces, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        pieces.append(data[start:cut].decode())
        start, limit = cut, 74
    pieces.append(data[start:].decode())
    return "\r\n ".join(pieces)


def f_string_calendar(event, stamp: dt.datetime) -> str:
    """The whole-programme calendar of ``event`` written as plainly as it can be: no classes,
    no caching, no comparison with a previous revision. The least any writer has to do."""
    utc = dt.UTC
    names = {o.id: o.name for o in event.officials}
    committees = {c.id: c.name for c in event.organisation.subcommittees}
    places = {r.id: (r.name, v) for v in event.venues for r in v.rooms}
    out = [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "PRODID:-//eventplan//eventplan calendar export//EN\r\nCALSCALE:GREGORIAN\r\n"
        + _fold(f"X-WR-CALNAME:{event.short_name or event.name} — programme".translate(_ESCAPES))
        + f"\r\nX-WR-TIMEZONE:{event.timezone}\r\n"
    ]
    stamp_text = f"{stamp.astimezone(utc):%Y%m%dT%H%M%S}Z"

    def in_utc(moment: dt.datetime) -> str:  # the fastest way there is, as the export's
        return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(moment.timestamp()))

    for s in sorted(event.sessions, key=lambda s: (s.start, s.end, s.id)):
        room, venue = places[s.room]
        notes = [s.description] if s.description else []
        if s.chairs:
            notes.append(f"Chairs: {', '.join(names.get(i, i) for i in s.chairs)}")
        if s.speakers:
            notes.append(f"Speakers: {', '.join(names.get(i, i) for i in s.speakers)}")
        if s.languages:
            notes.append(f"Languages: {', '.join(s.languages)}")
        if s.audience:
            notes.append(f"Audience: {'; '.join(_audience_words(r) for r in s.audience)}")
        if s.subcommittee:
            notes.append(f"Organised by: {committees.get(s.subcommittee, s.subcommittee)}")
        description = "\n".join(notes).translate(_ESCAPES)
        location = f"{room}, {venue.name}".translate(_ESCAPES)
        out.append(
            f"BEGIN:VEVENT\r\n{_fold(f'UID:{session_uid(event, s)}')}\r\n"
            f"DTSTAMP:{stamp_text}\r\nSEQUENCE:0\r\n"
            f"DTSTART:{in_utc(s.start)}\r\n"
            f"DTEND:{in_utc(s.end)}\r\n"
            f"{_fold(f'SUMMARY:{s.title.translate(_ESCAPES)}')}\r\n"
            f"{_fold(f'LOCATION:{location}')}\r\n"
            f"CATEGORIES:{s.kind.replace('_', ' ').translate(_ESCAPES)}\r\n"
            f"STATUS:{s.status.value.upper()}\r\n"
            f"{_fold(f'DESCRIPTION:{description}')}\r\nEND:VEVENT\r\n"
        )
    out.append("END:VCALENDAR\r\n")
    return "".join(out)


def test_the_floor_writes_the_same_bytes(two_thousand):
    assert f_string_calendar(two_thousand, STAMP) == to_ics(two_thousand, stamp=STAMP)


@pytest.mark.benchmark(group="floor-2k")
def test_floor_f_string_writer_2k_sessions(benchmark, two_thousand):
    text = benchmark(f_string_calendar, two_thousand, STAMP)
    assert text.count("BEGIN:VEVENT") == 2_000


@pytest.mark.benchmark(group="floor-2k")
def test_to_ics_2k_sessions_against_the_floor(benchmark, two_thousand):
    text = each_cold(benchmark, to_ics, two_thousand, stamp=STAMP)
    assert text.count("BEGIN:VEVENT") == 2_000
