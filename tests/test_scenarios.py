"""Scenarios change a copy of the event; compare and sweep run the checks over them."""

from __future__ import annotations

import concurrent.futures

import pytest

import eventplan
from eventplan import (
    Count,
    InvalidEventError,
    ScaleCohort,
    Scenario,
    compare,
    count_participation,
    sweep,
)
from eventplan.errors import UnknownNameError
from eventplan.model import Layout
from eventplan.montecarlo import (
    CancelSession,
    CloseRoom,
    MoveSession,
    ResizeRoom,
    SetCohort,
    SetNorm,
    SetParties,
    SetResource,
)

HANOI = eventplan.reference_event()


def test_scenario_leaves_the_original_unchanged():
    changed = Scenario("150 states", [SetParties("member_state", 150)]).apply(HANOI, "actual")
    assert count_participation(changed, "actual").national_delegations == Count.exactly(150)
    assert count_participation(HANOI, "actual").national_delegations == Count.exactly(110)


def test_set_parties_scales_cohorts_to_the_exact_total():
    changed = SetParties("member_state", 83).apply(HANOI, "actual")
    cohorts = [c for c in changed.turnout("actual").cohorts if c.kind.value == "member_state"]
    assert sum(c.parties.low for c in cohorts) == 83
    assert all(c.signed_at_plenary + c.signed_later <= c.parties.low for c in cohorts)


def test_cohort_changes():
    event = SetCohort("organisations", parties=200, delegates_per_party=Count(2, 3)).apply(
        HANOI, "actual"
    )
    cohort = next(c for c in event.turnout("actual").cohorts if c.id == "organisations")
    assert (cohort.parties, cohort.delegates_per_party) == (Count.exactly(200), Count(2, 3))
    doubled = ScaleCohort("research-institutions", 2).apply(HANOI, "actual")
    assert next(
        c for c in doubled.turnout("actual").cohorts if c.id == "research-institutions"
    ).parties == Count(102, 120)


def test_room_changes():
    smaller = ResizeRoom("banquet-hall", 1000, Layout.BANQUET).apply(HANOI, "actual")
    assert smaller.room("banquet-hall").seats(Layout.BANQUET) == Count.exactly(1000)
    closed = CloseRoom("side-hall-c").apply(HANOI, "actual")
    assert "side-hall-c" not in {r.id for r in closed.rooms}
    assert closed.session("high-level-workshop").room is None


def test_session_changes():
    opening = HANOI.session("opening")
    moved = MoveSession("opening", start=opening.start.add(hours=1)).apply(HANOI, "actual")
    assert (moved.session("opening").start, moved.session("opening").duration) == (
        opening.start.add(hours=1),
        opening.duration,
    )
    assert CancelSession("closing").apply(HANOI, "actual").session("closing").is_cancelled


def test_a_scenario_that_breaks_the_event_says_how():
    with pytest.raises(InvalidEventError, match=r"sessions\.opening\.room: unknown room 'hall-z'"):
        Scenario("typo", [MoveSession("opening", room="hall-z")]).apply(HANOI)


def test_unknown_names_are_refused():
    with pytest.raises(UnknownNameError, match="unknown resource 'lanes'"):
        SetResource("lanes", 3).apply(HANOI, "actual")
    with pytest.raises(UnknownNameError, match="unknown cohort 'states'"):
        SetCohort("states", parties=3).apply(HANOI, "actual")


def test_compare_puts_scenarios_side_by_side():
    table = compare(
        HANOI,
        "actual",
        scenarios=[
            Scenario("forecast plan, more lanes", [SetResource("screening_lanes", 14)]),
            Scenario("faster signing", [SetNorm("signing.minutes_per_signature", 1.5)]),
        ],
    )
    assert list(table.columns.get_level_values(0).unique()) == [
        "baseline",
        "forecast plan, more lanes",
        "faster signing",
    ]
    screening = table.loc[("screening", "opening, resources.screening_lanes")]
    assert (
        screening[("baseline", "severity")],
        screening[("forecast plan, more lanes", "severity")],
    ) == ("warning", "ok")
    signing = table.loc[("signing-time", "signing")]
    assert (signing[("baseline", "severity")], signing[("faster signing", "severity")]) == (
        "error",
        "ok",
    )


def test_sweep_gives_a_tidy_row_per_point_and_finding():
    frame = sweep(
        HANOI,
        "actual",
        grid={"parties:member_state": [80, 160], "resource:cars": [300, 400]},
        progress=False,
    )
    assert set(frame["parties:member_state"]) == {80, 160}
    cars = (
        frame[frame.code == "cars"]
        .set_index(["parties:member_state", "resource:cars"])
        .severity.to_dict()
    )
    # heads of delegation: the states, 150 organisations and 51–60 institutes, one car each
    assert cars == {(80, 300): "ok", (80, 400): "ok", (160, 300): "error", (160, 400): "ok"}


def test_sweep_on_a_process_pool_gives_the_same_numbers():
    grid = {"parties:member_state": [90, 130]}
    alone = sweep(HANOI, "actual", grid=grid, progress=False)
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        pooled = sweep(HANOI, "actual", grid=grid, executor=pool, progress=False)
    assert pooled.equals(alone)


def test_sweep_on_a_local_dask_cluster_gives_the_same_numbers():
    distributed = pytest.importorskip("distributed")
    grid = {"parties:member_state": [90, 130], "norm:screening.lane_rate": [100, 150]}
    alone = sweep(HANOI, "actual", grid=grid, progress=False)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_cluster = sweep(
            HANOI, "actual", grid=grid, executor=client.get_executor(), progress=False
        )
    assert on_cluster.equals(alone)


def test_unknown_sweep_parameter_lists_the_forms():
    with pytest.raises(
        UnknownNameError, match="unknown sweep parameter 'delegations'; one of: parties:KIND"
    ):
        sweep(HANOI, grid={"delegations": [1]}, progress=False)


def test_scenario_errors_name_what_is_wrong():
    with pytest.raises(UnknownNameError, match="unknown party kind 'nope'; one of: member_state, "):
        SetParties("nope", 3)
    with pytest.raises(InvalidEventError, match="'screening_lanes' must be >= 0: -1"):
        Scenario("fewer lanes", [SetResource("screening_lanes", -1)]).apply(HANOI)
