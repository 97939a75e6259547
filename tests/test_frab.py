"""schedule.json and schedule.xml for conference apps, valid against the C3VOC schemas;
and the programme as CSV."""

from __future__ import annotations

import csv
import io
import json
from functools import cache

import attrs
import jsonschema
import pytest
from builders import DATA, at, make_event, make_session
from lxml import etree

import eventplan
from eventplan import to_csv
from eventplan.schedules import to_frab, to_frab_xml
from eventplan.schedules.frab import frab_numbers
from eventplan.testing import synthetic_event

SCHEMA = json.loads((DATA / "c3voc" / "schema.json").read_text(encoding="utf-8"))
XSD = etree.XMLSchema(etree.parse(str(DATA / "c3voc" / "schedule.xml.xsd")))
HANOI = eventplan.reference_event()
URL = "https://example.org/synthetic/"


@cache
def big_synthetic() -> eventplan.Event:
    """2,000 sessions in 100 rooms; the synthetic event has no URL, so one is given."""
    return attrs.evolve(synthetic_event(sessions=2000, rooms=100, delegations=50, seed=3), url=URL)


def json_schema_errors(document: dict[str, object]) -> list[str]:
    validator = jsonschema.Draft6Validator(
        SCHEMA, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def xsd_errors(xml: str | bytes) -> list[str]:
    document = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    return [] if XSD.validate(document) else [str(error) for error in XSD.error_log]


def c3voc_tools_xml(document: dict[str, object]) -> str:
    """What the C3VOC tools (PyPI c3voc-schedule-tools) make of eventplan's schedule.json."""
    from voc.schedule import Schedule

    xml = Schedule.from_dict(json.loads(json.dumps(document))).xml()
    return xml if isinstance(xml, str) else xml.decode("utf-8")


EVENTS = {
    "hanoi": lambda: HANOI,
    "synthetic-2000": big_synthetic,
    "synthetic-without-url": lambda: synthetic_event(sessions=300, rooms=12, seed=9),
}


@pytest.mark.parametrize(
    "event",
    [HANOI, attrs.evolve(synthetic_event(sessions=300, rooms=12, seed=9), url=URL)],
    ids=["hanoi", "synthetic"],
)
def test_schedule_json_is_valid_against_the_c3voc_schema(event):
    assert json_schema_errors(to_frab(event)) == []


def test_schedule_json_without_an_event_url_lacks_only_the_session_urls():
    """The schema wants a URL on every session; eventplan invents none, and says so."""
    event = synthetic_event(sessions=30, rooms=3, seed=9)
    errors = json_schema_errors(to_frab(event))
    assert len(errors) == 30
    assert {error.split(": ", 1)[1] for error in errors} == {"'url' is a required property"}


@pytest.mark.parametrize("name", list(EVENTS))
def test_schedule_xml_is_valid_against_the_c3voc_xsd(name):
    assert xsd_errors(to_frab_xml(EVENTS[name]())) == []


@pytest.mark.parametrize("name", list(EVENTS))
def test_the_c3voc_tools_turn_schedule_json_into_xsd_valid_xml(name):
    assert xsd_errors(c3voc_tools_xml(to_frab(EVENTS[name]()))) == []


def test_schedule_xml_says_what_schedule_json_says():
    document = to_frab(HANOI)
    root = etree.fromstring(to_frab_xml(HANOI).encode("utf-8"))
    items = [
        item
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for item in room
    ]
    events = root.findall("day/room/event")
    assert [(e.get("guid"), int(e.get("id")), e.findtext("title")) for e in events] == [
        (i["guid"], i["id"], i["title"]) for i in items
    ]
    assert [[p.text for p in e.findall("persons/person")] for e in events] == [
        [p["public_name"] for p in i["persons"]] for i in items
    ]
    assert root.findtext("version") == document["schedule"]["version"]


def test_no_event_carries_an_end_the_xsd_refuses():
    items = [
        item
        for day in to_frab(HANOI)["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for item in room
    ]
    assert [item for item in items if "end" in item or "do_not_record" in item] == []


def test_persons_carry_public_name():
    day = to_frab(HANOI)["schedule"]["conference"]["days"][0]
    opening = next(
        i for i in day["rooms"]["Main conference hall"] if i["title"] == "Opening session"
    )
    assert opening["persons"] == [
        {"name": "Luong Cuong", "public_name": "Luong Cuong"},
        {"name": "António Guterres", "public_name": "António Guterres"},
    ]


@pytest.mark.parametrize("url", [None, "urn:eventplan:x", "hanoiconvention.org", "ftp://x.org/"])
def test_urls_are_written_only_when_they_are_http_urls(url):
    document = to_frab(attrs.evolve(HANOI, url=url))
    text = json.dumps(document)
    assert '"url"' not in text
    assert "<url>" not in to_frab_xml(attrs.evolve(HANOI, url=url))


def test_sessions_link_to_the_event_page_when_it_is_known():
    days = to_frab(HANOI)["schedule"]["conference"]["days"]
    urls = {i["url"] for d in days for r in d["rooms"].values() for i in r}
    assert urls == {"https://hanoiconvention.org/"}


def ids_by_guid(event: eventplan.Event) -> dict[str, int]:
    days = to_frab(event)["schedule"]["conference"]["days"]
    return {i["guid"]: i["id"] for d in days for r in d["rooms"].values() for i in r}


def test_integer_ids_stay_put_when_sessions_are_added_or_removed():
    sessions = [
        make_session(f"talk-{n}", start=at(25, 9 + n), end=at(25, 10 + n)) for n in range(8)
    ]
    event = make_event(sessions=sessions)
    before = ids_by_guid(event)
    added = ids_by_guid(
        attrs.evolve(
            event, sessions=[*sessions, make_session("late", start=at(25, 20), end=at(25, 21))]
        )
    )
    removed = ids_by_guid(attrs.evolve(event, sessions=sessions[1:]))
    assert len(set(before.values())) == 8
    assert {guid: added[guid] for guid in before} == before
    assert removed == {guid: n for guid, n in before.items() if guid in removed}
    assert len(removed) == 7


def test_integer_ids_resolve_collisions_stably():
    """In a space of 3 numbers, 3 keys must share it: the later key in key order moves on."""
    keys = ["a", "b", "c"]
    numbers = frab_numbers(keys, space=3)
    assert sorted(numbers.values()) == [1, 2, 3]
    assert frab_numbers(list(reversed(keys)), space=3) == numbers  # order of arrival is irrelevant
    # a key alone keeps the number its hash gives; with others, the first in key order still does
    assert numbers["a"] == frab_numbers(["a"], space=3)["a"]
    assert frab_numbers(["a", "zzz"], space=10**6)["a"] == frab_numbers(["a"], space=10**6)["a"]


def test_integer_ids_are_positive_32_bit_and_unique_for_2000_sessions():
    numbers = list(ids_by_guid(big_synthetic()).values())
    assert len(numbers) == len(set(numbers)) == 2000
    assert all(1 <= n <= 2**31 - 1 for n in numbers)


def test_schedule_json_holds_every_session_once_in_its_room_and_day():
    conference = to_frab(HANOI)["schedule"]["conference"]
    placed = [
        (day["date"], room, item["title"])
        for day in conference["days"]
        for room, items in day["rooms"].items()
        for item in items
    ]
    assert len(placed) == len(HANOI.sessions)
    assert ("2025-10-25", "Main conference hall", "Opening session") in placed
    assert [d["date"] for d in conference["days"]] == ["2025-10-25", "2025-10-26"]


def test_schedule_json_guids_are_stable_and_unique():
    first, again = to_frab(HANOI), to_frab(eventplan.load_event(eventplan.files.reference_file()))
    guids = [
        i["guid"]
        for d in first["schedule"]["conference"]["days"]
        for r in d["rooms"].values()
        for i in r
    ]
    assert len(set(guids)) == len(guids) == len(HANOI.sessions)
    assert first == again


def test_rooms_carry_their_capacity():
    rooms = {r["name"]: r["capacity"] for r in to_frab(HANOI)["schedule"]["conference"]["rooms"]}
    assert rooms["Main conference hall"] == 3500  # the most cautious of the three published counts


def test_times_are_local_with_their_offset():
    day = to_frab(HANOI)["schedule"]["conference"]["days"][0]
    opening = next(
        i for i in day["rooms"]["Main conference hall"] if i["title"] == "Opening session"
    )
    assert (opening["date"], opening["start"], opening["duration"]) == (
        "2025-10-25T09:00:00+07:00",
        "09:00",
        "01:00",
    )


def test_csv_has_a_row_per_session_in_time_order():
    rows = list(csv.DictReader(io.StringIO(to_csv(HANOI))))
    assert len(rows) == len(HANOI.sessions)
    assert [(r["start"], r["title"]) for r in rows[1:4]] == [
        ("08:30", "Welcome of heads of delegation by the President; group photo"),
        ("09:00", "Opening session"),
        ("10:00", "Signing of the Convention"),
    ]
    assert rows[2]["languages"] == "ar zh en fr ru es vi"


def test_a_guid_copied_onto_two_sessions_is_written_once():
    kept = "270fa44c-821a-577f-8ca3-33e8d4a8c2a7"
    sessions = [
        make_session(f"talk-{n}", start=at(25, 9 + n), end=at(25, 10 + n), guid=kept)
        for n in range(2)
    ]
    event = make_event(sessions=sessions)
    guids = list(ids_by_guid(event))
    assert guids[0] == kept and len(set(guids)) == 2
    assert xsd_errors(to_frab_xml(event)) == []


def _frab_items(document: dict[str, object]) -> list[dict[str, object]]:
    conference = document["schedule"]["conference"]  # type: ignore[index]
    return [item for day in conference["days"] for room in day["rooms"].values() for item in room]


@pytest.mark.parametrize("audience", ["kind:press", "delegates", "room:press-conference-room"])
def test_an_audience_schedule_holds_its_calendar_sessions_and_stays_valid(audience):
    from eventplan.demand import sessions_for

    document = to_frab(HANOI, audience=audience)
    items = _frab_items(document)
    expected = sessions_for(HANOI, audience=eventplan.demand.Audience.parse(audience))
    assert 0 < len(items) < len(HANOI.sessions)
    assert sorted(i["title"].removesuffix(" (cancelled)") for i in items) == sorted(
        s.title for s in expected
    )
    assert json_schema_errors(document) == []
    assert xsd_errors(to_frab_xml(HANOI, audience=audience)) == []


def test_a_session_keeps_its_guid_and_id_in_every_audience_schedule():
    whole = {i["guid"]: i["id"] for i in _frab_items(to_frab(HANOI))}
    press = {i["guid"]: i["id"] for i in _frab_items(to_frab(HANOI, audience="kind:press"))}
    assert press.items() <= whole.items()


def test_an_audience_schedule_says_whose_it_is_and_refuses_an_unknown_one():
    title = to_frab(HANOI, audience="kind:press")["schedule"]["conference"]["title"]
    assert title == f"{HANOI.name} — press"
    with pytest.raises(eventplan.errors.UnknownNameError, match="unknown room 'hall-z'"):
        to_frab(HANOI, audience="room:hall-z")
    with pytest.raises(eventplan.errors.EventPlanError, match="turnout"):
        to_frab(HANOI, "no-such-turnout")


def test_the_command_line_writes_one_audience_schedule(tmp_path):
    from eventplan.cli import main

    target = tmp_path / "press.xml"
    assert main(["frab", "--for", "kind:press", "--turnout", "actual", "-o", str(target)]) == 0
    written = target.read_text(encoding="utf-8")
    assert written == to_frab_xml(HANOI, "actual", audience="kind:press")
    assert xsd_errors(written) == []
