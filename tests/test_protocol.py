"""Protocol planning: speakers' lists, the signing, bilateral meetings and seating."""

from __future__ import annotations

import json
import sys

import attrs
import pytest
from bilateral_checker import confirm_reason, placeable, violations
from builders import at, make_event, make_session

import eventplan
from eventplan import (
    Delegation,
    PartyKind,
    Room,
    SessionKind,
    Turnout,
    Venue,
    default_norms,
    place_bilaterals,
    reference_event,
    seating,
    signing,
    speakers,
    to_ics,
)
from eventplan.cli import main
from eventplan.files.eventfile import dumps_event, loads_event
from eventplan.model import (
    AudienceRule,
    BilateralRequest,
    Layout,
    Official,
    SeatCount,
    Severity,
    SignatoryStatus,
    SpeakerLevel,
    SpeakersList,
    Statement,
    StatementCount,
    find_problems,
)
from eventplan.model.resources import Resources
from eventplan.protocol import (
    SigningOrder,
    SpeakerOrder,
    draw_letter,
    place_bilaterals_greedy,
    un_order,
    with_protocol,
)
from eventplan.protocol._speakers import order_entries
from eventplan.testing import synthetic_event, with_bilaterals

NORMS = default_norms()


# --- speakers ----------------------------------------------------------------------------------


def test_speakers_on_the_reference_event_find_the_overrun_and_the_mismatch():
    result = speakers(reference_event())
    assert [str(f) for f in result.findings] == [
        "ok: plenary: 19 statements at 4–5 min plus 0.5–1 min changeover need 85–114 min, "
        "the session has 180 min; fits [speakers-fit]",
        "error: plenary-day2: 62 statements at 4–5 min plus 0.5–1 min changeover need 279–372 "
        "min, the session has 210 min; over by 162 min at the limit (69 min even at the "
        "optimistic end); 27 would not speak in time: speakers 36–62 [speakers-overrun]",
        "warning: 71 statements (Công an Nhân dân (CAND, People's Public Security newspaper)), "
        "but the sum of the speakers' lists implies 81 [figure-disagrees]",
    ]
    assert not result.passed
    overrun = result.findings[1]
    assert [n.id for n in overrun.norms] == ["statement.minutes", "statement.changeover_minutes"]
    assert overrun.norms[0].url == "https://www.un.org/ldc5/information-speakers-official-meetings"


def _entries() -> tuple[Statement, ...]:
    return (
        Statement(level=SpeakerLevel.OBSERVER, official="unodc", inscribed=1),
        Statement(level=SpeakerLevel.HEAD_OF_DELEGATION, delegation="at", inscribed=2),
        Statement(level=SpeakerLevel.MINISTER, delegation="fr", inscribed=4),
        Statement(level=SpeakerLevel.HEAD_OF_STATE_OR_GOVERNMENT, delegation="vn", inscribed=5),
        Statement(level=SpeakerLevel.MINISTER, delegation="br", inscribed=3),
    )


def test_speaking_order_is_level_then_inscription_observers_last():
    ordered = order_entries(_entries())
    assert [e.speaker for e in ordered] == [
        "delegation:vn",
        "delegation:br",
        "delegation:fr",
        "delegation:at",
        "unodc",
    ]


def test_speaking_order_by_inscription_only():
    ordered = order_entries(_entries(), SpeakerOrder.INSCRIPTION)
    assert [e.speaker for e in ordered] == [
        "unodc",
        "delegation:at",
        "delegation:br",
        "delegation:fr",
        "delegation:vn",
    ]


