"""Calendar export speed, side by side with what it is measured against.

Run: python -m pytest -o addopts="" tests/benchmarks/test_calendar_benchmarks.py
Targets (issue 3): the whole-programme export of 10,000 sessions takes at most
1.25× the time ics 0.7 takes to serialise 10,000 bare events; the calendars of
all 1,000 delegations of a 2,000-session event take at most 3× one
whole-programme export. Compare the means within each group.
"""

from __future__ import annotations

import datetime as dt
import warnings

import ics
import pytest

from eventplan import Audience, AudienceKind, CalendarWriter, to_ics
from eventplan.calendars import session_uid
from eventplan.testing import synthetic_event

STAMP = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def ten_thousand():
    return synthetic_event(sessions=10_000, rooms=500, delegations=5_000, seed=1)


@pytest.fixture(scope="module")
def two_thousand():
    return synthetic_event(sessions=2_000, rooms=100, delegations=1_000, seed=2)


def ics_bare_events(event) -> str:
    """What ics 0.7 alone does for the same sessions: bare events (name, times, UID), serialised."""
    calendar = ics.Calendar()
    for session in event.sessions:
        calendar.events.add(
            ics.Event(
                name=session.title,
                begin=session.start,
                end=session.end,
                uid=session_uid(event, session),
            )
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calendar.serialize()


@pytest.mark.benchmark(group="programme-10k")
def test_ics_serialises_10k_bare_events(benchmark, ten_thousand):
    text = benchmark(ics_bare_events, ten_thousand)
    assert text.count("BEGIN:VEVENT") == 10_000


@pytest.mark.benchmark(group="programme-10k")
def test_eventplan_exports_10k_session_programme(benchmark, ten_thousand):
    text = benchmark(to_ics, ten_thousand, stamp=STAMP)
    assert text.count("BEGIN:VEVENT") == 10_000


@pytest.mark.benchmark(group="delegations-1k")
def test_one_programme_export_of_2k_sessions(benchmark, two_thousand):
    text = benchmark(to_ics, two_thousand, stamp=STAMP)
    assert text.count("BEGIN:VEVENT") == 2_000


def all_delegation_calendars(event) -> list[str]:
    writer = CalendarWriter(event, stamp=STAMP)
    return [
        writer.text(Audience(AudienceKind.DELEGATION, delegation.id))
        for delegation in event.turnout("planned").delegations
    ]


@pytest.mark.benchmark(group="delegations-1k")
def test_all_1k_delegation_calendars_of_2k_sessions(benchmark, two_thousand):
    calendars = benchmark(all_delegation_calendars, two_thousand)
    assert len(calendars) == 1_000
