"""Nothing a published schedule gives is lost on the way through eventplan.

Every field of the frab/C3VOC model a source gives is kept (on the session's
:class:`~eventplan.model.Listing`, its :class:`~eventplan.model.Recording`, the
speakers and rooms) and written back out; identities survive a round trip.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from builders import DATA
from lxml import etree
from test_frab import json_schema_errors, xsd_errors

from eventplan import Event, dump_event, load_event
from eventplan.model import Link, Recording
from eventplan.schedules import (
    frab,
    load_schedule,
    loads_schedule,
    session_kind,
    to_frab,
    to_frab_xml,
)

SCHEDULES = DATA / "schedules"
STAMP = dt.datetime(2025, 10, 20, 8, 0, tzinfo=dt.UTC)
REAL = ["camp2019.schedule.json", "rc3-channels-2020.schedule.json", "38c3.schedule.xml"]


def _json(event: Event) -> str:
    return json.dumps(to_frab(event), indent=2, ensure_ascii=False)


FORMATS = {"json": _json, "xml": to_frab_xml}


def _items(document: dict[str, object]) -> list[dict[str, object]]:
    conference = document["schedule"]["conference"]  # type: ignore[index]
    return [item for day in conference["days"] for room in day["rooms"].values() for item in room]


def _given(value: object) -> object:
    """A published value as eventplan keeps it: empty text is not given, line breaks are LF."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n") or None
    return value


