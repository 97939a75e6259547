"""Fuzzing: hostile events, TOML text and command lines never crash, hang or lie.

Each generated case either loads and then runs summary, check, ics, frab, csv
and simulate to completion, with output real readers accept (icalendar reads
the calendar, the C3VOC schema takes the schedule), or is refused with
``EventPlanError``. The command line is driven the same way in a subprocess:
exit status 0, 1 or 2, no traceback, within a time limit.

A small budget runs by default; ``pytest -m fuzz`` runs the larger one (CI does).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
import tomli_w
from builders import DATA, parent_at, places
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan import (
    Event,
    EventPlanError,
    check,
    limits,
    loads_event,
    simulate,
    summarise,
    to_csv,
    to_ics,
)
from eventplan.schedules import reads_schedule, to_frab
from eventplan.schedules.frab import http_url

#: Examples per property: the default run, and ``-m fuzz`` (CI).
SMALL, LARGE = 25, 5_000
#: Command lines run in a subprocess: the default run, and ``-m fuzz``.
SMALL_CLI, LARGE_CLI = 2, 60
#: Seconds a command may take on a hostile file before it counts as a hang.
CLI_TIME_LIMIT = 60

STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
SCHEMA = json.loads((DATA / "c3voc" / "schema.json").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parent.parent
# C0 and C1 controls and DEL, but tab and line break: nothing that can drive a terminal
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: A small event with every section, valid as it stands: the mutations start here.
BASE: dict[str, Any] = {
    "id": "mini",
    "name": "Mini summit",
    "url": "https://example.org/mini-summit",
    "timezone": "Asia/Ho_Chi_Minh",
    "start_date": dt.date(2025, 10, 25),
    "end_date": dt.date(2025, 10, 26),
    "notes": ["remember the flags"],
    "sources": [{"id": "press", "outlet": "Nhan Dan", "published": dt.date(2025, 10, 26)}],
    "venues": [
        {
            "id": "ncc",
            "name": "National Convention Centre",
            "latitude": 21.006,
            "longitude": 105.787,
            "rooms": [
                {
                    "id": "hall",
                    "name": "Main hall",
                    "floor_area_m2": 900.0,
                    "interpretation_booths": 6,
                    "seat_counts": [{"layout": "theatre", "seats": 800}],
                },
                {
                    "id": "salon",
                    "name": "Salon",
                    "floor_area_m2": 300.0,
                    "seat_counts": [{"layout": "banquet", "seats": 200}],
                },
            ],
        }
    ],
    "officials": [{"id": "chair-a", "name": "A. Chair"}],
    "sessions": [
        {
            "id": "opening",
            "title": "Opening",
            "kind": "opening",
            "start": dt.datetime(2025, 10, 25, 9),
            "end": dt.datetime(2025, 10, 25, 10, 30),
            "room": "hall",
            "chairs": ["chair-a"],
            "languages": ["en", "vi"],
            "audience": [{"parties": ["member_state"], "at_table": 1, "behind": 3}],
        },
        {
            "id": "gala",
            "title": "Gala dinner",
            "kind": "gala_dinner",
            "start": dt.datetime(2025, 10, 25, 19),
            "end": dt.datetime(2025, 10, 25, 21),
            "room": "salon",
            "audience": [{"parties": ["all_delegations"], "at_table": 1}],
        },
    ],
    "turnouts": [
        {
            "name": "planned",
            "cohorts": [
                {
                    "id": "states",
                    "kind": "member_state",
                    "parties": {"min": 40, "max": 60},
                    "delegates_per_party": {"min": 3, "max": 5},
                    "signed_at_plenary": 10,
                }
            ],
            "delegations": [{"id": "vn", "name": "Viet Nam", "kind": "member_state", "size": 20}],
            "press": {"reporters": {"min": 100}},
        }
    ],
    "resources": {
        "screening_lanes": 4,
        "accreditation_desks": 3,
        "accreditation_hours": 8.0,
        "shuttle_buses": 5,
        "shuttle_cycle_minutes": 40.0,
        "shuttle_headway_minutes": 10.0,
    },
    "norm_overrides": [{"id": "screening.lane_rate", "low": 120, "high": 180}],
    "reported": [{"id": "delegates", "measure": "delegates", "value": 300, "sources": ["press"]}],
}


def _deep(depth: int, leaf: Any, as_table: bool) -> Any:
    for _ in range(depth):
        leaf = {"k": leaf} if as_table else [leaf]
    return leaf


#: Values at and beyond every limit, and of every wrong type.
extremes = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, 0.0, -0.0, 1000.0]),
    st.sampled_from(
        [0, -1, 1, limits.MAX_COUNT, limits.MAX_COUNT + 1, 10**12, 2**63 - 1, -(2**63)]
    ),
    st.sampled_from(
        [
            limits.FIRST_DAY,
            limits.FIRST_DAY - dt.timedelta(days=1),
            limits.LAST_DAY,
            limits.LAST_DAY + dt.timedelta(days=1),
            dt.date(1, 1, 1),
            dt.date(9999, 12, 31),
        ]
    ),
    st.sampled_from(
        [
            dt.datetime(1900, 1, 1),
            dt.datetime(1899, 12, 31, 23),
            dt.datetime(2199, 12, 31, 23, 59),
            dt.datetime(2200, 1, 1),
            dt.datetime(1, 1, 1),
            dt.datetime(999, 6, 1, 9),
            dt.datetime(9999, 12, 31, 23, 59),
            dt.datetime(1900, 1, 1, tzinfo=dt.UTC),
            dt.datetime(2199, 12, 31, 23, 59, tzinfo=dt.UTC),
        ]
    ),
    st.sampled_from(
        [
            "",
            " ",
            "chair-a",
            "hall",
            "\x1b]0;pwned\x07\x1b[2J",
            "\x9b2J",
            "\x00",
            "line\rbreak",
            "\u202eevil",
            "x" * 5_000,
            "Asia/Hanoi",
            "member_state",
            "delegation:vn",
        ]
    ),
    st.sampled_from([True, [], {}, [["x"]], {"min": 5}, {"min": 5, "max": 2}, {"max": 3}]),
    st.builds(_deep, st.integers(5, 80), st.sampled_from([1, "x"]), st.booleans()),
    st.text(max_size=12),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
)


HOSTILE_TEXT = st.sampled_from(
    ["", " ", "x" * 5_000, "\x1b]0;pwned\x07", "\u202eevil", "line\rbreak", "chair-a"]
) | st.text(max_size=12)


def _like(value: Any) -> st.SearchStrategy[Any]:
    """Values of ``value``'s own type, legal and not: the edges of what the field takes."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        edges = [0, 1, -1, limits.MAX_COUNT, limits.MAX_COUNT + 1, 10**12]
        return st.integers(0, 10**4) | st.sampled_from(edges) | st.integers(0, 10**7)
    if isinstance(value, float):
        edges = [math.nan, math.inf, 0.0, 5e-324, 1e308, float(limits.MAX_COUNT)]
        return st.floats(0, 1e4) | st.sampled_from(edges) | st.floats(0, 1e7)
    if isinstance(value, dt.datetime):
        return st.datetimes(dt.datetime(1899, 12, 30), dt.datetime(2200, 1, 2)) | st.sampled_from(
            [dt.datetime(1900, 1, 1), dt.datetime(2199, 12, 31, 23, 59), dt.datetime(1, 1, 1)]
        )
    if isinstance(value, dt.date):
        return st.dates(dt.date(1899, 12, 30), dt.date(2200, 1, 2)) | st.sampled_from(
            [
                limits.FIRST_DAY,
                limits.LAST_DAY,
                min(value, limits.LAST_DAY) + dt.timedelta(days=limits.MAX_EVENT_DAYS),
            ]
        )
    if isinstance(value, str):
        return st.sampled_from([value, value + " ü", value * 40]) | HOSTILE_TEXT
    if isinstance(value, list):
        return st.sampled_from([[], value * 3, " ".join(map(str, value)), {"0": value}])
    if isinstance(value, dict):
        return st.sampled_from([{}, [value], {**value, "extra": 1}])
    return extremes


