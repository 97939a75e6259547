"""A hostile or damaged schedule never gives a traceback, a hang or a silent change: each case
of issue 19 is one line naming the file and the place, exit status 2, and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventplan import EventFileError
from eventplan.cli import main
from eventplan.schedules import loads_schedule


def schedule(
    *events: dict[str, Any], rooms: list[dict[str, Any]] | None = None, **conference: Any
) -> dict[str, Any]:
    """A small schedule.json: one day, room R1, the events given."""
    head = {
        "acronym": "t",
        "title": "Test",
        "start": "2024-06-01",
        "end": "2024-06-01",
        "time_zone_name": "Europe/Berlin",
        **conference,
    }
    return {
        "schedule": {
            "version": "1",
            "conference": {
                **head,
                **({"rooms": rooms} if rooms is not None else {}),
                "days": [{"index": 1, "date": "2024-06-01", "rooms": {"R1": list(events)}}],
            },
        }
    }


def talk(**fields: Any) -> dict[str, Any]:
    return {
        "id": 1,
        "guid": "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4",
        "date": "2024-06-01T10:00:00+02:00",
        "start": "10:00",
        "duration": "00:30",
        "room": "R1",
        "title": "Opening",
        "type": "lecture",
        "persons": [],
        **fields,
    }


def run_cli(path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """The one line of error an export of ``path`` gives; checks exit 2 and nothing written."""
    out = tmp_path / "out.ics"
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["ics", str(path), "-o", str(out)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"eventplan: {path}: "), err
    return err.removeprefix(f"eventplan: {path}: ").rstrip("\n")


def write(tmp_path: Path, text: str, name: str = "schedule.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTPLAN_CACHE_DIR", "")


def test_json_nested_100000_levels_is_one_problem(tmp_path, capsys):
    path = write(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert run_cli(path, capsys, tmp_path).startswith("nested too deeply")


def test_a_5000_digit_id_is_refused_by_its_place(tmp_path, capsys):
    text = json.dumps(schedule(talk(id=0))).replace('"id": 0', '"id": ' + "9" * 5000)
    said = run_cli(write(tmp_path, text), capsys, tmp_path)
    assert said == (
        "schedule.conference.days[0].rooms['R1'][0].id: "
        "a whole number of 5,000 digits; at most 18 are read"
    )


XML = """<?xml version="1.0"?>
<schedule><conference><acronym>t</acronym><title>Test</title>
<start>2024-06-01</start><end>2024-06-01</end><time_zone_name>Europe/Berlin</time_zone_name>
</conference><day index="1" date="2024-06-01"><room name="R1">
<event id="{id}" guid="a0a0fcfe-b7fb-46e3-84b6-97a5406016b4"><date>2024-06-01T10:00:00+02:00</date>
<start>10:00</start><duration>00:30</duration><room>R1</room><title>Opening</title>
<type>lecture</type></event></room></day></schedule>
"""


@pytest.mark.parametrize("number", ["²", "٣", "9" * 5000], ids=["superscript", "arabic", "5000"])
def test_an_xml_id_that_is_no_ascii_number_is_refused_by_its_place(number, tmp_path, capsys):
    path = write(tmp_path, XML.format(id=number), "schedule.xml")
    said = run_cli(path, capsys, tmp_path)
    assert said.startswith("schedule/day[1]/room[@name='R1']/event[1]/@id: expected a whole number")
    assert len(said) < 200


@pytest.mark.parametrize(
    "date", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00", "9999-12-31T23:00:00"]
)
def test_a_date_at_the_end_of_time_is_refused_before_the_zone_arithmetic(date, tmp_path, capsys):
    path = write(tmp_path, json.dumps(schedule(talk(date=date))))
    said = run_cli(path, capsys, tmp_path)
    assert said == (
        f"schedule.conference.days[0].rooms['R1'][0].date: "
        f"must lie between 1900-01-01 and 2199-12-31: {date}"
    )


def test_a_lone_surrogate_in_a_title_is_refused_where_it_is(tmp_path, capsys):
    text = json.dumps(schedule(talk(title="Open\ud800ing")))  # json.dumps writes \ud800
    assert "\\ud800" in text
    said = run_cli(write(tmp_path, text), capsys, tmp_path)
    assert said.startswith("schedule.conference.days[0].rooms.R1[0].title: not valid Unicode")
    assert "U+D800" in said


def test_a_surrogate_pair_is_one_character_and_reads(tmp_path):
    text = json.dumps(schedule(talk(title="Opening \U0001f389")))
    assert "\\ud83c\\udf89" in text
    assert loads_schedule(text).sessions[0].title == "Opening \U0001f389"


@pytest.mark.parametrize("character", ["\x00", "\x1b"], ids=["NUL", "ESC"])
def test_a_room_name_with_a_control_character_is_a_problem_like_a_title(
    character, tmp_path, capsys
):
    data = schedule(talk(room=f"R{character}1"), rooms=[{"name": f"R{character}1"}])
    path = write(tmp_path, json.dumps(data))
    said = run_cli(path, capsys, tmp_path)
    assert said.startswith("schedule.conference.rooms[0].name: 'name' must not contain control")
    assert character not in said


def test_a_key_given_twice_is_refused_not_dropped(tmp_path, capsys):
    text = json.dumps(schedule(talk()), indent=1)
    one = text.index('"R1": [')
    twice = text[:one] + '"R1": [],\n' + text[one:]
    said = run_cli(write(tmp_path, twice), capsys, tmp_path)
    assert said.startswith("the key 'R1' is given twice in one object (lines ")
    with pytest.raises(EventFileError):
        loads_schedule(twice)


def test_a_local_time_in_the_spring_gap_is_refused_as_in_an_event_file(tmp_path, capsys):
    data = schedule(talk(date="2024-03-31T02:30:00"), start="2024-03-31", end="2024-03-31")
    said = run_cli(write(tmp_path, json.dumps(data)), capsys, tmp_path)
    assert said == (
        "schedule.conference.days[0].rooms['R1'][0].date: local time 2024-03-31T02:30:00 "
        "does not exist in Europe/Berlin (the clocks skip it)"
    )


def test_a_day_and_clock_in_the_autumn_fold_is_refused_with_both_offsets(tmp_path, capsys):
    event = talk(start="02:30")
    del event["date"]
    data = schedule(event, start="2024-10-27", end="2024-10-27")
    data["schedule"]["conference"]["days"][0]["date"] = "2024-10-27"
    said = run_cli(write(tmp_path, json.dumps(data)), capsys, tmp_path)
    assert said == (
        "schedule.conference.days[0].rooms['R1'][0].start: local time 2024-10-27T02:30:00 "
        "happens twice in Europe/Berlin (the clocks go back); give its UTC offset: "
        "2024-10-27T02:30:00+02:00 (the first time) or 2024-10-27T02:30:00+01:00 (the second)"
    )


def test_a_time_with_its_offset_in_the_fold_reads(tmp_path):
    data = schedule(talk(date="2024-10-27T02:30:00+01:00"), start="2024-10-27", end="2024-10-27")
    (session,) = loads_schedule(json.dumps(data)).sessions
    assert session.start.isoformat() == "2024-10-27T02:30:00+01:00"


def test_the_stdout_of_a_killed_pipe_and_a_huge_alarm(tmp_path, capsys):
    assert main(["ics", "--alarm", "10000000000000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--alarm" in err


def test_every_case_from_a_shell_gives_no_traceback(tmp_path):
    """The same files from a real process: one line on stderr, status 2."""
    cases = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "digits.json": json.dumps(schedule(talk(id=0))).replace('"id": 0', '"id": ' + "9" * 5000),
        "surrogate.json": json.dumps(schedule(talk(title="\ud800"))),
        "room.json": json.dumps(schedule(talk(room="R\x001"), rooms=[{"name": "R\x001"}])),
    }
    for name, text in cases.items():
        path = write(tmp_path, text, name)
        done = subprocess.run(
            [sys.executable, "-m", "eventplan", "summary", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "EVENTPLAN_CACHE_DIR": ""},
            timeout=60,
        )
        assert done.returncode == 2, (name, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, (name, done.stderr)


def test_an_offset_the_named_zone_does_not_have_is_read_as_its_instant_with_a_warning():
    """pretalx publishes such files (its DemoCon says UTC and writes +01:00): conference apps
    read the offsets, so eventplan does too, and says so instead of refusing the file."""
    from eventplan.schedules import reads_schedule

    data = schedule(talk(date="2024-06-01T10:00:00+07:00"))
    opened = reads_schedule(json.dumps(data))
    assert opened.event.sessions[0].start.isoformat() == "2024-06-01T05:00:00+02:00"
    (warning,) = [f for f in opened.findings if f.code == "schedule-offset-not-zone"]
    assert warning.severity.value == "warning"
    assert warning.message == (
        "1 time with a UTC offset that Europe/Berlin does not have then (the first at "
        "schedule.conference.days[0].rooms['R1'][0]): read as the instants written; check "
        "the schedule's time_zone_name"
    )


def test_a_time_in_utc_is_its_instant_and_an_unnamed_zone_holds_no_offset_to_account():
    utc = schedule(talk(date="2024-06-01T08:00:00Z"))
    assert loads_schedule(json.dumps(utc)).sessions[0].start.isoformat() == (
        "2024-06-01T10:00:00+02:00"
    )
    mixed = schedule(talk(date="2024-10-26T10:00:00+02:00"), start="2024-10-26", end="2024-10-28")
    del mixed["schedule"]["conference"]["time_zone_name"]
    later = talk(id=2, date="2024-10-28T10:00:00+01:00", title="Closing")
    mixed["schedule"]["conference"]["days"][0]["rooms"]["R1"].append(later)
    starts = [s.start.isoformat() for s in loads_schedule(json.dumps(mixed)).sessions]
    assert starts == ["2024-10-26T08:00:00+00:00", "2024-10-28T09:00:00+00:00"]
