"""Monte Carlo speed (issue 5): 100,000 draws of the reference event in under 1 s, and at least
50× faster per draw than the one-draw-at-a-time Python loop over the same model
(eventplan.testing.simulate_by_loop), measured side by side.

Run: python -m pytest -o addopts="" tests/benchmarks/test_simulate_benchmarks.py
The loop runs 2,000 draws: divide each mean by its draws to compare per draw.
"""

from __future__ import annotations

import pytest

import eventplan
from eventplan import simulate
from eventplan.testing import simulate_by_loop

HANOI = eventplan.reference_event()


@pytest.mark.benchmark(group="monte-carlo")
def test_vectorised_100k_draws(benchmark):
    result = benchmark(simulate, HANOI, "planned", draws=100_000, seed=1, progress=False)
    assert result.draws == 100_000


@pytest.mark.benchmark(group="monte-carlo")
def test_one_draw_at_a_time_2k_draws(benchmark):
    result = benchmark.pedantic(
        simulate_by_loop, (HANOI, "planned"), {"draws": 2_000, "seed": 1}, rounds=3
    )
    assert {code for code, _ in result} >= {"cars", "hotel-rooms"}
