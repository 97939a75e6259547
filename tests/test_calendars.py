"""Calendars that every client reads the same: ics, icalendar and ical.js agree with the model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import icalendar
import pendulum
import pytest
from builders import at, make_event, make_session
from calendar_readers import (
    expected,
    json_records,
    read_with_icalendar,
    read_with_icaljs,
    read_with_ics,
    read_with_libical,
    require_icaljs,
    require_libical,
    without_description,
)

import eventplan
from eventplan import (
    Audience,
    Delegation,
    Event,
    PartyKind,
    Session,
    SessionKind,
    Turnout,
    Venue,
    to_ics,
    write_calendars,
)
from eventplan.calendars import CalendarWriter, _ical, to_calendar, write_ics
from eventplan.calendars.writer import session_uid
from eventplan.demand.audiences import every_audience, sessions_for
from eventplan.errors import ForeignFileError
from eventplan.model import Organiser, SessionStatus
from eventplan.testing import synthetic_event

STAMP = dt.datetime(2025, 10, 20, 8, 0, tzinfo=dt.UTC)
HANOI = eventplan.reference_event()


def vienna_dst_event() -> Event:
    """Sessions across the end of summer time in Vienna, 26 Oct 2025 (02:00–03:00 happens twice)."""
    first_0230 = pendulum.datetime(2025, 10, 26, 0, 30, tz="UTC").in_timezone("Europe/Vienna")
    second_0130 = pendulum.datetime(2025, 10, 26, 0, 30, tz="UTC").in_timezone("Europe/Vienna")
    return make_event(
        sessions=(
            make_session("before", start=at(25, 23), end=first_0230),
            make_session("across", start=first_0230, end=at(26, 4), room="hall-b"),
            make_session("night", start=second_0130.add(hours=1), end=at(26, 3, 30)),
        )
    )


SYNTHETIC = synthetic_event(sessions=60, rooms=4, delegations=20, seed=4)
CALENDARS = [
    *((HANOI, str(audience)) for audience in every_audience(HANOI)),
    (vienna_dst_event(), "programme"),
    (SYNTHETIC, "programme"),
    (SYNTHETIC, f"delegation:{SYNTHETIC.turnout('planned').delegations[0].id}"),
]
IDS = [
    *(f"hanoi-{audience.file_stem}" for audience in every_audience(HANOI)),
    "vienna-dst",
    "synthetic",
    "synthetic-delegation",
]


@pytest.mark.parametrize(("event", "audience"), CALENDARS, ids=IDS)
def test_ics_and_icalendar_read_every_event_as_the_model_says(event, audience):
    text = to_ics(event, audience=audience, stamp=STAMP)
    want = expected(event, audience)
    from_ics, from_icalendar = read_with_ics(text), read_with_icalendar(text)
    assert without_description(from_ics) == want
    assert without_description(from_icalendar) == want
    assert {u: r.description for u, r in from_ics.items()} == {
        u: r.description for u, r in from_icalendar.items()
    }


def calendar_files(folder: Path) -> list[Path]:
    paths = []
    for index, (event, audience) in enumerate(CALENDARS):
        path = folder / f"{index}.ics"
        path.write_text(to_ics(event, audience=audience, stamp=STAMP), encoding="utf-8", newline="")
        paths.append(path)
    return paths


def test_libical_reads_every_event_as_the_model_says_and_finds_no_error(tmp_path: Path):
    require_libical()
    paths = calendar_files(tmp_path)
    for path, calendar, (event, audience) in zip(
        paths, read_with_libical(*paths), CALENDARS, strict=True
    ):
        assert (calendar["errors"], calendar["restrictions_hold"]) == ([], True), path.name
        from_libical = json_records(calendar)
        assert without_description(from_libical) == expected(event, audience)
        assert from_libical == read_with_icalendar(path.read_text(encoding="utf-8"))


def test_icaljs_reads_every_event_as_the_model_says(tmp_path: Path):
    require_icaljs()
    paths = calendar_files(tmp_path)
    for path, calendar, (event, audience) in zip(
        paths, read_with_icaljs(*paths), CALENDARS, strict=True
    ):
        from_icaljs = json_records(calendar)
        assert without_description(from_icaljs) == expected(event, audience)
        from_icalendar = read_with_icalendar(path.read_text(encoding="utf-8"))
        assert from_icaljs == from_icalendar  # descriptions included
        assert (calendar["method"], calendar["timezone"]) == (
            None,
            event.timezone,
        )  # no organiser, no METHOD


def test_vienna_sessions_keep_their_instants_across_the_dst_change():
    text = to_ics(vienna_dst_event(), stamp=STAMP)
    across = read_with_icalendar(text)[
        session_uid(vienna_dst_event(), vienna_dst_event().session("across"))
    ]
    assert dt.datetime.fromtimestamp(across.start, dt.UTC) == dt.datetime(
        2025, 10, 26, 0, 30, tzinfo=dt.UTC
    )
    assert "DTSTART:20251026T003000Z\r\n" in text
    assert "DTSTART:20251026T013000Z\r\n" in text  # 02:30 again, now in winter time


def test_calendar_text_is_crlf_folded_and_ends_with_crlf():
    text = to_ics(HANOI, stamp=STAMP, alarms=[dt.timedelta(minutes=15)])
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert "\n" not in "".join(lines) and "\r" not in "".join(lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # long descriptions were folded


def test_calendar_header_names_the_audience_and_zone():
    text = to_ics(HANOI, audience="subcommittee:protocol", stamp=STAMP)
    head = text.split("BEGIN:VEVENT")[0].split("\r\n")
    assert head[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//eventplan//eventplan calendar export//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Hanoi Convention signing ceremony — Protocol Sub-committee",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]


def test_same_event_and_stamp_give_the_same_bytes():
    assert to_ics(HANOI, stamp=STAMP) == to_ics(
        eventplan.load_event(eventplan.files.reference_file()), stamp=STAMP
    )


def test_uids_come_from_ids_not_order():
    reordered = attrs.evolve(HANOI, sessions=tuple(reversed(HANOI.sessions)))
    assert set(read_with_icalendar(to_ics(reordered, stamp=STAMP))) == set(
        read_with_icalendar(to_ics(HANOI, stamp=STAMP))
    )
    assert session_uid(HANOI, HANOI.session("opening")) == "opening.hanoi-convention-2025@eventplan"


def test_to_calendar_gives_an_ics_calendar_of_the_same_events():
    calendar = to_calendar(HANOI, stamp=STAMP)
    assert {e.uid for e in calendar.events} == set(expected(HANOI))


def test_cancelled_session_stays_in_the_calendar_as_cancelled():
    event = make_event(sessions=(make_session(status=SessionStatus.CANCELLED),))
    (record,) = read_with_icalendar(to_ics(event, stamp=STAMP)).values()
    assert record.status == "CANCELLED"


def test_alarms_become_valarms():
    text = to_ics(
        make_event(), stamp=STAMP, alarms=[dt.timedelta(minutes=15), dt.timedelta(hours=1)]
    )
    assert text.count("BEGIN:VALARM") == 2
    assert "TRIGGER:-PT15M\r\n" in text and "TRIGGER:-PT1H\r\n" in text


# --- updates in place -------------------------------------------------------------------------


def revision(event: Event, **sessions: Session) -> Event:
    return attrs.evolve(event, sessions=tuple(sessions.get(s.id, s) for s in event.sessions))


def test_moving_and_cancelling_bumps_sequence_for_exactly_those_sessions(tmp_path: Path):
    path = tmp_path / "programme.ics"
    first = write_ics(HANOI, path=path, stamp=STAMP)
    assert (len(first.new), first.changed) == (len(HANOI.sessions), ())
    gala, closing = HANOI.session("state-banquet"), HANOI.session("closing")
    moved = revision(
        HANOI,
        **{
            "state-banquet": attrs.evolve(
                gala, start=gala.start.add(minutes=30), end=gala.end.add(minutes=30)
            )
        },
        closing=attrs.evolve(closing, status=SessionStatus.CANCELLED),
    )
    second = write_ics(moved, path=path, stamp=STAMP)
    after_second = read_with_icalendar(path.read_text(encoding="utf-8"))
    uid = {s.id: session_uid(HANOI, s) for s in HANOI.sessions}
    assert set(after_second) == set(uid.values())
    assert sorted(second.changed) == sorted([uid["state-banquet"], uid["closing"]])
    assert {u: r.sequence for u, r in after_second.items() if r.sequence} == {
        uid["state-banquet"]: 1,
        uid["closing"]: 1,
    }
    assert after_second[uid["closing"]].status == "CANCELLED"

    retitled = revision(
        moved,
        **{"state-banquet": attrs.evolve(moved.session("state-banquet"), title="State banquet")},
    )
    third = write_ics(retitled, path=path, stamp=STAMP)
    after_third = read_with_icalendar(path.read_text(encoding="utf-8"))
    assert third.changed == (uid["state-banquet"],)
    assert after_third[uid["state-banquet"]].sequence == 2
    assert after_third[uid["state-banquet"]].summary == "State banquet"
    assert after_third[uid["closing"]].sequence == 1
    assert after_third[uid["opening"]].sequence == 0


def test_unchanged_reexport_leaves_the_file_untouched(tmp_path: Path):
    # with no METHOD, DTSTAMP is when a component was last revised (RFC 5545 §3.8.7.2): an
    # unchanged one keeps the previous file's, so a rerun gives the same bytes and writes nothing
    path = tmp_path / "programme.ics"
    write_ics(HANOI, path=path, stamp=STAMP)
    before, status = path.read_bytes(), path.stat()
    again = write_ics(HANOI, path=path, stamp=STAMP + dt.timedelta(days=1))
    assert (again.new, again.changed, again.withdrawn) == ((), (), ())
    assert path.read_bytes() == before
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (status.st_ino, status.st_mtime_ns)


def test_a_rerun_restamps_only_what_changed(tmp_path: Path):
    audiences = every_audience(HANOI)
    write_calendars(HANOI, directory=tmp_path, audiences=audiences, stamp=STAMP)
    status = {p.name: (p.stat().st_ino, p.read_bytes()) for p in tmp_path.iterdir()}
    opening = attrs.evolve(HANOI.sessions[0], title="Opening, retitled")
    changed = attrs.evolve(HANOI, sessions=(opening, *HANOI.sessions[1:]))
    later = STAMP + dt.timedelta(days=1)
    written = write_calendars(changed, directory=tmp_path, audiences=audiences, stamp=later)
    touched = {p.path.name for p in written if p.changed}
    assert touched and touched == {
        f"{a.file_stem}.ics"
        for a in audiences
        if any(s.id == opening.id for s in sessions_for(HANOI, audience=a))
    }
    for path in tmp_path.iterdir():
        if path.name not in touched:  # the same file, never rewritten
            assert (path.stat().st_ino, path.read_bytes()) == status[path.name]
            continue
        stamps = stamps_by_uid(path.read_text(encoding="utf-8"))
        uid = session_uid(HANOI, opening)
        assert stamps.pop(uid) == later
        assert set(stamps.values()) <= {STAMP}
    # and once more with no change: nothing is written
    status = {p.name: (p.stat().st_ino, p.read_bytes()) for p in tmp_path.iterdir()}
    write_calendars(
        changed, directory=tmp_path, audiences=audiences, stamp=later + dt.timedelta(days=1)
    )
    assert {p.name: (p.stat().st_ino, p.read_bytes()) for p in tmp_path.iterdir()} == status


def test_a_published_calendar_is_stamped_when_it_is_made(tmp_path: Path):
    # with METHOD:PUBLISH, DTSTAMP is when the calendar was made (RFC 5545 §3.8.7.2)
    event = attrs.evolve(HANOI, organiser=Organiser(name="Protocol", email="protocol@example.org"))
    path = tmp_path / "programme.ics"
    write_ics(event, path=path, stamp=STAMP)
    later = STAMP + dt.timedelta(days=1)
    write_ics(event, path=path, stamp=later)
    text = path.read_text(encoding="utf-8")
    assert "METHOD:PUBLISH" in text
    assert set(stamps_by_uid(text).values()) == {later}


def stamps_by_uid(text: str) -> dict[str, dt.datetime]:
    """Each component's DTSTAMP, as icalendar reads it."""
    calendar = icalendar.Calendar.from_ical(text)
    return {
        str(c["UID"]): c["DTSTAMP"].dt for c in calendar.walk() if c.name in ("VEVENT", "VTODO")
    }