def _delegations() -> tuple[Delegation, ...]:
    return (
        Delegation(
            id="vn",
            name="Viet Nam",
            kind=PartyKind.MEMBER_STATE,
            signatory=SignatoryStatus.AT_PLENARY,
        ),
        Delegation(
            id="fr",
            name="France",
            kind=PartyKind.MEMBER_STATE,
            signatory=SignatoryStatus.AT_PLENARY,
        ),
        Delegation(
            id="br",
            name="Brazil",
            kind=PartyKind.MEMBER_STATE,
            signatory=SignatoryStatus.AT_PLENARY,
        ),
        Delegation(
            id="at",
            name="Austria",
            kind=PartyKind.MEMBER_STATE,
            signatory=SignatoryStatus.AT_PLENARY,
        ),
        Delegation(
            id="mx",
            name="Mexico",
            kind=PartyKind.MEMBER_STATE,
            head_rank=eventplan.model.HeadRank.HEAD_OF_STATE,
            signatory=SignatoryStatus.AT_PLENARY,
        ),
    )


def _protocol_event(**overrides: object) -> eventplan.Event:
    plenary = make_session(
        "plenary",
        kind=SessionKind.PLENARY,
        start=at(25, 14),
        end=at(25, 14, 24),
        speakers_list=SpeakersList(
            entries=_entries(), counts=(StatementCount(statements=2, level=SpeakerLevel.MINISTER),)
        ),
    )
    signing_session = make_session(
        "signing", kind=SessionKind.SIGNING, start=at(25, 10), end=at(25, 10, 12)
    )
    fields: dict[str, object] = dict(
        sessions=(plenary, signing_session),
        officials=(Official(id="unodc", name="UNODC Executive Director"),),
        turnouts=(Turnout(name="planned", delegations=_delegations()),),
    )
    fields.update(overrides)
    return make_event(**fields)


def test_speakers_are_timed_and_the_late_ones_named():
    result = speakers(_protocol_event())
    (item,) = result.sessions
    assert [(s.position, s.label, s.start.format("HH:mm")) for s in item.slots] == [
        (1, "Viet Nam", "14:00"),
        (2, "Brazil", "14:06"),
        (3, "France", "14:12"),
        (4, "minister 4", "14:18"),
        (5, "minister 5", "14:24"),
        (6, "Austria", "14:30"),
        (7, "UNODC Executive Director", "14:36"),
    ]
    assert str(result.findings[0]) == (
        "error: plenary: 7 statements at 4–5 min plus 0.5–1 min changeover need 31–42 min, "
        "the session has 24 min; over by 18 min at the limit (7 min even at the optimistic "
        "end); 3 would not speak in time: minister 5, Austria, UNODC Executive Director "
        "[speakers-overrun]"
    )


def test_speakers_list_names_unknown_parties_with_their_path():
    broken = SpeakersList(entries=(Statement(level=SpeakerLevel.MINISTER, delegation="xx"),))
    event = _protocol_event(
        sessions=(make_session("plenary", kind=SessionKind.PLENARY, speakers_list=broken),)
    )
    assert [str(p) for p in find_problems(event)] == [
        "sessions.plenary.speakers_list.entries[0].delegation: unknown delegation 'xx'; "
        "known: at, br, fr, mx, vn"
    ]


def test_a_statement_names_one_speaker():
    with pytest.raises(ValueError, match="either 'delegation' or 'official'"):
        Statement(level=SpeakerLevel.MINISTER, delegation="vn", official="unodc")


# --- signing -----------------------------------------------------------------------------------


def test_signing_in_un_order_from_the_drawn_letter():
    result = signing(_protocol_event(), first="F")
    assert [(s.label, s.start.format("HH:mm"), s.end.format("HH:mm")) for s in result.slots] == [
        ("France", "10:00", "10:04"),
        ("Mexico", "10:04", "10:08"),
        ("Viet Nam", "10:08", "10:12"),
        ("Austria", "10:12", "10:16"),
        ("Brazil", "10:16", "10:20"),
    ]
    assert [s.label for s in result.late] == ["Austria", "Brazil"]
    assert [str(f) for f in result.findings] == [
        "warning: signing: 5 signatories at 2–4 min each, minutes: needs 10–20, has 12; "
        "short by up to 8 in the cautious case [signing-time]"
    ]


