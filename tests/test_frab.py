"""schedule.json for conference apps, valid against the C3VOC schema; and the programme as CSV."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from builders import DATA

import eventplan
from eventplan import to_csv, to_frab
from eventplan.testing import synthetic_event

SCHEMA = json.loads((DATA / "c3voc" / "schema.json").read_text(encoding="utf-8"))
HANOI = eventplan.reference_event()


@pytest.mark.parametrize(
    "event",
    [HANOI, synthetic_event(sessions=300, rooms=12, delegations=40, seed=9)],
    ids=["hanoi", "synthetic"],
)
def test_schedule_json_is_valid_against_the_c3voc_schema(event):
    validator = jsonschema.Draft6Validator(
        SCHEMA, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(to_frab(event))
    ]
    assert errors == []


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
    first, again = to_frab(HANOI), to_frab(eventplan.load_event(eventplan.reference_file()))
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