@pytest.mark.parametrize("tz", ["utc", "event"])
def test_a_previous_calendar_recognised_unread_gives_what_reading_it_gives(
    tmp_path: Path, monkeypatch, tz
):
    """An unchanged previous file is recognised by comparing texts and not read back; a
    changed one is read back. Both ways must give the same calendar and the same account."""
    opening = attrs.evolve(HANOI.sessions[0], title="Opening, moved")
    changed = attrs.evolve(HANOI, sessions=(opening, *HANOI.sessions[1:]))
    audiences = every_audience(HANOI)
    alarms = (dt.timedelta(minutes=15),)
    write_calendars(
        HANOI, directory=tmp_path, audiences=audiences, stamp=STAMP, tz=tz, alarms=alarms
    )
    later = STAMP + dt.timedelta(days=1)
    write_calendars(
        changed, directory=tmp_path, audiences=audiences, stamp=later, tz=tz, alarms=alarms
    )
    previous = {a: (tmp_path / f"{a.file_stem}.ics").read_bytes().decode() for a in audiences}
    parsed = []
    parse = _ical.parse
    monkeypatch.setattr(_ical, "parse", lambda text: parsed.append(text) or parse(text))
    for event, differs in ((changed, set()), (HANOI, {opening.id})):
        writer = CalendarWriter(event, stamp=later + dt.timedelta(days=1), tz=tz, alarms=alarms)
        for audience in audiences:
            parsed.clear()
            compared = writer._assemble(audience, previous[audience], tmp_path)
            assert bool(parsed) == any(
                s.id in differs for s in sessions_for(changed, audience=audience)
            )
            read_back = writer._assemble(audience, parse(previous[audience]), tmp_path)
            assert compared == read_back
    programme = read_with_icalendar(previous[Audience.parse("programme")])
    assert programme[session_uid(HANOI, opening)].sequence == 1