def test_signing_by_level_and_by_arrival():
    event = _protocol_event()
    by_level = signing(event, order=SigningOrder.LEVEL)
    assert [s.label for s in by_level.slots] == [
        "Mexico",
        "Austria",
        "Brazil",
        "France",
        "Viet Nam",
    ]
    by_arrival = signing(event, order=SigningOrder.ARRIVAL, arrival=["vn", "fr"])
    assert [s.label for s in by_arrival.slots] == [
        "Viet Nam",
        "France",
        "Austria",
        "Brazil",
        "Mexico",
    ]


def test_un_order_wraps_round_from_the_first_name():
    names = ["Zambia", "Austria", "Mali", "Yemen", "Brazil"]
    assert un_order(names, name=str, first="Mali") == [
        "Mali",
        "Yemen",
        "Zambia",
        "Austria",
        "Brazil",
    ]
    assert draw_letter(7) == draw_letter(7)


# --- seating -----------------------------------------------------------------------------------


def _seated_event(rows: int, per_row: int) -> eventplan.Event:
    hall = Room(
        id="hall-a",
        name="Hall A",
        seat_counts=(SeatCount(layout=Layout.THEATRE, seats=rows * per_row),),
        rows=rows,
        seats_per_row=per_row,
    )
    session = make_session(
        audience=(
            AudienceRule(parties=("member_state",), at_table=1, behind=3),
            AudienceRule(seats=3, label="host officials"),
        )
    )
    return _protocol_event(
        venues=(Venue(id="hofburg", name="Hofburg", rooms=(hall,)),), sessions=(session,)
    )


def test_seating_keeps_each_delegation_in_one_row_in_un_order():
    result = seating(_seated_event(rows=3, per_row=10), session="opening", first="M")
    assert [(b.name, b.row, b.first, b.last) for b in result.blocks] == [
        ("Mexico", 1, 1, 4),
        ("Viet Nam", 1, 5, 8),
        ("Austria", 2, 1, 4),
        ("Brazil", 2, 5, 8),
        ("France", 3, 1, 4),
        ("host officials", 3, 5, 7),
    ]
    assert result.findings == ()


def test_seating_reports_who_does_not_fit():
    result = seating(_seated_event(rows=2, per_row=8), session="opening", first="A")
    assert [str(f) for f in result.findings] == [
        "error: opening: 23 seats needed, 2 rows of 8 hold 16; not seated: Viet Nam, "
        "host officials [seating-overflow]"
    ]


def test_seating_without_a_grid_is_information():
    result = seating(_protocol_event(), session="signing")
    assert [f.severity for f in result.findings] == [Severity.INFO]
    assert result.findings[0].code == "seating-grid-unknown"


# --- bilaterals --------------------------------------------------------------------------------


def _bilateral_event(*requests: BilateralRequest) -> eventplan.Event:
    rooms = (
        Room(
            id="bilat-1",
            name="Bilateral 1",
            seat_counts=(SeatCount(layout=Layout.BOARDROOM, seats=12),),
        ),
        Room(
            id="bilat-2",
            name="Bilateral 2",
            seat_counts=(SeatCount(layout=Layout.BOARDROOM, seats=6),),
        ),
    )
    hall = Room(
        id="hall-a", name="Hall A", seat_counts=(SeatCount(layout=Layout.THEATRE, seats=500),)
    )
    sessions = (
        make_session(chairs=("unodc",)),  # 09:00–10:00 in hall A
        make_session(
            "side",
            kind=SessionKind.SIDE_EVENT,
            start=at(25, 11),
            end=at(25, 12),
            audience=(AudienceRule(parties=("delegation:fr",)),),
        ),
        make_session("signing", kind=SessionKind.SIGNING, start=at(25, 10), end=at(25, 10, 12)),
    )
    return _protocol_event(
        venues=(Venue(id="hofburg", name="Hofburg", rooms=(hall, *rooms)),),
        sessions=sessions,
        resources=Resources(bilateral_rooms=("bilat-1", "bilat-2")),
        bilateral_requests=requests,
    )


