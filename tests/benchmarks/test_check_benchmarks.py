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
