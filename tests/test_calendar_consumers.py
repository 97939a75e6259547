"""Every calendar of `eventplan ics --for all`, with and without --alarm and --tz event, reads the
same in ics, icalendar, ical.js and libical, and passes libical's own validation.

libical is the parser of Evolution and KDE: it marks what it refuses with X-LIC-ERROR
properties, on parsing and in its RFC 5546 restriction check of the calendar's METHOD.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
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
from eventplan import Delegation, Event, PartyKind, Turnout, dump_event, to_ics
from eventplan.calendars import write_ics
from eventplan.calendars._ical import unfold
from eventplan.cli import main
from eventplan.demand.audiences import every_audience
from eventplan.model import Organisation, Organiser, SessionStatus, SubCommittee, Task

STAMP = dt.datetime(2025, 10, 20, 8, 0, tzinfo=dt.UTC)
BERLIN = "Europe/Berlin"


def berlin_dst_event() -> Event:
    """Three days in Berlin across the end of summer time, 26 Oct 2025 03:00 CEST → 02:00 CET.

    02:00–03:00 happens twice that night; sessions start and end inside both hours.
    """
    first_0230 = at(26, 0, 30, zone="UTC").in_timezone(BERLIN)  # 02:30 CEST
    second_0230 = at(26, 1, 30, zone="UTC").in_timezone(BERLIN)  # 02:30 CET
    committee = SubCommittee(id="protocol", name="Protokoll, Empfang & Zeremoniell")
    return make_event(
        id="berlin-dst",
        name="Berlin summit across the clock change",
        timezone=BERLIN,
        start_date=dt.date(2025, 10, 25),
        end_date=dt.date(2025, 10, 27),
        sessions=(
            make_session("summer", start=at(25, 9, zone=BERLIN), end=at(25, 11, zone=BERLIN)),
            make_session("before", start=at(25, 23, zone=BERLIN), end=first_0230),
            make_session(
                "across",
                start=first_0230,
                end=at(26, 4, zone=BERLIN),
                room="hall-b",
                subcommittee="protocol",
            ),
            make_session("night", start=second_0230, end=at(26, 3, 30, zone=BERLIN)),
            make_session(
                "cancelled-signing",
                title="Signing (cancelled)",
                start=at(26, 10, zone=BERLIN),
                end=at(26, 11, zone=BERLIN),
                status=SessionStatus.CANCELLED,
                subcommittee="protocol",
            ),
            make_session("winter", start=at(27, 9, zone=BERLIN), end=at(27, 12, zone=BERLIN)),
        ),
        organisation=Organisation(
            subcommittees=(committee,),
            tasks=(
                Task(
                    id="rehearsal", title="Rehearsal", due=dt.date(2025, 10, 24), owner="protocol"
                ),
            ),
        ),
        turnouts=(
            Turnout(
                name="planned",
                delegations=(
                    Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE),
                    Delegation(id="vn", name="Viet Nam", kind=PartyKind.MEMBER_STATE),
                ),
            ),
        ),
        organiser=Organiser(name="Auswärtiges Amt, Protokoll", email="protokoll@example.org"),
    )


HANOI = eventplan.reference_event()
EVENTS = {
    "hanoi": HANOI,
    "hanoi-with-organiser": attrs.evolve(
        HANOI, organiser=Organiser(name="Bộ Ngoại giao; Vụ Lễ tân", email="protocol@example.org")
    ),
    "berlin-dst": berlin_dst_event(),
}
OPTIONS = {
    "utc": [],
    "alarms": ["--alarm", "15", "--alarm", "60"],
    "tz-event": ["--tz", "event"],
    "tz-event-alarm": ["--tz", "event", "--alarm", "15"],
}


def alarms_of(options: list[str]) -> list[str]:
    """The TRIGGER each reminder gets, as ical.js and libical write it back."""
    minutes = [int(options[i + 1]) for i, o in enumerate(options) if o == "--alarm"]
    return [f"-PT{m // 60}H" if m % 60 == 0 else f"-PT{m}M" for m in minutes]


# Every option set on the synthetic event, and every combination on the reference event, with
# and without an organiser (METHOD:PUBLISH); ics 0.7 reads slowly, so not every one twice.
CASES = [
    *(("berlin-dst", options) for options in OPTIONS),
    ("hanoi", "utc"),
    ("hanoi", "tz-event-alarm"),
    ("hanoi-with-organiser", "alarms"),
    ("hanoi-with-organiser", "tz-event"),
]


@pytest.mark.parametrize(
    ("event", "options"),
    [(EVENTS[event], OPTIONS[options]) for event, options in CASES],
    ids=[f"{event}-{options}" for event, options in CASES],
)
def test_every_calendar_reads_the_same_in_four_parsers_and_passes_libical(
    tmp_path: Path, capsys, event: Event, options: list[str]
):
    require_icaljs()
    require_libical()
    source = tmp_path / "event.toml"
    dump_event(event, path=source)
    out = tmp_path / "calendars"
    assert main(["ics", str(source), "--for", "all", "--out-dir", str(out), *options]) == 0
    capsys.readouterr()
    audiences = {a.file_stem: a for a in every_audience(event)}
    paths = sorted(out.glob("*.ics"))
    assert {p.stem for p in paths} == set(audiences)
    local = "--tz" in options
    alarms = alarms_of(options)
    for path, from_icaljs, from_libical in zip(
        paths, read_with_icaljs(*paths), read_with_libical(*paths), strict=True
    ):
        text = path.read_text(encoding="utf-8")
        audience = audiences[path.stem]
        want = expected(event, audience)
        readings = {
            "ics": read_with_ics(text),
            "icalendar": read_with_icalendar(text),
            "ical.js": json_records(from_icaljs),
            "libical": json_records(from_libical),
        }
        for parser, records in readings.items():
            assert without_description(records) == want, (path.name, parser)
            assert records == readings["icalendar"], (path.name, parser)  # descriptions too

        # libical's own validation: nothing refused, RFC 5546 restrictions hold.
        assert (from_libical["errors"], from_libical["restrictions_hold"]) == ([], True), path.name
        has_todos = bool(from_libical["todos"])
        method = "PUBLISH" if event.organiser and not has_todos else None
        assert (from_libical["method"], from_icaljs["method"]) == (method, method), path.name
        mailto = f"mailto:{event.organiser.email}" if event.organiser else None
        assert {e["organizer"] for e in from_libical["events"]} <= {mailto}

        # Reminders on every session but the cancelled ones; none on to-dos.
        cancelled = {u for u, r in want.items() if r.status == "CANCELLED"}
        for reader in (from_libical, from_icaljs):
            assert {e["uid"]: e["alarms"] for e in reader["events"]} == {
                uid: [] if uid in cancelled else alarms for uid in want
            }, path.name
        assert [t["alarms"] for t in from_libical["todos"]] == [0] * len(from_libical["todos"])

        # Local times carry the event's zone, defined once by a VTIMEZONE; UTC has none.
        assert from_libical["timezones"] == ([event.timezone] if local else [])
        assert (f";TZID={event.timezone}:" in text) == (local and bool(want))


def test_the_berlin_event_really_crosses_the_clock_change():
    """The synthetic event above tests what it claims: local times on both sides, UTC in the fold."""
    text = to_ics(berlin_dst_event(), stamp=STAMP, tz="event")
    assert "DTSTART;TZID=Europe/Berlin:20251025T090000\r\n" in text  # CEST
    assert "DTSTART;TZID=Europe/Berlin:20251027T090000\r\n" in text  # CET
    # 02:30 happens twice: the first is written in UTC too, as the second has no local form.
    assert "DTSTART:20251026T003000Z\r\n" in text and "DTSTART:20251026T013000Z\r\n" in text
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")].split("\r\n")
    assert zone == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT",
        "DTSTART:20250330T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20251026T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "END:STANDARD",
        "",
    ]


def test_cancelled_session_has_no_reminder():
    event = berlin_dst_event()
    text = to_ics(
        event, audience="subcommittee:protocol", stamp=STAMP, alarms=[dt.timedelta(minutes=5)]
    )
    cancelled = text.split("UID:cancelled-signing.")[1].split("END:VEVENT")[0]
    across = text.split("UID:across.")[1].split("END:VEVENT")[0]
    assert "BEGIN:VALARM" not in cancelled and "STATUS:CANCELLED" in cancelled
    assert across.count("BEGIN:VALARM") == 1


def test_without_an_organiser_there_is_no_method_nor_organizer():
    text = to_ics(HANOI, stamp=STAMP)
    assert "METHOD:" not in text and "ORGANIZER" not in text


def test_the_organiser_is_written_on_every_event_with_method_publish():
    lines = list(unfold(to_ics(EVENTS["hanoi-with-organiser"], stamp=STAMP)))
    assert "METHOD:PUBLISH" in lines
    organizer = 'ORGANIZER;CN="Bộ Ngoại giao; Vụ Lễ tân":mailto:protocol@example.org'
    assert lines.count(organizer) == lines.count("BEGIN:VEVENT") == len(HANOI.sessions)


def test_a_calendar_with_tasks_carries_no_method():
    """RFC 5546 §3.4.1: a published VTODO needs DTSTART and PRIORITY, which a task does not have."""
    text = to_ics(berlin_dst_event(), audience="subcommittee:protocol", stamp=STAMP)
    assert "BEGIN:VTODO" in text and "METHOD:" not in text
    assert "ORGANIZER;CN=" in text.split("BEGIN:VTODO")[1]


def test_withdrawn_event_is_rewritten_in_the_new_calendars_time_form(tmp_path: Path):
    """A session removed while switching to local times goes out as CANCELLED in local time,
    with this calendar's organiser, and libical accepts the whole calendar."""
    require_libical()
    event = berlin_dst_event()
    path = tmp_path / "programme.ics"
    write_ics(attrs.evolve(event, organiser=None), path=path, stamp=STAMP)
    fewer = attrs.evolve(event, sessions=[s for s in event.sessions if s.id != "winter"])
    write_ics(fewer, path=path, stamp=STAMP, tz="event")
    text = path.read_bytes().decode("utf-8")
    winter = text.split("UID:winter.")[1].split("END:VEVENT")[0]
    assert "DTSTART;TZID=Europe/Berlin:20251027T090000\r\n" in winter
    assert "STATUS:CANCELLED" in winter and "ORGANIZER;CN=" in winter
    (calendar,) = read_with_libical(path)
    assert (calendar["errors"], calendar["restrictions_hold"]) == ([], True)
    records = json_records(calendar)
    assert records[next(u for u in records if u.startswith("winter."))].start == int(
        at(27, 9, zone=BERLIN).timestamp()
    )