def test_session_removed_from_the_programme_is_withdrawn_as_cancelled(tmp_path: Path):
    path = tmp_path / "programme.ics"
    write_ics(HANOI, path=path, stamp=STAMP)
    fewer = attrs.evolve(HANOI, sessions=tuple(s for s in HANOI.sessions if s.id != "closing"))
    result = write_ics(fewer, path=path, stamp=STAMP)
    closing = read_with_icalendar(path.read_text(encoding="utf-8"))[
        session_uid(HANOI, HANOI.session("closing"))
    ]
    assert result.withdrawn == (closing.uid,)
    assert (closing.status, closing.sequence, closing.summary) == (
        "CANCELLED",
        1,
        "Closing session",
    )
    write_ics(fewer, path=path, stamp=STAMP)  # withdrawn once is enough
    assert read_with_icalendar(path.read_text(encoding="utf-8"))[closing.uid].sequence == 1


def test_a_file_that_is_not_a_calendar_is_left_as_it_was(tmp_path: Path):
    path = tmp_path / "programme.ics"
    path.write_text("shopping list\n", encoding="utf-8")
    with pytest.raises(ForeignFileError, match="not an eventplan calendar of this event"):
        write_ics(HANOI, path=path, stamp=STAMP)
    assert path.read_text(encoding="utf-8") == "shopping list\n"


