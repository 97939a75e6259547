"""The programme placed first-fit, without a solver: the baseline the solver is measured
against, and the start it is given.

Sessions are taken hardest first (fewest rooms that seat them, then most seats, then longest)
and each goes to the first start and room that keep every hard rule with the sessions placed
before it: its published room and time first, then its own room, then the smallest room that
seats it, at the earliest start. In a re-plan, every session that can keep its published room
and time keeps it before any other is placed, so the sessions that must move take what is
left instead of pushing the others out. It never moves a session it has placed, so it leaves out
what a solver would fit by moving others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import islice

from eventplan.model.programme import Session
from eventplan.placement.problem import Balanced, Item, Problem, length, starts_at

#: A session's busy span in minutes, with what the next rule needs to know of it.
_Busy = tuple[int, int, Session, str]


def first_fit(
    problem: Problem, was: dict[str, tuple[str | None, int]] | None = None
) -> dict[str, tuple[str, int]]:
    """Each session placed first-fit, as its room and start minute; those left out are not in it."""
    was = was or {}
    step = problem.rules.step_minutes
    fits = _Fits(problem)
    order = sorted(
        (item for item in problem.items if item.starts),
        key=lambda item: (
            len(item.starts),
            -(getattr(problem.seats_needed(item.session), "high", None) or 0),
            -item.minutes,
            item.session.id,
        ),
    )
    order = _predecessors_first(problem, order)
    chosen: dict[str, tuple[str, int]] = {}
    for item in order:  # a re-plan: first every session that can stay where it was published
        then = was.get(item.session.id)
        tried = list(islice(_candidates(problem, item, then, step), 1)) if then is not None else []
        if tried and tried[0] == then and fits.allows(item, *tried[0], chosen):
            fits.take(item, *tried[0])
            chosen[item.session.id] = tried[0]
    for item in order:
        if item.session.id in chosen:
            continue
        for room, minute in _candidates(problem, item, was.get(item.session.id), step):
            if fits.allows(item, room, minute, chosen):
                fits.take(item, room, minute)
                chosen[item.session.id] = (room, minute)
                break
    return chosen


def compact(
    problem: Problem, chosen: dict[str, tuple[str, int]], keep: set[str]
) -> dict[str, tuple[str, int]]:
    """The plan with each session, in start order, moved to the earliest start its room leaves
    on its own day: the same rooms, the same sessions placed, so the same objective. Sessions
    in ``keep`` (kept at their published time, one of an ``adjacent`` pair, or with a
    preference) stay put. Where a person's makespan weighs, a session moves no earlier than
    the first of that person's other sessions of the day, so no one's day grows longer.

    Deterministic where a second solver run under a wall-clock limit is not. Moving a session
    earlier never takes a later session's place (it leaves what it held and takes only time
    before it), so every later session can at least stay where it was."""
    step = problem.rules.step_minutes
    items = {item.session.id: item for item in problem.items}
    bounds = problem.day_bounds()
    fits = _Fits(problem)
    done: dict[str, tuple[str, int]] = {}
    now = dict(chosen)  # where each session is: moved already, or not yet
    makespans: dict[str, list[Balanced]] = defaultdict(list)
    for group in problem.balanced:
        if group.rule == "makespan":
            for sid in group.sessions:
                makespans[sid].append(group)
    for sid, (room, minute) in sorted(chosen.items(), key=lambda kv: (kv[1][1], kv[1][0], kv[0])):
        item = items[sid]
        best = minute
        if sid not in keep:
            low = next((a for a, b in bounds if a <= minute < b), minute)
            if sid in makespans:
                low = max(low, _first_of_others(problem, sid, minute, makespans[sid], now))
            earlier = (
                k * step
                for a, b in item.starts[room]
                for k in range(a, b + 1)
                if low <= k * step < minute
            )
            best = next((m for m in earlier if fits.allows(item, room, m, done)), minute)
        fits.take(item, room, best)
        done[sid] = now[sid] = (room, best)
    return done


def _room_in(
    busy: list[tuple[int, int, int]], start: int, end: int, need: int, available: int | None
) -> bool:
    """Whether ``need`` more fit in a pool of ``available`` from ``start`` to ``end``, beside
    the ``busy`` (start, end, count) uses; a pool of unknown size holds anything."""
    if available is None:
        return True
    overlapping = [(s, e, n) for s, e, n in busy if s < end and start < e]
    for moment in {start, *(s for s, _, _ in overlapping if start <= s < end)}:
        if need + sum(n for s, e, n in overlapping if s <= moment < e) > available:
            return False
    return True


def _first_of_others(
    problem: Problem,
    sid: str,
    minute: int,
    groups: list[Balanced],
    chosen: dict[str, tuple[str, int]],
) -> int:
    """The earliest start, on the day of ``minute``, of the other sessions of each person in
    ``sid`` whose makespan weighs (``groups``): moving ``sid`` no earlier keeps their days as
    short as they were. ``-1`` where none of them has another session that day."""
    day = problem.day_of(minute)
    first = -1
    for group in groups:
        others = [s for s in group.sessions if s != sid]
        starts = [a for a, _ in problem.busy(chosen, others) if problem.day_of(a) == day]
        if starts:
            first = max(first, min(starts))
    return first


def _candidates(
    problem: Problem, item: Item, then: tuple[str | None, int] | None, step: int
) -> Iterator[tuple[str, int]]:
    """Where to try the session, in the order it is tried: made as they are asked for, since
    the first that fits ends the search (most sessions take one of the first few)."""
    seats = {r.id: problem.capacity(item.session, r) for r in problem.rooms}
    rooms = sorted(
        item.starts,
        key=lambda room: (
            room != item.session.room,
            getattr(seats.get(room), "high", None) or 0,
            room,
        ),
    )
    if then is not None:
        room, minute = then
        if room is not None and starts_at(item.starts, room, minute, step):
            yield room, minute
    mine = [p for p in problem.rules.prefer if p.session == item.session.id]
    for preference in sorted(mine, key=lambda p: -p.weight):  # where the planner wants it
        where = problem.preferred(item, preference)
        liked = sorted({k for spans in where.values() for a, b in spans for k in range(a, b + 1)})
        for k in liked:
            yield from (
                (room, k * step) for room in rooms if starts_at(where, room, k * step, step)
            )
    starts = sorted(
        {k for spans in item.starts.values() for a, b in spans for k in range(a, b + 1)}
    )
    for k in starts:
        for room in rooms:
            if any(a <= k <= b for a, b in item.starts[room]):
                yield room, k * step


def _predecessors_first(problem: Problem, order: list[Item]) -> list[Item]:
    """The order, with each session of a ``before`` pair after its predecessors (where the
    pairs make no circle)."""
    after: dict[str, set[str]] = defaultdict(set)
    for a, b in (*problem.rules.before, *problem.rules.adjacent):
        after[b].add(a)
    result: list[Item] = []
    waiting = list(order)
    while waiting:
        ready = next(
            (i for i in waiting if not (after[i.session.id] & {w.session.id for w in waiting})),
            waiting[0],
        )
        waiting.remove(ready)
        result.append(ready)
    return result


class _Fits:
    """What the sessions placed so far take: rooms, people, series held apart, interpreters."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.rooms: dict[str, list[_Busy]] = defaultdict(list)
        self.people: dict[str, list[_Busy]] = defaultdict(list)
        self.series: dict[str, list[_Busy]] = defaultdict(list)
        self.interpreting: list[tuple[int, int, int]] = []
        self.fixed = {s.id: s for s in problem.fixed}
        self.spans: dict[str, tuple[int, int]] = {
            s.id: (problem.minute(s.start), problem.minute(s.end)) for s in problem.fixed
        }
        self.using: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for session in problem.fixed:
            need = problem.interpreters(session)
            if need:
                self.interpreting.append((*self.spans[session.id], need))
            start = self.spans[session.id][0]
            for resource, begins, ends, count in problem.shared(session, length(session)):
                self.using[resource].append((start + begins, start + ends, count))
        self.rooms_by_id = {r.id: r for r in problem.rooms}
        self.sessions = {i.session.id: i.session for i in problem.items}

    def allows(self, item: Item, room: str, start: int, chosen: dict[str, tuple[str, int]]) -> bool:
        problem, session = self.problem, item.session
        end = start + item.minutes
        where = self.rooms_by_id[room]
        for other_start, other_end, other, _ in self.rooms[room]:
            if not (
                other_end + problem.turnover(other, session, where) <= start
                or end + problem.turnover(session, other, where) <= other_start
            ):
                return False
        for person in problem.people_of.get(session.id, ()):
            for other_start, other_end, _, other_room in self.people[person]:
                gap = problem.transfer(room, other_room)
                if not (other_end + gap <= start or end + gap <= other_start):
                    return False
        if session.series in problem.rules.apart and any(
            s < end and start < e for s, e, _, _ in self.series[session.series]
        ):
            return False
        need = problem.interpreters(session)
        available = problem.event.resources.interpreters
        if need and not _room_in(self.interpreting, start, end, need, available):
            return False
        for resource, begins, ends, count in problem.shared(session, item.minutes):
            pool = getattr(problem.event.resources, resource)
            if not _room_in(self.using[resource], start + begins, start + ends, count, pool):
                return False
        return self._order_holds(session.id, start, end, chosen) and self._adjacent_holds(
            item, room, start, chosen
        )

    def _order_holds(
        self, sid: str, start: int, end: int, chosen: dict[str, tuple[str, int]]
    ) -> bool:
        spans = self.spans
        for a, b in self.problem.rules.before:
            if a == sid and b in spans and end > spans[b][0]:
                return False
            if b == sid and a in spans and spans[a][1] > start:
                return False
        for a, b in self.problem.rules.same_day:
            other = b if a == sid else a if b == sid else None
            if (
                other is not None
                and other in spans
                and self.problem.day_of(start) != self.problem.day_of(spans[other][0])
            ):
                return False
        return True

    def _adjacent_holds(
        self, item: Item, room: str, start: int, chosen: dict[str, tuple[str, int]]
    ) -> bool:
        """An ``adjacent`` pair with its other half placed or fixed: this room, this start."""
        problem, session = self.problem, item.session
        where = self.rooms_by_id[room]
        for a, b in problem.rules.adjacent:
            other = b if a == session.id else a if b == session.id else None
            if other is None or other not in self.spans:
                continue
            other_room = self.fixed[other].room if other in self.fixed else chosen[other][0]
            if other_room != room:
                return False
            peer = self.fixed[other] if other in self.fixed else self.sessions[other]
            low, high = self.spans[other]
            if a == session.id:
                wanted = problem.precedes(session, peer, where, low, item.minutes)
            else:
                wanted = problem.follows(peer, session, where, high)
            if start != wanted:
                return False
        return True

    def take(self, item: Item, room: str, start: int) -> None:
        session = item.session
        end = start + item.minutes
        busy = (start, end, session, room)
        self.rooms[room].append(busy)
        for person in self.problem.people_of.get(session.id, ()):
            self.people[person].append(busy)
        if session.series in self.problem.rules.apart:
            self.series[session.series].append(busy)
        need = self.problem.interpreters(session)
        if need:
            self.interpreting.append((start, end, need))
        for resource, begins, ends, count in self.problem.shared(session, item.minutes):
            self.using[resource].append((start + begins, start + ends, count))
        self.spans[session.id] = (start, end)