def test_switching_to_local_times_changes_no_sequence(tmp_path: Path):
    """The same instants written in another form are not a change: subscribers see nothing new."""
    path = tmp_path / "programme.ics"
    write_ics(HANOI, path=path, stamp=STAMP)
    local = write_ics(HANOI, path=path, stamp=STAMP, tz="event")
    assert (local.changed, local.new, local.withdrawn) == ((), (), ())
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:" in path.read_bytes().decode("utf-8")
    moved = attrs.evolve(
        HANOI,
        sessions=[
            attrs.evolve(s, start=s.start.add(hours=1), end=s.end.add(hours=1))
            if s.id == "signing"
            else s
            for s in HANOI.sessions
        ],
    )
    back = write_ics(moved, path=path, stamp=STAMP)
    assert back.changed == (f"signing.{HANOI.id}@eventplan",)


def test_to_calendar_reads_local_times_as_the_same_instants():
    event = berlin_dst_event()
    calendar = eventplan.calendars.to_calendar(event, stamp=STAMP, tz="event")
    assert {e.uid: int(e.begin.timestamp()) for e in calendar.events} == {
        uid: record.start for uid, record in expected(event).items()
    }


def test_tz_must_be_utc_or_event():
    with pytest.raises(
        eventplan.errors.CalendarError, match=r"tz must be 'utc' or 'event': 'Europe/Paris'"
    ):
        to_ics(HANOI, stamp=STAMP, tz="Europe/Paris")
