"""Audience resolution in one pass (issue 8, with issue 9): the text of all 1,113 calendars of a
2,000-session, 100-room, 1,000-delegation synthetic event — finding every audience's sessions
included — against one whole-programme export of the same event (files are written by the
calendar benchmarks).

Run both files together, so the two sit side by side in the group ``delegations-1k``:
python -m pytest -o addopts="" tests/benchmarks/test_calendar_benchmarks.py \
    tests/benchmarks/test_audience_benchmarks.py -k "2k or 1113"
Target: all calendars in at most 3× one programme export.

Issue 22's trap: the same calendars asked for one ``to_ics(event, audience=...)`` call
at a time, in shuffled order, against one shared writer (group ``per-audience-1113``).
Target: at most 2x. Every round starts from a fresh copy of the event, so nothing is
kept from the round before.
"""

from __future__ import annotations

import random

import pytest
from test_calendar_benchmarks import STAMP, each_cold, two_thousand

from eventplan import to_ics
from eventplan.calendars import CalendarWriter
from eventplan.demand.audiences import every_audience

__all__ = ["two_thousand"]  # the fixture the calendar benchmarks share


def every_calendar(event) -> int:
    writer = CalendarWriter(event, stamp=STAMP)
    return sum(len(writer.text(audience)) for audience in every_audience(event))


@pytest.mark.benchmark(group="delegations-1k")
def test_all_1113_calendars_resolved_and_rendered(benchmark, two_thousand):
    assert len(every_audience(two_thousand)) == 1_113
    assert each_cold(benchmark, every_calendar, two_thousand) > 0


def one_call_per_audience(event, audiences) -> int:
    return sum(len(to_ics(event, audience=a, stamp=STAMP)) for a in audiences)


def one_shared_writer(event, audiences) -> int:
    writer = CalendarWriter(event, stamp=STAMP)
    return sum(len(writer.text(a)) for a in audiences)


@pytest.fixture(scope="module")
def shuffled(two_thousand):
    audiences = list(every_audience(two_thousand))
    random.Random(22).shuffle(audiences)
    return audiences


@pytest.mark.benchmark(group="per-audience-1113")
def test_to_ics_once_per_audience_in_shuffled_order(benchmark, two_thousand, shuffled):
    assert each_cold(benchmark, one_call_per_audience, two_thousand, shuffled) > 0


@pytest.mark.benchmark(group="per-audience-1113")
def test_one_shared_writer_for_every_audience(benchmark, two_thousand, shuffled):
    assert each_cold(benchmark, one_shared_writer, two_thousand, shuffled) > 0