PLACES = places(BASE)[1:]


@st.composite
def hostile_events(draw: st.DrawFn) -> dict[str, Any]:
    """The base event with one to three values replaced: mostly by values of the same type at
    and beyond the edges of what the field takes, sometimes by any extreme or wrong type."""
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PLACES))
        parent = parent_at(data, path)
        if parent is None:
            continue  # an earlier replacement removed it
        current = parent[path[-1]]
        parent[path[-1]] = draw(_like(current) if draw(st.integers(0, 9)) < 7 else extremes)
    return data


#: Pieces of TOML that have broken parsers before: shapes, numbers, marks, nesting.
SNIPPETS = [
    "[sessions]\n",
    "[[sessions]]\n",
    "\nx = nan\n",
    " = inf",
    "\ufeff",
    "[" * 40,
    "{a = " * 40,
    "\x00",
    '"\\u001b[2J"',
    "0001-01-01T00:00:00",
    "9999-12-31",
    "1_000_000_000_000",
    "#",
    '"""',
    "'''",
    "\n[a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h]\n",
]
BASE_TEXT = tomli_w.dumps(BASE)


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    """The base event's TOML with snippets inserted and spans deleted."""
    text = BASE_TEXT
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(SNIPPETS) | st.text(max_size=8))
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
    return text


