"""``adjacent`` pairs: the second session follows the first in its room, once the room is
turned over, whichever of the two is fixed."""

from __future__ import annotations

import pytest

import eventplan
from eventplan.placement import PlacementRules, place_programme
from eventplan.placement.problem import Problem

HANOI = eventplan.reference_event()


def sessions(plan, *ids):
    held = {s.id: s for s in plan.event.sessions}
    return [held[i] for i in ids]


def expected_start(rules, a, b):
    problem = Problem(HANOI, None, rules, None)
    room = HANOI.room(a.room)
    return problem.moment(problem.follows(a, b, room, problem.minute(a.end)))


@pytest.mark.parametrize("method", ["first-fit", "cp-sat"])
def test_two_placed_sessions_follow_one_another_in_one_room(method):
    if method == "cp-sat":
        pytest.importorskip("ortools")
    rules = PlacementRules(
        movable=["roundtable-2", "roundtable-3"],
        adjacent=[["roundtable-2", "roundtable-3"]],
        step_minutes=15,
    )
    plan = place_programme(HANOI, rules=rules, method=method, time_limit=5)
    assert plan.passed
    first, second = sessions(plan, "roundtable-2", "roundtable-3")
    assert first.room == second.room
    assert second.start == expected_start(rules, first, second)


@pytest.mark.parametrize("method", ["first-fit", "cp-sat"])
@pytest.mark.parametrize("fixed_first", [True, False])
def test_a_session_follows_or_precedes_a_fixed_one(method, fixed_first):
    if method == "cp-sat":
        pytest.importorskip("ortools")
    moving = "closing" if fixed_first else "high-level-workshop"
    pair = ["plenary-day2", "closing"] if fixed_first else ["high-level-workshop", "closing"]
    rules = PlacementRules(movable=[moving], adjacent=[pair], step_minutes=15)
    plan = place_programme(HANOI, rules=rules, method=method, time_limit=5)
    assert plan.passed
    a, b = sessions(plan, *pair)
    assert a.room == b.room
    rules_room = HANOI.room(b.room)
    problem = Problem(HANOI, None, rules, None)
    if fixed_first:
        assert problem.minute(b.start) == problem.follows(a, b, rules_room, problem.minute(a.end))
    else:
        minutes = problem.minute(a.end) - problem.minute(a.start)
        assert problem.minute(a.start) == problem.precedes(
            a, b, rules_room, problem.minute(b.start), minutes
        )
    assert problem.minute(a.end) <= problem.minute(b.start)


def test_a_pair_that_cannot_follow_says_which_rule():
    pytest.importorskip("ortools")
    # the closing cannot follow the state banquet in the banquet hall: it is too small for it
    rules = PlacementRules(movable=["closing"], adjacent=[["state-banquet", "closing"]])
    plan = place_programme(HANOI, rules=rules, time_limit=5)
    assert [u.session for u in plan.unplaced] == ["closing"]
    rules_named = {r.rule for r in plan.unplaced[0].reasons}
    assert "adjacent" in rules_named, plan.unplaced[0].reasons


def test_adjacent_pairs_are_read_and_checked_where_they_are():
    from eventplan.errors import InvalidArgumentError
    from eventplan.placement.rules import rules_from_dict

    read = rules_from_dict({"adjacent": [["opening", "signing"]]})
    assert read.adjacent == (("opening", "signing"),)
    with pytest.raises(InvalidArgumentError, match=r"rules.adjacent\[0\]: a pair of session ids"):
        rules_from_dict({"adjacent": ["opening"]})
    unknown = PlacementRules(adjacent=[["opening", "gala"]])
    with pytest.raises(
        InvalidArgumentError, match=r"rules.adjacent\[0\]\[1\]: unknown session 'gala'"
    ):
        place_programme(HANOI, rules=unknown, method="first-fit")
