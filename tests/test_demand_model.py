"""One model of demand: the checks and the Monte Carlo agree by construction, for any event."""

from __future__ import annotations

import math

import attrs
import pytest
from builders import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventplan
from eventplan import Count, PartyKind, Session, SessionKind, check, simulate
from eventplan.model import AudienceRule, Cohort, NormOverride, PressCorps, Resources
from eventplan.montecarlo import Uncertainty
from eventplan.testing import synthetic_event

HANOI = eventplan.reference_event()
MIRRORED = {  # every code a Monte Carlo subject mirrors
    "room-capacity",
    "room-unassigned",
    "room-capacity-unknown",
    "interpretation-booths",
    "interpretation-booths-unknown",
    "interpreters",
    "interpreters-unknown",
    "signing-time",
    "screening",
    "screening-lanes-unknown",
    "accreditation",
    "accreditation-unknown",
    "press-centre",
    "press-centre-unknown",
    "gala-seating",
    "gala-tables-unknown",
    "exhibition-density",
    "exhibition-area-unknown",
    "hotel-rooms",
    "hotel-rooms-unknown",
    "cars",
    "cars-unknown",
    "shuttle-peak",
}


def disagreements(event, turnout, end):
    """Every mirrored finding whose demand at ``end`` the Monte Carlo at the forecast misses."""
    findings = [f for f in check(event, turnout).findings if f.code in MIRRORED]
    result = simulate(
        event, draws=1, uncertainty=Uncertainty.none(end), turnout=turnout, progress=False
    )
    risks = {(r.code, r.subjects): r for r in result.risks}
    wrong = []
    for finding in findings:
        risk = risks.get((finding.code, finding.subjects))
        if risk is None:
            wrong.append((finding.code, finding.subjects, "no subject"))
            continue
        if risk.capacity != finding.capacity:
            wrong.append((finding.code, finding.subjects, finding.capacity, risk.capacity))
        if finding.demand is None:
            continue
        high = math.inf if finding.demand.high is None else finding.demand.high
        expected = high if end == "cautious" else finding.demand.low
        if not risk.demand_q05 == risk.demand_q95 == expected:
            wrong.append((finding.code, finding.subjects, expected, risk.demand_q50))
    return wrong


@pytest.mark.parametrize("end", ["cautious", "optimistic"])
@pytest.mark.parametrize("turnout", [t.name for t in HANOI.turnouts])
def test_reference_event_at_the_forecast_is_what_the_checks_say(turnout, end):
    assert disagreements(HANOI, turnout, end) == []


NORMS = {
    "hotel.rooms_per_delegate": (0.5, 2.0),
    "cars.per_head_of_delegation": (0.5, 2.0),
    "arrival.share_in_window": (0.2, 1.0),
    "banquet.overset_small": (0.0, 0.2),
    "banquet.overset_large": (0.0, 0.1),
    "exhibition.peak_share": (0.1, 1.0),
    "press.workplaces_per_reporter": (0.3, 1.5),
    "signing.minutes_per_signature": (1.0, 5.0),
}


@st.composite
def overrides(draw):
    chosen = draw(st.lists(st.sampled_from(sorted(NORMS)), unique=True, max_size=4))
    found = []
    for norm_id in chosen:
        low, high = NORMS[norm_id]
        a = draw(st.floats(low, high, allow_nan=False).map(lambda x: round(x, 3)))
        b = draw(st.floats(a, high, allow_nan=False).map(lambda x: round(x, 3)))
        found.append(NormOverride(id=norm_id, low=a, high=max(a, b)))
    return tuple(found)


@st.composite
def events(draw):
    event = synthetic_event(
        sessions=draw(st.integers(1, 30)),
        rooms=draw(st.integers(1, 5)),
        delegations=draw(st.integers(0, 12)),
        seed=draw(st.integers(0, 1_000)),
    )
    rooms = event.rooms
    gala = Session(
        id="gala",
        title="Gala",
        kind=SessionKind.GALA_DINNER,
        start=event.sessions[0].start.add(hours=11),
        end=event.sessions[0].start.add(hours=13),
        room=rooms[0].id,
        audience=(AudienceRule(parties=("all_delegations", "member_state"), behind=1),),
    )
    expo = attrs.evolve(gala, id="expo", kind=SessionKind.EXHIBITION, room=rooms[-1].id)
    turnouts = list(event.turnouts)
    if draw(st.booleans()):  # an open range: "more than N"
        planned = turnouts[0]
        low = draw(st.integers(1, 300))
        opened = Cohort(id="open-states", kind=PartyKind.MEMBER_STATE, parties=Count(low, None))
        turnouts[0] = attrs.evolve(
            planned,
            cohorts=(*planned.cohorts, opened),
            press=PressCorps(reporters=Count(low, None)),
        )
    maybe = st.none() | st.integers(0, 5_000)
    resources = Resources(
        screening_lanes=draw(st.none() | st.integers(0, 30)),
        accreditation_desks=draw(st.none() | st.integers(0, 30)),
        accreditation_hours=8.0,
        press_centre=draw(st.sampled_from([None, rooms[0].id])),
        gala_tables=draw(st.none() | st.integers(0, 500)),
        hotel_rooms=draw(maybe),
        cars=draw(maybe),
        shuttle_buses=draw(st.none() | st.integers(1, 40)),
        shuttle_cycle_minutes=60.0,
        shuttle_headway_minutes=10.0,
        interpreters=draw(st.none() | st.integers(0, 50)),
    )
    return attrs.evolve(
        event,
        sessions=(*event.sessions, gala, expo),
        turnouts=tuple(turnouts),
        resources=resources,
        norm_overrides=draw(overrides()),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events(), st.sampled_from(["planned", "actual"]), st.sampled_from(["cautious", "optimistic"])
)
def test_monte_carlo_at_the_forecast_is_what_the_checks_say(event, turnout, end):
    assert disagreements(event, turnout, end) == []