# --- audiences --------------------------------------------------------------------------------


def delegation_event() -> Event:
    delegations = (
        Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE),
        Delegation(id="unodc", name="UNODC", kind=PartyKind.INTERGOVERNMENTAL_ORGANISATION),
    )
    sessions = (
        make_session("plenary", kind=SessionKind.PLENARY),
        make_session(
            "bilateral",
            kind=SessionKind.BILATERAL,
            start=at(25, 11),
            end=at(25, 12),
            audience=(eventplan.model.AudienceRule(parties=("delegation:unodc",), behind=2),),
        ),
    )
    return make_event(
        sessions=sessions, turnouts=(Turnout(name="planned", delegations=delegations),)
    )


def test_delegation_calendar_holds_the_sessions_it_has_seats_in():
    event = delegation_event()
    assert [s.id for s in sessions_for(event, audience=Audience.parse("delegation:at"))] == [
        "plenary"
    ]
    assert [s.id for s in sessions_for(event, audience=Audience.parse("delegation:unodc"))] == [
        "bilateral"
    ]
    text = to_ics(event, audience="delegation:unodc", stamp=STAMP)
    assert "X-WR-CALNAME:Mini summit — UNODC\r\n" in text


def test_every_audience_lists_programme_delegations_kinds_committees_and_rooms():
    names = [str(a) for a in every_audience(delegation_event())]
    assert names == [
        "programme",
        "delegates",
        "delegation:at",
        "delegation:unodc",
        "kind:member_state",
        "room:hall-a",
    ]  # hall-b has no sessions: no calendar


