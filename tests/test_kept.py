"""What is derived from a frozen event is kept beside it, found by identity, and let go."""

from __future__ import annotations

import datetime as dt
import gc
import random
import weakref

import attrs
import pytest

from eventplan import to_ics
from eventplan.calendars import CalendarWriter
from eventplan.demand import sessions_for
from eventplan.demand.audiences import every_audience
from eventplan.model.kept import KeptBeside
from eventplan.schedules import to_frab
from eventplan.testing import synthetic_event

STAMP = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)


def _event(seed: int = 4):
    return synthetic_event(sessions=120, rooms=8, delegations=30, seed=seed)


def test_one_calendar_after_another_is_what_one_writer_writes_in_any_order():
    event = _event()
    audiences = list(every_audience(event))
    writer = CalendarWriter(_event(), stamp=STAMP)  # an equal event, another object
    expected = {a: writer.text(a) for a in audiences}
    random.Random(7).shuffle(audiences)
    assert {a: to_ics(event, audience=a, stamp=STAMP) for a in audiences} == expected


def test_an_evolved_event_gets_its_own_answers():
    event = _event()
    first = event.sessions[0]
    before = to_ics(event, audience="delegates", stamp=STAMP)
    renamed = attrs.evolve(
        event,
        sessions=[attrs.evolve(first, title="Renamed"), *event.sessions[1:]],
    )
    assert "SUMMARY:Renamed" in to_ics(renamed, stamp=STAMP)
    assert "SUMMARY:Renamed" not in to_ics(event, stamp=STAMP)
    assert to_ics(event, audience="delegates", stamp=STAMP) == before
    fewer = attrs.evolve(event, sessions=event.sessions[1:])
    assert first not in sessions_for(fewer, audience="delegates")
    assert to_frab(fewer, audience="delegates") != to_frab(event, audience="delegates")


def test_kept_answers_do_not_keep_an_event_alive():
    event = _event()
    to_ics(event, audience="delegates", stamp=STAMP)
    gone = weakref.ref(event)
    del event
    for seed in range(10):  # more events than are kept
        to_ics(_event(seed + 10), audience="delegates", stamp=STAMP)
    gc.collect()
    assert gone() is None


def test_equal_objects_are_told_apart_and_a_failure_is_not_kept():
    kept: KeptBeside[str] = KeptBeside(4)
    a, b = [1, 2], [1, 2]  # equal, not the same
    assert kept.get((a,), "x", lambda: "made for a") == "made for a"
    assert kept.get((b,), "x", lambda: "made for b") == "made for b"
    assert kept.get((a,), "x", lambda: "again") == "made for a"
    assert kept.get((a,), "y", lambda: "other extra") == "other extra"

    def fail() -> str:
        raise ValueError("no")

    with pytest.raises(ValueError):
        kept.get((a,), "z", fail)
    assert kept.get((a,), "z", lambda: "made now") == "made now"
