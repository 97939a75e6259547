"""The programme's slots: a window's ``starts`` are the only times a session may begin, as the
Hanoi guidelines give three for the side programme of 26 October."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import eventplan
from eventplan.errors import InvalidArgumentError
from eventplan.model import localtime
from eventplan.placement import PlacementRules, Window, place_programme
from eventplan.placement.problem import Problem
from eventplan.placement.rules import rules_from_dict

DAY2 = dt.date(2025, 10, 26)
SLOTS = (dt.time(9), dt.time(12), dt.time(13, 30))
SIDE = ("roundtable-2", "roundtable-3", "roundtable-4", "high-level-workshop")


def rules(slots=SLOTS, **more) -> PlacementRules:
    return PlacementRules(
        movable=SIDE,
        step_minutes=15,
        windows=[Window(session=s, day=DAY2, starts=slots) for s in SIDE],
        **more,
    )


def clocks(plan) -> dict[str, dt.time]:
    zone = plan.event.timezone
    return {
        s.id: localtime.local(s.start, zone).time() for s in plan.event.sessions if s.id in SIDE
    }


@pytest.mark.parametrize("method", ["first-fit", "cp-sat"])
def test_sessions_begin_only_in_their_slots(method):
    if method == "cp-sat":
        pytest.importorskip("ortools")
    hanoi = eventplan.reference_event()
    plan = place_programme(hanoi, rules=rules(), method=method, time_limit=5)
    assert plan.passed
    assert set(clocks(plan).values()) <= set(SLOTS)


def test_a_session_no_slot_holds_says_so():
    hanoi = eventplan.reference_event()
    plan = place_programme(hanoi, rules=rules(slots=(dt.time(20, 30),)), method="first-fit")
    assert {u.session for u in plan.unplaced} == set(SIDE)
    reason = plan.unplaced[0].reasons[0]
    assert reason.rule == "window"
    assert "none of its slots (20:30)" in reason.text


def test_slots_are_read_from_a_rules_file_and_must_be_on_the_grid():
    read = rules_from_dict(
        {
            "step_minutes": 15,
            "windows": [{"session": "roundtable-2", "starts": ["09:00", "13:30"]}],
        }
    )
    assert read.windows[0].starts == (dt.time(9), dt.time(13, 30))
    off = PlacementRules(
        movable=["roundtable-2"],
        step_minutes=15,
        windows=[Window(session="roundtable-2", starts=[dt.time(9), dt.time(9, 10)])],
    )
    with pytest.raises(
        InvalidArgumentError,
        match=r"rules.windows\[0\].starts\[1\]: 09:10:00 is not on the 15-minute grid",
    ):
        place_programme(eventplan.reference_event(), rules=off, method="first-fit")
    with pytest.raises(InvalidArgumentError, match="starts"):
        rules_from_dict({"windows": [{"session": "roundtable-2", "starts": ["nine"]}]})


def test_a_session_with_several_windows_may_be_held_in_any_of_them():
    """Day 2's slots, or the afternoon of day 1: each window adds times, none takes any away."""
    hanoi = eventplan.reference_event()
    either = [
        Window(session="roundtable-2", day=DAY2, starts=SLOTS),
        Window(session="roundtable-2", day=dt.date(2025, 10, 25), earliest=dt.time(14)),
    ]
    only = PlacementRules(movable=["roundtable-2"], step_minutes=15, windows=either[:1])
    both = attrs.evolve(only, windows=either)
    problem = Problem(hanoi, None, only, None)
    one = problem.hours(hanoi.session("roundtable-2"))
    two = Problem(hanoi, None, both, None).hours(hanoi.session("roundtable-2"))
    assert set(one) < set(two)
    assert [localtime.clock(problem.moment(a), hanoi.timezone) for a, _ in one] == [
        "26 Oct 09:00",
        "26 Oct 12:00",
        "26 Oct 13:30",
    ]
    assert Window(session="x", day=DAY2, earliest=dt.time(9), starts=SLOTS).describe() == (
        "on 26 Oct from 09:00, starting at 09:00, 12:00 or 13:30"
    )
