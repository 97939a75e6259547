"""Plans that repeat: the same input, seed, workers and limits give the same plan unless the
clock stops the search, and a plan says which it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventplan.cli import main
from eventplan.errors import InvalidArgumentError
from eventplan.placement import PlacementRules, Weights, place_programme
from eventplan.schedules import load_schedule
from eventplan.testing import without_times

FOSDEM = Path(__file__).parent / "data" / "schedules" / "fosdem2010.pentabarf.xml"
# a speaker's makespan weighed: a search that takes CP-SAT a while to prove
RULES = PlacementRules(day_start=dt.time(9), day_end=dt.time(19), weights=Weights(makespan=10))


@pytest.fixture(scope="module")
def fosdem():
    return without_times(load_schedule(FOSDEM))


def where(plan):
    return sorted((s.id, s.room, s.start.isoformat()) for s in plan.event.sessions)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_plan_stopped_by_its_work_limit_repeats(fosdem, workers):
    pytest.importorskip("ortools")
    runs = [
        place_programme(fosdem, rules=RULES, time_limit=120, work_limit=0.05, workers=workers)
        for _ in range(2)
    ]
    assert [p.status for p in runs] == ["feasible", "feasible"]  # cut short, by the work limit
    assert all(p.repeatable and p.passed for p in runs)
    assert where(runs[0]) == where(runs[1])
    assert runs[0].objective == runs[1].objective
    assert not any("clock" in note for p in runs for note in p.notes)


def test_a_plan_stopped_by_the_clock_says_it_may_not_repeat(fosdem):
    pytest.importorskip("ortools")
    plan = place_programme(fosdem, rules=RULES, time_limit=0.05, work_limit=100)
    assert plan.status != "optimal" and not plan.repeatable
    assert plan.to_json()["repeatable"] is False
    assert any(note.startswith("the clock stopped the search at 0.05 s") for note in plan.notes)
    assert "--work-limit" in plan.render_text(width=200)


def test_a_finished_search_repeats_without_a_work_limit(fosdem):
    pytest.importorskip("ortools")
    hours = PlacementRules(day_start=dt.time(9), day_end=dt.time(19))
    plan = place_programme(fosdem, rules=hours, time_limit=30)
    assert plan.status == "optimal" and plan.repeatable and not plan.notes


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "1"])
def test_a_work_limit_is_deterministic_time_more_than_0(fosdem, bad):
    with pytest.raises(InvalidArgumentError, match="work_limit takes CP-SAT's deterministic time"):
        place_programme(fosdem, rules=RULES, work_limit=bad)


def test_the_command_line_refuses_a_work_limit_of_0(capsys):
    assert main(["place", "--work-limit", "0"]) == 2
    assert "--work-limit takes deterministic time, more than 0: 0" in capsys.readouterr().err
