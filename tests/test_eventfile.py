"""Reading and writing event files: every problem at once, each with its path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest
from builders import DATA, at, make_event, make_session

import eventplan
from eventplan import EventFileError, dump_event, load_event, loads_event
from eventplan._atomic import write_text
from eventplan.files import dumps_event
from eventplan.testing import synthetic_event

INVALID = sorted((DATA / "invalid").glob("*.toml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_file_reports_exactly_its_problems(path: Path):
    expected = path.with_suffix(".problems").read_text(encoding="utf-8").splitlines()
    with pytest.raises(EventFileError) as caught:
        load_event(path)
    assert [str(problem) for problem in caught.value.problems] == expected
    assert caught.value.source == str(path)


def test_every_invalid_file_has_its_expected_problems_file():
    assert [p.stem for p in INVALID] == sorted(
        p.stem for p in (DATA / "invalid").glob("*.problems")
    )


def test_one_problem_is_one_line_naming_the_file_and_the_place():
    path = DATA / "invalid" / "unknown_room.toml"
    with pytest.raises(EventFileError) as caught:
        load_event(path)
    assert str(caught.value) == (
        f"{path}: sessions.opening.room: unknown room 'hall-b'; known: hall-a"
    )


def test_several_problems_are_listed_under_the_file():
    path = DATA / "invalid" / "unknown_room.toml"
    text = "bogus = 1\n" + path.read_text(encoding="utf-8").replace(
        'kind = "opening"', 'kind = "openning"', 1
    )
    with pytest.raises(EventFileError) as caught:
        loads_event(text, source="two.toml")
    lines = str(caught.value).splitlines()
    assert lines[0] == f"two.toml: {len(lines) - 1} problems:" and len(lines) > 2
    assert all(line.startswith("  ") for line in lines[1:])


def test_missing_file_is_an_event_file_error(tmp_path: Path):
    with pytest.raises(EventFileError, match="cannot read the file"):
        load_event(tmp_path / "absent.toml")


def test_local_times_take_the_event_zone():
    event = loads_event(
        (DATA / "invalid" / "unknown_room.toml").read_text().replace("hall-b", "hall-a")
    )
    assert event.sessions[0].start == pendulum.datetime(2025, 10, 25, 7, tz="UTC")
    assert event.sessions[0].start.timezone_name == "Europe/Vienna"


def test_offset_times_are_kept_as_instants_and_shown_in_the_event_zone():
    text = (DATA / "invalid" / "ambiguous_local_time.toml").read_text()
    text = text.replace("2025-10-26T02:30:00\n", "2025-10-26T02:30:00+01:00\n")
    event = loads_event(text)
    start = event.sessions[0].start
    # Compared in UTC: Python never finds an aware time in a DST fold equal to one in another zone.
    assert start.in_timezone("UTC") == pendulum.datetime(2025, 10, 26, 1, 30, tz="UTC")
    assert (start.timezone_name, start.utcoffset()) == ("Europe/Vienna", dt.timedelta(hours=1))


def test_dump_then_load_gives_an_equal_event(tmp_path: Path):
    event = make_event()
    dump_event(event, path=tmp_path / "mini.toml")
    assert load_event(tmp_path / "mini.toml") == event


def test_dump_keeps_an_ambiguous_time_with_its_offset():
    second_half_hour = pendulum.datetime(2025, 10, 26, 1, 30, tz="UTC").in_timezone("Europe/Vienna")
    event = make_event(sessions=(make_session(start=second_half_hour, end=at(26, 4)),))
    text = dumps_event(event)
    assert "start = 2025-10-26 02:30:00+01:00" in text
    assert loads_event(text) == event


def test_dump_omits_defaults():
    text = dumps_event(make_event())
    assert "status" not in text
    assert "interpretation_booths" not in text


def test_synthetic_event_round_trips_through_toml():
    event = synthetic_event(sessions=60, rooms=5, delegations=40, seed=3)
    assert loads_event(dumps_event(event)) == event


def test_failed_write_leaves_the_previous_file_and_no_debris(tmp_path: Path):
    target = tmp_path / "event.toml"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text(target, "half written \udc80 never lands")  # fails mid-write
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["event.toml"]


def test_validate_reports_reference_problems_of_an_event_built_in_code():
    event = make_event(sessions=(make_session(room="hall-z", subcommittee="protocol"),))
    with pytest.raises(eventplan.InvalidEventError) as caught:
        eventplan.model.validate(event)
    assert [str(p) for p in caught.value.problems] == [
        "sessions.opening.room: unknown room 'hall-z'; known: hall-a, hall-b",
        "sessions.opening.subcommittee: unknown sub-committee 'protocol'; the event defines no sub-committees",
    ]


def test_validate_returns_a_sound_event_unchanged():
    event = make_event()
    assert eventplan.model.validate(event) is event


def test_naive_time_in_code_is_refused_by_the_session():
    with pytest.raises(ValueError, match="'start' must carry a time zone: 2025-10-25T09:00:00"):
        make_session(start=dt.datetime(2025, 10, 25, 9))


def test_reference_event_round_trips_through_toml(tmp_path: Path):
    event = eventplan.reference_event()
    dump_event(event, path=tmp_path / "hanoi.toml")
    assert load_event(tmp_path / "hanoi.toml") == event


def test_open_ended_count_is_written_without_max():
    text = dumps_event(eventplan.reference_event())
    assert "{ min = 51 }" in text or "min = 51\n" in text


def test_a_misspelt_time_zone_is_one_problem_the_cause_first_with_close_names():
    from eventplan.files import reference_file

    text = reference_file().read_text(encoding="utf-8")
    text = text.replace('timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Ho_Chi_Mihn"', 1)
    with pytest.raises(EventFileError) as caught:
        loads_event(text, source="hanoi.toml")
    (problem,) = caught.value.problems
    assert problem.path == "timezone"
    assert problem.message.startswith(
        "'Asia/Ho_Chi_Mihn' is not an IANA time zone such as 'Asia/Ho_Chi_Minh'; "
        "did you mean 'Asia/Ho_Chi_Minh'"
    )
    assert problem.message.endswith("local times in the file wait on it)")