def test_subcommittee_calendar_carries_its_tasks_as_todos():
    text = to_ics(HANOI, audience="subcommittee:protocol", stamp=STAMP)
    calendar = eventplan.calendars.writer._ical.parse(text)
    todos = [c for c in calendar.children if c.name == "VTODO"]
    assert [(t.first("SUMMARY"), t.first("DUE")) for t in todos] == [
        ("Full rehearsal of the ceremony\\, chaired by the President", "20251023")
    ]


def test_unknown_audience_names_the_choices():
    with pytest.raises(
        eventplan.errors.UnknownNameError, match="unknown room 'hall-z'; one of: hall-a, hall-b"
    ):
        to_ics(make_event(), audience="room:hall-z", stamp=STAMP)
    with pytest.raises(eventplan.errors.UnknownNameError, match="unknown audience 'everyone'"):
        to_ics(make_event(), audience="everyone", stamp=STAMP)


def test_write_calendars_names_files_after_their_audience(tmp_path: Path):
    written = write_calendars(
        HANOI, directory=tmp_path, audiences=["programme", "room:main-hall"], stamp=STAMP
    )
    assert [p.path.name for p in written] == ["programme.ics", "room-main-hall.ics"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programme.ics", "room-main-hall.ics"]


def test_venue_without_coordinates_has_no_geo():
    event = make_event(venues=(attrs.evolve(make_event().venues[0], latitude=None),))
    assert "GEO:" not in to_ics(event, stamp=STAMP)
    assert isinstance(event.venues[0], Venue)


def test_withdrawn_todo_stays_cancelled_across_exports(tmp_path: Path):
    path = tmp_path / "protocol.ics"
    write_ics(HANOI, path=path, audience="subcommittee:protocol", stamp=STAMP)
    tasks = tuple(t for t in HANOI.organisation.tasks if t.id != "full-rehearsal")
    fewer = attrs.evolve(HANOI, organisation=attrs.evolve(HANOI.organisation, tasks=tasks))
    states = []
    for _ in range(3):
        write_ics(fewer, path=path, audience="subcommittee:protocol", stamp=STAMP)
        todo = next(
            c
            for c in eventplan.calendars.writer._ical.parse(
                path.read_text(encoding="utf-8")
            ).children
            if c.name == "VTODO"
        )
        states.append((todo.first("STATUS"), todo.first("SEQUENCE")))
    assert states == [("CANCELLED", "1")] * 3


def test_withdrawn_event_drops_its_reminders(tmp_path: Path):
    path = tmp_path / "programme.ics"
    write_ics(HANOI, path=path, stamp=STAMP, alarms=[dt.timedelta(minutes=15)])
    fewer = attrs.evolve(HANOI, sessions=tuple(s for s in HANOI.sessions if s.id != "closing"))
    write_ics(fewer, path=path, stamp=STAMP, alarms=[dt.timedelta(minutes=15)])
    calendar = eventplan.calendars.writer._ical.parse(path.read_text(encoding="utf-8"))
    closing = next(
        c
        for c in calendar.children
        if c.first("UID") == session_uid(HANOI, HANOI.session("closing"))
    )
    assert (closing.first("STATUS"), closing.children) == ("CANCELLED", ())


def test_an_exhibition_is_free_time_in_a_calendar_and_a_session_is_busy():
    import icalendar

    calendar = icalendar.Calendar.from_ical(to_ics(HANOI))
    transparency = {
        str(event["UID"]).split(".")[0]: str(event.get("TRANSP", "OPAQUE"))
        for event in calendar.walk("VEVENT")
    }
    kinds = {s.id: s.kind for s in HANOI.sessions}
    assert {uid for uid, value in transparency.items() if value == "TRANSPARENT"} == {
        uid for uid in transparency if kinds[uid] is SessionKind.EXHIBITION
    }
    assert "technology-exhibition" in transparency and len(set(transparency.values())) == 2


def test_reading_a_calendar_with_ics_leaves_the_standard_streams_alone():
    """ics-py's parser calls colorama.init() on every parse where colorama is installed (as
    mkdocs-material installs it), which wraps stdout once more each time until printing
    overflows the stack; to_calendar puts the streams back."""
    import sys

    streams = sys.stdout, sys.stderr
    for _ in range(3):
        to_calendar(HANOI, audience="room:main-hall", stamp=STAMP)
    assert (sys.stdout, sys.stderr) == streams
