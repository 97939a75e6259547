"""Editing an event in code: validated edits, typed fields, assumptions on every record."""

from __future__ import annotations

import pytest
from attrs import evolve as attrs_evolve
from builders import at, make_event, make_session

import eventplan
from eventplan import Count, Delegation, InvalidEventError, PartyKind, Room
from eventplan.errors import UnknownNameError
from eventplan.model import Cohort, Layout, SeatCount, editing


def test_with_session_adds_and_the_original_stays():
    event = make_event()
    added = editing.with_session(event, make_session("closing", start=at(26, 11), end=at(26, 12)))
    assert [s.id for s in added.sessions] == ["opening", "closing"]
    assert [s.id for s in event.sessions] == ["opening"]


def test_with_session_refuses_a_duplicate_id_and_an_unknown_room():
    event = make_event()
    with pytest.raises(InvalidEventError, match=r"sessions\.opening: duplicate id 'opening'"):
        editing.with_session(event, make_session("opening"))
    with pytest.raises(
        InvalidEventError,
        match=r"sessions.closing.room: unknown room 'hall-z'; known: hall-a, hall-b",
    ):
        editing.with_session(event, make_session("closing", room="hall-z"))


def test_replace_and_remove_a_session():
    event = make_event()
    moved = editing.replace_session(event, make_session("opening", room="hall-b"))
    assert moved.session("opening").room == "hall-b"
    assert editing.without_session(event, "opening").sessions == ()
    with pytest.raises(UnknownNameError, match="unknown session 'gala'; one of: opening"):
        editing.without_session(event, "gala")
    with pytest.raises(UnknownNameError, match="unknown session 'gala'"):
        editing.replace_session(event, make_session("gala"))


def test_rooms_are_added_replaced_and_removed_only_when_unused():
    event = make_event()
    annex = Room(
        id="annex", name="Annex", seat_counts=(SeatCount(layout=Layout.THEATRE, seats=50),)
    )
    assert "annex" in [r.id for r in editing.with_room(event, annex).rooms]
    bigger = Room(
        id="hall-a", name="Hall A", seat_counts=(SeatCount(layout=Layout.THEATRE, seats=900),)
    )
    assert editing.replace_room(event, bigger).room("hall-a").seats(
        Layout.THEATRE
    ) == Count.exactly(900)
    assert [r.id for r in editing.without_room(event, "hall-b").rooms] == ["hall-a"]
    with pytest.raises(InvalidEventError, match=r"sessions\.opening\.room: unknown room 'hall-a'"):
        editing.without_room(event, "hall-a")


def test_delegations_are_edited_in_a_turnout():
    event = make_event()
    austria = Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE)
    added = editing.with_delegation(event, austria)
    assert [d.id for d in added.turnout().delegations] == ["at"]
    bigger = Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE, size=Count(4, 6))
    assert editing.replace_delegation(added, bigger).turnout().delegations == (bigger,)
    assert editing.without_delegation(added, "at").turnout().delegations == ()
    with pytest.raises(InvalidEventError, match="duplicate id 'at'"):
        editing.with_delegation(added, austria)


def test_a_field_of_the_wrong_type_names_the_field_and_the_type():
    with pytest.raises(
        TypeError,
        match=r"^'signed_at_plenary' must be int: Count\(low=100, high=100\) is Count$",
    ):
        Cohort(
            id="states",
            kind=PartyKind.MEMBER_STATE,
            parties=Count.exactly(120),
            signed_at_plenary=Count.exactly(100),
        )
    with pytest.raises(TypeError, match=r"^'parties' must be Count: 100 is int$"):
        Cohort(id="states", kind=PartyKind.MEMBER_STATE, parties=100)
    with pytest.raises(TypeError, match=r"^'rooms' must be a tuple of Room: "):
        eventplan.Venue(id="v", name="V", rooms=("hall-a",))


@pytest.mark.parametrize(
    "record",
    ["officials", "agencies", "organisation.steering_committee", "organisation.secretariat"],
)
def test_assumption_is_accepted_on_records_that_hold_figures_or_names(record):
    text = eventplan.files.reference_file().read_text(encoding="utf-8")
    header = f"[[{record}]]" if record in ("officials", "agencies") else f"[{record}]"
    assert header in text
    changed = text.replace(header, f'{header}\nassumption = "a test assumption"', 1)
    event = eventplan.loads_event(changed)
    assert eventplan.loads_event(eventplan.files.dumps_event(event)) == event


def test_planning_with_a_turnout_built_in_code_checks_that_turnout_and_not_the_event(
    monkeypatch,
):
    from eventplan.model import validation

    event = make_event()
    austria = Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE, size=Count(4, 6))
    code = eventplan.Turnout(name="planned", delegations=(austria,))

    def whole_event(*_):
        raise AssertionError("the whole event was validated again")

    monkeypatch.setattr(validation, "find_problems", whole_event)
    resolved, name = editing.resolve_turnout(event, code)
    assert (name, resolved.turnout("planned")) == ("planned", code)
    assert eventplan.count_participation(event, code).delegates == Count(4, 6)
    twice = eventplan.Turnout(name="planned", delegations=(austria, austria))
    with pytest.raises(InvalidEventError, match=r"turnouts\.planned\.at: duplicate id 'at'"):
        editing.resolve_turnout(event, twice)
    huge = eventplan.Turnout(
        name="planned", delegations=(attrs_evolve(austria, size=Count.exactly(10**13)),)
    )
    with pytest.raises(InvalidEventError, match=r"turnouts\.planned\.delegations\.at\.size"):
        editing.resolve_turnout(event, huge)


def test_the_demand_layer_refuses_a_code_turnout_that_lists_a_party_twice():
    """count_participation, attendance and session_demand check a Turnout built in code as the
    planners do: a delegation listed twice would be counted twice (8-12 delegates of 4-6)."""
    event = make_event()
    austria = Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE, size=Count(4, 6))
    twice = eventplan.Turnout(name="planned", delegations=(austria, austria))
    session = event.sessions[0].id
    for count in (
        lambda: eventplan.count_participation(event, twice),
        lambda: eventplan.attendance(event, twice, session=session),
        lambda: eventplan.demand.session_demand(event, twice, session=session),
        lambda: eventplan.to_csv(event, twice),
    ):
        with pytest.raises(InvalidEventError, match=r"turnouts\.planned\.at: duplicate id 'at'"):
            count()
    once = eventplan.Turnout(name="planned", delegations=(austria,))
    assert eventplan.count_participation(event, once).delegates == Count(4, 6)
