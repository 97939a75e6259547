"""Preferences (``rules.prefer``): soft rules on a session's room and time, met where they can
be, by weight, and counted in the plan."""

from __future__ import annotations

import datetime as dt

import pytest

import eventplan
from eventplan.errors import InvalidArgumentError
from eventplan.model import localtime
from eventplan.placement import PlacementRules, Preference, Window, place_programme
from eventplan.placement.rules import rules_from_dict

HANOI = eventplan.reference_event()
DAY2 = dt.date(2025, 10, 26)
SLOTS = (dt.time(9), dt.time(12), dt.time(13, 30))
SIDE = ("roundtable-2", "roundtable-3", "roundtable-4")


def rules(*prefer: Preference) -> PlacementRules:
    return PlacementRules(
        movable=SIDE,
        step_minutes=15,
        windows=[Window(session=s, day=DAY2, starts=SLOTS) for s in SIDE],
        prefer=prefer,
    )


def where(plan, sid):
    session = next(s for s in plan.event.sessions if s.id == sid)
    return session.room, localtime.local(session.start, plan.event.timezone).time()


@pytest.mark.parametrize("method", ["first-fit", "cp-sat"])
def test_preferences_that_can_be_met_are(method):
    if method == "cp-sat":
        pytest.importorskip("ortools")
    wanted = (
        Preference(session="roundtable-4", earliest=dt.time(9), latest=dt.time(10, 15)),
        Preference(session="roundtable-2", room="side-hall-c", earliest=dt.time(13)),
    )
    plan = place_programme(HANOI, rules=rules(*wanted), method=method, time_limit=5)
    assert plan.passed
    assert where(plan, "roundtable-4")[1] == dt.time(9)
    assert where(plan, "roundtable-2") == ("side-hall-c", dt.time(13, 30))
    assert plan.objective["preferences"] == plan.objective["preferences_met"] == 2
    assert "preferences met: 2 of 2" in plan.render_text(width=100)


def test_of_two_preferences_that_cannot_both_hold_the_heavier_wins():
    pytest.importorskip("ortools")
    noon = dict(room="side-hall-c", earliest=dt.time(12), latest=dt.time(13, 15))
    plan = place_programme(
        HANOI,
        rules=rules(
            Preference(session="roundtable-2", weight=1, **noon),
            Preference(session="roundtable-3", weight=5, **noon),
        ),
        time_limit=5,
    )
    assert plan.passed
    assert where(plan, "roundtable-3") == ("side-hall-c", dt.time(12))
    assert where(plan, "roundtable-2") != ("side-hall-c", dt.time(12))
    assert plan.objective["preferences_met"] == 1


def test_preferences_are_read_from_a_rules_file_and_checked_where_they_are():
    read = rules_from_dict(
        {"prefer": [{"session": "roundtable-2", "room": "side-hall-c", "weight": 3}]}
    )
    assert read.prefer == (Preference(session="roundtable-2", room="side-hall-c", weight=3),)
    assert read.prefer[0].describe() == "in side-hall-c"
    with pytest.raises(
        InvalidArgumentError, match=r"rules.prefer\[0\].room: unknown room 'hall-z'"
    ):
        place_programme(
            HANOI,
            rules=PlacementRules(prefer=[Preference(session="roundtable-2", room="hall-z")]),
            method="first-fit",
        )
    with pytest.raises(InvalidArgumentError, match=r"rules.prefer\[0\]"):
        rules_from_dict({"prefer": [{"session": "roundtable-2", "weight": 500}]})
