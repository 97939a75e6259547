"""First-fit placement, the baseline without a solver, and the shortcuts the solver's model
takes: each must give a plan the checks pass."""

from __future__ import annotations

import itertools
from pathlib import Path

import attrs
import pytest

import eventplan
from eventplan.capacity import checks
from eventplan.errors import InvalidArgumentError
from eventplan.model.enums import Severity
from eventplan.placement import METHODS, PlacementRules, place_programme
from eventplan.schedules import load_schedule
from eventplan.testing import placement_hours, placement_instance, without_times

SCHEDULES = Path(__file__).parent / "data" / "schedules"


def problems(event: eventplan.Event) -> list[str]:
    found = eventplan.check(event).findings
    return sorted(f.code for f in found if f.severity in (Severity.ERROR, Severity.WARNING))


def instance(sessions: int, rooms: int, days: int, step: int = 60):
    event = placement_instance(sessions=sessions, rooms=rooms, days=days)
    first, last = placement_hours(event)
    rules = PlacementRules(day_start=first, day_end=last, step_minutes=step, keep_rooms=False)
    return without_times(event), rules


def test_the_planted_instance_passes_the_checks_as_it_comes():
    assert problems(placement_instance(sessions=200, rooms=10, days=3)) == []


def test_first_fit_places_a_programme_that_passes_the_checks_without_a_solver():
    event, rules = instance(200, 10, 3)
    plan = place_programme(event, rules=rules, method="first-fit")
    assert plan.status == "first-fit" and plan.gap is None
    assert plan.passed and len(plan.placed) == 200
    assert problems(plan.event) == []
    header = plan.render_text(width=200).splitlines()[0]
    assert header.startswith("Programme placement (first fit): 200 of 200 sessions placed in ")


def test_first_fit_gives_every_session_it_leaves_out_a_reason():
    fosdem = without_times(load_schedule(SCHEDULES / "fosdem2010.pentabarf.xml"))
    first_day = attrs.evolve(fosdem, end_date=fosdem.start_date)  # too few hours for all
    plan = place_programme(first_day, method="first-fit")
    assert plan.unplaced
    for left in plan.unplaced:
        assert left.reasons and all(left.session in r.ids for r in left.reasons)
    placed = {s.id for s in plan.event.sessions} & set(plan.placed)
    held = [s for s in plan.event.sessions if s.id in placed]
    for a, b in itertools.combinations(held, 2):
        assert a.room != b.room or a.end <= b.start or b.end <= a.start


def test_the_method_is_checked_and_the_command_line_offers_the_same_ones(capsys):
    event, rules = instance(10, 2, 1)
    with pytest.raises(InvalidArgumentError, match="method is one of cp-sat, first-fit"):
        place_programme(event, rules=rules, method="greedy")
    from eventplan.cli import main

    with pytest.raises(SystemExit):
        main(["place", "--help"])
    assert "{" + ",".join(METHODS) + "}" in capsys.readouterr().out


@pytest.mark.parametrize("step", [60, 15])
def test_the_solver_keeps_turnover_and_moves_whether_or_not_the_grid_keeps_them(step):
    """On an hour's grid the 15 minutes after a 45-minute session keep every turnover and
    move, and the model leaves them out; on a quarter-hour grid it must keep them itself."""
    pytest.importorskip("ortools")
    event, rules = instance(60, 4, 2, step=step)
    plan = place_programme(event, rules=rules, time_limit=5)
    assert plan.passed
    assert problems(plan.event) == []


def test_the_longest_turnover_bounds_every_pair():
    hanoi = eventplan.reference_event()
    ctx = checks.Context(hanoi, hanoi.turnout(None).name, hanoi.planning_norms(None))
    for room in hanoi.rooms:
        bound = max(n.cautious_value for n in checks.turnover_norms(ctx, room, hanoi.sessions))
        for a, b in itertools.permutations(hanoi.sessions, 2):
            norm = checks.turnover_norm(ctx, a, b, room)
            assert norm is None or norm.cautious_value <= bound


def _without_room_4():
    event, rules = instance(50, 5, 2)
    return event, attrs.evolve(rules, rooms=tuple(r.id for r in event.rooms if r.id != "room-3"))


def test_sessions_that_outnumber_their_rooms_are_counted_and_said_before_solving():
    """Without Room 3, 18 sessions fit only Room 4, which has 16 hours: two cannot be placed,
    and that is said in rooms and numbers, not as a search that ran out of time."""
    event, rules = _without_room_4()
    plan = place_programme(event, rules=rules, method="first-fit")
    crowded = [u for u in plan.unplaced if u.reasons[0].rule == "rooms-full"]
    assert crowded
    text = crowded[0].reasons[0].text
    assert text.startswith("18 sessions can be held only in Room 4") and "2 are left out" in text


def test_the_solver_proves_the_crowded_programme_best_with_the_count():
    pytest.importorskip("ortools")
    event, rules = _without_room_4()
    plan = place_programme(event, rules=rules, time_limit=10)
    assert plan.status == "optimal"
    assert len(plan.unplaced) == 2
    assert all(u.reasons[0].rule == "rooms-full" for u in plan.unplaced)


def test_the_solver_never_places_fewer_than_the_first_fit_it_starts_from():
    """However short its time, CP-SAT's plan is at least the first-fit plan it was given."""
    pytest.importorskip("ortools")
    event, rules = instance(200, 10, 3)
    first = place_programme(event, rules=rules, method="first-fit")
    hurried = place_programme(event, rules=rules, time_limit=0.01)
    assert len(hurried.placed) >= len(first.placed) == 200
    assert problems(hurried.event) == []
    if hurried.status == "first-fit":
        assert hurried.notes[0].startswith("the solver found no plan that places more")


def test_a_first_fit_re_plan_moves_only_what_the_lost_room_held():
    """Sessions that can stay keep their room and time before any other is placed, so losing
    a room moves its own sessions and no others."""
    event, rules = instance(200, 10, 3)
    published = place_programme(event, rules=rules, method="first-fit").event
    lost = "room-0"
    held = {s.id for s in published.sessions if s.room == lost}
    rooms = tuple(r.id for r in published.rooms if r.id != lost)
    replan = place_programme(
        published,
        rules=attrs.evolve(rules, rooms=rooms),
        published=published,
        method="first-fit",
    )
    assert held and replan.passed
    assert {m.session for m in replan.moves} == held
    assert problems(replan.event) == []


def test_a_progress_bar_shows_the_time_and_the_sessions_placed(capsys):
    pytest.importorskip("ortools")
    event, rules = instance(50, 5, 2)
    plan = place_programme(event, rules=rules, time_limit=2, progress=True)
    err = capsys.readouterr().err
    assert "placing the programme" in err
    assert f"placed={len(plan.placed)}" in err