def _refused_cleanly(job: Callable[[], Any]) -> Any:
    try:
        return job()
    except EventPlanError as error:
        assert str(error), "an error says what is wrong"
        return None


def run_everything(event: Event) -> None:
    """Every command's work on ``event``: each completes, or refuses with EventPlanError."""
    for render in (
        lambda: summarise(event).render_text(),
        lambda: check(event).render_text(show_ok=True),
    ):
        text = _refused_cleanly(render)
        assert text is None or not TERMINAL_CONTROL.search(text)
    _refused_cleanly(lambda: json.dumps(summarise(event).to_json()))
    _refused_cleanly(lambda: json.dumps(check(event).to_json()))
    calendar = _refused_cleanly(lambda: to_ics(event, stamp=STAMP, alarms=[dt.timedelta(0)]))
    if calendar is not None:
        icalendar.Calendar.from_ical(calendar)  # a real reader accepts it
        assert not re.search(r"^DTSTART[^:]*:\d{0,3}T", calendar, flags=re.M)
    schedule = _refused_cleanly(lambda: to_frab(event))
    if schedule is not None:
        errors = [e.message for e in jsonschema.Draft6Validator(SCHEMA).iter_errors(schedule)]
        if http_url(event.url) is None:  # eventplan invents no URL; the schema wants one each
            errors = [e for e in errors if e != "'url' is a required property"]
        assert errors == []
    _refused_cleanly(lambda: to_csv(event))
    _refused_cleanly(lambda: simulate(event, draws=64, progress=False))


def _load_and_run(text: str) -> None:
    event = _refused_cleanly(lambda: loads_event(text))
    if event is not None:
        run_everything(event)


def _event_case(data: st.DataObject) -> None:
    raw = data.draw(hostile_events())
    try:
        text = tomli_w.dumps(raw)
    except (TypeError, ValueError):
        return  # not expressible as TOML at all
    _load_and_run(text)


def _text_case(data: st.DataObject) -> None:
    _load_and_run(data.draw(hostile_texts()))


#: A small published schedule, valid as it stands: the schedule mutations start here.
SCHEDULE_BASE: dict[str, Any] = {
    "schedule": {
        "version": "1",
        "conference": {
            "acronym": "fz",
            "title": "Fuzz",
            "start": "2024-10-27",
            "end": "2024-10-27",
            "time_zone_name": "Europe/Berlin",
            "rooms": [{"name": "R1", "capacity": 100}],
            "days": [
                {
                    "index": 1,
                    "date": "2024-10-27",
                    "rooms": {
                        "R1": [
                            {
                                "id": 1,
                                "date": "2024-10-27T10:00:00+01:00",
                                "start": "10:00",
                                "duration": "00:30",
                                "room": "R1",
                                "title": "Opening",
                                "type": "lecture",
                                "persons": [{"public_name": "Ada"}],
                            }
                        ]
                    },
                }
            ],
        },
    }
}
#: Values a published schedule may hold by accident or on purpose.
SCHEDULE_VALUES = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            "\ud800",
            "R\x001",
            "\x1b[31m",
            "²",
            "9999-12-31T23:00:00-05:00",
            "0001-01-01T00:30:00+01:00",
            "2024-03-31T02:30:00",
            "2024-10-27T02:30:00",
            "02:30",
            "99:99",
            "Not/AZone",
            10**30,
            -1,
            1e308,
            float("nan"),
            [],
            {},
            [[[[[]]]]],
        ]
    ),
    st.text(max_size=12),
    st.integers(),
)


def _schedule_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place a value sits in a JSON document, containers included."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _schedule_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _schedule_paths(value, (*path, index))
    return found