def _request(id: str, *parties: str, **fields: object) -> BilateralRequest:
    return BilateralRequest(id=id, parties=parties, **{"minutes": 30, **fields})  # type: ignore[arg-type]


REQUESTS = (
    _request("a", "unodc", "delegation:vn", priority=3, earliest=at(25, 9), latest=at(25, 10)),
    _request("b", "delegation:fr", "delegation:at", earliest=at(25, 11), latest=at(25, 12)),
    _request("c", "delegation:br", "delegation:mx", sizes=(8, 8), earliest=at(25, 8)),
    _request("d", "delegation:vn", "delegation:br", priority=2, latest=at(25, 8, 45)),
    _request("e", "delegation:vn", "delegation:mx", latest=at(25, 8, 45)),
)


@pytest.mark.parametrize(
    "place", [place_bilaterals, place_bilaterals_greedy], ids=["solver", "greedy"]
)
def test_placed_bilaterals_break_no_rule_and_each_leftover_has_a_confirmed_reason(place):
    event = _bilateral_event(*REQUESTS)
    plan = place(event)
    meetings = [(p.request, p.room, p.start) for p in plan.placements]
    assert violations(event, NORMS, meetings) == []
    reasons = {u.request.id: [(b.kind, b.ids) for b in u.blockers] for u in plan.unplaced}
    assert reasons == {
        "a": [("window", ("a",)), ("commitments", ("opening",))],
        "b": [("window", ("b",)), ("commitments", ("side",))],
        "c": [("room_capacity", ("bilat-1", "bilat-2"))],
        "e": [("meetings", ("d",)), ("window", ("e",))],
    }
    for unplaced in plan.unplaced:
        assert confirm_reason(event, NORMS, plan, unplaced), unplaced
        assert not placeable(event, NORMS, unplaced.request, meetings)
    assert [f.code for f in plan.findings] == ["bilateral-unplaced"] * 4


def test_placed_bilaterals_become_sessions_that_round_trip():
    plan = place_bilaterals(_bilateral_event(*REQUESTS))
    (meeting,) = [s for s in plan.event.sessions if s.kind is SessionKind.BILATERAL]
    assert (meeting.id, meeting.room, meeting.start, meeting.end) == (
        "bilateral-d",
        "bilat-1",
        at(25, 8),
        at(25, 8, 30),
    )
    assert [r.id for r in plan.event.bilateral_requests] == ["a", "b", "c", "e"]
    assert loads_event(dumps_event(plan.event)) == plan.event
    assert find_problems(plan.event) == ()


def test_the_solver_is_deterministic_for_a_seed():
    event = _bilateral_event(*REQUESTS)
    assert place_bilaterals(event, seed=3).placements == place_bilaterals(event, seed=3).placements


def test_the_solver_names_its_extra_when_ortools_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "ortools.sat.python", None)
    with pytest.raises(eventplan.errors.MissingExtraError, match=r"eventplan\[solver\]"):
        place_bilaterals(_bilateral_event(*REQUESTS))


def test_requests_name_unknown_parties_with_their_path():
    event = _bilateral_event(_request("x", "delegation:zz", "nobody"))
    assert [str(p) for p in find_problems(event)] == [
        "bilateral_requests.x.parties: unknown delegation 'zz'; known: at, br, fr, mx, vn",
        "bilateral_requests.x.parties: unknown official (or delegation:<id>) 'nobody'; "
        "known: unodc",
    ]


def test_synthetic_bilaterals_break_no_rule_and_every_reason_is_confirmed():
    # 80 requests: more than CP-SAT solves whole, so the window-by-window search runs
    event = with_bilaterals(
        synthetic_event(sessions=48, rooms=3, delegations=30, seed=2), requests=80, rooms=3, seed=2
    )
    greedy = place_bilaterals_greedy(event)
    solved = place_bilaterals(event, time_limit=1, seed=5)
    assert solved.total >= greedy.total
    assert place_bilaterals(event, time_limit=1, seed=5).placements == solved.placements
    for plan in (greedy, solved):
        meetings = [(p.request, p.room, p.start) for p in plan.placements]
        assert violations(event, NORMS, meetings) == []
        assert plan.unplaced
        for unplaced in plan.unplaced:
            assert confirm_reason(event, NORMS, plan, unplaced), unplaced