# --- the three drifts the checks and the Monte Carlo once had ------------------------------------


def demands(event, turnout, code):
    """The cautious demand of ``code`` in the checks and in the Monte Carlo at the forecast."""
    (finding,) = [f for f in check(event, turnout).findings if f.code == code]
    result = simulate(
        event, draws=1, uncertainty=Uncertainty.none(), turnout=turnout, progress=False
    )
    (risk,) = [r for r in result.risks if r.code == code]
    return finding.demand.high, risk.demand_q50


def test_gala_for_720_guests_sets_792_places_in_both():
    # 720 × 1.1 is 792.0000000000001 in floating point: 792 places, not 793
    assert demands(HANOI, "actual", "gala-seating") == (792, 792)


def with_states(states, resource, norm_id, value):
    """The reference event's actual turnout as one cohort, with one resource and one norm set."""
    return attrs.evolve(
        HANOI,
        turnouts=(attrs.evolve(HANOI.turnout("actual"), cohorts=(states,), delegations=()),),
        default_turnout="actual",
        resources=attrs.evolve(HANOI.resources, **resource),
        norm_overrides=(NormOverride(id=norm_id, low=value),),
    )


def test_hotel_rooms_at_1_1_per_delegate_agree():
    # 3,500 delegates × 1.1 is 3850.0000000000005: 3,850 rooms, not 3,851
    states = Cohort(
        id="states",
        kind=PartyKind.MEMBER_STATE,
        parties=Count.exactly(350),
        delegates_per_party=Count.exactly(10),
    )
    event = with_states(states, {"hotel_rooms": 4000}, "hotel.rooms_per_delegate", 1.1)
    assert demands(event, "actual", "hotel-rooms") == (3850, 3850)


def test_cars_at_1_5_per_head_are_rounded_up_in_both():
    # 311 heads × 1.5 is 466.5: 467 cars, not 466
    states = Cohort(id="states", kind=PartyKind.MEMBER_STATE, parties=Count.exactly(311))
    event = with_states(states, {"cars": 500}, "cars.per_head_of_delegation", 1.5)
    assert demands(event, "actual", "cars") == (467, 467)


def test_uncertainty_none_takes_one_end():
    assert Uncertainty.none() == Uncertainty(0.0, 0.0, 1.0, end="cautious")
    with pytest.raises(ValueError, match="'end' must be one of: cautious, optimistic: 'middle'"):
        Uncertainty.none("middle")


def test_open_range_is_drawn_from_the_stated_tail_not_pinned_at_its_bound():
    # "more than 400" reporters: never exactly 401 in every draw
    turnout = HANOI.turnout("actual")
    event = attrs.evolve(
        HANOI,
        turnouts=(attrs.evolve(turnout, press=PressCorps(reporters=Count(401, None))),),
        default_turnout="actual",
    )
    result = simulate(event, draws=20_000, seed=1, progress=False)
    press = result.risk("press-centre")
    assert press.demand_q95 > press.demand_q05
    assert press.p_overflow > 0
    at_forecast = simulate(event, draws=1, uncertainty=Uncertainty.none(), progress=False)
    assert math.isinf(at_forecast.risk("press-centre").demand_q50)


# --- unknowns, dates, selectors, programme items ---------------------------------------------------


def test_room_without_a_booth_count_says_not_known_in_check_and_simulate():
    hall = HANOI.room("main-hall")
    assert hall.interpretation_booths == 7
    venues = tuple(
        attrs.evolve(
            v,
            rooms=tuple(
                attrs.evolve(r, interpretation_booths=None) if r.id == hall.id else r
                for r in v.rooms
            ),
        )
        for v in HANOI.venues
    )
    event = attrs.evolve(HANOI, venues=venues)
    booths = [
        f for f in check(event, "actual").findings if hall.id in f.subjects and "booth" in f.code
    ]
    assert {(f.code, f.severity.value) for f in booths} == {
        ("interpretation-booths-unknown", "info")
    }
    assert booths[0].to_json()["capacity"] is None
    result = simulate(event, "actual", draws=100, progress=False)
    risks = [
        r
        for r in result.risks
        if r.code.startswith("interpretation-booths") and hall.id in r.subjects
    ]
    assert {(r.code, r.severity, r.capacity, r.p_overflow) for r in risks} == {
        ("interpretation-booths-unknown", "info", None, None)
    }
    assert room_defaults() == (None, None)


