"""Hostile text — line breaks, commas, semicolons, backslashes, emoji, Vietnamese, 500
characters — round-trips exactly through every parser and never adds a property or component."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from builders import make_event, make_session
from calendar_readers import (
    json_records,
    read_with_icalendar,
    read_with_icaljs,
    read_with_ics,
    read_with_libical,
    require_icaljs,
    require_libical,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from eventplan import Event, to_ics
from eventplan.calendars import to_calendar
from eventplan.calendars._ical import parse
from eventplan.model import Organiser

STAMP = dt.datetime(2025, 10, 20, tzinfo=dt.UTC)
NASTY = [
    "\r",
    "\n",
    "\r\n",
    ",",
    ";",
    "\\",
    ":",
    '"',
    "\\n",
    "\\,",
    "🎉",
    "👩🏽‍⚖️",
    "Hội nghị ",
    "ạ",
    "Đ",
    "END:VEVENT",
    "BEGIN:VALARM",
    " ",
]
EXPECTED_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "GEO",
    "CATEGORIES",
    "STATUS",
    "DESCRIPTION",
}


def hostile(min_size: int = 0) -> st.SearchStrategy[str]:
    pieces = st.lists(
        st.sampled_from(NASTY)
        | st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=8),
        max_size=30,
    )
    long_runs = st.text(st.sampled_from("ạ🎉,;\\\n a"), min_size=450, max_size=500)
    return (pieces.map("".join) | long_runs).filter(lambda s: len(s.strip()) >= max(min_size, 1))


def hostile_event(title: str, room: str, description: str) -> Event:
    base = make_event()
    venue = base.venues[0]
    rooms = (attrs.evolve(venue.rooms[0], name=room), *venue.rooms[1:])
    venue = attrs.evolve(
        venue, name=room + " venue", rooms=rooms, latitude=48.2066, longitude=16.3655
    )
    return attrs.evolve(
        base, venues=(venue,), sessions=(make_session(title=title, description=description),)
    )


def written(text: str) -> str:
    """What a calendar carries of a text: no spaces or tabs at either end (libical drops them)."""
    return text.strip(" \t")


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=150, deadline=None)
@given(title=hostile(), room=hostile(), description=hostile())
def test_hostile_text_round_trips_through_ics_and_icalendar(title, room, description):
    event = hostile_event(title, room, description)
    text = to_ics(event, stamp=STAMP)
    session = event.sessions[0]
    assert session.title == normalised(title)  # the model keeps line breaks as LF only
    from_calendar = to_calendar(event, stamp=STAMP)
    for records in (read_with_icalendar(text), read_with_ics(from_calendar)):
        (record,) = records.values()
        assert record.summary == written(session.title)
        assert record.location == written(
            f"{event.venues[0].rooms[0].name}, {event.venues[0].name}"
        )
        assert record.description.startswith(session.description.lstrip(" \t") + "\n")
    calendar = parse(text)
    assert [c.name for c in calendar.children] == ["VEVENT"]
    (vevent,) = calendar.children
    assert vevent.children == ()
    assert {line.split(":", 1)[0].split(";", 1)[0] for line in vevent.lines} == EXPECTED_PROPERTIES


@settings(max_examples=40, deadline=None)
@given(title=hostile(), room=hostile(), description=hostile())
def test_hostile_text_round_trips_through_icaljs(title, room, description, tmp_path_factory):
    require_icaljs()
    event = hostile_event(title, room, description)
    path: Path = tmp_path_factory.mktemp("ics") / "hostile.ics"
    path.write_text(to_ics(event, stamp=STAMP), encoding="utf-8", newline="")
    (calendar,) = read_with_icaljs(path)
    (record,) = json_records(calendar).values()
    assert record.summary == written(event.sessions[0].title)
    assert record.location == written(f"{event.venues[0].rooms[0].name}, {event.venues[0].name}")
    assert calendar["components"] == ["vevent"]
    assert {p.upper() for p in calendar["events"][0]["properties"]} == EXPECTED_PROPERTIES


@settings(max_examples=15, deadline=None)
@given(
    title=hostile(),
    room=hostile(),
    description=hostile(),
    organiser=hostile().filter(lambda s: '"' not in s and "\n" not in normalised(s)),
)
def test_hostile_text_round_trips_through_libical_and_passes_its_validation(
    title, room, description, organiser, tmp_path_factory
):
    require_libical()
    event = attrs.evolve(
        hostile_event(title, room, description),
        organiser=Organiser(name=organiser, email="protocol@example.org"),
    )
    path: Path = tmp_path_factory.mktemp("ics") / "hostile.ics"
    path.write_text(to_ics(event, stamp=STAMP), encoding="utf-8", newline="")
    (calendar,) = read_with_libical(path)
    assert (calendar["errors"], calendar["restrictions_hold"]) == ([], True)
    (record,) = json_records(calendar).values()
    session = event.sessions[0]
    assert (record.summary, record.location) == (
        written(session.title),
        written(f"{event.venues[0].rooms[0].name}, {event.venues[0].name}"),
    )
    assert record.description.startswith(session.description.lstrip(" \t") + "\n")


def test_to_calendar_mends_what_ics_misreads_in_escaped_backslashes():
    event = hostile_event("a\\nb", "room", "a \\, b")
    text = to_ics(event, stamp=STAMP)
    (raw,) = read_with_ics(text).values()
    assert raw.summary == "a\\\nb"  # ics 0.7 alone turns backslash-n into a line break
    (mended,) = read_with_ics(to_calendar(event, stamp=STAMP)).values()
    assert (mended.summary, mended.description.split("\n")[0]) == ("a\\nb", "a \\, b")
