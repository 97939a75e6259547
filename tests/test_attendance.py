"""Who attends a session is one answer (``Parties.attendance``), read by every capability.

Two properties hold it: a turnout built in code (not stored in the event) is
planned with its own sizes everywhere, and the audience of a session is the
same set in the calendars, the frab schedules, the checks, the Monte Carlo and the
protocol plans.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from builders import at, make_event, make_session

import eventplan
from eventplan import Delegation, PartyKind, Room, SessionKind, Turnout, Venue
from eventplan.demand.audiences import Audience, every_audience, sessions_for
from eventplan.model import (
    AudienceRule,
    BilateralRequest,
    Layout,
    Resources,
    SeatCount,
    SignatoryStatus,
    editing,
)
from eventplan.model.parties import Parties
from eventplan.montecarlo.simulation import Uncertainty
from eventplan.protocol import commitments, place_bilaterals_greedy, seating, signing, speakers
from eventplan.schedules import to_frab

STAMP = pendulum.datetime(2025, 10, 1, tz="UTC")


def _delegation(id: str, name: str, size: int, **fields: object) -> Delegation:
    return Delegation(
        id=id, name=name, kind=PartyKind.MEMBER_STATE, size=eventplan.Count.exactly(size), **fields
    )  # type: ignore[arg-type]


STORED = Turnout(
    name="planned",
    delegations=(
        _delegation("at", "Austria", 4, signatory=SignatoryStatus.AT_PLENARY),
        _delegation("fr", "France", 5),
        _delegation("vn", "Viet Nam", 3, signatory=SignatoryStatus.AT_PLENARY),
        Delegation(id="unodc", name="UNODC", kind=PartyKind.INTERGOVERNMENTAL_ORGANISATION),
    ),
    press=eventplan.model.PressCorps(reporters=eventplan.Count.exactly(12)),
)

#: Built in code, never stored: one more state (a signatory), and Viet Nam's delegation larger
#: and named otherwise.
IN_CODE = attrs.evolve(
    STORED,
    delegations=(
        *(
            attrs.evolve(d, name="Viet Nam (in code)", size=eventplan.Count.exactly(9))
            if d.id == "vn"
            else d
            for d in STORED.delegations
        ),
        _delegation("de", "Germany", 6, signatory=SignatoryStatus.AT_PLENARY),
    ),
)


def _event() -> eventplan.Event:
    hall = Room(
        id="hall-a",
        name="Hall A",
        seat_counts=(SeatCount(layout=Layout.THEATRE, seats=60),),
        rows=6,
        seats_per_row=10,
    )
    rooms = (
        hall,
        Room(
            id="press-room",
            name="Press room",
            seat_counts=(SeatCount(layout=Layout.THEATRE, seats=40),),
        ),
        Room(
            id="side-hall",
            name="Side hall",
            seat_counts=(SeatCount(layout=Layout.THEATRE, seats=40),),
        ),
        Room(
            id="bilat-1",
            name="Bilateral 1",
            seat_counts=(SeatCount(layout=Layout.BOARDROOM, seats=8),),
        ),
        Room(
            id="bilat-2",
            name="Bilateral 2",
            seat_counts=(SeatCount(layout=Layout.BOARDROOM, seats=20),),
        ),
    )
    sessions = (
        make_session(
            audience=(
                AudienceRule(parties=("member_state",), at_table=1, behind=3),
                AudienceRule(parties=("press",)),
                AudienceRule(seats=3, label="host officials"),
            )
        ),
        make_session("signing", kind=SessionKind.SIGNING, start=at(25, 10), end=at(25, 10, 30)),
        make_session(
            "press-briefing",
            kind=SessionKind.PRESS_CONFERENCE,
            start=at(25, 13),
            end=at(25, 13, 30),
            room="press-room",
            audience=(AudienceRule(seats=30, label="reporters", drawn_from=("press",)),),
        ),
        make_session(
            "roundtable",
            kind=SessionKind.ROUNDTABLE,
            start=at(25, 14),
            end=at(25, 15),
            room="side-hall",
            audience=(
                AudienceRule(seats=20, label="participants", drawn_from=("all_delegations",)),
            ),
        ),
        make_session(
            "side",
            kind=SessionKind.SIDE_EVENT,
            start=at(25, 16),
            end=at(25, 17),
            room="side-hall",
            audience=(AudienceRule(parties=("delegation:fr", "delegation:unodc")),),
        ),
        make_session(
            "plenary",
            kind=SessionKind.PLENARY,
            start=at(26, 9),
            end=at(26, 10),
            speakers_list=eventplan.model.SpeakersList(
                entries=(
                    eventplan.model.Statement(
                        level=eventplan.model.SpeakerLevel.MINISTER, delegation="vn"
                    ),
                    eventplan.model.Statement(
                        level=eventplan.model.SpeakerLevel.MINISTER, delegation="at"
                    ),
                )
            ),
        ),
    )
    return make_event(
        venues=(Venue(id="hofburg", name="Hofburg", rooms=rooms),),
        sessions=sessions,
        turnouts=(STORED,),
        resources=Resources(bilateral_rooms=("bilat-1", "bilat-2")),
        bilateral_requests=(
            BilateralRequest(
                id="vn-at",
                parties=("delegation:vn", "delegation:at"),
                minutes=30,
                earliest=at(25, 11),
            ),
        ),
    )


def _capabilities() -> dict[str, object]:
    """Each capability that takes a turnout, as a function of (event, turnout), giving text."""
    return {
        "session_demand": lambda e, t: str(
            eventplan.demand.session_demand(e, t, session="opening")
        ),
        "attendance": lambda e, t: eventplan.attendance(e, t, session="opening").weights,
        "check": lambda e, t: eventplan.check(e, t).render_text(),
        "simulate": lambda e, t: (
            eventplan.simulate(e, t, draws=2_000, seed=7, uncertainty=Uncertainty()).risks
        ),
        "summary": lambda e, t: eventplan.summarise(e, t).render_text(),
        "calendar": lambda e, t: (
            [str(a) for a in every_audience(e, t)],
            eventplan.to_ics(e, audience="delegation:vn", stamp=STAMP, turnout=t),
        ),
        "speakers": lambda e, t: speakers(e, t).render_text(),
        "signing": lambda e, t: signing(e, t).render_text(),
        "seating": lambda e, t: seating(e, session="opening", turnout=t).blocks,
        "bilaterals": lambda e, t: place_bilaterals_greedy(e, t).placements,
        "commitments": lambda e, t: commitments(e, t),
        "spreadsheet": lambda e, t: eventplan.to_csv(e, t),
        "frab": lambda e, t: to_frab(e, t, audience="delegation:vn"),
    }


@pytest.mark.parametrize("capability", sorted(_capabilities()))
def test_a_turnout_built_in_code_is_planned_with_its_own_sizes(capability):
    run = _capabilities()[capability]
    event = _event()
    given = run(event, IN_CODE)
    # the same as if the turnout had been stored in the event under its name...
    assert given == run(editing.with_turnout(event, IN_CODE), "planned")
    if capability != "commitments":  # seats by name and signing slots need no size
        # ...and not the stored turnout of that name
        assert given != run(event, "planned")


def test_a_code_turnout_reaches_what_only_it_has():
    event = _event()
    assert "Germany" in signing(event, IN_CODE).render_text()
    assert "Germany" in [b.name for b in seating(event, session="opening", turnout=IN_CODE).blocks]
    # Viet Nam brings 9 in code: 9 + 4 = 13 seats do not fit the 8 of bilat-1; the stored 3 + 4 do
    (placed,) = place_bilaterals_greedy(event, IN_CODE).placements
    assert placed.room == "bilat-2"
    assert [p.room for p in place_bilaterals_greedy(event, "planned").placements] == ["bilat-1"]
    calendar = eventplan.to_ics(event, audience="delegation:vn", stamp=STAMP, turnout=IN_CODE)
    assert "Viet Nam (in code)" in calendar
    assert "delegation:de" in {c.party for c in commitments(event, IN_CODE)}
    schedule = to_frab(event, IN_CODE, audience="delegation:de")
    calendar_sessions = {s.id for s in sessions_for(event, IN_CODE, audience="delegation:de")}
    assert _frab_session_ids(event, schedule) == calendar_sessions >= {"opening", "plenary"}


def _frab_session_ids(event: eventplan.Event, document: dict[str, object]) -> set[str]:
    """The sessions a frab schedule holds, known by their GUIDs."""
    from eventplan.schedules.frab import session_guid

    guids = {session_guid(event, s): s.id for s in event.sessions}
    conference = document["schedule"]["conference"]  # type: ignore[index]
    return {
        guids[item["guid"]]
        for day in conference["days"]
        for room in day["rooms"].values()
        for item in room
    }


def _calendar_delegations(event: eventplan.Event, session_id: str) -> set[str]:
    return {
        d.id
        for d in STORED.delegations
        if session_id
        in {s.id for s in sessions_for(event, audience=Audience.parse(f"delegation:{d.id}"))}
    }


def _calendar_kinds(event: eventplan.Event, session_id: str) -> set[str]:
    kinds = [k.value for k in PartyKind] + ["press"]
    return {
        kind
        for kind in kinds
        if session_id
        in {s.id for s in sessions_for(event, audience=Audience.parse(f"kind:{kind}"))}
    }


def test_the_audience_of_a_session_is_one_set_in_calendars_checks_montecarlo_and_protocol():
    from eventplan.montecarlo.simulation import _Model  # the compiled model the draws run on

    event = _event()
    parties = Parties(STORED)
    model = _Model(event, "planned", eventplan.default_norms(), Uncertainty())
    seated_by_name = {(c.party, c.what) for c in commitments(event, "planned")}
    for session in event.sessions:
        found = parties.attendance(session)
        # calendars: each delegation's calendar, each kind's
        assert _calendar_delegations(event, session.id) == set(found.delegation_ids)
        assert _calendar_kinds(event, session.id) == set(found.kinds)
        # frab: each delegation's schedule for conference apps holds what its calendar holds
        assert {
            d.id
            for d in STORED.delegations
            if session.id in _frab_session_ids(event, to_frab(event, audience=f"delegation:{d.id}"))
        } == set(found.delegation_ids)
        # checks: the demand the checks hold against the room is the attendance's seats
        expected = eventplan.Count.exactly(found.fixed) + eventplan.model.count.total(
            parties.size(m) * w for m, w in found.weights.items()
        )
        assert eventplan.demand.session_demand(event, session=session) in (expected, None)
        # protocol: the seating plan seats exactly the delegations seated
        if session.room == "hall-a" and session.audience:
            plan = seating(event, session=session.id)
            assert {b.party for b in plan.blocks if b.named} == set(found.delegation_ids)
        # bilaterals: a party seated by name is committed to the session
        assert {
            p for p, s in seated_by_name if s == session.id and p.startswith("delegation:")
        } >= {f"delegation:{d}" for d in found.named}
    # Monte Carlo: each quantity's terms are the attendance's weights
    for column, session_id in enumerate(model.session_ids):
        found = parties.attendance(event.session(session_id))
        assert model.fixed[column] == found.fixed
        index = dict(zip(model.member_keys, range(len(model.member_keys)), strict=True))
        assert dict(model.terms[column]) == {index[m]: w for m, w in found.weights.items()}


def test_the_press_calendar_holds_the_sessions_reporters_have_seats_in():
    event = _event()
    press = [s.id for s in sessions_for(event, audience=Audience.parse("kind:press"))]
    assert press == ["opening", "press-briefing"]  # seated as parties, and a block drawn from them
    member_states = [
        s.id for s in sessions_for(event, audience=Audience.parse("kind:member_state"))
    ]
    assert member_states == ["opening", "signing", "roundtable", "plenary"]
    # the roundtable's block is drawn from every delegation, so the organisations see it too
    organisations = sessions_for(
        event, audience=Audience.parse("kind:intergovernmental_organisation")
    )
    assert [s.id for s in organisations] == ["roundtable"]


def test_all_delegates_is_an_audience_whatever_the_delegation_kind():
    event = _event()
    delegates = [s.id for s in sessions_for(event, audience=Audience.parse("delegates"))]
    # not the press briefing, nor a side event for two delegations named by id
    assert delegates == ["opening", "signing", "roundtable", "plenary"]
    assert "delegates" in [str(a) for a in every_audience(event)]
    text = eventplan.to_ics(event, audience="delegates", stamp=STAMP)
    assert "X-WR-CALNAME:Mini summit — all delegates\r\n" in text
    with pytest.raises(eventplan.errors.UnknownNameError):
        Audience.parse("delegates:vn")


def test_a_block_drawn_from_parties_keeps_its_own_size():
    event = _event()
    assert eventplan.demand.session_demand(
        event, session="press-briefing"
    ) == eventplan.Count.exactly(30)
    found = eventplan.attendance(event, session="roundtable")
    assert (found.fixed, found.weights, found.kinds[:1]) == (20, {}, ("member_state",))


def test_drawn_from_belongs_to_a_block():
    with pytest.raises(ValueError, match="'drawn_from' belongs to a fixed block"):
        AudienceRule(parties=("member_state",), drawn_from=("press",))
    with pytest.raises(ValueError, match="unknown party 'reporter'"):
        AudienceRule(seats=5, drawn_from=("reporter",))


def test_an_unknown_delegation_a_block_is_drawn_from_is_a_problem_at_its_place():
    session = make_session(
        audience=(AudienceRule(seats=5, drawn_from=("delegation:xx",)),),
    )
    with pytest.raises(
        eventplan.InvalidEventError, match=r"sessions\.opening\.audience\[0\]\.drawn_from"
    ):
        eventplan.model.validate(make_event(sessions=(session,)))


def test_an_event_file_reads_drawn_from(tmp_path):
    text = eventplan.files.dumps_event(_event())
    assert "drawn_from" in text and "press" in text
    assert eventplan.loads_event(text) == _event()
