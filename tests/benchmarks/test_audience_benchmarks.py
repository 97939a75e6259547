"""Audience resolution in one pass (issue 8, with issue 9): the text of all 1,112 calendars of a
2,000-session, 100-room, 1,000-delegation synthetic event — finding every audience's sessions
included — against one whole-programme export, measured side by side (files are written by the
calendar benchmarks).

Run: python -m pytest -o addopts="" tests/benchmarks/test_audience_benchmarks.py
Target: all calendars in at most 3× one programme export. Compare the means of the group.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventplan import CalendarWriter, to_ics
from eventplan.audiences import every_audience
from eventplan.testing import synthetic_event

STAMP = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def two_thousand():
    return synthetic_event(sessions=2_000, rooms=100, delegations=1_000, seed=2)


def every_calendar(event) -> int:
    writer = CalendarWriter(event, stamp=STAMP)
    return sum(len(writer.text(audience)) for audience in every_audience(event))


@pytest.mark.benchmark(group="every-audience")
def test_one_programme_export(benchmark, two_thousand):
    text = benchmark(to_ics, two_thousand, stamp=STAMP)
    assert text.count("BEGIN:VEVENT") == 2_000


@pytest.mark.benchmark(group="every-audience")
def test_all_1112_calendars_resolved_and_rendered(benchmark, two_thousand):
    assert len(every_audience(two_thousand)) == 1_112
    assert benchmark(every_calendar, two_thousand) > 0
