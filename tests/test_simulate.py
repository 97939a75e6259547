"""The Monte Carlo: exact on a case small enough to compute by hand, reproducible, executor-independent."""

from __future__ import annotations

import concurrent.futures
import json
import math

import attrs
import pytest
from builders import make_event, make_session

import eventplan
from eventplan import Count, PartyKind, Turnout, simulate
from eventplan.model import AudienceRule, Cohort
from eventplan.montecarlo import Uncertainty
from eventplan.testing import simulate_by_loop

HANOI = eventplan.reference_event()


def poisson_tail(mean: float, above: int) -> float:
    """P(X > above) for X ~ Poisson(mean), summed by hand."""
    return 1 - sum(math.exp(-mean) * mean**k / math.factorial(k) for k in range(above + 1))


def small_event(states: int = 20, seats: int = 25):
    """One cohort of exactly ``states`` parties, one seat each, in a room of ``seats``."""
    cohort = Cohort(id="states", kind=PartyKind.MEMBER_STATE, parties=Count.exactly(states))
    session = make_session(audience=(AudienceRule(parties=("member_state",)),))
    room = make_event().venues[0].rooms[0]
    venue = make_event().venues[0]
    seated = (eventplan.model.SeatCount(layout=eventplan.model.Layout.THEATRE, seats=seats),)
    venue = type(venue)(
        id=venue.id,
        name=venue.name,
        rooms=(type(room)(id=room.id, name=room.name, seat_counts=seated),),
    )
    return make_event(
        venues=(venue,), sessions=(session,), turnouts=(Turnout(name="planned", cohorts=(cohort,)),)
    )


def test_overflow_probability_matches_the_exact_answer():
    # with no turnout uncertainty, parties are Poisson(20): P(more than 25 come) by hand
    exact = poisson_tail(20, 25)
    draws = 200_000
    result = simulate(
        small_event(),
        draws=draws,
        seed=7,
        uncertainty=Uncertainty(turnout_sigma=0.0),
        progress=False,
    )
    estimate = result.risk("opening").p_overflow
    standard_error = math.sqrt(exact * (1 - exact) / draws)
    assert exact == pytest.approx(0.1122, abs=0.0005)
    assert abs(estimate - exact) < 4 * standard_error


def test_same_seed_same_numbers_other_seed_other_numbers():
    first = simulate(HANOI, "planned", draws=30_000, seed=3, progress=False)
    again = simulate(HANOI, "planned", draws=30_000, seed=3, progress=False)
    other = simulate(HANOI, "planned", draws=30_000, seed=4, progress=False)
    assert first == again
    assert first != other


def test_executor_does_not_change_the_numbers():
    alone = simulate(HANOI, "planned", draws=60_000, seed=5, progress=False)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        pooled = simulate(HANOI, "planned", draws=60_000, seed=5, executor=pool, progress=False)
    assert pooled == alone


def test_vectorised_and_one_draw_at_a_time_agree():
    draws = 5_000
    vectorised = simulate(HANOI, "planned", draws=draws, seed=11, progress=False)
    looped = simulate_by_loop(HANOI, draws=draws, seed=12, turnout="planned")
    assert set(looped) == {(r.code, r.subjects) for r in vectorised.risks if r.capacity}
    for risk in vectorised.risks:
        p = risk.p_overflow
        if p is None:
            continue
        tolerance = 5 * math.sqrt(max(p * (1 - p), 1e-4) * 2 / draws)
        assert abs(looped[risk.code, risk.subjects] - p) < tolerance, risk.subject


def test_over_attendance_is_as_likely_as_no_shows():
    result = simulate(HANOI, "planned", draws=50_000, seed=1, progress=False)
    cars = result.risk("cars")  # one car per head of delegation: the number of parties that came
    assert cars.demand_q05 < 221 < cars.demand_q95
    assert cars.demand_q50 == pytest.approx(
        221, rel=0.05
    )  # the forecast, 110 states and 101–110 organisations