def _source_items(name: str) -> list[dict[str, object]]:
    return _items(json.loads((SCHEDULES / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", REAL)
def test_import_export_import_gives_equal_sessions_rooms_and_speakers(name, fmt):
    first = load_schedule(SCHEDULES / name)
    again = loads_schedule(FORMATS[fmt](first))
    assert {s.id: s for s in again.sessions} == {s.id: s for s in first.sessions}
    assert {r.id: r for r in again.rooms} == {r.id: r for r in first.rooms}
    kept = {o.id: o for o in first.officials}
    if fmt == "xml":  # the XSD's persons carry no pretalx code
        kept = {k: attrs.evolve(o, code=None) for k, o in kept.items()}
    assert {o.id: o for o in again.officials} == kept


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", REAL)
def test_export_import_export_is_byte_identical(name, fmt):
    written = FORMATS[fmt](load_schedule(SCHEDULES / name))
    assert FORMATS[fmt](loads_schedule(written)) == written


@pytest.mark.parametrize("name", REAL)
def test_an_event_file_keeps_what_the_schedule_gave(name, tmp_path: Path):
    event = load_schedule(SCHEDULES / name)
    dump_event(event, path=tmp_path / "event.toml")
    assert _json(load_event(tmp_path / "event.toml")) == _json(event)


@pytest.mark.parametrize("name", ["camp2019.schedule.json", "rc3-channels-2020.schedule.json"])
def test_every_event_field_a_json_source_gives_comes_back(name):
    """Ids, types, urls, subtitles, abstracts and descriptions apart, languages, recording."""
    exported = {item["guid"]: item for item in _items(to_frab(load_schedule(SCHEDULES / name)))}
    for source in _source_items(name):
        item = exported[source["guid"]]
        for key in ("id", "type", "url", "language", "abstract", "description", "track"):
            assert item[key] == _given(source[key]), (source["guid"], key)
        assert item["subtitle"] == _given(source["subtitle"])
        assert item["do_not_record"] == source["do_not_record"]
        assert item["recording_license"] == (source["recording_license"] or "")
        assert [p.get("id") for p in item["persons"]] == [p["id"] for p in source["persons"]]
        assert [link["url"] for link in item["links"]] == [link["url"] for link in source["links"]]


def test_the_xml_source_keeps_its_urls_ids_and_types():
    published = etree.parse(str(SCHEDULES / "38c3.schedule.xml")).getroot()
    exported = etree.fromstring(
        to_frab_xml(load_schedule(SCHEDULES / "38c3.schedule.xml")).encode()
    )

    def fields(root: etree._Element) -> dict[str, tuple[str | None, ...]]:
        return {
            e.get("guid"): (
                e.get("id"),
                *(
                    e.findtext(tag) or None
                    for tag in ("type", "url", "feedback_url", "origin_url", "logo", "slug")
                ),
            )
            for e in root.iter("event")
        }

    assert fields(exported) == fields(published)


def _schedule(**event_fields: object) -> str:
    """A minimal frab schedule.json with one event, ``event_fields`` added to it."""
    item = {
        "guid": "00000000-0000-4000-8000-000000000001",
        "id": 42,
        "date": "2025-10-25T09:00:00+07:00",
        "start": "09:00",
        "duration": "01:00",
        "room": "Hall A",
        "slug": "conf-talk",
        "title": "A talk",
        "type": "Talk",
        "persons": [],
        **event_fields,
    }
    day = {"index": 1, "date": "2025-10-25", "rooms": {"Hall A": [item]}}
    conference = {
        "acronym": "conf",
        "title": "A conference",
        "start": "2025-10-25",
        "end": "2025-10-25",
        "time_zone_name": "Asia/Ho_Chi_Minh",
        "days": [day],
    }
    return json.dumps({"schedule": {"version": "1", "conference": conference}})


def test_a_recording_opt_out_is_kept_and_written_in_both_formats():
    event = loads_schedule(_schedule(do_not_record=True, recording_license="CC BY 4.0"))
    (session,) = event.sessions
    assert session.recording == Recording(optout=True, licence="CC BY 4.0")
    (item,) = _items(to_frab(event))
    assert (item["do_not_record"], item["recording_license"]) == (True, "CC BY 4.0")
    xml = etree.fromstring(to_frab_xml(event).encode())
    assert xml.findtext("day/room/event/recording/optout") == "true"
    assert xml.findtext("day/room/event/recording/license") == "CC BY 4.0"
    assert loads_schedule(to_frab_xml(event)).sessions[0].recording == session.recording


def test_a_schedule_that_says_nothing_of_recording_leaves_it_not_known():
    (session,) = loads_schedule(_schedule()).sessions
    assert session.recording is None
    (item,) = _items(to_frab(loads_schedule(_schedule())))
    assert "do_not_record" not in item


def test_a_language_list_a_non_uuid_guid_and_links_are_kept():
    text = _schedule(
        guid="talk-42",
        language="en, de",
        links=[{"url": "https://example.org/slides.pdf", "title": "Slides", "type": "slides"}],
        attachments=[{"url": "/media/paper.pdf", "title": "Paper"}],
    )
    document = json.loads(text)
    document["schedule"]["base_url"] = "https://conf.example.org/"
    (session,) = loads_schedule(json.dumps(document)).sessions
    assert session.listing is not None
    assert session.listing.language == "en, de"
    assert session.listing.guid == "talk-42"
    # the C3VOC schemas want a UUID: the session gets the one its exports would derive
    assert session.guid == frab.guid("conf", "session", session.id)
    assert session.listing.links == (
        Link(url="https://example.org/slides.pdf", title="Slides", type="slides"),
    )
    assert session.listing.attachments == (
        Link(url="https://conf.example.org/media/paper.pdf", title="Paper"),
    )
    exported = to_frab(loads_schedule(json.dumps(document)))
    (item,) = _items(exported)
    assert item["language"] == "en, de"
    assert item["attachments"] == [
        {"url": "https://conf.example.org/media/paper.pdf", "title": "Paper"}
    ]


def test_a_planner_s_change_wins_over_what_was_published():
    event = loads_schedule(_schedule(abstract="Short.", description="Long."))
    (session,) = event.sessions
    assert session.description == "Short.\n\nLong."
    (item,) = _items(to_frab(event))
    assert (item["abstract"], item["description"]) == ("Short.", "Long.")
    edited = attrs.evolve(event, sessions=[attrs.evolve(session, description="Moved to noon.")])
    (item,) = _items(to_frab(edited))
    assert (item["abstract"], item["description"]) == ("Moved to noon.", "Moved to noon.")
    from eventplan import SessionKind

    workshop = attrs.evolve(event, sessions=[attrs.evolve(session, kind=SessionKind.WORKSHOP)])
    assert _items(to_frab(workshop))[0]["type"] == "workshop"
    assert _items(to_frab(event))[0]["type"] == "Talk"


def test_a_source_id_held_by_two_sessions_is_not_written_twice():
    document = json.loads(_schedule())
    (item,) = document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    twin = {**item, "guid": "00000000-0000-4000-8000-000000000002", "slug": "conf-twin"}
    document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"].append(twin)
    ids = [i["id"] for i in _items(to_frab(loads_schedule(json.dumps(document))))]
    assert len(set(ids)) == 2


@pytest.mark.parametrize("name", REAL)
def test_real_exports_stay_valid(name):
    event = load_schedule(SCHEDULES / name)
    assert xsd_errors(to_frab_xml(event)) == []
    errors = json_schema_errors(to_frab(event))
    # rC3 names no zone: Etc/GMT-1 is what its offsets give (IANA resolution is still open)
    assert [e for e in errors if "time_zone_name" not in e] == []


@pytest.mark.parametrize(
    ("kind", "track", "expected"),
    [
        (None, "Designing Futures", None),  # no signing inside "Designing"
        ("Talk", "Designing Futures", "side_event"),
        ("LightningTalk 15min", None, "side_event"),
        ("Workshops", None, "workshop"),
        ("High-Level Panel", None, "high_level_discussion"),
        ("Expose", None, None),  # not an expo
        ("Impressum", None, None),  # not the press
    ],
)
def test_kinds_are_read_from_whole_words(kind, track, expected):
    found = session_kind(kind, track=track)
    assert (found.value if found else None) == expected


# --- the recording opt-out, carried everywhere ------------------------------------------


def _opted_out(*, recorded: bool | None) -> Event:
    """A schedule with one session whose speakers said no, in a room recorded or not."""
    event = loads_schedule(_schedule(do_not_record=True, recording_license=""))
    (room,) = event.rooms
    venue = attrs.evolve(event.venues[0], rooms=[attrs.evolve(room, recorded=recorded)])
    return attrs.evolve(event, venues=[venue])


def test_check_warns_where_an_opted_out_session_is_in_a_recorded_room():
    from eventplan import check

    found = [f for f in check(_opted_out(recorded=True)).findings if f.code.startswith("record")]
    assert [(f.code, f.severity.value) for f in found] == [("recording-opt-out", "warning")]
    assert "opted out of recording" in found[0].message
    assert not [f for f in check(_opted_out(recorded=False)).findings if "record" in f.code]
    (unknown,) = [f for f in check(_opted_out(recorded=None)).findings if "record" in f.code]
    assert (unknown.code, unknown.severity.value) == ("recording-not-known", "info")


def test_calendars_and_spreadsheets_say_the_session_is_not_to_be_recorded(tmp_path: Path):
    from calendar_readers import libical_available, read_with_libical

    from eventplan import to_csv, to_ics
    from eventplan.calendars import _ical

    event = _opted_out(recorded=True)
    text = to_ics(event, stamp=STAMP)
    unfolded = "\n".join(_ical.unfold(text))
    assert "X-EVENTPLAN-RECORDING-OPTOUT:TRUE" in unfolded
    assert "Recording: not to be recorded (the speakers opted out)" in unfolded
    rows = to_csv(event).splitlines()
    assert rows[0].endswith(",recording,recording_licence")
    assert rows[1].endswith(",opted out,")
    if libical_available():  # the README's test command installs it; CI requires it
        path = tmp_path / "programme.ics"
        path.write_text(text, encoding="utf-8")
        (calendar,) = read_with_libical(path)
        assert (calendar["errors"], calendar["restrictions_hold"]) == ([], True)


def test_a_room_of_one_layout_is_not_reset_between_kinds():
    """A talk and a workshop ten minutes apart on one stage: no layout change is invented."""
    from eventplan import check

    document = json.loads(_schedule())
    (item,) = document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    workshop = {
        **item,
        "guid": "00000000-0000-4000-8000-000000000002",
        "id": 43,
        "slug": "conf-workshop",
        "date": "2025-10-25T10:10:00+07:00",
        "start": "10:10",
        "type": "Workshop",
    }
    document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"].append(workshop)
    event = loads_schedule(json.dumps(document))
    assert {s.kind.value for s in event.sessions} == {"side_event", "workshop"}
    assert not [f for f in check(event).findings if f.code == "room-turnover"]


# --- times: past midnight, and a city's zone ---------------------------------------------

_XML_DAY = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><acronym>fosdem</acronym><title>FOSDEM</title>{city}
    <start>2025-02-01</start><end>2025-02-02</end></conference>
  <day index="1" date="2025-02-01" start="2025-02-01T10:00:00+01:00" end="2025-02-02T03:00:00+01:00">
    <room name="Janson">
      <event id="1" guid="00000000-0000-4000-8000-00000000000a">
        <start>{early}</start><duration>00:30</duration><room>Janson</room>
        <title>Morning</title><type>Talk</type>{date}
      </event>
      <event id="2" guid="00000000-0000-4000-8000-00000000000b">
        <start>01:00</start><duration>00:30</duration><room>Janson</room>
        <title>After midnight</title><type>Talk</type>{late_date}
      </event>
    </room>
  </day>
</schedule>
"""


def test_a_session_after_midnight_without_a_date_lands_on_the_next_day():
    text = _XML_DAY.format(
        city="<time_zone_name>Europe/Brussels</time_zone_name>",
        early="10:00",
        date="",
        late_date="",
    )
    event = loads_schedule(text)
    late = next(s for s in event.sessions if s.title == "After midnight")
    assert late.start.isoformat() == "2025-02-02T01:00:00+01:00"
    morning = next(s for s in event.sessions if s.title == "Morning")
    assert morning.start.isoformat() == "2025-02-01T10:00:00+01:00"


def test_a_named_city_gives_its_iana_zone_for_the_offset_its_times_carry():
    dated = "<date>2025-02-01T10:00:00+01:00</date>"
    late = "<date>2025-02-02T01:00:00+01:00</date>"
    opened = read_schedule_text(
        _XML_DAY.format(city="<city>Brussels</city>", early="10:00", date=dated, late_date=late)
    )
    assert opened.event.timezone == "Europe/Brussels"
    (note,) = [f for f in opened.findings if f.code == "schedule-time-zone-inferred"]
    assert "Europe/Brussels, the zone of Brussels" in note.message
    elsewhere = read_schedule_text(
        _XML_DAY.format(city="<city>Tokyo</city>", early="10:00", date=dated, late_date=late)
    )
    assert elsewhere.event.timezone == "Etc/GMT-1"  # Tokyo is not at +01:00: the offset stays


def read_schedule_text(text: str):  # type: ignore[no-untyped-def]
    from eventplan.schedules import reads_schedule

    return reads_schedule(text)


def _one_speaker_in_two_rooms(gap_minutes: int, walking: float | None) -> Event:
    document = json.loads(_schedule(persons=[{"id": 7, "public_name": "Ada"}]))
    (item,) = document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    start = 10 * 60 + gap_minutes
    other = {
        **item,
        "guid": "00000000-0000-4000-8000-000000000003",
        "id": 44,
        "slug": "conf-other",
        "room": "Hall B",
        "date": f"2025-10-25T{start // 60:02d}:{start % 60:02d}:00+07:00",
        "start": f"{start // 60:02d}:{start % 60:02d}",
    }
    document["schedule"]["conference"]["days"][0]["rooms"]["Hall B"] = [other]
    event = loads_schedule(json.dumps(document))
    (venue,) = event.venues
    return attrs.evolve(event, venues=[attrs.evolve(venue, walking_minutes=walking)])


def test_a_transfer_within_a_venue_uses_the_venue_s_walking_time():
    from eventplan import check

    def transfers(event: Event) -> list[str]:
        return [f.message for f in check(event).findings if f.code == "person-transfer"]

    assert transfers(_one_speaker_in_two_rooms(3, walking=2)) == []
    (short,) = transfers(_one_speaker_in_two_rooms(1, walking=2))
    assert short.endswith("2 min needed (the walking time A conference gives)")
    # without the venue's figure, the norm for one venue applies (5-10 min)
    (by_norm,) = transfers(_one_speaker_in_two_rooms(3, walking=None))
    assert "min needed" in by_norm and "walking time" not in by_norm


# --- every real file in the tests -------------------------------------------------------

EVERY = sorted(p.name for p in SCHEDULES.iterdir() if p.suffix in (".json", ".xml", ".xcal"))
#: What the C3VOC JSON schema may still refuse in an export, and why: a session URL the
#: source does not give (eventplan invents none).
_UNGIVEN = ("'url' is a required property",)


def test_the_tests_carry_at_least_ten_real_published_schedules():
    synthetic = {
        "democon.pretalx.schedule.json",
        "indico-docs.event.json",
        "indico-docs.timetable.json",
    }
    readme = (SCHEDULES / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme or name in readme for name in EVERY)
    assert len(set(EVERY) - synthetic) >= 10


@pytest.mark.parametrize("name", EVERY)
def test_every_real_file_imports_checks_exports_validly_and_reads_back(name):
    from eventplan import check

    event = load_schedule(SCHEDULES / name)
    assert event.sessions
    assert check(event).findings is not None
    assert xsd_errors(to_frab_xml(event)) == []
    refused = json_schema_errors(to_frab(event))
    assert [e for e in refused if not any(reason in e for reason in _UNGIVEN)] == []
    for fmt, write in FORMATS.items():
        written = write(event)
        again = loads_schedule(written)
        assert _comparable(again, fmt) == _comparable(event, fmt)
        assert write(again) == written


def _comparable(event: Event, fmt: str) -> dict[str, object]:
    """The sessions by id, but for what neither schema can carry: a page, logo or link given
    relative to a base URL the source does not name; in XML, a room known by a JSON slug (the XSD's rooms
    have a name and a GUID only), so rooms are compared by name."""
    names = {r.id: r.name for r in event.rooms}
    found: dict[str, object] = {}
    for s in event.sessions:
        listing = s.listing
        if listing is not None:
            listing = attrs.evolve(
                listing,
                logo=listing.logo if listing.logo and "://" in listing.logo else None,
                url=listing.url if listing.url and "://" in listing.url else None,
                links=[x for x in listing.links if "://" in x.url],
                attachments=[x for x in listing.attachments if "://" in x.url],
            )
        room = names.get(s.room or "", s.room) if fmt == "xml" else s.room
        found[s.id] = attrs.evolve(s, listing=listing, room=room)
    return found


def test_control_characters_in_a_published_text_are_left_out_with_a_note():
    from eventplan.schedules import read_schedule

    opened = read_schedule(SCHEDULES / "klimacamp2015.schedule.json")
    (note,) = [f for f in opened.findings if f.code == "schedule-control-characters"]
    assert note.message.startswith("1 item with control characters in their texts")
    assert not any("\x06" in (s.description or "") for s in opened.event.sessions)


def test_frab_s_xcal_gives_the_programme_its_json_gives():
    """The same Klimacamp programme as xCal and as schedule.json: the same sessions by frab
    id, titles, rooms and local times (the xCal names no zone: its times are read in UTC,
    and the import's note says to name the zone)."""
    from eventplan.schedules import read_schedule

    opened = read_schedule(SCHEDULES / "klimacamp2015.schedule.xcal")
    as_json = load_schedule(SCHEDULES / "klimacamp2015.schedule.json")
    by_number = {s.listing.number: s for s in as_json.sessions if s.listing}
    for session in opened.event.sessions:
        twin = by_number[session.listing.number if session.listing else None]
        assert session.title.rstrip("-") == twin.title.rstrip("-") or session.title == twin.title
        assert session.room == twin.room
        local = twin.start.in_timezone(as_json.timezone).naive()
        assert session.start.naive() == local
    (note,) = [f for f in opened.findings if f.code == "schedule-time-zone-inferred"]
    assert "name the zone to place them" in note.message


def test_a_licence_without_an_opt_out_leaves_the_opt_out_not_known():
    """A schedule that gives a recording licence but says nothing of an opt-out: not known,
    never 'allowed'."""
    from eventplan import to_csv

    event = loads_schedule(_schedule(recording_license="CC BY 4.0"))
    (session,) = event.sessions
    assert session.recording == Recording(optout=None, licence="CC BY 4.0")
    assert session.recording.words == (
        "not known whether it may be recorded (recordings under CC BY 4.0)"
    )
    (item,) = _items(to_frab(event))
    assert (item["do_not_record"], item["recording_license"]) == (None, "CC BY 4.0")
    assert loads_schedule(_json(event)).sessions[0].recording == session.recording
    assert to_csv(event).splitlines()[1].endswith(",,CC BY 4.0")
    assert xsd_errors(to_frab_xml(event)) == []
