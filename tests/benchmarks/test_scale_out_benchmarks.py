"""Scale-out (issue 8): a sweep and a Monte Carlo sweep on ProcessPoolExecutor(2) against the same
work in process, and the Monte Carlo's growth from 100,000 to 1,000,000 draws, each pair measured
side by side in one run.

Run: python -m pytest -o addopts="" tests/benchmarks/test_scale_out_benchmarks.py
Targets: each 9-point sweep at least 1.6× faster on the pool than in process; 1,000,000 draws in at
most 11× the time of 100,000. Compare the means within each group.

The targets are timed on a pool whose two workers are already running, new for each round (started
before the timer, shut down after it): the work eventplan hands the pool, shipping the event or
models to workers that have never seen them included, and not the pool's own start and shutdown,
which the caller pays once per pool whatever runs on it. The same runs on a new pool with its start
and shutdown counted, and the Monte Carlo sweep on a pool kept between runs (as a notebook keeps
one), are timed for information. The Monte Carlo sweeps run once untimed first, every way: the
first call imports pandas.
"""

from __future__ import annotations

import concurrent.futures
import time

import pytest

import eventplan
from eventplan import simulate, sweep
from eventplan.montecarlo import simulate_sweep
from eventplan.testing import synthetic_event

HANOI = eventplan.reference_event()
STATES = {"parties:member_state": range(80, 161, 10)}  # nine points
MONTE_CARLO = {"grid": STATES, "draws": 100_000, "progress": False}


@pytest.fixture(scope="module")
def ten_thousand():
    return synthetic_event(sessions=10_000, rooms=500, delegations=5_000, seed=1)


def on_new_pool(function, *args, **kwargs):
    """``function`` on a new pool, its start (the workers forked) and shutdown timed with it."""
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        return function(*args, executor=pool, **kwargs)


@pytest.fixture
def on_started_pool():
    """A ``setup`` for ``benchmark.pedantic`` that passes ``executor``: each round gets a new
    ProcessPoolExecutor(2) whose two workers are running before the timer starts. The previous
    round's pool is shut down first, untimed, and the last one when the test ends."""
    pools: list[concurrent.futures.ProcessPoolExecutor] = []

    def arguments(*args, **kwargs):
        def setup():
            while pools:
                pools.pop().shutdown()
            pool = concurrent.futures.ProcessPoolExecutor(2)
            pools.append(pool)
            # two tasks that overlap start both workers, however the pool starts its processes
            for future in [pool.submit(time.sleep, 0.05) for _ in range(2)]:
                future.result()
            return args, {**kwargs, "executor": pool}

        return setup

    yield arguments
    while pools:
        pools.pop().shutdown()


@pytest.mark.benchmark(group="sweep-10k-sessions")
def test_sweep_in_process(benchmark, ten_thousand):
    frame = benchmark.pedantic(
        sweep, (ten_thousand,), {"grid": STATES, "progress": False}, rounds=2
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="sweep-10k-sessions")
def test_sweep_on_two_processes(benchmark, ten_thousand, on_started_pool):
    setup = on_started_pool(ten_thousand, grid=STATES, progress=False)
    frame = benchmark.pedantic(sweep, setup=setup, rounds=2)
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="sweep-10k-sessions")
def test_sweep_on_a_new_pool_start_counted(benchmark, ten_thousand):
    frame = benchmark.pedantic(
        on_new_pool, (sweep, ten_thousand), {"grid": STATES, "progress": False}, rounds=2
    )
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="simulate-sweep-100k")
def test_simulate_sweep_in_process(benchmark):
    frame = benchmark.pedantic(simulate_sweep, (HANOI,), MONTE_CARLO, rounds=5, warmup_rounds=1)
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="simulate-sweep-100k")
def test_simulate_sweep_on_two_processes(benchmark, on_started_pool):
    setup = on_started_pool(HANOI, **MONTE_CARLO)
    frame = benchmark.pedantic(simulate_sweep, setup=setup, rounds=5, warmup_rounds=1)
    assert frame["parties:member_state"].nunique() == 9


@pytest.mark.benchmark(group="simulate-sweep-100k")
def test_simulate_sweep_on_a_new_pool_start_counted(benchmark):
    frame = benchmark.pedantic(
        on_new_pool, (simulate_sweep, HANOI), MONTE_CARLO, rounds=5, warmup_rounds=1
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
        {**MONTE_CARLO, "executor": kept_pool},
        rounds=5,
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
