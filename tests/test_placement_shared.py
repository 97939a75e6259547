"""Shared resources (``[[sessions.uses]]``): cars, screening lanes and shuttle buses that
sessions keep busy. The checks count the busiest moment; placement never puts more in
parallel than the pool holds; both take each use's window from one formula."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import eventplan
from eventplan.errors import EventFileError
from eventplan.model.resources import ResourceUse
from eventplan.placement import PlacementRules, Window, place_programme

HANOI = eventplan.reference_event()
DAY2 = dt.date(2025, 10, 26)
SLOTS = (dt.time(9), dt.time(12), dt.time(13, 30))
MOTORCADES = ("roundtable-2", "high-level-discussion-2")  # both 09:00 on 26 October


def with_uses(event, uses):
    """``event`` with the ``uses`` (session id -> ResourceUse list) given."""
    sessions = tuple(
        attrs.evolve(s, uses=uses[s.id]) if s.id in uses else s for s in event.sessions
    )
    return attrs.evolve(event, sessions=sessions)


CARS = ResourceUse(resource="cars", count=150, before=30, assumption="for the test")
MOTORCADE = with_uses(HANOI, {sid: [CARS] for sid in MOTORCADES})  # 300 of the 220 cars


def finding(event, code):
    return next(f for f in eventplan.check(event).findings if f.code == code)


def test_the_check_counts_the_busiest_moment_with_the_sessions_at_it():
    found = finding(MOTORCADE, "shared-cars")
    assert found.severity.value == "error"
    assert found.message == (
        "cars at the busiest time (26 Oct 08:30: high-level-discussion-2, roundtable-2): "
        "needs 300, has 220; short by at least 80 even in the optimistic case"
    )
    assert found.subjects == ("resources.cars", "high-level-discussion-2", "roundtable-2")


def test_uses_that_do_not_overlap_do_not_add_up():
    # cars for the half hour before each start only: 09:00 and 12:00 never meet
    brief = attrs.evolve(CARS, minutes=30)
    event = with_uses(HANOI, {"roundtable-2": [brief], "roundtable-3": [brief]})
    found = finding(event, "shared-cars")
    assert found.severity.value == "ok" and found.demand.low == 150


def test_a_pool_of_unknown_size_is_not_known_never_short():
    event = with_uses(
        HANOI, {"roundtable-2": [ResourceUse(resource="shuttle_buses", count=4, before=60)]}
    )
    event = attrs.evolve(event, resources=attrs.evolve(event.resources, shuttle_buses=None))
    found = finding(event, "shared-shuttle-buses-unknown")
    assert found.severity.value == "info"
    assert "the plan gives no number of shuttle buses" in found.message


@pytest.mark.parametrize("method", ["first-fit", "cp-sat"])
def test_placement_keeps_sessions_that_share_a_pool_apart(method):
    if method == "cp-sat":
        pytest.importorskip("ortools")
    rules = PlacementRules(
        movable=MOTORCADES,
        step_minutes=15,
        windows=[Window(session=s, day=DAY2, starts=SLOTS) for s in MOTORCADES],
    )
    plan = place_programme(MOTORCADE, rules=rules, method=method, time_limit=5)
    assert plan.passed
    starts = {s.id: s.start for s in plan.event.sessions if s.id in MOTORCADES}
    assert len(set(starts.values())) == 2  # not in parallel
    assert finding(plan.event, "shared-cars").severity.value == "ok"


def test_a_session_that_cannot_share_says_who_holds_the_pool():
    pytest.importorskip("ortools")
    rules = PlacementRules(  # roundtable-2 must be at 09:00, when the discussion holds 150
        movable=["roundtable-2"],
        step_minutes=15,
        windows=[Window(session="roundtable-2", day=DAY2, starts=[dt.time(9)])],
    )
    plan = place_programme(MOTORCADE, rules=rules, time_limit=5)
    [left] = plan.unplaced
    assert left.session == "roundtable-2"
    assert [r.rule for r in left.reasons] == ["window", "shared-resource"]  # together
    assert left.reasons[1].ids == ("roundtable-2", "resources.cars", "high-level-discussion-2")
    assert left.reasons[1].text == (
        "the event's 220 cars are busy at the times roundtable-2 could use: "
        "high-level-discussion-2 take them"
    )


def test_a_use_larger_than_the_pool_is_said_before_solving():
    event = with_uses(HANOI, {"roundtable-2": [attrs.evolve(CARS, count=300)]})
    plan = place_programme(
        event, rules=PlacementRules(movable=["roundtable-2"]), method="first-fit"
    )
    [left] = plan.unplaced
    assert left.reasons[-1].text == "roundtable-2 keeps 300 cars busy; the event has 220"


def test_uses_are_read_from_an_event_file_and_checked_where_they_are(tmp_path):
    path = tmp_path / "motorcade.toml"
    eventplan.dump_event(MOTORCADE, path=path)
    text = path.read_text(encoding="utf-8")
    assert eventplan.loads_event(text) == MOTORCADE
    bad = text.replace('resource = "cars"', 'resource = "boats"', 1)
    with pytest.raises(EventFileError, match=r"uses\[0\]: 'resource' must be one of cars, "):
        eventplan.loads_event(bad)


def test_interpreters_at_work_elsewhere_are_a_reason_that_names_who_has_them():
    pytest.importorskip("ortools")
    six = ("ar", "zh", "en", "fr", "ru", "es")  # a UN team of 14 of the event's 16
    event = attrs.evolve(
        HANOI,
        sessions=tuple(
            attrs.evolve(s, languages=six) if s.id == "roundtable-2" else s for s in HANOI.sessions
        ),
    )
    rules = PlacementRules(  # at 09:00 the plenary of day 2 has its own team at work
        movable=["roundtable-2"],
        step_minutes=15,
        windows=[Window(session="roundtable-2", day=DAY2, starts=[dt.time(9)])],
    )
    plan = place_programme(event, rules=rules, time_limit=5)
    [left] = plan.unplaced
    assert [r.rule for r in left.reasons] == ["window", "interpreters"]
    assert left.reasons[1].text == (
        "the event's 16 interpreters are at work at the times roundtable-2 could use: "
        "plenary-day2 take them"
    )