# --- calendars ---------------------------------------------------------------------------------


def test_a_delegations_calendar_holds_its_statement_signing_slot_and_bilateral():
    plan = place_bilaterals(_bilateral_event(*REQUESTS))
    event = with_protocol(plan.event)
    text = to_ics(event, audience="delegation:vn", stamp=at(1, 0))
    summaries = [line for line in text.splitlines() if line.startswith("SUMMARY:")]
    assert summaries == [
        "SUMMARY:Bilateral: Viet Nam – Brazil",
        "SUMMARY:Opening",
        "SUMMARY:Signing",
        "SUMMARY:Signature: Viet Nam (Signing\\, signatory 5)",
    ]
    spoken = with_protocol(_protocol_event())
    text = to_ics(spoken, audience="delegation:vn", stamp=at(1, 0))
    assert "SUMMARY:Statement: Viet Nam (Plenary\\, speaker 1)" in text.splitlines()
    room = to_ics(event, audience="room:bilat-1", stamp=at(1, 0))
    assert [line for line in room.splitlines() if line.startswith("SUMMARY:")] == [
        "SUMMARY:Bilateral: Viet Nam – Brazil"
    ]


# --- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["speakers"], 1),
        (["signing"], 1),
        (["bilaterals", "--time-limit", "2"], 0),
        (["seating", "--session", "plenary"], 0),
    ],
    ids=["speakers", "signing", "bilaterals", "seating"],
)
def test_protocol_commands_give_json_and_check_exit_codes(argv, code, capsys):
    assert main([*argv, "--format", "json"]) == code
    data = json.loads(capsys.readouterr().out)
    assert "findings" in data


def test_bilaterals_writes_the_placed_event(tmp_path, capsys):
    target = tmp_path / "placed.toml"
    assert main(["bilaterals", "--seed", "1", "-o", str(target)]) == 0
    placed = eventplan.load_event(target)
    assert sorted(s.id for s in placed.sessions if s.kind is SessionKind.BILATERAL) == [
        "bilateral-pm-sg",
        "bilateral-president-sg",
    ]
    assert [r.id for r in placed.bilateral_requests] == ["unodc-sg"]


def test_bad_time_limit_is_a_usage_error(capsys):
    assert main(["bilaterals", "--time-limit", "0"]) == 2
    assert capsys.readouterr().err == "eventplan: --time-limit takes seconds, more than 0: 0\n"


def test_evolving_a_request_revalidates():
    with pytest.raises(ValueError, match="two different parties"):
        attrs.evolve(REQUESTS[0], parties=("unodc", "unodc"))


def test_seating_plot_draws_a_box_per_seat():
    pytest.importorskip("matplotlib")
    result = seating(_seated_event(rows=3, per_row=10), session="opening", first="M")
    figure = eventplan.plots.plot_seating(result)
    (axes,) = figure.axes
    assert len(axes.patches) == sum(block.seats for block in result.blocks) == 23
    assert [t.get_text() for t in axes.texts] == [
        "Mexico",
        "Viet Nam",
        "Austria",
        "Brazil",
        "France",
    ]


def test_ics_protocol_adds_the_delegations_statement(tmp_path, capsys):
    path = tmp_path / "event.toml"
    path.write_text(dumps_event(_protocol_event()), encoding="utf-8")
    assert main(["ics", str(path), "--protocol", "--for", "delegation:vn"]) == 0
    text = capsys.readouterr().out
    assert "SUMMARY:Statement: Viet Nam (Plenary\\, speaker 1)\r\n" in text
    assert "SUMMARY:Signature: Viet Nam (Signing\\, signatory 5)\r\n" in text