def _schedule_case(data: st.DataObject) -> None:
    document = copy.deepcopy(SCHEDULE_BASE)
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _schedule_paths(document)[1:] if p[-1:] != ("time_zone_name",)]
        path = data.draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = copy.deepcopy(data.draw(SCHEDULE_VALUES))  # never shared
    text = json.dumps(document, allow_nan=True)
    if data.draw(st.booleans()):  # a key given twice, as a hand-edited file may
        text = text.replace('"title": ', '"title": "x", "title": ', 1)
    imported = _refused_cleanly(lambda: reads_schedule(text))
    if imported is not None:
        run_everything(imported.event)


COMMANDS = [
    ["summary"],
    ["summary", "--format", "json"],
    ["check", "--all"],
    ["simulate", "--draws", "64"],
    ["ics", "--alarm", "15"],
    ["frab"],
    ["csv"],
]
HOSTILE_ARGUMENTS = [
    [],
    ["--turnout", "\x1b[2J"],
    ["--turnout", "planned"],
    ["--draws", "0"],
    ["--draws", "1e20"],
    ["--draws", "1000000000"],
    ["--seed", "-1"],
    ["--seed", "99999999999999999999999"],
    ["--alarm", "-5"],
    ["--for", "delegation:nobody"],
    ["--for", "all"],
]


def _cli_case(data: st.DataObject, tmp_path: Path) -> None:
    raw = data.draw(hostile_events())
    try:
        text = tomli_w.dumps(raw)
    except (TypeError, ValueError):
        return
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    command = data.draw(st.sampled_from(COMMANDS))
    extra = data.draw(st.sampled_from(HOSTILE_ARGUMENTS))
    result = subprocess.run(
        [sys.executable, "-m", "eventplan", *command, str(path), *extra],
        capture_output=True,
        text=True,
        timeout=CLI_TIME_LIMIT,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not TERMINAL_CONTROL.search(result.stderr.replace("\n", "")), result.stderr


def _budget(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


@_budget(SMALL)
@given(st.data())
def test_hostile_events_run_or_are_refused(data: st.DataObject) -> None:
    _event_case(data)


@_budget(SMALL)
@given(st.data())
def test_hostile_toml_text_runs_or_is_refused(data: st.DataObject) -> None:
    _text_case(data)


@_budget(SMALL_CLI)
@given(data=st.data())
def test_hostile_command_lines_exit_0_1_or_2_without_traceback(
    data: st.DataObject, tmp_path: Path
) -> None:
    _cli_case(data, tmp_path)


def test_a_schedule_without_a_zone_exports_valid_against_the_schema() -> None:
    """Read in an offset's zone (``Etc/GMT-1``), which the C3VOC schema's pattern refuses as a
    ``time_zone_name``: the export names no zone, its dates carry the offset."""
    document = copy.deepcopy(SCHEDULE_BASE)
    del document["schedule"]["conference"]["time_zone_name"]
    event = reads_schedule(json.dumps(document)).event
    assert event.timezone.startswith("Etc/")
    run_everything(event)
    exported = to_frab(event)["schedule"]["conference"]
    assert "time_zone_name" not in exported
    assert reads_schedule(json.dumps(to_frab(event))).event.timezone == event.timezone


@_budget(SMALL)
@given(st.data())
def test_hostile_schedules_import_or_are_refused(data: st.DataObject) -> None:
    _schedule_case(data)


@pytest.mark.fuzz
@_budget(LARGE)
@given(st.data())
def test_many_hostile_schedules_import_or_are_refused(data: st.DataObject) -> None:
    _schedule_case(data)


@pytest.mark.fuzz
@_budget(LARGE)
@given(st.data())
def test_many_hostile_events_run_or_are_refused(data: st.DataObject) -> None:
    _event_case(data)


@pytest.mark.fuzz
@_budget(LARGE)
@given(st.data())
def test_many_hostile_toml_texts_run_or_are_refused(data: st.DataObject) -> None:
    _text_case(data)


@pytest.mark.fuzz
@_budget(LARGE_CLI)
@given(data=st.data())
def test_many_hostile_command_lines_exit_0_1_or_2_without_traceback(
    data: st.DataObject, tmp_path: Path
) -> None:
    _cli_case(data, tmp_path)


def test_the_base_event_is_valid_so_mutations_start_from_a_sound_event() -> None:
    event = loads_event(BASE_TEXT)
    assert [s.id for s in event.sessions] == ["opening", "gala"]
    run_everything(event)
