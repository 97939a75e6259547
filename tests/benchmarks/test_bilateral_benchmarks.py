"""Bilateral placement (issue 11): 100 delegations, 400 requests, 10 rooms, 2 days.

The CP-SAT solver against the greedy baseline (priority order, first fit), in one run. Both
plans pass the independent checker (tests/bilateral_checker.py, its own code); the solver
places at least the greedy's priority-weighted total within 30 s at the default time limit;
every request left over has a reason that removing its blockers confirms.

Run: python -m pytest -o addopts="" -s tests/benchmarks/test_bilateral_benchmarks.py
The closing note prints both totals and times.
"""

from __future__ import annotations

import pytest
from bilateral_checker import confirm_reason, violations

from eventplan import default_norms, place_bilaterals
from eventplan.protocol import place_bilaterals_greedy
from eventplan.testing import synthetic_event, with_bilaterals

NORMS = default_norms()
RESULTS: dict[str, object] = {}


@pytest.fixture(scope="module")
def event():
    base = synthetic_event(sessions=160, rooms=10, delegations=100, seed=3)
    planned = with_bilaterals(base, requests=400, rooms=10, seed=3)
    assert (planned.end_date - planned.start_date).days + 1 == 2
    return planned


def _check(event, plan):
    meetings = [(p.request, p.room, p.start) for p in plan.placements]
    assert violations(event, NORMS, meetings) == []
    unconfirmed = [u.request.id for u in plan.unplaced if not confirm_reason(event, NORMS, plan, u)]
    assert unconfirmed == []


@pytest.mark.benchmark(group="bilaterals", min_rounds=1, max_time=0.1, warmup=False)
def test_greedy(benchmark, event):
    plan = benchmark.pedantic(place_bilaterals_greedy, args=(event,), rounds=1, iterations=1)
    RESULTS["greedy"] = plan
    _check(event, plan)


@pytest.mark.benchmark(group="bilaterals", min_rounds=1, max_time=0.1, warmup=False)
def test_solver(benchmark, event):
    plan = benchmark.pedantic(place_bilaterals, args=(event,), rounds=1, iterations=1)
    RESULTS["solver"] = plan
    _check(event, plan)
    greedy = RESULTS.get("greedy") or place_bilaterals_greedy(event)
    assert plan.total >= greedy.total  # type: ignore[attr-defined]
    assert plan.seconds < 30
    print(
        f"\nbilaterals, 400 requests: greedy {len(greedy.placements)} placed, "  # type: ignore[attr-defined]
        f"total {greedy.total} in {greedy.seconds:.1f} s; "  # type: ignore[attr-defined]
        f"CP-SAT ({plan.status}) {len(plan.placements)} placed, total {plan.total} "
        f"in {plan.seconds:.1f} s; {len(plan.unplaced)} left over, each with a confirmed reason"
    )
