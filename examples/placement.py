"""Where does the side programme go? Place the 8 high-level side events and 38 workshops or
panels that Viet Nam News reported on 15 October around the fixed ceremony, first in the
guidelines' three slots of 26 October, then with two more slots on the afternoon of 25 October.

    python examples/placement.py

The counts and the slots are sourced; the rest is assumed and said so on each room and
session: the extra rooms, each session's audience, the day-1 slots. Needs the solver extra.
"""

import collections
import datetime as dt
import textwrap

import pendulum

import eventplan
from eventplan import Layout, Room, SeatCount, Session, SessionKind
from eventplan.model import localtime, with_room, with_session
from eventplan.model.programme import AudienceRule
from eventplan.placement import PlacementRules, Window, place_programme

hanoi = eventplan.reference_event()
zone = hanoi.timezone
day1, day2 = dt.date(2025, 10, 25), dt.date(2025, 10, 26)

# 10-12 side events ran in parallel (hanoiconvention-guidelines): take 12 rooms, the three side
# halls of the event and nine more. MIX lists 7 halls of 400-700 and about 30 rooms of about
# 100 (mix-ncc); which of them served the side programme is not published.


def side_room(rid: str, name: str, seats: int, which: str) -> Room:
    return Room(
        id=rid,
        name=name,
        seat_counts=(SeatCount(layout=Layout.THEATRE, seats=seats),),
        sources=("mix-ncc",),
        assumption=f"Assumption: one of MIX's {which}.",
    )


halls = [
    side_room(
        f"side-hall-{c}",
        f"Side-event hall {c.upper()}",
        400,
        "'7 halls of 400-700', at the low end",
    )
    for c in "defg"
]
meeting_rooms = [
    side_room(f"meeting-room-{n}", f"Meeting room {n}", 100, "'about 30 rooms of about 100'")
    for n in range(1, 6)
]
# The side programme keeps to the side rooms: the main hall and the banquet hall are the
# ceremony's.
side_rooms = ["side-hall-a", "side-hall-b", "side-hall-c"] + [r.id for r in halls + meeting_rooms]
for room in halls + meeting_rooms:
    hanoi = with_room(hanoi, room)


def side_session(sid: str, title: str, kind: SessionKind, seats: int, what: str) -> Session:
    """A side session of 60 minutes (the guidelines' length), at a provisional time: the
    placement gives it its own."""
    start = pendulum.datetime(2025, 10, 26, 9, tz=zone)
    return Session(
        id=sid,
        title=title,
        kind=kind,
        start=start,
        end=start.add(minutes=60),
        layout=Layout.THEATRE,
        languages=("en",),
        series="side-programme",
        audience=(AudienceRule(seats=seats, label=what),),
        sources=("vietnamnews-2025-10-15", "hanoiconvention-guidelines"),
        assumption=f"Assumption: the topic, the day, the room and {seats} {what} are not published.",
    )


# The 38 workshops or panels include the high-level workshop the event already has.
programme = [
    side_session(
        f"side-event-{n}", f"High-level side event {n}", SessionKind.SIDE_EVENT, 300, "guests"
    )
    for n in range(1, 9)
] + [
    side_session(
        f"workshop-{n}", f"Workshop or panel {n}", SessionKind.WORKSHOP, 80, "participants"
    )
    for n in range(1, 38)
]
for session in programme:
    hanoi = with_session(hanoi, session)
side = [s.id for s in programme]
fixed = [s.id for s in hanoi.sessions if s.id not in side]


def slots(day: dt.date, *clocks: dt.time) -> list[Window]:
    return [Window(session=sid, day=day, starts=clocks) for sid in side]


def show(title: str, windows: list[Window]) -> None:
    rules = PlacementRules(fixed=fixed, rooms=side_rooms, windows=windows, step_minutes=15)
    plan = place_programme(hanoi, rules=rules, time_limit=20, seed=0)
    print(f"{title}\n  {plan.render_text(width=200).splitlines()[0]}")
    parallel = collections.Counter(
        localtime.clock(s.start, zone)
        for s in plan.event.sessions
        if s.id in plan.placed
        or s.kind in (SessionKind.HIGH_LEVEL_DISCUSSION, SessionKind.ROUNDTABLE)
        or s.id == "high-level-workshop"
    )
    for when, count in sorted(parallel.items()):
        print(f"  {when}: {count} side sessions in parallel")
    why = collections.Counter(left.reasons[0].text for left in plan.unplaced)
    for text, count in why.items():
        print(
            textwrap.fill(
                f"{count} not placed: {text}",
                88,
                initial_indent="  ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        )


# Which slots 26 October had is sourced (09:00, 12:00, 13:30; the list read was cut off).
guidelines = slots(day2, dt.time(9), dt.time(12), dt.time(13, 30))
show("26 October, the guidelines' three slots:", guidelines)
# Assumption: two slots on 25 October beside the plenary and after it, at 15:00 as the first
# high-level discussion and roundtable, and at 16:30. A session may take either day's slots.
print()
show(
    "with 15:00 and 16:30 on 25 October as well:",
    guidelines + slots(day1, dt.time(15), dt.time(16, 30)),
)
