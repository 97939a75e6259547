"""The soft rules of balance (``rules.spread`` and ``rules.weights``): a series spread over
the days, a person's load spread out, a person's day kept short; counted in the plan the
way the solver counts them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import eventplan
from eventplan.errors import InvalidArgumentError
from eventplan.model import localtime
from eventplan.placement import PlacementRules, Weights, place_programme
from eventplan.placement.rules import rules_from_dict
from eventplan.schedules import load_schedule
from eventplan.testing import without_times

HANOI = eventplan.reference_event()
ROUNDTABLES = tuple(f"roundtable-{i}" for i in range(1, 5))
DISCUSSIONS = tuple(f"high-level-discussion-{i}" for i in range(1, 5))
FOSDEM = Path(__file__).parent / "data" / "schedules" / "fosdem2010.pentabarf.xml"
FOSDEM_HOURS = dict(day_start=dt.time(9), day_end=dt.time(19))


def days(plan, ids):
    zone = plan.event.timezone
    return Counter(
        localtime.local(s.start, zone).date() for s in plan.event.sessions if s.id in ids
    )


def makespans(event):
    """The oracle: for each speaker of two talks or more, the minutes of each of their days
    from the first start to the last end, summed."""
    talks = Counter(person for s in event.sessions for person in s.speakers)
    spans = defaultdict(list)
    for s in event.sessions:
        for person in s.speakers:
            if talks[person] >= 2:
                spans[person, localtime.local(s.start, event.timezone).date()].append(s)
    return sum(
        (max(s.end for s in group) - min(s.start for s in group)).total_seconds() // 60
        for group in spans.values()
    )


@pytest.fixture(scope="module")
def fosdem():
    return without_times(load_schedule(FOSDEM))


def test_a_spread_series_takes_an_even_share_of_each_day():
    pytest.importorskip("ortools")
    rules = PlacementRules(movable=ROUNDTABLES + DISCUSSIONS, step_minutes=15)
    bunched = place_programme(HANOI, rules=rules, time_limit=5)
    assert max(days(bunched, ROUNDTABLES).values()) > 2  # left to itself, one day takes most
    spread = place_programme(
        HANOI, rules=PlacementRules(**{**_fields(rules), "spread": ["roundtables"]}), time_limit=5
    )
    assert spread.passed and spread.status == "optimal"
    assert sorted(days(spread, ROUNDTABLES).values()) == [2, 2]
    assert spread.objective["spread_over"] == 0
    assert "spread_over" not in bunched.objective  # not weighed, so not counted
    text = spread.render_text(width=100)
    assert "balance: 0 sessions of a spread series beyond an even share of a day" in text


def test_first_fit_counts_the_spread_it_does_not_seek():
    rules = PlacementRules(movable=ROUNDTABLES, step_minutes=15, spread=["roundtables"])
    plan = place_programme(HANOI, rules=rules, method="first-fit")
    over = sum(max(0, n - 2) for n in days(plan, ROUNDTABLES).values())
    assert plan.objective["spread_over"] == over


def test_a_weight_of_zero_turns_a_rule_of_balance_off():
    pytest.importorskip("ortools")
    rules = PlacementRules(
        movable=ROUNDTABLES, step_minutes=15, spread=["roundtables"], weights=Weights(spread=0)
    )
    plan = place_programme(HANOI, rules=rules, time_limit=5)
    assert "spread_over" not in plan.objective


def test_a_weighed_makespan_keeps_speakers_days_short_and_is_counted_as_the_plan_has_it(fosdem):
    pytest.importorskip("ortools")
    plain = place_programme(fosdem, rules=PlacementRules(**FOSDEM_HOURS), time_limit=10)
    short = place_programme(
        fosdem,
        rules=PlacementRules(**FOSDEM_HOURS, weights=Weights(makespan=10)),
        time_limit=10,
    )
    assert plain.passed and short.passed
    assert len(short.placed) == len(plain.placed) == len(fosdem.sessions)
    assert short.objective["makespan_minutes"] == makespans(short.event)
    assert makespans(short.event) < makespans(plain.event)


def test_a_weighed_load_puts_no_more_of_a_persons_sessions_on_a_day_than_needed(fosdem):
    pytest.importorskip("ortools")
    rules = PlacementRules(**FOSDEM_HOURS, weights=Weights(load=10))
    plan = place_programme(fosdem, rules=rules, time_limit=10)
    assert plan.passed and plan.objective["load_over"] == 0
    per_day = Counter(
        (person, localtime.local(s.start, plan.event.timezone).date())
        for s in plan.event.sessions
        for person in s.speakers
    )
    talks = Counter(person for s in plan.event.sessions for person in s.speakers)
    for (person, _), n in per_day.items():
        assert n <= -(-talks[person] // 2)


def test_balance_is_read_from_a_rules_file_and_checked_where_it_is():
    read = rules_from_dict({"spread": ["roundtables"], "weights": {"load": 3, "makespan": 1}})
    assert read.spread == ("roundtables",)
    assert read.weights == Weights(spread=10, load=3, makespan=1)
    with pytest.raises(
        InvalidArgumentError, match=r"rules.weights: load is a whole number from 0 to 100, not 101"
    ):
        rules_from_dict({"weights": {"load": 101}})
    with pytest.raises(InvalidArgumentError, match=r"rules.weights: unknown key pace"):
        rules_from_dict({"weights": {"pace": 1}})
    with pytest.raises(InvalidArgumentError, match=r"rules.spread\[0\]: unknown series 'themes'"):
        place_programme(HANOI, rules=PlacementRules(spread=["themes"]), method="first-fit")
    with pytest.raises(InvalidArgumentError, match=r"rules.spread: a list such as"):
        rules_from_dict({"spread": "roundtables"})


def _fields(rules):
    import attrs

    return attrs.asdict(rules, recurse=False)


@pytest.mark.parametrize(
    "where, weights",
    [
        ("fosdem", Weights(load=10)),
        ("fosdem", Weights(makespan=10)),
        ("hanoi", Weights(load=10, makespan=10)),  # the Secretary-General's fixed sessions too
    ],
)
def test_the_model_counts_imbalance_as_the_plan_reports_it(fosdem, where, weights):
    """Two paths, one count: the solver's units of each group equal Problem.imbalance of the
    plan it returns, day by day summed (before compaction, which only shortens)."""
    pytest.importorskip("ortools")
    from eventplan.placement import solver as placing
    from eventplan.placement.greedy import first_fit
    from eventplan.placement.problem import Problem

    if where == "fosdem":
        event, rules = fosdem, PlacementRules(**FOSDEM_HOURS, weights=weights)
    else:
        event = HANOI
        rules = PlacementRules(movable=["press-pm-sg", "roundtable-2"], weights=weights)
    problem = Problem(event, None, rules, None)
    start = first_fit(problem, {})
    model = placing._Model(problem, placing.calendars(event), {}, explain=False, hint=start)
    solver = placing._solver(10, 0, 1)
    assert solver.solve(model.cp) == 4  # OPTIMAL
    chosen = model.read(solver)
    assert model.imbalance
    for group, units in model.imbalance:
        counted = sum(u if isinstance(u, int) else solver.value(u) for u in units)
        assert counted == problem.imbalance(group, chosen), group
