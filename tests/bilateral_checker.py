"""An independent checker of placed bilateral meetings: its own reading of the rules, not the solver's.

It derives every party's commitments from the event itself (sessions they
chair or speak at, sessions that seat their delegation by name, their entries
in speakers' lists, meetings already in the programme) and checks each hard
rule pairwise, in minutes, with plain loops. Signing slots are not derived
here: the events it checks have no named signatories at a signing session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pendulum

from eventplan import Event, NormSet
from eventplan.model import Layout
from eventplan.model.meetings import BilateralRequest

Meeting = tuple[BilateralRequest, str, pendulum.DateTime]  # request, room, start


def _ceil(value: float) -> int:
    return int(-(-value // 1))


class Rules:
    def __init__(self, event: Event, norms: NormSet, day_start: dt.time = dt.time(8)) -> None:
        self.event = event
        self.turnaround = _ceil(norms["bilateral.turnaround_minutes"].cautious_value)
        self.same = _ceil(norms["transfer.same_venue_minutes"].cautious_value)
        self.other = _ceil(norms["transfer.other_venue_minutes"].cautious_value)
        hours = norms["bilateral.bookable_hours"].cautious_value
        self.venue = {r.id: v.id for v in event.venues for r in v.rooms}
        self.days = []
        day = event.start_date
        while day <= event.end_date:
            opens = pendulum.datetime(
                day.year, day.month, day.day, day_start.hour, day_start.minute, tz=event.timezone
            )
            self.days.append((opens, opens.add(minutes=round(hours * 60))))
            day += dt.timedelta(days=1)
        self.commitments: dict[
            str, list[tuple[str, str | None, pendulum.DateTime, pendulum.DateTime]]
        ] = {}
        for session in event.sessions:
            if session.is_cancelled:
                continue
            who = set(session.chairs) | set(session.speakers)
            for rule in session.audience:
                who |= {p for p in rule.parties if p.startswith("delegation:")}
            if session.speakers_list is not None:
                for entry in session.speakers_list.entries:
                    who.add(entry.official or f"delegation:{entry.delegation}")
            for party in who:
                self.commitments.setdefault(party, []).append(
                    (session.id, session.room, session.start, session.end)
                )
        sizes = {d.id: d.size for t in event.turnouts for d in t.delegations}
        self.sizes = sizes

    def move(self, a: str | None, b: str | None) -> int:
        if a is not None and a == b:
            return 0
        if a is not None and b is not None and self.venue[a] == self.venue[b]:
            return self.same
        return self.other

    def seats_needed(self, request: BilateralRequest) -> int:
        if request.sizes:
            return sum(request.sizes)
        total = 0
        for party in request.parties:
            if party.startswith("delegation:"):
                size = self.sizes[party.removeprefix("delegation:")]
                total += size.high if size.high is not None else size.low
            else:
                total += 1
        return total

    def seats(self, room_id: str) -> int | None:
        room = self.event.room(room_id)
        figures = [c.seats for c in room.seat_counts if c.layout is Layout.BOARDROOM]
        figures = figures or [c.seats for c in room.seat_counts]
        return min(figures) if figures else None


def _m(moment: pendulum.DateTime) -> int:
    """Whole minutes since the epoch."""
    return int(moment.timestamp()) // 60


def _apart(a0: int, a1: int, b0: int, b1: int, gap: int) -> bool:
    """Whether [a0, a1) and [b0, b1), in epoch minutes, are at least ``gap`` minutes apart."""
    return a1 + gap <= b0 or b1 + gap <= a0


def meeting_problems(
    rules: Rules,
    request: BilateralRequest,
    room: str,
    start: int,
    others: Iterable[Meeting],
    *,
    skip_sessions: frozenset[str] = frozenset(),
    skip_commitments: frozenset[tuple[str, str]] = frozenset(),
    ignore_capacity: bool = False,
    ignore_window: bool = False,
) -> list[str]:
    """Every rule one meeting breaks, against the event and the ``others`` placed;
    ``start`` in epoch minutes."""
    end = start + request.minutes
    found = []
    if room not in rules.event.resources.bilateral_rooms:
        found.append(f"{request.id}: {room} is not a bilateral room")
    if not any(_m(opens) <= start and end <= _m(closes) for opens, closes in rules.days):
        found.append(f"{request.id}: outside the bookable hours")
    if not ignore_window:
        if request.earliest is not None and start < _m(request.earliest):
            found.append(f"{request.id}: starts before its earliest")
        if request.latest is not None and end > _m(request.latest):
            found.append(f"{request.id}: ends after its latest")
    seats = rules.seats(room)
    if not ignore_capacity and seats is not None and seats < rules.seats_needed(request):
        found.append(f"{request.id}: {room} seats {seats}")
    for session in rules.event.sessions:
        live = not session.is_cancelled and session.id not in skip_sessions
        if (
            session.room == room
            and live
            and not _apart(start, end, _m(session.start), _m(session.end), rules.turnaround)
        ):
            found.append(f"{request.id}: {room} is booked for {session.id}")
    for party in request.parties:
        for what, where, c0, c1 in rules.commitments.get(party, []):
            skipped = what in skip_sessions or (party, what) in skip_commitments
            if not skipped and not _apart(start, end, _m(c0), _m(c1), rules.move(room, where)):
                found.append(f"{request.id}: {party} is at {what}")
    for other, other_room, other_start in others:
        if other.id == request.id:
            continue
        other_begin = _m(other_start)
        other_end = other_begin + other.minutes
        if other_room == room and not _apart(start, end, other_begin, other_end, rules.turnaround):
            found.append(f"{request.id}: {room} holds {other.id}")
        shared = set(request.parties) & set(other.parties)
        if shared and not _apart(start, end, other_begin, other_end, rules.move(room, other_room)):
            found.append(f"{request.id}: {sorted(shared)} meet in {other.id}")
    return found


def violations(event: Event, norms: NormSet, meetings: list[Meeting]) -> list[str]:
    """Every hard rule the placed ``meetings`` break; empty when the plan is sound."""
    rules = Rules(event, norms)
    found = []
    ids = [m[0].id for m in meetings]
    if len(ids) != len(set(ids)):
        found.append("a request is placed twice")
    for request, room, start in meetings:
        found += meeting_problems(rules, request, room, _m(start), meetings)
    return found


def placeable(
    event: Event,
    norms: NormSet,
    request: BilateralRequest,
    meetings: list[Meeting],
    *,
    skip_sessions: frozenset[str] = frozenset(),
    skip_commitments: frozenset[tuple[str, str]] = frozenset(),
    ignore_capacity: bool = False,
    ignore_window: bool = False,
) -> bool:
    """Whether some room and start take ``request`` beside ``meetings``, searched every 5 minutes
    from each day's opening (the events tested keep every time on a 5-minute grid)."""
    rules = Rules(event, norms)
    for room in event.resources.bilateral_rooms:
        near = [m for m in meetings if m[1] == room or set(m[0].parties) & set(request.parties)]
        for opens, closes in rules.days:
            start, last = _m(opens), _m(closes)
            while start + request.minutes <= last:
                if not meeting_problems(
                    rules,
                    request,
                    room,
                    start,
                    near,
                    skip_sessions=skip_sessions,
                    skip_commitments=skip_commitments,
                    ignore_capacity=ignore_capacity,
                    ignore_window=ignore_window,
                ):
                    return True
                start += 5
    return False


def confirm_reason(event: Event, norms: NormSet, plan: object, unplaced: object) -> bool:
    """Remove what a reason names and see the request become placeable: each blocker on its own,
    or all together when the reason says they block only in combination."""
    placements = plan.placements  # type: ignore[attr-defined]
    meetings = [(p.request, p.room, p.start) for p in placements]
    groups = [unplaced.blockers] if unplaced.combined else [[b] for b in unplaced.blockers]  # type: ignore[attr-defined]
    for group in groups:
        kinds = {b.kind for b in group}
        named = {i for b in group for i in b.ids}
        kept = [m for m in meetings if not ("meetings" in kinds and m[0].id in named)]
        sessions = frozenset(i for b in group if b.kind == "room_bookings" for i in b.ids)
        own = frozenset((b.party, i) for b in group if b.kind == "commitments" for i in b.ids)
        if not placeable(
            event,
            norms,
            unplaced.request,  # type: ignore[attr-defined]
            kept,
            skip_sessions=sessions,
            skip_commitments=own,
            ignore_capacity="room_capacity" in kinds,
            ignore_window="window" in kinds,
        ):
            return False
    return True
