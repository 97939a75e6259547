"""The programme placed by CP-SAT: on a real conference with its times taken away, on Hanoi
around the fixed ceremony, re-planned after a room is lost, and with reasons a planner can act
on when a session does not fit."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
from pathlib import Path

import attrs
import pendulum
import pytest

import eventplan
from eventplan.errors import InvalidArgumentError
from eventplan.model import Session, SessionKind
from eventplan.model.enums import Severity
from eventplan.model.programme import AudienceRule
from eventplan.placement import PlacementRules, Window, place_programme
from eventplan.placement.rules import rules_from_dict
from eventplan.schedules import load_schedule, to_frab
from eventplan.testing import without_times

pytest.importorskip("ortools")

SCHEDULES = Path(__file__).parent / "data" / "schedules"
HANOI_CEREMONY = (
    "welcome-heads-of-delegation",
    "opening",
    "signing",
    "plenary",
    "plenary-day2",
    "closing",
    "state-banquet",
    "technology-exhibition",
    "technology-exhibition-day2",
)
FOSDEM_HOURS = PlacementRules(day_start=dt.time(9), day_end=dt.time(19))


def problems(event: eventplan.Event, turnout: str | None = None) -> list[str]:
    """The errors and warnings of the checks: what a clean programme has none of."""
    found = eventplan.check(event, turnout).findings
    return sorted(f.code for f in found if f.severity in (Severity.ERROR, Severity.WARNING))


@pytest.fixture(scope="module")
def fosdem() -> eventplan.Event:
    return without_times(load_schedule(SCHEDULES / "fosdem2010.pentabarf.xml"))


@pytest.fixture(scope="module")
def fosdem_plan(fosdem):
    return place_programme(fosdem, rules=FOSDEM_HOURS, time_limit=4)


def test_a_real_conference_without_times_is_placed_in_its_own_rooms_and_days(fosdem, fosdem_plan):
    assert problems(fosdem)  # everything at 09:00: rooms and speakers double-booked
    plan = fosdem_plan
    assert plan.passed and len(plan.placed) == len(fosdem.sessions) == 60
    assert problems(plan.event) == []
    days = {fosdem.start_date, fosdem.end_date}
    for session in plan.event.sessions:
        local = session.start.in_timezone(fosdem.timezone)
        assert local.date() in days
        assert dt.time(9) <= local.time() and session.end.in_timezone(
            fosdem.timezone
        ).time() <= dt.time(19)
        assert local.minute % 5 == 0
        assert session.duration == fosdem.session(session.id).duration
    rooms = {s.room for s in plan.event.sessions}
    assert rooms <= {r.id for r in fosdem.rooms}
    # each session kept its own room: the soft preference holds where nothing forces a move
    assert all(s.room == fosdem.session(s.id).room for s in plan.event.sessions)


def test_the_placed_programme_goes_unchanged_into_the_exports(fosdem_plan):
    calendar = eventplan.to_ics(fosdem_plan.event)
    assert calendar.count("BEGIN:VEVENT") == 60
    frab = to_frab(fosdem_plan.event)
    assert (
        sum(
            len(rooms)
            for day in frab["schedule"]["conference"]["days"]
            for rooms in day["rooms"].values()
        )
        == 60
    )


def test_the_same_input_and_seed_give_the_same_plan(fosdem, fosdem_plan):
    again = place_programme(fosdem, rules=FOSDEM_HOURS, time_limit=4)
    assert again.event == fosdem_plan.event


def test_losing_a_room_moves_only_its_sessions(fosdem, fosdem_plan):
    first = fosdem_plan.event
    lost = collections.Counter(s.room for s in first.sessions).most_common(2)[1][0]
    held = {s.id for s in first.sessions if s.room == lost}
    rules = attrs.evolve(FOSDEM_HOURS, rooms=tuple(r.id for r in fosdem.rooms if r.id != lost))
    plan = place_programme(first, rules=rules, published=first, time_limit=4)
    assert plan.passed and problems(plan.event) == []
    moved = {m.session for m in plan.moves}
    assert moved == held
    for move in plan.moves:
        assert move.was_room == lost and move.room != lost
        assert move.why == f"{lost} is not available"
        assert move.start == move.was_start  # a room change is the smaller move
        assert move.calendars >= 1
    assert plan.objective["moved"] == len(held)
    text = plan.render_text(width=200)
    assert f"{len(held)} sessions moved:" in text and f"{lost} is not available" in text


def test_hanoi_side_programme_placed_around_the_fixed_ceremony():
    hanoi = eventplan.reference_event()
    rules = PlacementRules(
        fixed=HANOI_CEREMONY,
        apart=("roundtables",),
        before=(("high-level-discussion-1", "high-level-discussion-2"),),
        same_day=(("closing", "closing-press-conference"),),
    )
    plan = place_programme(hanoi, "planned", rules=rules, time_limit=4)
    assert plan.passed
    assert problems(plan.event, "planned") == problems(hanoi, "planned")  # no new problem
    assert problems(plan.event, "actual") == problems(hanoi, "actual")
    placed = {s.id: s for s in plan.event.sessions}
    for fixed in HANOI_CEREMONY:
        assert placed[fixed] == hanoi.session(fixed)
    tables = sorted((placed[f"roundtable-{i}"] for i in range(1, 5)), key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tables))
    assert placed["high-level-discussion-1"].end <= placed["high-level-discussion-2"].start
    zone = hanoi.timezone
    assert (
        placed["closing"].start.in_timezone(zone).date()
        == placed["closing-press-conference"].start.in_timezone(zone).date()
    )


def _hanoi_with(*sessions: Session) -> eventplan.Event:
    event = eventplan.reference_event()
    for session in sessions:
        event = eventplan.with_session(event, session)
    return event


def _at(hour: int, day: int = 26) -> pendulum.DateTime:
    return pendulum.datetime(2025, 10, day, hour, tz="Asia/Ho_Chi_Minh")


def test_a_session_larger_than_every_room_says_so_with_the_largest_room():
    rally = Session(
        id="mass-rally",
        title="Rally",
        kind=SessionKind.SIDE_EVENT,
        start=_at(9),
        end=_at(10),
        audience=[AudienceRule(seats=20000, label="the public")],
    )
    plan = place_programme(
        _hanoi_with(rally), "planned", rules=PlacementRules(movable=["mass-rally"])
    )
    assert not plan.passed and plan.placed == ()
    (left,) = plan.unplaced
    (reason,) = left.reasons
    assert reason.rule == "room-capacity"
    assert reason.ids == ("mass-rally", "exhibition-floor")
    assert (
        "20,000 seats" in reason.text
        and "Exhibition floor" in reason.text
        and "10,000" in reason.text
    )
    assert plan.event.session("mass-rally") == rally  # kept as it came in


def test_one_head_at_two_sessions_at_one_time_names_the_head_the_sessions_and_the_window():
    briefings = [
        Session(
            id=f"briefing-{x}",
            title=f"Briefing {x}",
            kind=SessionKind.SIDE_EVENT,
            start=_at(9),
            end=_at(10),
            chairs=["luong-cuong"],
            audience=[AudienceRule(seats=30, label="advisers")],
        )
        for x in "ab"
    ]
    window = {"day": dt.date(2025, 10, 26), "earliest": dt.time(14, 30), "latest": dt.time(15, 30)}
    rules = PlacementRules(
        movable=["briefing-a", "briefing-b"],
        windows=[Window(session=s.id, **window) for s in briefings],
    )
    plan = place_programme(_hanoi_with(*briefings), "planned", rules=rules)
    assert len(plan.placed) == 1
    (left,) = plan.unplaced
    other = plan.placed[0]
    rules_named = {r.rule: r for r in left.reasons}
    assert set(rules_named) == {"window", "person"}
    person = rules_named["person"]
    assert person.ids == ("luong-cuong", left.session, other)
    assert "Luong Cuong cannot be at" in person.text and other in person.text
    assert "14:30" in rules_named["window"].text
    assert "not placed: " + left.session in plan.render_text(width=200)


def test_a_window_too_short_is_said_before_solving():
    short = Session(
        id="long-panel",
        title="Panel",
        kind=SessionKind.SIDE_EVENT,
        start=_at(9),
        end=_at(12),
        audience=[AudienceRule(seats=30, label="panel")],
    )
    rules = PlacementRules(
        movable=["long-panel"],
        windows=[Window(session="long-panel", earliest=dt.time(9), latest=dt.time(10))],
    )
    plan = place_programme(_hanoi_with(short), "planned", rules=rules)
    ((reason,),) = [u.reasons for u in plan.unplaced]
    assert (
        reason.rule == "window"
        and "lasts 180 min" in reason.text
        and "at most 60 min" in reason.text
    )


def test_rules_naming_what_the_event_lacks_say_where():
    hanoi = eventplan.reference_event()
    with pytest.raises(InvalidArgumentError, match=r"rules\.fixed\[1\]: unknown session 'nope'"):
        place_programme(hanoi, rules=PlacementRules(fixed=["opening", "nope"]))
    with pytest.raises(InvalidArgumentError, match=r"rules\.rooms\[0\]: unknown room 'hall-z'"):
        place_programme(hanoi, rules=PlacementRules(rooms=["hall-z"]))
    with pytest.raises(InvalidArgumentError, match=r"rules\.apart\[0\]: unknown series 'panels'"):
        place_programme(hanoi, rules=PlacementRules(apart=["panels"]))
    with pytest.raises(
        InvalidArgumentError, match=r"rules\.windows\[0\]\.day: 2025-11-01 is not a day"
    ):
        place_programme(
            hanoi,
            rules=PlacementRules(windows=[Window(session="opening", day=dt.date(2025, 11, 1))]),
        )
    with pytest.raises(InvalidArgumentError, match="time_limit"):
        place_programme(hanoi, time_limit=0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fixd": []}, "rules: unknown key fixd"),
        ({"fixed": "opening"}, "rules.fixed: a list such as ['opening'], not a string"),
        ({"before": ["ab"]}, "rules.before[0]: a pair of session ids"),
        (
            {"windows": [{"session": "x", "earliest": "9am"}]},
            "rules.windows[0].earliest: a time of day",
        ),
        ({"windows": [{"earliest": "09:00"}]}, "rules.windows[0].session: required, but missing"),
        ({"fixed": [1]}, "rules.fixed[0]: a session, room or series id"),
    ],
)
def test_a_rules_file_that_does_not_fit_says_where(data, message):
    with pytest.raises(InvalidArgumentError) as raised:
        rules_from_dict(data)
    assert message in str(raised.value)


def test_a_rules_file_reads_into_rules():
    rules = rules_from_dict(
        {
            "fixed": ["opening"],
            "day_start": "08:30",
            "windows": [
                {"session": "roundtable-1", "day": dt.date(2025, 10, 26), "latest": "12:00"}
            ],
            "before": [["roundtable-1", "roundtable-2"]],
            "apart": ["roundtables"],
        }
    )
    assert rules.fixed == ("opening",) and rules.day_start == dt.time(8, 30)
    assert rules.windows == (
        Window(session="roundtable-1", day=dt.date(2025, 10, 26), latest=dt.time(12)),
    )
    assert rules.before == (("roundtable-1", "roundtable-2"),)


def test_place_on_the_command_line_writes_the_plan_and_never_its_input(tmp_path, capsys):
    from eventplan.cli import main

    placed = tmp_path / "placed.toml"
    rules = tmp_path / "rules.toml"
    rules.write_text('fixed = ["' + '", "'.join(HANOI_CEREMONY) + '"]\napart = ["roundtables"]\n')
    code = main(["place", "--rules", str(rules), "--time-limit", "3", "-o", str(placed)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "11 of 11 sessions placed" in out
    first = eventplan.load_event(placed)
    assert problems(first) == problems(eventplan.reference_event())
    before = placed.read_bytes()
    code = main(["place", str(placed), "--against", str(placed), "-o", str(placed)])
    assert code == 2 and placed.read_bytes() == before
    assert "is this command's input" in capsys.readouterr().err
    again = tmp_path / "again.toml"
    code = main(
        [
            "place",
            str(placed),
            "--against",
            str(placed),
            "--without-room",
            "side-hall-b",
            "--rules",
            str(rules),
            "--time-limit",
            "3",
            "-o",
            str(again),
            "--format",
            "json",
        ]
    )
    import json

    result = json.loads(capsys.readouterr().out)
    assert code == 0
    moved = {m["session"] for m in result["moves"]}
    assert moved == {s.id for s in first.sessions if s.room == "side-hall-b"}
    assert all(m["from"]["room"] == "side-hall-b" for m in result["moves"])
    code = main(["place", "--without-room", "hall-z"])
    assert code == 2 and "unknown room 'hall-z'" in capsys.readouterr().err