def test_every_reader_sees_the_protocol_items_at_their_times(tmp_path):
    from calendar_readers import (
        json_records,
        read_with_icalendar,
        read_with_icaljs,
        read_with_ics,
        read_with_libical,
        require_icaljs,
        require_libical,
    )

    require_icaljs()
    require_libical()
    plan = place_bilaterals(_bilateral_event(*REQUESTS))
    event = with_protocol(plan.event)
    path = tmp_path / "delegation-vn.ics"
    path.write_text(
        to_ics(event, audience="delegation:vn", stamp=at(1, 0)), encoding="utf-8", newline=""
    )
    (calendar,) = read_with_icaljs(path)
    from_icaljs = json_records(calendar)
    text = path.read_text(encoding="utf-8")
    assert from_icaljs == read_with_icalendar(text)
    (from_libical,) = read_with_libical(path)
    assert from_libical["errors"] == []
    assert json_records(from_libical) == from_icaljs
    assert {uid: (r.summary, r.start, r.end) for uid, r in read_with_ics(text).items()} == {
        uid: (r.summary, r.start, r.end) for uid, r in from_icaljs.items()
    }
    slot = next(s for s in signing(plan.event).slots if s.delegation == "vn")
    signed = from_icaljs["signing.signature.vn.mini@eventplan"]
    assert (signed.start, signed.end) == (int(slot.start.timestamp()), int(slot.end.timestamp()))
    meeting = from_icaljs["bilateral-d.mini@eventplan"]
    assert (meeting.summary, meeting.location) == (
        "Bilateral: Viet Nam – Brazil",
        "Bilateral 1, Hofburg",
    )


def test_a_meeting_longer_than_a_bookable_day_says_so():
    plan = place_bilaterals_greedy(
        _bilateral_event(_request("long", "unodc", "delegation:vn", minutes=780))
    )
    assert [(b.kind, b.ids) for u in plan.unplaced for b in u.blockers] == [
        ("bookable_hours", ("long",))
    ]


def test_without_bilateral_rooms_nothing_is_placed_and_the_plan_says_why():
    event = attrs.evolve(_bilateral_event(*REQUESTS), resources=Resources())
    plan = place_bilaterals_greedy(event)
    assert plan.placements == ()
    assert {b.kind for u in plan.unplaced for b in u.blockers} == {"rooms"}
    assert plan.findings[-1].code == "bilateral-rooms-unknown"


def test_the_capacity_checks_find_nothing_wrong_with_the_placed_meetings():
    event = with_bilaterals(
        synthetic_event(sessions=48, rooms=3, delegations=30, seed=2), requests=40, rooms=3, seed=2
    )
    plan = place_bilaterals_greedy(event)
    placed = {s.id for s in plan.event.sessions} - {s.id for s in event.sessions}
    assert len(placed) == len(plan.placements) > 0
    clashes = [
        str(f)
        for f in eventplan.check(plan.event).findings
        if f.code
        in {"room-double-booked", "room-turnover", "person-double-booked", "person-transfer"}
        and placed & set(f.subjects)
    ]
    assert clashes == []


def test_the_plans_json_keeps_what_the_plans_hold():
    """A block's named flag and a signing slot's room reach the JSON as they are in the plan."""
    hanoi = eventplan.reference_event()
    plan = eventplan.signing(hanoi, "actual")
    slots = plan.to_json()["slots"]
    assert slots and [s["room"] for s in slots] == [slot.room for slot in plan.slots]
    assert {s["room"] for s in slots} == {"main-hall"}
    seated = seating(_seated_event(rows=3, per_row=10), session="opening", first="M")
    blocks = [block.to_json() for block in seated.blocks]
    assert blocks and [b["named"] for b in blocks] == [block.named for block in seated.blocks]
    assert {b["named"] for b in blocks} == {True, False}  # named delegations and counted parties
