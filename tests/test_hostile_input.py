"""Hostile input never crashes, hangs or lies: each attack of issue 12, one test.

Attacks on event files that a file shows best live in ``tests/data/invalid``
(``nan_floor_area.toml``, ``session_in_year_999.toml``, ``huge_counts.toml``, …)
and are checked, problem by problem, by ``test_eventfile.py``. Here are the
rest: the loader's structure limits, the public functions' arguments and the
command line.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest
from builders import DATA, make_event, make_session

from eventplan import (
    Count,
    EventFileError,
    EventPlanError,
    InvalidEventError,
    NormSet,
    Room,
    SessionKind,
    Venue,
    check,
    default_norms,
    limits,
    load_event,
    loads_event,
    reference_event,
    simulate,
    summarise,
    to_ics,
)
from eventplan.cli import main
from eventplan.errors import ResourceLimitError
from eventplan.files import reference_file
from eventplan.model import Layout, SeatCount, validate
from eventplan.montecarlo import Uncertainty
from eventplan.schedules import to_frab

STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
MINI = (DATA / "invalid" / "unknown_room.toml").read_text().replace('"hall-b"', '"hall-a"')


def problems(error: pytest.ExceptionInfo[InvalidEventError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# --- structure a file cannot abuse ---------------------------------------------------


def test_a_leading_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "with-bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + reference_file().read_bytes())
    assert load_event(path) == reference_event()


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5_000 + "]" * 5_000,
        "a = " + "{b = " * 3_000 + "1" + "}" * 3_000,
    ],
    ids=["arrays_5000_deep", "inline_tables_3000_deep"],
)
def test_deep_brackets_are_one_problem_before_the_recursion_limit(text: str):
    with pytest.raises(EventFileError) as raised:
        loads_event(text)
    levels = text.count("[") or text.count("{")
    assert problems(raised) == [
        f"tables and arrays nest too deeply: {levels:,} levels; "
        f"an event file nests at most {limits.MAX_NESTING} levels"
    ]


@pytest.mark.parametrize(
    "text",
    [".".join(["k"] * 3_000) + " = 1", "[" + ".".join(["k"] * 3_000) + "]"],
    ids=["dotted_keys_3000_deep", "table_header_3000_deep"],
)
def test_deep_dotted_keys_are_one_problem(text: str):
    with pytest.raises(EventFileError) as raised:
        loads_event(text)
    assert problems(raised) == [
        f"tables and arrays nest too deeply; an event file nests at most {limits.MAX_NESTING} levels"
    ]


def test_brackets_inside_strings_do_not_count_as_nesting():
    event = loads_event(MINI.replace('title = "Opening"', 'title = "' + "[[[[" * 20 + '"'))
    assert event.sessions[0].title == "[[[[" * 20


def test_a_file_above_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path):
    path = tmp_path / "mini.toml"
    path.write_text(MINI, encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(EventFileError) as raised:
        load_event(path, max_bytes=size - 1)
    assert problems(raised) == [
        f"the file is too large: more than {size - 1:,} bytes, at most {size - 1:,} are read "
        "(raise the limit with load_event(path, max_bytes=...))"
    ]
    assert load_event(path, max_bytes=size).id == "mini"


def test_an_endless_file_is_refused_without_reading_it_all():
    with pytest.raises(EventFileError) as raised:
        load_event("/dev/zero")
    assert problems(raised)[0].startswith(
        f"the file is too large: more than {limits.MAX_FILE_BYTES:,} bytes"
    )


# --- values checked where they enter ---------------------------------------------------


def test_a_string_for_a_list_is_refused_in_code_not_split():
    with pytest.raises(TypeError) as raised:
        make_session(chairs="chair-a")
    assert str(raised.value) == "expected a list such as ['chair-a'], not the string 'chair-a'"
    with pytest.raises(TypeError):
        make_event(notes="remember the flags")


def test_a_count_is_whole():
    with pytest.raises(TypeError) as raised:
        Count(1.5, 2.5)
    assert str(raised.value) == "'low' must be a whole number: 1.5"


def test_validate_reports_values_beyond_the_limits_in_an_event_built_in_code():
    venue = Venue(
        id="hofburg",
        name="Hofburg",
        latitude=1000.0,
        longitude=float("nan"),
        rooms=(
            Room(
                id="hall-a",
                name="Hall A",
                floor_area_m2=float("inf"),
                seat_counts=(SeatCount(layout=Layout.THEATRE, seats=10**12),),
            ),
        ),
    )
    event = make_event(
        venues=(venue,),
        end_date=dt.date(2027, 1, 1),
        notes=("\x1b]0;pwned\x07",),
    )
    with pytest.raises(InvalidEventError) as raised:
        validate(event)
    assert problems(raised) == [
        "notes[0]: must not contain control character U+001B: '\\x1b]0;pwned\\x07'",
        "venues.hofburg.latitude: must be between -90 and 90 degrees: 1000",
        "venues.hofburg.longitude: must be a finite number: nan",
        "venues.hofburg.rooms.hall-a.floor_area_m2: must be a finite number: inf",
        "venues.hofburg.rooms.hall-a.seat_counts[0].seats: must be at most 1,000,000: "
        "1,000,000,000,000",
        "end_date: the event spans 434 days (2025-10-25 to 2027-01-01); at most 366",
    ]


def test_sessions_at_the_edges_of_the_date_window_load_and_export():
    text = (
        MINI.replace("Europe/Vienna", "Asia/Ho_Chi_Minh")
        .replace("2025-10-25T09:00:00", "1900-01-01T00:00:00")
        .replace("2025-10-25T10:00:00", "1900-01-01T01:00:00")
        .replace("start_date = 2025-10-25", "start_date = 1900-01-01")
        .replace("end_date = 2025-10-26", "end_date = 1900-01-01")
    ) + '\n[[turnouts]]\nname = "planned"\n'
    event = loads_event(text)
    # midnight in Saigon's local mean time of 1900 (UTC+7:06:30) is 16:53:30 UTC the day before
    assert "DTSTART:18991231T165330Z" in to_ics(event, stamp=STAMP).splitlines()
    assert to_frab(event)["schedule"]["conference"]["start"] == "1900-01-01"
    assert check(event).turnout == "planned"
    assert simulate(event, draws=100, progress=False).draws == 100


def test_an_event_without_a_turnout_summarises_with_participation_not_known():
    event = loads_event(MINI)
    summary = summarise(event)
    assert "Participation: not known (the event gives no turnout)" in summary.render_text()
    assert summary.to_json()["participation"] is None


# --- public functions check their arguments --------------------------------------------


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


def test_check_of_none_names_the_function_and_argument():
    with pytest.raises(TypeError) as raised:
        check(None)  # type: ignore[arg-type]
    assert message(raised) == (
        "check(): 'event' must be an Event (load one with load_event), got None"
    )
    assert isinstance(raised.value, EventPlanError)


def test_check_with_an_empty_norm_mapping_is_refused():
    with pytest.raises(TypeError) as raised:
        check(reference_event(), norms={})  # type: ignore[arg-type]
    assert message(raised) == (
        "check(): 'norms' must be a NormSet (default_norms() or one replaced), got dict {}"
    )


def test_a_norm_set_missing_norms_is_refused():
    norms = NormSet(norms=[n for n in default_norms().values() if n.id != "area.theatre"])
    with pytest.raises(ValueError) as raised:
        check(reference_event(), norms=norms)
    assert message(raised) == "check(): 'norms' lacks 1 norm the checks apply: area.theatre"


def test_a_screening_lane_rate_of_zero_is_refused_not_silent():
    norms = default_norms().replace("screening.lane_rate", 0)
    with pytest.raises(ValueError) as raised:
        check(reference_event(), norms=norms)
    assert message(raised) == (
        "check(): norm 'screening.lane_rate' is divided by, so it must be at least 1e-06, got 0"
    )


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        (
            "2025-01-01",
            "to_ics(): 'stamp' must be a date-time with a time zone, or None, got str '2025-01-01'",
        ),
        (
            dt.datetime(2025, 1, 1),
            "to_ics(): 'stamp' must carry a time zone (a naive date-time means a different "
            "instant on every machine), got 2025-01-01T00:00:00",
        ),
    ],
    ids=["string", "naive"],
)
def test_to_ics_refuses_a_stamp_that_is_not_an_aware_datetime(stamp: object, expected: str):
    with pytest.raises((TypeError, ValueError)) as raised:
        to_ics(reference_event(), stamp=stamp)  # type: ignore[arg-type]
    assert message(raised) == expected


def test_to_ics_refuses_previous_text_that_is_not_a_calendar():
    with pytest.raises(ValueError) as raised:
        to_ics(reference_event(), stamp=STAMP, previous="garbage")
    assert message(raised) == (
        "to_ics(): 'previous' must be iCalendar text beginning 'BEGIN:VCALENDAR', got 'garbage'"
    )


@pytest.mark.parametrize(
    ("alarms", "expected"),
    [
        (15, "to_ics(): 'alarms' must be a list of datetime.timedelta, got int 15"),
        ([15], "to_ics(): 'alarms' must hold datetime.timedelta values, got int 15"),
    ],
    ids=["number", "list_of_numbers"],
)
def test_to_ics_refuses_alarms_of_the_wrong_type(alarms: object, expected: str):
    with pytest.raises(TypeError) as raised:
        to_ics(reference_event(), stamp=STAMP, alarms=alarms)  # type: ignore[arg-type]
    assert message(raised) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"draws": "x"}, "simulate(): 'draws' must be a whole number, got str 'x'"),
        ({"draws": 1e20}, "simulate(): 'draws' must be a whole number, got float 1e+20"),
        ({"seed": -1}, "simulate(): 'seed' must be from 0 to 9,223,372,036,854,775,807, got -1"),
        (
            {"probability": float("nan")},
            "simulate(): 'probability' must be between 0 and 1 (exclusive), got nan",
        ),
        (
            {"uncertainty": Uncertainty(turnout_sigma=50)},
            "simulate(): 'uncertainty.turnout_sigma' must be from 0 to 0.7, got 50",
        ),
    ],
    ids=["draws_text", "draws_float", "seed_negative", "probability_nan", "sigma_huge"],
)
def test_simulate_refuses_bad_arguments(arguments: dict[str, object], expected: str):
    with pytest.raises((TypeError, ValueError)) as raised:
        simulate(reference_event(), **arguments)  # type: ignore[arg-type]
    assert message(raised) == expected
    assert isinstance(raised.value, EventPlanError)


def test_a_wide_event_is_drawn_in_smaller_chunks_that_fit_the_memory_limit():
    from eventplan.montecarlo.simulation import CHUNK, chunk_bytes, chunk_size

    assert chunk_size("simulate", 100) == CHUNK  # the reference event is about this wide
    wide = 50_000
    size = chunk_size("simulate", wide)
    assert size < CHUNK
    assert chunk_bytes(size, wide) <= limits.MAX_SIMULATION_BYTES < chunk_bytes(size + 1, wide)


def test_any_number_of_draws_streams_through_chunks_and_adds_up():
    from eventplan.montecarlo.simulation import CHUNK

    result = simulate(reference_event(), draws=2 * CHUNK + 7, seed=3, progress=False)
    assert result.draws == 2 * CHUNK + 7


def test_an_event_too_wide_for_one_draw_is_refused_with_the_figure():
    from eventplan.montecarlo.simulation import chunk_size

    with pytest.raises(ResourceLimitError) as raised:
        chunk_size("simulate", 100_000_000)
    assert message(raised) == (
        "simulate(): one draw of this event holds 100,000,000 numbers and needs 2.2 GiB; "
        "at most 2 GiB is allowed"
    )


# --- the command line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["simulate", "--seed", "-1"],
            "eventplan: simulate(): 'seed' must be from 0 to 9,223,372,036,854,775,807, got -1\n",
        ),
        (
            ["simulate", "--draws", "1000000000"],
            "eventplan: simulate(): 'draws' must be from 1 to 100,000,000, got 1,000,000,000\n",
        ),
    ],
    ids=["seed_negative", "draws_a_billion"],
)
def test_cli_turns_argument_errors_into_exit_2(capsys, argv: list[str], expected: str):
    assert main(argv) == 2
    assert capsys.readouterr().err == expected


def test_cli_refuses_draws_written_as_a_float(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["simulate", "--draws", "1e20"])
    assert raised.value.code == 2
    assert "argument --draws: invalid int value: '1e20'" in capsys.readouterr().err


def test_cli_never_prints_control_characters_from_a_file(capsys):
    assert main(["summary", str(DATA / "invalid" / "control_characters.toml")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "\x1b" not in captured.err and "\x07" not in captured.err
    assert "region: must not contain control character U+001B" in captured.err


def test_ctrl_c_exits_130_with_one_line_and_no_partial_file(tmp_path: Path):
    from eventplan import dump_event
    from eventplan.testing import synthetic_event

    source = tmp_path / "big.toml"
    dump_event(synthetic_event(sessions=3_000, rooms=60, delegations=300), path=source)
    output = tmp_path / "schedule.json"
    script = (
        "import sys\n"
        "from eventplan.cli import main\n"
        "print('ready', flush=True)\n"
        f"sys.exit(main(['frab', {str(source)!r}, '-o', {str(output)!r}]))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    time.sleep(0.3)  # into main(), while it reads the 3,000-session file (over a second)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert stderr == "eventplan: interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.toml"]


def test_evolve_cannot_smuggle_a_string_for_a_list():
    with pytest.raises(TypeError):
        attrs.evolve(reference_event(), notes="remember the flags")


def test_the_manual_lists_every_limit_with_its_value():
    page = Path(__file__).parent.parent / "docs" / "reference" / "limits.md"
    section = page.read_text(encoding="utf-8")
    rows = {
        name: row.split("|")[2].strip()
        for row in section.splitlines()
        if row.startswith("| ")
        for name in re.findall(r"`([A-Z_]+)`", row.split("|")[1])
    }
    shown = {
        "MAX_COUNT": f"{limits.MAX_COUNT:,}",
        "MAX_SEATS_PER_PARTY": f"{limits.MAX_SEATS_PER_PARTY:,}",
        "SMALLEST_FRACTION": f"{limits.SMALLEST_FRACTION:g}",
        "FIRST_DAY": f"{limits.FIRST_DAY} to {limits.LAST_DAY}",
        "LAST_DAY": f"{limits.FIRST_DAY} to {limits.LAST_DAY}",
        "MAX_EVENT_DAYS": f"{limits.MAX_EVENT_DAYS}",
        "MAX_FILE_BYTES": f"{limits.MAX_FILE_BYTES:,} bytes",
        "MAX_NESTING": f"{limits.MAX_NESTING} levels",
        "MAX_NUMBER_DIGITS": f"{limits.MAX_NUMBER_DIGITS}",
        "MAX_SOURCE_ID": f"{limits.MAX_SOURCE_ID:,}",
        "MAX_ALARM_MINUTES": f"{limits.MAX_ALARM_MINUTES}",
        "MAX_DRAWS": f"{limits.MAX_DRAWS:,}",
        "MAX_SEED": f"0 to {limits.MAX_SEED:,}",
        "MAX_SIMULATION_BYTES": f"{limits.MAX_SIMULATION_BYTES // 1024**3} GiB",
        "MAX_SIGMA": f"{limits.MAX_SIGMA}",
    }
    assert rows == shown
    stated = {name for name in vars(limits) if name.isupper()}
    assert stated == set(shown)


def test_an_eight_bit_terminal_escape_is_a_control_character_too():
    with pytest.raises(InvalidEventError) as raised:
        validate(make_event(notes=("\x9b2J",)))
    assert problems(raised) == ["notes[0]: must not contain control character U+009B: '\\x9b2J'"]


def test_to_ics_refuses_previous_text_that_only_begins_like_a_calendar():
    with pytest.raises(ValueError) as raised:
        to_ics(reference_event(), stamp=STAMP, previous="BEGIN:VCALENDAR\r\ngarbage\r\n")
    assert message(raised) == (
        "to_ics(): 'previous' is not a calendar eventplan can update: "
        "not a content line (no ':'): 'garbage'"
    )
    assert isinstance(raised.value, EventPlanError)


def test_a_tiny_fraction_is_refused_before_a_check_divides_by_it():
    text = MINI + "\n[resources]\nshuttle_buses = 5\nshuttle_cycle_minutes = 40.0\n"
    with pytest.raises(EventFileError) as raised:
        loads_event(text + "shuttle_headway_minutes = 1.1125369292536007e-308\n")
    assert problems(raised) == [
        "resources.shuttle_headway_minutes: must be 0 or at least 1e-06 in size: 1.11254e-308"
    ]


def test_cli_usage_errors_show_control_characters_escaped(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["frab", str(DATA / "invalid" / "unknown_room.toml"), "--colour", "\x1b[2J"])
    assert raised.value.code == 2
    assert capsys.readouterr().err.endswith(
        "eventplan: error: unrecognized arguments: --colour \\x1b[2J\n"
    )


def test_load_event_names_a_path_that_is_not_one():
    with pytest.raises(TypeError) as raised:
        load_event(None)  # type: ignore[arg-type]
    assert message(raised) == "load_event(): 'path' must be a file path, got None"


def test_a_session_kind_given_as_a_plain_string_becomes_the_member_and_exports():
    session = attrs.evolve(reference_event().session("opening"), kind="plenary")
    assert session.kind is SessionKind.PLENARY
    event = attrs.evolve(
        reference_event(),
        sessions=tuple(session if s.id == "opening" else s for s in reference_event().sessions),
    )
    assert validate(event) is event
    (item,) = [
        i
        for day in to_frab(event)["schedule"]["conference"]["days"]
        for items in day["rooms"].values()
        for i in items
        if i["slug"].endswith("-opening")
    ]
    assert item["type"] == "plenary"


def test_a_session_kind_that_is_no_kind_names_the_field_and_the_choices():
    with pytest.raises(TypeError) as raised:
        attrs.evolve(reference_event().session("opening"), kind="plenery")
    assert str(raised.value) == (
        "'kind' must be SessionKind (one of: "
        + ", ".join(k.value for k in SessionKind)
        + "): 'plenery' is str"
    )


def test_a_problem_path_naming_a_hostile_id_is_shown_escaped():
    from eventplan.errors import Problem

    shown = str(Problem("turnouts.planned.cohorts.\x1b]0;pwned\x07.id", "bad id"))
    assert shown == "turnouts.planned.cohorts.\\x1b]0;pwned\\x07.id: bad id"


@pytest.mark.parametrize("value", [None, 42, b"room:x"], ids=["None", "int", "bytes"])
def test_audience_parse_names_its_argument(value: object):
    from eventplan import Audience
    from eventplan.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError) as raised:
        Audience.parse(value)  # type: ignore[arg-type]
    assert str(raised.value) == (
        "Audience.parse(): 'text' must be a string such as 'delegation:vn', "
        f"got {type(value).__name__}"
    )


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        (float("nan"), None, "'low' must be a finite number, 0 or more: nan"),
        (1.0, float("inf"), "'high' must be a finite number, 0 or more: inf"),
        (float("-inf"), None, "'low' must be a finite number, 0 or more: -inf"),
        ("3", None, "'low' must be a number, got str"),
    ],
)
def test_norm_set_replace_refuses_what_no_check_can_use(low: object, high: object, said: str):
    from eventplan.errors import ArgumentTypeError, InvalidArgumentError

    with pytest.raises((ArgumentTypeError, InvalidArgumentError)) as raised:
        default_norms().replace("area.theatre", low, high)  # type: ignore[arg-type]
    assert str(raised.value) == f"NormSet.replace(): {said}"


def test_a_norm_made_in_code_cannot_be_nan():
    norm = next(iter(default_norms().values()))
    with pytest.raises(ValueError, match="'high' must be a finite number: nan"):
        attrs.evolve(norm, high=float("nan"))


def in_a_terminal(argv: list[str], seconds: float) -> tuple[str, int]:
    """What ``argv`` shows in a 100-column terminal over ``seconds``, then after Ctrl-C:
    the text and the exit status (-1 when it did not stop within a minute)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.environ["EVENTPLAN_CACHE_DIR"] = ""
        os.execv(sys.executable, [sys.executable, "-m", "eventplan", *argv])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    out = b""

    def read_for(limit: float) -> bool:
        nonlocal out
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                out += chunk
        return True

    read_for(seconds)
    os.kill(pid, signal.SIGINT)
    read_for(60)  # until the terminal closes: the process is ending
    deadline = time.monotonic() + 30
    done, status = os.waitpid(pid, os.WNOHANG)
    while not done and time.monotonic() < deadline:  # closed before it could be reaped
        time.sleep(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
    if not done:  # still running long after Ctrl-C: a hang
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return out.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status) if done else -1


def test_a_long_simulation_shows_draws_and_time_left_and_stops_at_ctrl_c():
    shown, status = in_a_terminal(["simulate", "--draws", str(limits.MAX_DRAWS)], 4)
    last = shown.replace("\r\n", "\n").split("\r")[-2]  # the bar as last drawn before Ctrl-C
    assert re.search(r"simulate: +\d+%\|.*\| [\d.]+M/100M \[\d\d:\d\d<\d\d:\d\d, ", last), last
    assert "draws/s]" in last
    assert shown.rstrip().endswith("eventplan: interrupted")
    assert "Traceback" not in shown
    assert status == 130  # stopped at Ctrl-C, minutes before the run would end
