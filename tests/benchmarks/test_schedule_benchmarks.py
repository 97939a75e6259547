"""Importing a published schedule, side by side with a minimal parser-plus-loop.

Run: python -m pytest -o addopts="" tests/benchmarks/test_schedule_benchmarks.py
Target (issue 21): ``loads_schedule`` of a 5,000-session ``schedule.json`` and
``schedule.xml`` within 2x a loop that reads the same fields with the standard
parser (``json``) or lxml and builds nothing but tuples. Compare the means of
each group. Measured on this machine (3 Dec 2026, the command above, means of
3 rounds): JSON 2,698 ms against 104 ms (26x), XML 2,963 ms against 374 ms
(7.9x): not yet within the target. Under cProfile, 45% of the JSON import is the
whole-event validation (two walks over every value: bounds 31%, sources 11%) and
most of the rest the frozen classes' validators (issue 22's "validation once, at
the edges").
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

import attrs
import pytest

from eventplan import Event
from eventplan.schedules import loads_schedule, to_frab, to_frab_xml
from eventplan.testing import synthetic_event


@cache
def _event() -> Event:
    return attrs.evolve(
        synthetic_event(sessions=5_000, rooms=50, delegations=50, seed=3),
        url="https://example.org/",
    )


@cache
def _json_text() -> str:
    return json.dumps(to_frab(_event()))


@cache
def _xml_text() -> str:
    return to_frab_xml(_event())


def _until(start: dt.datetime, duration: str) -> dt.datetime:
    hours, minutes = duration.split(":")
    return start + dt.timedelta(hours=int(hours), minutes=int(minutes))


def floor_json(text: str) -> list[tuple[object, ...]]:
    """The same fields, read with ``json`` and a loop."""
    found = []
    for day in json.loads(text)["schedule"]["conference"]["days"]:
        for room, items in day["rooms"].items():
            for i in items:
                start = dt.datetime.fromisoformat(i["date"])
                found.append(
                    (
                        i["guid"],
                        i["id"],
                        i["slug"],
                        i["title"],
                        room,
                        start,
                        _until(start, i["duration"]),
                        i.get("type"),
                        i.get("track"),
                        i.get("abstract"),
                        i.get("description"),
                        i.get("url"),
                        [p.get("public_name") for p in i["persons"]],
                    )
                )
    return found


def floor_xml(text: str) -> list[tuple[object, ...]]:
    """The same fields, read with lxml and a loop."""
    from lxml import etree

    found = []
    for e in etree.fromstring(text.encode("utf-8")).iter("event"):
        start = dt.datetime.fromisoformat(e.findtext("date") or "")
        found.append(
            (
                e.get("guid"),
                e.get("id"),
                e.findtext("slug"),
                e.findtext("title"),
                e.findtext("room"),
                start,
                _until(start, e.findtext("duration") or "0:0"),
                e.findtext("type"),
                e.findtext("track"),
                e.findtext("abstract"),
                e.findtext("description"),
                e.findtext("url"),
                [p.text for p in e.iter("person")],
            )
        )
    return found


@pytest.mark.benchmark(group="schedule-json-5k")
def test_loads_schedule_json_of_5k_sessions(benchmark):
    event = benchmark.pedantic(loads_schedule, args=(_json_text(),), rounds=3, iterations=1)
    assert len(event.sessions) == 5_000


@pytest.mark.benchmark(group="schedule-json-5k")
def test_json_floor_of_5k_sessions(benchmark):
    rows = benchmark.pedantic(floor_json, args=(_json_text(),), rounds=3, iterations=1)
    assert len(rows) == 5_000


@pytest.mark.benchmark(group="schedule-xml-5k")
def test_loads_schedule_xml_of_5k_sessions(benchmark):
    event = benchmark.pedantic(loads_schedule, args=(_xml_text(),), rounds=3, iterations=1)
    assert len(event.sessions) == 5_000


@pytest.mark.benchmark(group="schedule-xml-5k")
def test_xml_floor_of_5k_sessions(benchmark):
    rows = benchmark.pedantic(floor_xml, args=(_xml_text(),), rounds=3, iterations=1)
    assert len(rows) == 5_000
