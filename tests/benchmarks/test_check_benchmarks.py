"""Capacity-check speed (issue 4): all checks on 10,000 sessions, 500 rooms and 5,000
delegations in under 2 s; ten times the sessions costs at most 15 times the time.

Run: python -m pytest -o addopts="" tests/benchmarks/test_check_benchmarks.py
Compare the two means of the 'checks' group for the scaling.
"""

from __future__ import annotations

import pytest

from eventplan import check
from eventplan.testing import synthetic_event


@pytest.fixture(scope="module")
def events():
    return {
        n: synthetic_event(sessions=n, rooms=500, delegations=5_000, seed=3)
        for n in (1_000, 10_000)
    }


@pytest.mark.benchmark(group="checks")
def test_all_checks_1k_sessions(benchmark, events):
    report = benchmark(check, events[1_000])
    assert report.findings


@pytest.mark.benchmark(group="checks")
def test_all_checks_10k_sessions(benchmark, events):
    report = benchmark(check, events[10_000])
    assert report.findings


def one_slot_schedule(sessions: int) -> str:
    """``sessions`` talks in one room at one time, all given by one speaker (issue 19)."""
    import json

    talks = [
        {
            "id": number,
            "date": "2024-06-01T10:00:00+02:00",
            "start": "10:00",
            "duration": "01:00",
            "room": "R1",
            "title": f"Talk {number}",
            "type": "lecture",
            "persons": [{"public_name": "Ada"}],
        }
        for number in range(sessions)
    ]
    day = {"index": 1, "date": "2024-06-01", "rooms": {"R1": talks}}
    conference = {
        "acronym": "slot",
        "title": "One slot",
        "start": "2024-06-01",
        "end": "2024-06-01",
        "time_zone_name": "Europe/Berlin",
        "days": [day],
    }
    return json.dumps({"schedule": {"version": "1", "conference": conference}})


@pytest.mark.benchmark(group="one slot")
def test_check_and_report_2000_sessions_in_one_slot(benchmark):
    """Issue 19's target: under 2 s, and a report of a few lines, not one per pair."""
    from eventplan.schedules import loads_schedule

    event = loads_schedule(one_slot_schedule(2_000))

    def checked() -> str:
        return check(event).render_text()

    text = benchmark(checked)
    assert len(text.splitlines()) < 100
    assert "1,999,000 pairs" in text