def test_capacity_that_holds_is_the_quantile():
    result = simulate(HANOI, "planned", draws=50_000, seed=1, probability=0.9, progress=False)
    hotel = result.risk("hotel-rooms")
    assert hotel.demand_q50 < hotel.holds_with < hotel.demand_q95


def test_simulation_as_text_json_and_frame():
    result = simulate(HANOI, "planned", draws=5_000, seed=1, progress=False)
    assert result.render_text(width=100).startswith(
        "Monte Carlo for hanoi-convention-2025, around turnout 'planned': 5,000 draws, seed 1"
    )
    data = json.loads(json.dumps(result.to_json()))
    assert {r["subject"] for r in data["risks"]} >= {"hotel-rooms", "cars", "screening", "opening"}
    frame = result.to_frame()
    assert len(frame) == len(result.risks)
    assert {"p_overflow", "demand_q95", "holds_with", "capacity_low"} <= set(frame.columns)


def test_draws_must_be_positive():
    with pytest.raises(ValueError) as raised:
        simulate(HANOI, draws=0)
    assert str(raised.value) == "simulate(): 'draws' must be from 1 to 100,000,000, got 0"


def test_probability_must_be_between_0_and_1():
    with pytest.raises(ValueError) as raised:
        simulate(HANOI, draws=10, probability=1.5)
    assert str(raised.value) == (
        "simulate(): 'probability' must be between 0 and 1 (exclusive), got 1.5"
    )


def test_room_of_unknown_capacity_is_not_known_not_reported_full():
    event = small_event()
    venue = event.venues[0]
    bare = attrs.evolve(venue, rooms=(attrs.evolve(venue.rooms[0], seat_counts=()),))
    result = simulate(attrs.evolve(event, venues=(bare,)), draws=100, progress=False)
    room = result.risk("opening")
    assert (room.code, room.capacity, room.p_overflow, room.severity) == (
        "room-capacity-unknown",
        None,
        None,
        "info",
    )
    data = result.to_json()["risks"][0]
    assert (data["severity"], data["note"], data["p_overflow"]) == (
        "info",
        "capacity not known",
        None,
    )


def test_how_chunks_are_grouped_into_tasks_changes_no_number(monkeypatch):
    from eventplan.montecarlo import simulation as montecarlo

    grid = {"parties:member_state": [90, 130]}
    before = eventplan.montecarlo.simulate_sweep(
        HANOI, "planned", grid=grid, draws=80_000, progress=False
    )
    monkeypatch.setattr(montecarlo, "CHUNKS_PER_TASK", 3)
    monkeypatch.setattr(montecarlo, "SINGLE_AT_END", 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        after = eventplan.montecarlo.simulate_sweep(
            HANOI, "planned", grid=grid, draws=80_000, executor=pool, progress=False
        )
    assert after.equals(before)


def test_tasks_take_chunks_of_one_model_and_hand_out_the_last_ones_singly():
    from eventplan.montecarlo.simulation import CHUNKS_PER_TASK, SINGLE_AT_END, _tasks

    tasks = _tasks(3, 5)
    handed = [(model, chunk) for model, chunks in tasks for chunk in chunks]
    assert handed == [(model, chunk) for model in range(3) for chunk in range(5)]
    assert all(len(chunks) <= CHUNKS_PER_TASK for _, chunks in tasks)
    assert [len(chunks) for _, chunks in tasks[-SINGLE_AT_END:]] == [1] * SINGLE_AT_END
    assert len(tasks) < 15  # the others are grouped


def test_simulate_sweep_on_a_process_pool_gives_the_same_numbers():
    # each point's model is compiled once, here, pickled once and unpickled once per worker
    grid = {"parties:member_state": [90, 130]}
    alone = eventplan.montecarlo.simulate_sweep(
        HANOI, "planned", grid=grid, draws=30_000, progress=False
    )
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        pooled = eventplan.montecarlo.simulate_sweep(
            HANOI, "planned", grid=grid, draws=30_000, executor=pool, progress=False
        )
    assert pooled.equals(alone)
    assert sorted(alone["parties:member_state"].unique()) == [90, 130]
