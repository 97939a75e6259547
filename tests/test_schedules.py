"""Programmes that come in: frab/C3VOC schedule.json and schedule.xml, from eventplan's own
exports and from three real published schedules (tests/data/schedules/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pendulum
import pytest
from builders import DATA
from calendar_readers import (
    json_records,
    read_with_icalendar,
    read_with_icaljs,
    read_with_ics,
    require_icaljs,
)
from lxml import etree

import eventplan
from eventplan import EventFileError, Finding, SessionKind, check, load_schedule, to_ics
from eventplan.cli import main
from eventplan.errors import InvalidArgumentError, Problem
from eventplan.model import SessionStatus, Severity
from eventplan.schedules import (
    DEFAULT_KIND,
    frab,
    loads_schedule,
    read_event_or_schedule,
    read_schedule,
    session_kind,
    to_frab,
    to_frab_xml,
)
from eventplan.testing import synthetic_event

SCHEDULES = DATA / "schedules"
INVALID = DATA / "invalid" / "schedules"
XSD = etree.XMLSchema(etree.parse(str(DATA / "c3voc" / "schedule.xml.xsd")))
HANOI = eventplan.reference_event()
REAL = ["camp2019.schedule.json", "rc3-channels-2020.schedule.json", "38c3.schedule.xml"]


def xsd_valid(xml: str) -> bool:
    return bool(XSD.validate(etree.fromstring(xml.encode("utf-8"))))


# --- eventplan's own exports come back as they went out ------------------------------


@pytest.mark.parametrize(
    "event",
    [HANOI, synthetic_event(sessions=300, rooms=12, delegations=40, seed=9)],
    ids=["hanoi", "synthetic"],
)
def test_export_import_export_gives_the_same_schedule(event):
    as_json = json.dumps(to_frab(event), indent=2, ensure_ascii=False)
    as_xml = to_frab_xml(event)
    assert json.dumps(to_frab(loads_schedule(as_json)), indent=2, ensure_ascii=False) == as_json
    assert to_frab_xml(loads_schedule(as_xml)) == as_xml


def test_an_imported_export_keeps_sessions_rooms_and_speakers():
    back = loads_schedule(json.dumps(to_frab(HANOI)))
    opening = back.session("opening")
    original = HANOI.session("opening")
    assert (opening.title, opening.kind, opening.start, opening.end) == (
        original.title,
        original.kind,
        original.start,
        original.end,
    )
    assert opening.start.timezone_name == "Asia/Ho_Chi_Minh"
    assert back.room(opening.room or "").name == HANOI.room(original.room or "").name
    assert [back.official(p).name for p in opening.speakers] == [
        HANOI.official(p).name for p in dict.fromkeys((*original.chairs, *original.speakers))
    ]
    assert back.room("main-hall").seats(eventplan.model.Layout.THEATRE) == eventplan.Count.exactly(
        3500
    )


def test_cancelled_sessions_come_back_cancelled():
    cancelled = attrs.evolve(
        HANOI,
        sessions=[
            attrs.evolve(s, status=SessionStatus.CANCELLED) if s.id == "opening" else s
            for s in HANOI.sessions
        ],
    )
    back = loads_schedule(to_frab_xml(cancelled)).session("opening")
    assert (back.title, back.status) == ("Opening session", SessionStatus.CANCELLED)


def test_guids_are_kept():
    document = to_frab(HANOI)
    guids = {
        item["slug"]: item["guid"]
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for item in room
    }
    back = loads_schedule(json.dumps(document))
    assert {f"hanoi_convention_2025-{s.id}": s.guid for s in back.sessions} == guids
    rooms = {r["name"]: r["guid"] for r in document["schedule"]["conference"]["rooms"]}
    assert {r.name: r.guid for r in back.rooms} == rooms


# --- real published schedules ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "zone", "sessions", "rooms", "codes"),
    [
        (
            "camp2019.schedule.json",
            "Chaos Communication Camp 2019",
            "Europe/Berlin",
            17,
            ["Curie", "Meitner"],
            ["schedule-participation-unknown", "schedule-kinds"],
        ),
        (
            "rc3-channels-2020.schedule.json",
            "rC3 Channels",
            "Etc/GMT-1",
            12,
            [
                "r3s - Monheim/Rhein",
                "backspace / franconian.net - Bamberg",
                "Chaos-West TV - Ennepetal",
            ],
            [
                "schedule-time-zone-inferred",
                "schedule-participation-unknown",
                "schedule-kinds",
            ],
        ),
        (
            "38c3.schedule.xml",
            "38C3",
            "Europe/Berlin",
            12,
            ["Saal 1", "Saal GLITCH", "Chill Floor"],
            ["schedule-participation-unknown", "schedule-kinds"],
        ),
    ],
)
def test_real_schedules_load(name, title, zone, sessions, rooms, codes):
    opened = read_schedule(SCHEDULES / name)
    event = opened.event
    assert (event.name, event.timezone, len(event.sessions)) == (title, zone, sessions)
    assert [room.name for room in event.rooms] == rooms
    assert [finding.code for finding in opened.findings] == codes
    assert eventplan.model.find_problems(event) == ()


def test_the_38c3_opening_is_read_as_published():
    event = load_schedule(SCHEDULES / "38c3.schedule.xml")
    opening = event.session("38c3-opening-ceremony")
    assert opening.title == "38C3: Opening Ceremony"
    assert opening.kind is SessionKind.CEREMONY
    assert (opening.start, opening.end) == (
        pendulum.datetime(2024, 12, 27, 10, 30, tz="Europe/Berlin"),
        pendulum.datetime(2024, 12, 27, 11, 0, tz="Europe/Berlin"),
    )
    assert opening.guid == "270fa44c-821a-577f-8ca3-33e8d4a8c2a7"
    assert event.room(opening.room or "").guid == "ba692ba3-421b-5371-8309-60acc34a3c05"
    assert [event.official(p).name for p in opening.speakers] == [
        "Gabriela Bogk",
        "Senficon",
        "Aline Blankertz",
    ]
    assert (opening.languages, opening.series) == (("en",), "CCC")
    # the conference starts at 09:30 UTC, which is 10:30 on 27 December in Berlin
    assert (event.start_date.isoformat(), event.end_date.isoformat()) == (
        "2024-12-27",
        "2024-12-30",
    )
    assert event.url == "https://events.ccc.de/congress/2024/hub/"


def test_frab_persons_come_in_by_public_name():
    event = load_schedule(SCHEDULES / "camp2019.schedule.json")
    opening = event.session("10386-opening_ceremony")
    assert [event.official(p).name for p in opening.speakers] == ["jinxx", "smtw"]
    assert opening.start == pendulum.datetime(2019, 8, 21, 11, 0, tz="Europe/Berlin")


def test_a_schedule_without_a_time_zone_is_read_at_the_offset_its_times_carry():
    opened = read_schedule(SCHEDULES / "rc3-channels-2020.schedule.json")
    assert opened.findings[0] == Finding(
        code="schedule-time-zone-inferred",
        severity=Severity.INFO,
        message=(
            "the schedule names no time zone; read in Etc/GMT-1, "
            "the offset all its times carry (UTC+1:00)"
        ),
    )
    first = opened.event.session("mja8qy")
    assert first.start.isoformat() == "2020-12-27T11:30:00+01:00"


def test_one_note_says_how_many_sessions_became_which_kind_and_why():
    opened = read_schedule(SCHEDULES / "38c3.schedule.xml")
    (note,) = [f for f in opened.findings if f.code == "schedule-kinds"]
    dj_sets = tuple(s.id for s in opened.event.sessions if s.room == "chill-floor")
    assert note == Finding(
        code="schedule-kinds",
        severity=Severity.INFO,
        message=(
            "types read as session kinds: 1 ceremony ('Ceremony' 1: eventplan's own kind), "
            "11 side_event ('Talk' 7: word 'talk'; 'DJ Set' 4: no word known, the default); "
            "read_schedule(..., kinds={type: kind}) says otherwise"
        ),
        subjects=dj_sets,  # the sessions read by default
    )
    assert {opened.event.session(s).kind for s in dj_sets} == {DEFAULT_KIND}


def test_a_mapping_of_types_overrides_the_words_and_is_checked():
    opened = read_schedule(
        SCHEDULES / "38c3.schedule.xml", kinds={"dj set": "reception", "TALK": "plenary"}
    )
    kinds = {s.listing.type: s.kind.value for s in opened.event.sessions if s.listing}
    assert kinds == {"Ceremony": "ceremony", "Talk": "plenary", "DJ Set": "reception"}
    (note,) = [f for f in opened.findings if f.code == "schedule-kinds"]
    assert "4 reception ('DJ Set' 4: your mapping)" in note.message
    assert note.subjects == ()
    # the source's types are still what an export writes
    written = {
        i["type"]
        for d in to_frab(opened.event)["schedule"]["conference"]["days"]
        for r in d["rooms"].values()
        for i in r
    }
    assert written == {"Ceremony", "Talk", "DJ Set"}
    with pytest.raises(InvalidArgumentError, match=r"kinds\['DJ Set'\]: unknown kind 'disco'"):
        read_schedule(SCHEDULES / "38c3.schedule.xml", kinds={"DJ Set": "disco"})


@pytest.mark.parametrize("name", REAL)
def test_real_schedules_check_and_export_to_ics(name):
    event = load_schedule(SCHEDULES / name)
    report = check(event)
    assert report.turnout == "not-known"
    text = to_ics(event)
    expected = sorted((int(s.start.timestamp()), int(s.end.timestamp())) for s in event.sessions)
    for records in (read_with_ics(text), read_with_icalendar(text)):
        assert sorted((r.start, r.end) for r in records.values()) == expected
        assert {r.summary for r in records.values()} == {s.title for s in event.sessions}


@pytest.mark.parametrize("name", REAL)
def test_real_schedules_export_to_ics_that_icaljs_reads_the_same(name, tmp_path: Path):
    require_icaljs()
    event = load_schedule(SCHEDULES / name)
    path = tmp_path / "programme.ics"
    path.write_text(to_ics(event), encoding="utf-8", newline="")
    (calendar,) = read_with_icaljs(path)
    assert json_records(calendar) == read_with_ics(to_ics(event))


@pytest.mark.parametrize("name", REAL)
def test_real_schedules_round_trip(name):
    """Read, write, read again, write again: the second export equals the first, in both
    formats, and the XML is valid against the C3VOC XSD."""
    event = load_schedule(SCHEDULES / name)
    as_json = json.dumps(to_frab(event), indent=2, ensure_ascii=False)
    as_xml = to_frab_xml(event)
    assert json.dumps(to_frab(loads_schedule(as_json)), indent=2, ensure_ascii=False) == as_json
    assert to_frab_xml(loads_schedule(as_xml)) == as_xml
    assert xsd_valid(as_xml)


def test_the_real_xml_keeps_its_guids_through_a_round_trip():
    published = etree.parse(str(SCHEDULES / "38c3.schedule.xml")).getroot()
    exported = etree.fromstring(
        to_frab_xml(load_schedule(SCHEDULES / "38c3.schedule.xml")).encode()
    )
    assert sorted(e.get("guid") for e in exported.iter("event")) == sorted(
        e.get("guid") for e in published.iter("event")
    )
    assert {r.get("name"): r.get("guid") for r in exported.iter("room")} == {
        r.get("name"): r.get("guid") for r in published.iter("room")
    }


# --- types and tracks to kinds --------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "track", "expected"),
    [
        ("plenary", None, SessionKind.PLENARY),  # eventplan's own export
        ("high_level_discussion", None, SessionKind.HIGH_LEVEL_DISCUSSION),
        ("Keynote", None, SessionKind.PLENARY),
        ("Talk 30 min + 10min Q&A", None, SessionKind.SIDE_EVENT),
        ("lecture", None, SessionKind.SIDE_EVENT),
        ("Workshop 110min", None, SessionKind.WORKSHOP),
        ("Panel discussion", None, SessionKind.ROUNDTABLE),
        ("Ceremony", None, SessionKind.CEREMONY),
        ("Opening ceremony", None, SessionKind.OPENING),
        (None, "Pause", SessionKind.BREAK),
        ("other", "Coffee break", SessionKind.BREAK),
        ("DJ Set", "Music", None),
        (None, None, None),
    ],
)
def test_types_and_tracks_map_to_session_kinds(kind, track, expected):
    assert session_kind(kind, track=track) is expected


# --- bad input: every problem at once, each with its path -------------------------------


def test_problems_in_a_schedule_json_come_with_their_paths():
    path = INVALID / "zero_duration_and_bad_date.schedule.json"
    with pytest.raises(EventFileError) as caught:
        load_schedule(path)
    assert caught.value.source == str(path)
    assert caught.value.problems == (
        Problem("schedule.conference.days[0].rooms['Hall A'][2].title", "required, but missing"),
        Problem(
            "schedule.conference.days[0].rooms['Hall A'][0].duration",
            "a session must last longer than 00:00",
        ),
        Problem(
            "schedule.conference.days[0].rooms['Hall A'][1].date",
            'expected a date-time such as 2024-12-27T10:30:00+01:00, got "4 May, ten o\'clock"',
        ),
    )


def test_problems_in_a_schedule_xml_come_with_their_paths():
    with pytest.raises(EventFileError) as caught:
        load_schedule(INVALID / "unknown_time_zone_and_bad_duration.schedule.xml")
    assert caught.value.problems == (
        Problem(
            "schedule/conference/time_zone_name",
            "not an IANA time zone such as 'Europe/Berlin': 'Europe/Vienne'; "
            "did you mean 'Europe/Vienna', 'Europe/Tirane', 'Europe/Kiev'?",
        ),
        Problem(
            "schedule/day[1]/room[@name='Hall A']/event[1]/duration",
            "expected hours:minutes such as 00:45, got 'three quarters'",
        ),
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "{",
            Problem(
                "", "not valid JSON: Expecting property name enclosed in double quotes at line 1"
            ),
        ),
        ("<schedule>", Problem("", "not well-formed XML: no element found: line 1, column 10")),
        (
            "<calendar/>",
            Problem(
                "calendar",
                "not a schedule format eventplan reads: tried frab/C3VOC and pentabarf "
                "schedule.xml (a <schedule> root), frab and pretalx schedule.xcal (an "
                "<iCalendar> root); its root is <calendar>",
            ),
        ),
        (
            "{}",
            Problem(
                "",
                "not a schedule format eventplan reads: tried frab/C3VOC schedule.json "
                "(pretalx, frab, the C3VOC tools) (a top-level 'schedule'); Indico's event "
                "or timetable export (/export/event/ID.json, /export/timetable/ID.json) "
                "(a top-level 'results'); pretalx's widget schedule "
                "(/schedule/widgets/schedule.json) (a top-level 'talks'); it is dict {}",
            ),
        ),
    ],
    ids=["broken-json", "broken-xml", "not-a-schedule", "empty-json"],
)
def test_unreadable_schedules_say_why(text, problem):
    with pytest.raises(EventFileError) as caught:
        loads_schedule(text, source="upload")
    assert caught.value.problems[0] == problem
    assert str(caught.value).startswith("upload: ")


# --- one reader for every file the CLI takes ---------------------------------------------


def test_files_are_told_apart_by_extension_or_content(tmp_path: Path):
    nameless = tmp_path / "programme"
    nameless.write_text(to_frab_xml(HANOI), encoding="utf-8")
    toml = tmp_path / "event.toml"
    toml.write_text(eventplan.files.dumps_event(HANOI), encoding="utf-8")
    assert len(read_event_or_schedule(nameless).event.sessions) == len(HANOI.sessions)
    assert read_event_or_schedule(toml).event == HANOI
    assert read_event_or_schedule(toml).findings == ()
    assert read_event_or_schedule(SCHEDULES / "camp2019.schedule.json").event.id == "camp2019"


def test_cli_checks_a_schedule_json(capsys):
    assert main(["check", str(SCHEDULES / "camp2019.schedule.json")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Capacity checks for camp2019, turnout 'not-known':")
    assert err.startswith(
        f"eventplan: {SCHEDULES / 'camp2019.schedule.json'}: info: the schedule says"
    )


def test_cli_writes_a_calendar_from_a_schedule_xml(capsys):
    assert main(["ics", str(SCHEDULES / "38c3.schedule.xml")]) == 0
    records = read_with_ics(capsys.readouterr().out)
    assert len(records) == 12


def test_cli_summarises_a_schedule(capsys):
    assert main(["summary", str(SCHEDULES / "rc3-channels-2020.schedule.json")]) == 0
    assert capsys.readouterr().out.startswith("rC3 Channels\n")


def test_cli_writes_schedule_xml(tmp_path: Path):
    target = tmp_path / "schedule.xml"
    assert main(["frab", "--format", "xml", "-o", str(target)]) == 0
    assert xsd_valid(target.read_text(encoding="utf-8"))


def test_cli_writes_the_format_an_output_name_asks_for(tmp_path: Path, capsys):
    assert main(["frab", "-o", str(tmp_path / "schedule.xml")]) == 0
    assert main(["frab", "-o", str(tmp_path / "schedule.json")]) == 0
    assert main(["frab", "--format", "json", "-o", str(tmp_path / "as-json.xml")]) == 0
    assert (tmp_path / "schedule.xml").read_text(encoding="utf-8") == to_frab_xml(HANOI)
    assert json.loads((tmp_path / "schedule.json").read_text(encoding="utf-8")) == to_frab(HANOI)
    assert json.loads((tmp_path / "as-json.xml").read_text(encoding="utf-8")) == to_frab(HANOI)
    assert main(["frab"]) == 0
    assert json.loads(capsys.readouterr().out) == to_frab(HANOI)


def test_cli_reports_schedule_problems_with_their_paths(capsys):
    assert main(["check", str(INVALID / "unknown_time_zone_and_bad_duration.schedule.xml")]) == 2
    err = capsys.readouterr().err
    assert "  schedule/conference/time_zone_name: not an IANA time zone" in err


def test_a_guid_published_twice_is_kept_once():
    document = json.loads((SCHEDULES / "camp2019.schedule.json").read_text(encoding="utf-8"))
    items = [
        item
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for item in room
    ]
    items[1]["guid"] = items[0]["guid"]
    event = loads_schedule(json.dumps(document))
    kept = [s.guid for s in event.sessions]
    assert kept.count(items[0]["guid"]) == 1
    # the copy gets the GUID its exports would derive, so GUIDs and ids stay unique
    assert kept[1] == frab.guid(event.id, "session", event.sessions[1].id)
    assert xsd_valid(to_frab_xml(event))


def one_talk(speaker: str) -> str:
    """A minimal pretalx-style schedule.json with one talk by ``speaker``."""
    item = {
        "guid": "0b0e2c52-0d0e-4f51-9a47-2d5f3b3f6a11",
        "date": "2026-05-04T09:00:00+07:00",
        "duration": "00:30",
        "room": "Hall A",
        "title": "Welcome",
        "type": "Talk",
        "persons": [{"name": speaker}],
    }
    day = {"index": 1, "date": "2026-05-04", "rooms": {"Hall A": [item]}}
    conference = {
        "acronym": "demo2026",
        "title": "Demo",
        "time_zone_name": "Asia/Ho_Chi_Minh",
        "days": [day],
    }
    return json.dumps({"schedule": {"version": "1", "conference": conference}})


@pytest.mark.parametrize(
    ("name", "official_id"),
    [
        ("Đặng Hoàng Giang", "dang-hoang-giang"),
        ("Dr. Mixæl Swan Laufer", "dr-mixael-swan-laufer"),
        ("Thorsten Schröder", "thorsten-schroder"),
        ("李明", "person"),
    ],
)
def test_speakers_get_readable_ids_and_keep_their_names(name, official_id):
    event = loads_schedule(one_talk(name))
    assert [(o.id, o.name) for o in event.officials] == [(official_id, name)]
    assert event.session("0b0e2c52-0d0e-4f51-9a47-2d5f3b3f6a11").speakers == (official_id,)


def test_a_schedule_says_nothing_about_who_comes_so_people_are_not_known(capsys):
    # it said "0 people arrive" and "0 delegates need 0 hotel rooms"
    path = str(SCHEDULES / "38c3.schedule.xml")
    assert main(["check", path, "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    people = [
        (f["code"], f["severity"], "demand" in f, f["message"].split(": ")[-1])
        for f in findings
        if "people" in f["code"]
    ]
    said = "not known, turnout 'not-known' does not say who comes"
    assert people == [
        ("screening-people-unknown", "info", False, said),
        ("accreditation-people-unknown", "info", False, said),
        ("hotel-rooms-people-unknown", "info", False, said),
        ("cars-people-unknown", "info", False, said),
    ]
    assert main(["check", path]) == 0
    out, err = capsys.readouterr()
    findings_text = " ".join(out.split("\nNorms\n")[0].split())  # unwrapped
    for zero in ("0 people", "0 badges", "0 delegates", "0 hotel rooms", "0 heads", "0 cars"):
        assert f" {zero}" not in findings_text
    assert findings_text.count("not known, turnout 'not-known' does not say who comes") == 4
    assert "counts of people are not known until delegations are added" in err


def test_the_monte_carlo_of_a_schedule_says_not_known():
    simulation = eventplan.simulate(load_schedule(SCHEDULES / "38c3.schedule.xml"), draws=100)
    assert [(r.subject, r.severity, r.demand_q50, r.holds_with) for r in simulation.risks] == [
        ("screening", "info", None, None),
        ("accreditation", "info", None, None),
        ("hotel-rooms", "info", None, None),
        ("cars", "info", None, None),
    ]
    assert simulation.to_json()["risks"][0]["note"] == "demand not known"
    rows = simulation.render_text(width=80).splitlines()[2:]
    assert [row.split() for row in rows] == [
        [subject, "not", "known", "info", "not", "known", "not", "known"]
        for subject in ("screening", "accreditation", "hotel-rooms", "cars")
    ]


def test_summary_heading_of_a_schedule_without_a_city_has_no_empty_place(capsys):
    assert main(["summary", str(SCHEDULES / "camp2019.schedule.json")]) == 0
    heading = capsys.readouterr().out.splitlines()[:2]
    assert heading == ["Chaos Communication Camp 2019", "21–26 August 2019 · Europe/Berlin"]
