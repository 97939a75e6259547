"""Scale-out (issue 8): a sweep and a Monte Carlo sweep on ProcessPoolExecutor(2) against the same
work in process, and the Monte Carlo's growth from 100,000 to 1,000,000 draws, each pair measured
side by side in one run.

Run: python -m pytest -o addopts="" tests/benchmarks/test_scale_out_benchmarks.py
Targets: each 9-point sweep at least 1.6× faster on the pool than in process (the pool's start is
timed too); 1,000,000 draws in at most 11× the time of 100,000. Compare the means within each group.
The Monte Carlo sweeps run once untimed first, both ways: the first call imports pandas. The Monte
Carlo sweep is also timed on a pool kept between runs, as a notebook would keep one: for information,
not a target.
"""

from __future__ import annotations

import concurrent.futures

import pytest

import eventplan
from eventplan import simulate, simulate_sweep, sweep
from eventplan.testing import synthetic_event

HANOI = eventplan.reference_event()
STATES = {"parties:member_state": range(80, 161, 10)}  # nine points


@pytest.fixture(scope="module")
def ten_thousand():
    return synthetic_event(sessions=10_000, rooms=500, delegations=5_000, seed=1)


def on_pool(function, *args, **kwargs):
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        return function(*args, executor=pool, **kwargs)


@pytest.mark.benchmark(group="sweep-10k-sessions")
def test_sweep_in_process(benchmark, ten_thousand):
    frame = benchmark.pedantic(
        sweep, (ten_thousand,), {"grid": STATES, "progress": False}, rounds=2
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="sweep-10k-sessions")
def test_sweep_on_two_processes(benchmark, ten_thousand):
    frame = benchmark.pedantic(
        on_pool, (sweep, ten_thousand), {"grid": STATES, "progress": False}, rounds=2
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="simulate-sweep-100k")
def test_simulate_sweep_in_process(benchmark):
    frame = benchmark.pedantic(
        simulate_sweep,
        (HANOI,),
        {"grid": STATES, "draws": 100_000, "progress": False},
        rounds=3,
        warmup_rounds=1,
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="simulate-sweep-100k")
def test_simulate_sweep_on_two_processes(benchmark):
    frame = benchmark.pedantic(
        on_pool,
        (simulate_sweep, HANOI),
        {"grid": STATES, "draws": 100_000, "progress": False},
        rounds=3,
        warmup_rounds=1,
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.fixture(scope="module")
def kept_pool():
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        yield pool


@pytest.mark.benchmark(group="simulate-sweep-100k")
def test_simulate_sweep_on_a_kept_pool(benchmark, kept_pool):
    frame = benchmark.pedantic(
        simulate_sweep,
        (HANOI,),
        {"grid": STATES, "draws": 100_000, "progress": False, "executor": kept_pool},
        rounds=3,
        warmup_rounds=1,
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="simulate-growth")
def test_simulate_100k_draws(benchmark):
    result = benchmark.pedantic(
        simulate, (HANOI,), {"draws": 100_000, "seed": 1, "progress": False}, rounds=5
    )
    assert result.draws == 100_000


@pytest.mark.benchmark(group="simulate-growth")
def test_simulate_1m_draws(benchmark):
    result = benchmark.pedantic(
        simulate, (HANOI,), {"draws": 1_000_000, "seed": 1, "progress": False}, rounds=2
    )
    assert result.draws == 1_000_000