def room_defaults():
    room = eventplan.Room(id="r", name="R")
    return room.interpretation_booths, eventplan.model.SeatCount(
        layout=eventplan.model.Layout.THEATRE
    ).seats


def test_session_after_the_last_day_is_a_problem_at_its_start():
    late = attrs.evolve(
        HANOI.session("closing"),
        start=HANOI.session("closing").start.add(days=3),
        end=HANOI.session("closing").end.add(days=3),
    )
    sessions = tuple(late if s.id == "closing" else s for s in HANOI.sessions)
    text = eventplan.files.dumps_event(attrs.evolve(HANOI, sessions=sessions))
    with pytest.raises(eventplan.EventFileError) as caught:
        eventplan.loads_event(text)
    assert [str(p) for p in caught.value.problems] == [
        "sessions.closing.start: starts on 2025-10-29, after the event's last day (2025-10-26)"
    ]


def test_a_party_named_twice_in_a_rule_is_seated_once_and_reported():
    rule = AudienceRule(parties=("member_state", "all_delegations", "press", "media_outlet"))
    outlet = eventplan.Delegation(
        id="vtv", name="VTV", kind=PartyKind.MEDIA_OUTLET, size=Count.exactly(5)
    )
    states = Cohort(id="states", kind=PartyKind.MEMBER_STATE, parties=Count.exactly(10))
    turnout = eventplan.Turnout(
        name="planned",
        delegations=(outlet,),
        cohorts=(states,),
        press=PressCorps(reporters=Count.exactly(20)),
    )
    session = attrs.evolve(HANOI.session("opening"), audience=(rule,))
    event = attrs.evolve(
        HANOI, sessions=(session,), turnouts=(turnout,), default_turnout="planned", reported=()
    )
    # 10 states once, 20 reporters of the corps and the outlet's 5 reporters, not the outlet again
    assert eventplan.demand.session_demand(event, session=session) == Count.exactly(35)
    assert [str(p) for p in eventplan.model.find_problems(event)] == [
        "sessions.opening.audience[0].parties: 'member_state' names parties 'all_delegations' "
        "already names; each is seated once",
        "sessions.opening.audience[0].parties: 'media_outlet' names parties 'press' already "
        "names; each is seated once",
    ]


def test_a_continuation_counts_when_its_first_part_is_cancelled():
    cancelled = attrs.evolve(
        HANOI.session("plenary"), status=eventplan.model.SessionStatus.CANCELLED
    )
    sessions = tuple(cancelled if s.id == "plenary" else s for s in HANOI.sessions)
    event = attrs.evolve(HANOI, sessions=sessions)
    assert eventplan.summarise(event).sessions_by_kind["plenary"] == 1
    assert eventplan.summarise(HANOI).sessions_by_kind["plenary"] == 1


def test_session_demand_is_not_known_when_the_turnout_names_no_one():
    schedule = eventplan.load_schedule(DATA / "schedules" / "38c3.schedule.xml")
    assert eventplan.demand.session_demand(schedule, session="38c3-opening-ceremony") is None
    fixed_only = AudienceRule(seats=40, label="guests")
    session = attrs.evolve(schedule.session("38c3-opening-ceremony"), audience=(fixed_only,))
    assert eventplan.demand.session_demand(schedule, session=session) == Count.exactly(40)


def test_an_open_turnout_leaves_the_cautious_needs_open_in_the_messages():
    # "more than 100 states": the cautious end has no bound, so neither has the need for tables,
    # lanes or queue; the optimistic figure is a floor ("at least"), never the need itself
    states = Cohort(
        id="states",
        kind=PartyKind.MEMBER_STATE,
        parties=Count(100, None),
        delegates_per_party=Count.exactly(4),
    )
    event = attrs.evolve(
        with_states(states, {"gala_tables": None}, "hotel.rooms_per_delegate", 1.0),
        resources=attrs.evolve(HANOI.resources, gala_tables=None, screening_lanes=2),
    )
    findings = {f.code: f for f in check(event, "actual").findings}
    gala = findings["gala-tables-unknown"]
    assert gala.demand.high is None
    assert "need at least " in gala.message
    screening = findings["screening"]
    assert screening.demand.high is None
    assert "has no upper bound, and nor has the queue" in screening.message
    assert "the last waiting" not in screening.message
    lanes_unknown = attrs.evolve(
        event, resources=attrs.evolve(event.resources, screening_lanes=None)
    )
    message = {f.code: f for f in check(lanes_unknown, "actual").findings}[
        "screening-lanes-unknown"
    ].message
    assert "; at least " in message and " lanes clear them" in message
