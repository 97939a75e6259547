"""Benchmarks of the model's edges (not in the default test run).

Run: python -m pytest -o addopts="" tests/benchmarks
Smoke-run (CI): add --benchmark-disable.
"""

from __future__ import annotations

import pytest

from eventplan import loads_event, summarise
from eventplan.files import dumps_event, reference_file
from eventplan.model import find_problems
from eventplan.testing import synthetic_event


@pytest.fixture(scope="module")
def large():
    return synthetic_event(sessions=10_000, rooms=500, delegations=5_000, seed=1)


def test_load_reference_event(benchmark):
    text = reference_file().read_text(encoding="utf-8")
    event = benchmark(loads_event, text)
    assert len(event.sessions) > 0


def test_build_synthetic_event_10k_sessions(benchmark):
    event = benchmark(synthetic_event, sessions=10_000, rooms=500, delegations=5_000, seed=1)
    assert len(event.sessions) == 10_000


def test_validate_10k_sessions(benchmark, large):
    assert benchmark(find_problems, large) == ()


def test_load_10k_sessions_from_toml(benchmark, large):
    text = dumps_event(large)
    assert benchmark.pedantic(loads_event, (text,), rounds=3) == large


def test_summarise_10k_sessions(benchmark, large):
    summary = benchmark(summarise, large)
    assert sum(summary.sessions_by_kind.values()) > 0
