"""Capacity checks at their boundaries: exactly full passes, one more fails."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from builders import at, make_event, make_session

import eventplan
from eventplan import Count, PartyKind, Room, SessionKind, Turnout, Venue, check, default_norms
from eventplan.capacity.checks import booths_needed, verdict
from eventplan.model import AudienceRule, Cohort, Layout, PressCorps, Resources, SeatCount, Severity

NORMS = default_norms()


def exact(**values: float) -> eventplan.NormSet:
    """The default norms with some set to a single value, so boundaries are exact."""
    norms = NORMS
    for norm_id, value in values.items():
        norms = norms.replace(norm_id.replace("__", "."), value)
    return norms


def fixed(seats: int) -> tuple[AudienceRule, ...]:
    return (AudienceRule(seats=seats, label="guests"),)


def codes(report, code: str) -> list[tuple[Severity, Count | None, Count | None]]:
    return [(f.severity, f.demand, f.capacity) for f in report.findings if f.code == code]


def severities(report, code: str) -> list[Severity]:
    return [f.severity for f in report.findings if f.code == code]


@pytest.mark.parametrize(
    ("demand", "capacity", "expected"),
    [
        (Count.exactly(500), Count.exactly(500), Severity.OK),
        (Count.exactly(501), Count.exactly(500), Severity.ERROR),
        (Count(450, 550), Count(500, 600), Severity.WARNING),
        (Count(601, 700), Count(500, 600), Severity.ERROR),
        (Count(400, None), Count(500, 600), Severity.WARNING),
    ],
    ids=["exactly-full", "one-more", "cautious-fails", "optimistic-fails", "open-demand"],
)
def test_verdict(demand, capacity, expected):
    assert verdict(demand, capacity) is expected


# --- rooms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "expected"), [(500, Severity.OK), (501, Severity.ERROR)], ids=["full", "one-more"]
)
def test_room_seats(people, expected):
    report = check(make_event(sessions=(make_session(audience=fixed(people)),)))
    assert codes(report, "room-capacity") == [(expected, Count.exactly(people), Count.exactly(500))]


def test_room_with_disagreeing_seat_counts_is_a_range():
    room = Room(
        id="hall-a",
        name="Hall A",
        seat_counts=(
            SeatCount(layout=Layout.THEATRE, seats=500),
            SeatCount(layout=Layout.THEATRE, seats=600),
        ),
    )
    event = make_event(
        venues=(Venue(id="v", name="V", rooms=(room,)),),
        sessions=(make_session(audience=fixed(550)),),
    )
    assert codes(check(event), "room-capacity") == [
        (Severity.WARNING, Count.exactly(550), Count(500, 600))
    ]


@pytest.mark.parametrize(
    ("people", "expected"), [(100, Severity.OK), (101, Severity.ERROR)], ids=["full", "one-more"]
)
def test_room_floor_area_sets_the_comfort_and_code_limits(people, expected):
    room = Room(
        id="hall-a",
        name="Hall A",
        floor_area_m2=100,
        seat_counts=(SeatCount(layout=Layout.THEATRE, seats=1000),),
    )
    event = make_event(
        venues=(Venue(id="v", name="V", rooms=(room,)),),
        sessions=(make_session(audience=fixed(people)),),
    )
    (finding,) = [
        f
        for f in check(event, norms=exact(area__theatre=1.0, code__chairs=0.5)).findings
        if f.code == "room-capacity"
    ]
    assert (finding.severity, finding.capacity) == (expected, Count.exactly(100))
    assert [n.id for n in finding.norms] == ["area.theatre"]


def test_room_double_booking_is_half_open():
    back_to_back = make_event(
        sessions=(make_session("a"), make_session("b", start=at(25, 10), end=at(25, 11)))
    )
    overlapping = make_event(
        sessions=(make_session("a"), make_session("b", start=at(25, 9, 59), end=at(25, 11)))
    )
    assert severities(check(back_to_back), "room-double-booked") == []
    assert severities(check(overlapping), "room-double-booked") == [Severity.ERROR]


def test_sessions_that_overlap_in_a_room_are_one_finding_counting_the_pairs():
    event = make_event(
        sessions=(
            make_session("a", start=at(25, 9), end=at(25, 11)),
            make_session("b", start=at(25, 10), end=at(25, 12)),
            make_session("c", start=at(25, 11, 30), end=at(25, 13)),
            make_session("d", start=at(25, 14), end=at(25, 15)),
            make_session("e", start=at(25, 14, 30), end=at(25, 16)),
        )
    )
    found = [f for f in check(event).findings if f.code == "room-double-booked"]
    assert [(f.message, f.subjects) for f in found] == [
        (
            "Hall A holds 3 sessions that overlap, 25 Oct 09:00–13:00 (2 pairs at once: "
            "a and b; b and c)",
            ("hall-a", "a", "b", "c"),
        ),
        (
            "Hall A holds d (25 Oct 14:00–15:00) and e (25 Oct 14:30–16:00) at once",
            ("hall-a", "d", "e"),
        ),
    ]


@pytest.mark.parametrize(
    ("gap", "expected"), [(15, []), (14, [Severity.ERROR])], ids=["enough", "one-minute-short"]
)
def test_room_turnover_between_different_audiences(gap, expected):
    first = make_session("a", audience=fixed(10))
    second = make_session("b", start=at(25, 10, gap), end=at(25, 11, 30), audience=fixed(20))
    report = check(make_event(sessions=(first, second)))
    assert severities(report, "room-turnover") == expected


def test_no_turnover_when_the_audience_stays_seated():
    first = make_session("opening")
    signing = make_session("signing", kind=SessionKind.SIGNING, start=at(25, 10), end=at(25, 11))
    assert severities(check(make_event(sessions=(first, signing))), "room-turnover") == []


# --- people --------------------------------------------------------------------------------------


def test_official_at_two_sessions_at_once():
    official = eventplan.model.Official(id="minister", name="The Minister")
    sessions = (
        make_session("a", chairs=("minister",)),
        make_session("b", room="hall-b", start=at(25, 9, 30), end=at(25, 11), chairs=("minister",)),
    )
    report = check(make_event(sessions=sessions, officials=(official,)))
    (finding,) = [f for f in report.findings if f.code == "person-double-booked"]
    assert (
        finding.message
        == "The Minister is expected at a (25 Oct 09:00–10:00) and b (25 Oct 09:30–11:00) at once"
    )


@pytest.mark.parametrize(
    ("gap", "expected"), [(10, []), (9, [Severity.ERROR])], ids=["enough", "one-minute-short"]
)
def test_official_needs_time_to_move_between_rooms(gap, expected):
    official = eventplan.model.Official(id="minister", name="The Minister")
    sessions = (
        make_session("a", chairs=("minister",)),
        make_session(
            "b", room="hall-b", start=at(25, 10, gap), end=at(25, 11, 30), chairs=("minister",)
        ),
    )
    report = check(
        make_event(sessions=sessions, officials=(official,)),
        norms=exact(transfer__same_venue_minutes=10),
    )
    assert severities(report, "person-transfer") == expected


def test_delegation_invited_to_two_overlapping_bilaterals():
    invited = (AudienceRule(parties=("delegation:at",), behind=2),)
    sessions = (
        make_session("b1", kind=SessionKind.BILATERAL, audience=invited),
        make_session(
            "b2",
            kind=SessionKind.BILATERAL,
            room="hall-b",
            start=at(25, 9, 30),
            end=at(25, 10, 30),
            audience=invited,
        ),
    )
    turnout = Turnout(
        name="planned",
        delegations=(eventplan.Delegation(id="at", name="Austria", kind=PartyKind.MEMBER_STATE),),
    )
    report = check(make_event(sessions=sessions, turnouts=(turnout,)))
    assert severities(report, "person-double-booked") == [Severity.ERROR]


# --- interpretation ------------------------------------------------------------------------------


@pytest.mark.parametrize(("languages", "booths"), [(1, 0), (2, 1), (3, 3), (6, 6)])
def test_booths_needed(languages, booths):
    assert booths_needed(languages) == booths


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(("en", "fr", "es"), Severity.OK), (("en", "fr", "es", "ru"), Severity.ERROR)],
    ids=["full", "one-more"],
)
def test_interpretation_booths(languages, expected):
    base = make_event()
    rooms = (
        attrs.evolve(base.venues[0].rooms[0], interpretation_booths=3),
        base.venues[0].rooms[1],
    )
    event = attrs.evolve(
        base,
        venues=(attrs.evolve(base.venues[0], rooms=rooms),),
        sessions=(make_session(languages=languages),),
    )
    assert severities(check(event), "interpretation-booths") == [expected]


@pytest.mark.parametrize(
    ("available", "expected"), [(14, Severity.OK), (13, Severity.ERROR)], ids=["full", "one-short"]
)
def test_six_language_meeting_needs_the_un_team(available, expected):
    base = make_event()
    rooms = (
        attrs.evolve(base.venues[0].rooms[0], interpretation_booths=6),
        base.venues[0].rooms[1],
    )
    event = attrs.evolve(
        base,
        venues=(attrs.evolve(base.venues[0], rooms=rooms),),
        sessions=(make_session(languages=("ar", "zh", "en", "fr", "ru", "es")),),
        resources=Resources(interpreters=available),
    )
    assert codes(check(event), "interpreters") == [
        (expected, Count.exactly(14), Count.exactly(available))
    ]


# --- signing, arrivals, accreditation, press ----------------------------------------------------------


def states(
    parties: int, *, size: int = 1, signed: int = 0, press: int | None = None
) -> tuple[Turnout, ...]:
    cohort = Cohort(
        id="states",
        kind=PartyKind.MEMBER_STATE,
        parties=Count.exactly(parties),
        delegates_per_party=Count.exactly(size),
        signed_at_plenary=signed,
    )
    corps = PressCorps(reporters=Count.exactly(press)) if press is not None else None
    return (Turnout(name="planned", cohorts=(cohort,), press=corps),)


@pytest.mark.parametrize(
    ("signatories", "expected"), [(30, Severity.OK), (31, Severity.ERROR)], ids=["full", "one-more"]
)
def test_signing_time(signatories, expected):
    signing = make_session("signing", kind=SessionKind.SIGNING)
    event = make_event(sessions=(signing,), turnouts=states(40, signed=signatories))
    report = check(event, norms=exact(signing__minutes_per_signature=2))
    assert codes(report, "signing-time") == [
        (expected, Count.exactly(2 * signatories), Count.exactly(60))
    ]


@pytest.mark.parametrize(
    ("arriving", "expected"), [(100, Severity.OK), (101, Severity.ERROR)], ids=["full", "one-more"]
)
def test_screening_before_the_opening(arriving, expected):
    event = make_event(
        sessions=(make_session(audience=fixed(arriving)),), resources=Resources(screening_lanes=1)
    )
    norms = exact(
        arrival__share_in_window=1.0, arrival__window_minutes=60, screening__lane_rate=100
    )
    (finding,) = [f for f in check(event, norms=norms).findings if f.code == "screening"]
    assert (finding.severity, finding.demand, finding.capacity) == (
        expected,
        Count.exactly(arriving),
        Count.exactly(100),
    )


def test_screening_reports_the_queue_and_the_wait():
    event = make_event(
        sessions=(make_session(audience=fixed(150)),), resources=Resources(screening_lanes=1)
    )
    norms = exact(
        arrival__share_in_window=1.0, arrival__window_minutes=60, screening__lane_rate=100
    )
    (finding,) = [f for f in check(event, norms=norms).findings if f.code == "screening"]
    assert finding.message.endswith(
        "cautious case: a queue of 50 at the start, the last waiting 30 min"
    )


@pytest.mark.parametrize(
    ("delegates", "expected"), [(200, Severity.OK), (201, Severity.ERROR)], ids=["full", "one-more"]
)
def test_accreditation_desks(delegates, expected):
    event = make_event(
        turnouts=states(delegates),
        resources=Resources(accreditation_desks=1, accreditation_hours=2),
    )
    report = check(event, norms=exact(accreditation__desk_rate=100))
    assert codes(report, "accreditation") == [
        (expected, Count.exactly(delegates), Count.exactly(200))
    ]


@pytest.mark.parametrize(
    ("reporters", "expected"), [(100, Severity.OK), (101, Severity.ERROR)], ids=["full", "one-more"]
)
def test_press_centre_workplaces(reporters, expected):
    base = make_event()
    press_room = Room(
        id="press",
        name="Press centre",
        seat_counts=(SeatCount(layout=Layout.CLASSROOM, seats=100),),
    )
    venue = attrs.evolve(base.venues[0], rooms=(*base.venues[0].rooms, press_room))
    event = attrs.evolve(
        base,
        venues=(venue,),
        turnouts=states(1, press=reporters),
        resources=Resources(press_centre="press"),
    )
    report = check(event, norms=exact(press__workplaces_per_reporter=1.0))
    assert codes(report, "press-centre") == [
        (expected, Count.exactly(reporters), Count.exactly(100))
    ]


# --- bilaterals, gala, exhibition ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requests", "expected"), [(1, Severity.OK), (2, Severity.ERROR)], ids=["full", "one-more"]
)
def test_bilateral_slots(requests, expected):
    event = make_event(
        end_date=dt.date(2025, 10, 25),
        resources=Resources(bilateral_rooms=("hall-b",), bilateral_requests=requests),
    )
    norms = exact(
        bilateral__bookable_hours=1, bilateral__slot_minutes=45, bilateral__turnaround_minutes=15
    )
    assert codes(check(event, norms=norms), "bilaterals") == [
        (expected, Count.exactly(requests), Count.exactly(1))
    ]


@pytest.mark.parametrize(
    ("guests", "expected"), [(100, Severity.OK), (101, Severity.ERROR)], ids=["full", "one-more"]
)
def test_gala_tables(guests, expected):
    gala = make_session("gala", kind=SessionKind.GALA_DINNER, room="hall-b", audience=fixed(guests))
    event = make_event(sessions=(gala,), resources=Resources(gala_tables=10))
    report = check(
        event,
        norms=exact(
            banquet__seats_per_table=10, banquet__overset_small=0, banquet__overset_large=0
        ),
    )
    assert codes(report, "gala-seating") == [(expected, Count.exactly(guests), Count.exactly(100))]


def test_gala_overset_adds_places():
    gala = make_session("gala", kind=SessionKind.GALA_DINNER, room="hall-b", audience=fixed(100))
    report = check(
        make_event(sessions=(gala,), resources=Resources(gala_tables=11)),
        norms=exact(banquet__seats_per_table=10),
    )
    assert codes(report, "gala-seating") == [(Severity.OK, Count.exactly(110), Count.exactly(110))]


@pytest.mark.parametrize(
    ("visitors", "expected"), [(100, Severity.OK), (101, Severity.ERROR)], ids=["full", "one-more"]
)
def test_exhibition_density(visitors, expected):
    floor = Room(id="floor", name="Exhibition floor", floor_area_m2=100)
    expo = make_session("expo", kind=SessionKind.EXHIBITION, room="floor", audience=fixed(visitors))
    event = make_event(venues=(Venue(id="v", name="V", rooms=(floor,)),), sessions=(expo,))
    report = check(event, norms=exact(exhibition__peak_share=1.0, code__exhibition=1.0))
    assert codes(report, "exhibition-density") == [
        (expected, Count.exactly(visitors), Count.exactly(100))
    ]


# --- hotels and transport --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rooms", "expected"), [(100, Severity.OK), (99, Severity.ERROR)], ids=["full", "one-short"]
)
def test_hotel_rooms(rooms, expected):
    event = make_event(turnouts=states(100), resources=Resources(hotel_rooms=rooms))
    report = check(event, norms=exact(hotel__rooms_per_delegate=1.0))
    assert codes(report, "hotel-rooms") == [(expected, Count.exactly(100), Count.exactly(rooms))]


@pytest.mark.parametrize(
    ("cars", "expected"), [(10, Severity.OK), (9, Severity.ERROR)], ids=["full", "one-short"]
)
def test_cars_for_heads_of_delegation(cars, expected):
    report = check(make_event(turnouts=states(10), resources=Resources(cars=cars)))
    assert codes(report, "cars") == [(expected, Count.exactly(10), Count.exactly(cars))]


@pytest.mark.parametrize(
    ("buses", "expected"), [(6, Severity.OK), (5, Severity.ERROR)], ids=["full", "one-short"]
)
def test_shuttle_fleet_from_cycle_and_headway(buses, expected):
    resources = Resources(shuttle_buses=buses, shuttle_cycle_minutes=60, shuttle_headway_minutes=10)
    report = check(make_event(resources=resources))
    assert codes(report, "shuttle-fleet") == [(expected, Count.exactly(6), Count.exactly(buses))]


# --- missing inputs never pass silently --------------------------------------------------------


def gala_session():
    return make_session(
        "gala", kind=SessionKind.GALA_DINNER, room="hall-b", start=at(25, 19), end=at(25, 22)
    )


def test_every_resource_check_without_inputs_says_so():
    event = make_event(
        sessions=(
            make_session(languages=("en", "fr")),
            gala_session(),
        ),
        turnouts=states(10, signed=5),
    )
    infos = sorted(f.code for f in check(event).findings if f.severity is Severity.INFO)
    assert infos == [
        "accreditation-unknown",
        "bilateral-requests-unknown",
        "cars-unknown",
        "gala-tables-unknown",
        "hotel-rooms-unknown",
        "interpretation-booths-unknown",
        "interpreters-unknown",
        "press-unknown",
        "screening-lanes-unknown",
        "shuttle-unknown",
        "signing-session-missing",
    ]


def test_room_without_seats_or_area_says_so():
    room = Room(id="hall-a", name="Hall A")
    event = make_event(venues=(Venue(id="v", name="V", rooms=(room,)),))
    assert severities(check(event), "room-capacity-unknown") == [Severity.INFO]


# --- the reference event --------------------------------------------------------------------------


def test_reference_plan_made_for_the_forecast_holds_for_it():
    report = check(eventplan.reference_event(), "planned")
    assert report.passed
    assert [f.code for f in report.warnings] == ["signing-time"]


def test_actual_turnout_breaks_the_plan_made_for_the_forecast():
    report = check(eventplan.reference_event(), "actual")
    assert sorted(f.code for f in report.errors) == [
        "cars",
        "gala-seating",
        "hotel-rooms",
        "signing-time",
    ]
    assert sorted(f.code for f in report.warnings) == ["accreditation", "screening", "shuttle-peak"]


def test_event_norm_overrides_apply():
    event = eventplan.reference_event()
    longer = attrs.evolve(
        event,
        norm_overrides=(
            eventplan.model.NormOverride(
                id="signing.minutes_per_signature", low=1.5, high=1.8, source="timed at a rehearsal"
            ),
        ),
    )
    (finding,) = [f for f in check(longer, "actual").findings if f.code == "signing-time"]
    assert (finding.severity, finding.demand) == (Severity.OK, Count(96, 116))
    assert finding.norms[0].source == "timed at a rehearsal"


# --- found in review -------------------------------------------------------------------------------


def test_shuttle_peak_depends_on_the_number_of_buses():
    def peak(buses: int) -> Count | None:
        resources = Resources(
            shuttle_buses=buses, shuttle_cycle_minutes=60, shuttle_headway_minutes=10
        )
        report = check(
            make_event(sessions=(make_session(audience=fixed(300)),), resources=resources)
        )
        (finding,) = [f for f in report.findings if f.code == "shuttle-peak"]
        return finding.capacity

    # six buses keep a 10-minute headway on a 60-minute loop; one bus leaves only once an hour
    assert peak(6) == Count(4 * 19, 4 * 55)
    assert peak(1) == Count(0, 0)


def test_room_known_only_by_floor_area_is_checked():
    room = Room(id="hall-a", name="Hall A", floor_area_m2=100)
    event = make_event(
        venues=(Venue(id="v", name="V", rooms=(room,)),),
        sessions=(make_session(audience=fixed(50)),),
    )
    report = check(event, norms=exact(area__theatre=1.0, code__chairs=0.5))
    assert codes(report, "room-capacity") == [(Severity.OK, Count.exactly(50), Count.exactly(100))]


def test_no_lanes_means_nobody_gets_in():
    event = make_event(
        sessions=(make_session(audience=fixed(10)),), resources=Resources(screening_lanes=0)
    )
    (finding,) = [f for f in check(event).findings if f.code == "screening"]
    assert finding.message.endswith("with no lanes, nobody gets in")


def test_a_turnout_that_names_no_one_leaves_every_people_check_not_known():
    # an imported schedule's turnout says nothing about who comes: never "0 people", never ok
    event = make_event(
        sessions=(
            make_session(),
            gala_session(),
            make_session("signing", kind=SessionKind.SIGNING, start=at(26, 9), end=at(26, 10)),
        ),
        resources=Resources(
            hotel_rooms=100,
            cars=10,
            screening_lanes=2,
            accreditation_desks=2,
            accreditation_hours=8,
            gala_tables=20,
        ),
    )
    findings = check(event).findings
    said = " does not say who comes"
    assert [(f.code, f.severity, f.demand, f.capacity, f.message) for f in findings] == [
        ("room-people-unknown", Severity.INFO, None, Count.exactly(500),
         f"opening: people in Hall A: not known, turnout 'planned'{said}"),
        ("room-people-unknown", Severity.INFO, None, Count.exactly(200),
         f"gala: people in Hall B: not known, turnout 'planned'{said}"),
        ("room-people-unknown", Severity.INFO, None, Count.exactly(500),
         f"signing: people in Hall A: not known, turnout 'planned'{said}"),
        ("signing-time-people-unknown", Severity.INFO, None, None,
         f"signatories: not known, turnout 'planned'{said}"),
        ("screening-people-unknown", Severity.INFO, None, None,
         f"people arriving in the 45 min before opening: not known, turnout 'planned'{said}"),
        ("accreditation-people-unknown", Severity.INFO, None, None,
         f"badges to issue before day 1: not known, turnout 'planned'{said}"),
        ("press-unknown", Severity.INFO, None, None,
         "turnout 'planned' does not say how many reporters come"),
        ("bilateral-requests-unknown", Severity.INFO, None, None,
         "the plan gives no number of requested bilaterals (0 in the programme)"),
        ("gala-seating-people-unknown", Severity.INFO, None, None,
         f"gala: guests: not known, turnout 'planned'{said}"),
        ("hotel-rooms-people-unknown", Severity.INFO, None, Count.exactly(100),
         f"delegates and the hotel rooms they need: not known, turnout 'planned'{said}"),
        ("cars-people-unknown", Severity.INFO, None, Count.exactly(10),
         f"heads of delegation and the cars they need: not known, turnout 'planned'{said}"),
        ("shuttle-unknown", Severity.INFO, None, None,
         "the plan gives no shuttle fleet, cycle time and headway (fleet = cycle time / headway)"),
    ]  # fmt: skip


def test_fixed_seats_stay_known_when_the_turnout_names_no_one():
    event = make_event(sessions=(make_session(audience=fixed(600)),))
    (finding,) = [f for f in check(event).findings if f.code.startswith("room")]
    assert (finding.code, finding.severity, finding.demand) == (
        "room-capacity",
        Severity.ERROR,
        Count.exactly(600),
    )
