"""Bilateral meetings placed automatically, with a reason for every request that could not be.

Hard rules: nobody and no room in two places at once; a room is turned over
between meetings (``bilateral.turnaround_minutes``); people need time to move
between rooms and venues (``transfer.*``); the room seats both sides; the
meeting falls in its requested window and in the bookable hours of a day
(08:00 plus ``bilateral.bookable_hours``: the APEC 2018 SOM2 handbook books
bilateral rooms 08:00–20:00). A person's other commitments are the sessions
they chair or speak at, sessions that seat their delegation by name, their
statement and their signing session, and meetings already in the programme.

:func:`place_bilaterals` maximises the priority-weighted number of meetings
with OR-Tools CP-SAT (``pip install "eventplan[solver]"``), started from the
greedy plan (:func:`place_bilaterals_greedy`: by priority, first fit), so it
never places less. A request left over is tried against the placed plan with
one group of rules relaxed at a time; the groups that free it are its reason.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs
import pendulum

from eventplan.capacity.findings import Finding
from eventplan.errors import MissingExtraError
from eventplan.model.enums import Layout, SessionKind, Severity
from eventplan.model.event import Event
from eventplan.model.intervals import cut as cut_spans
from eventplan.model.meetings import BilateralRequest
from eventplan.model.norms import Norm, NormSet
from eventplan.model.participation import Turnout
from eventplan.model.parties import Parties
from eventplan.model.programme import DELEGATION_PREFIX, AudienceRule, Session
from eventplan.protocol._common import finding_text, local_span, party_names

#: Bilateral rooms open at this hour (APEC 2018 PNG SOM2 Delegate Handbook §7.2: 08:00–20:00).
DAY_START = dt.time(8, 0)
#: The default time limit of the solver, in seconds.
TIME_LIMIT = 10.0

Span = tuple[int, int]  # minutes from the event's first midnight, half-open


@attrs.frozen
class Commitment:
    """Something a party must be at: a session, a statement, a signing slot, a meeting."""

    party: str
    what: str  # a session id
    start: pendulum.DateTime
    end: pendulum.DateTime
    room: str | None


@attrs.frozen
class Placement:
    """One requested meeting as placed: its room, start and end."""

    request: BilateralRequest
    room: str
    start: pendulum.DateTime
    end: pendulum.DateTime

    def to_json(self) -> dict[str, Any]:
        """A dict: the ``request`` id, its ``parties``, the ``room``, ISO ``start`` and ``end``,
        and the request's ``priority``."""
        return {
            "request": self.request.id,
            "parties": list(self.request.parties),
            "room": self.room,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "priority": self.request.priority,
        }


@attrs.frozen
class Blocker:
    """One group of rules that keeps a request out; lifting it frees the request.

    ``kind``: ``commitments`` (of one party: the session ids), ``meetings``
    (placed meetings that take the party's or the room's time: request ids),
    ``room_bookings`` (sessions in the rooms), ``room_capacity`` (the rooms
    too small), ``window`` (the requested earliest/latest), ``rooms`` (no
    bilateral rooms at all) or ``bookable_hours`` (longer than a bookable day).
    """

    kind: str
    ids: tuple[str, ...]
    party: str | None = None


@attrs.frozen
class Unplaced:
    """A request that could not be placed, and the groups of rules that keep it out."""

    request: BilateralRequest
    blockers: tuple[Blocker, ...]
    #: True when only lifting all the blockers together frees the request
    combined: bool = False


@attrs.frozen
class BilateralPlan:
    """The placed meetings, the new event that holds them, and why the rest did not fit."""

    event: Event
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    findings: tuple[Finding, ...]
    method: str
    status: str
    seconds: float  # the whole call, reasons included

    @property
    def total(self) -> int:
        """The priority-weighted number of meetings placed: what the solver maximises."""
        return sum(p.request.priority for p in self.placements)

    @property
    def passed(self) -> bool:
        """No finding is an error; a request left unplaced is a warning, so it does not fail."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """A dict: ``method`` and solver ``status``, ``placed`` and ``requested`` counts,
        ``priority_total``, the ``placements``, each ``unplaced`` request with ``combined`` and
        its ``blockers`` as dicts, and the ``findings``."""
        return {
            "method": self.method,
            "status": self.status,
            "placed": len(self.placements),
            "requested": len(self.placements) + len(self.unplaced),
            "priority_total": self.total,
            "placements": [p.to_json() for p in self.placements],
            "unplaced": [
                {
                    "request": u.request.id,
                    "combined": u.combined,
                    "blockers": [attrs.asdict(b) for b in u.blockers],
                }
                for u in self.unplaced
            ],
            "findings": [f.to_json() for f in self.findings],
        }

    def render_text(self, *, width: int | None = None) -> str:
        """Plain text fitted to ``width`` (the terminal's by default)."""
        requested = len(self.placements) + len(self.unplaced)
        lines: list[str | tuple[str, int]] = [
            f"Bilateral meetings ({self.method}, {self.status}): {len(self.placements)} of "
            f"{requested} placed, priority-weighted total {self.total}"
        ]
        names = party_names(self.event)
        for p in sorted(self.placements, key=lambda p: (p.start, p.room)):
            who = " – ".join(names.get(x, x) for x in p.request.parties)
            when = f"  {local_span(self.event, p.start, p.end)}  {p.room}  "
            lines.append((f"{when}{p.request.id}: {who}", len(when)))
        return finding_text(lines, self.findings, width)


# --- the problem, in minutes ---------------------------------------------------------------------


@attrs.frozen
class _Room:
    id: str
    venue: str
    seats: int | None  # None: not known, so not checked


class _Problem:
    """The requests, rooms and fixed commitments, in whole minutes from the first midnight."""

    def __init__(
        self,
        event: Event,
        turnout: Turnout | None,
        norms: NormSet,
        rooms: Sequence[str] | None,
        day_start: dt.time,
    ) -> None:
        self.event = event
        self.origin = pendulum.datetime(
            event.start_date.year, event.start_date.month, event.start_date.day, tz=event.zone
        )
        venue_of = {r.id: v.id for v in event.venues for r in v.rooms}
        self.venue_of = venue_of
        chosen = event.resources.bilateral_rooms if rooms is None else tuple(rooms)
        self.rooms = [_Room(r, venue_of[r], _seats(event, r)) for r in chosen]
        self.turnaround = _whole(norms["bilateral.turnaround_minutes"])
        self.same_venue = _whole(norms["transfer.same_venue_minutes"])
        self.other_venue = _whole(norms["transfer.other_venue_minutes"])
        self.norms: tuple[Norm, ...] = tuple(
            norms[n]
            for n in (
                "bilateral.turnaround_minutes",
                "bilateral.bookable_hours",
                "transfer.same_venue_minutes",
                "transfer.other_venue_minutes",
            )
        )
        hours = norms["bilateral.bookable_hours"].cautious_value
        self.days: list[Span] = []
        day = event.start_date
        while day <= event.end_date:
            opens = self.minute(
                pendulum.datetime(
                    day.year, day.month, day.day, day_start.hour, day_start.minute, tz=event.zone
                )
            )
            self.days.append((opens, opens + round(hours * 60)))
            day += dt.timedelta(days=1)
        self.requests = list(event.bilateral_requests)
        self.sizes = {r.id: _sizes(event, turnout, r) for r in self.requests}
        parties = {p for r in self.requests for p in r.parties}
        self.commitments: dict[str, list[Commitment]] = {p: [] for p in parties}
        for c in commitments(event, turnout):
            if c.party in self.commitments:
                self.commitments[c.party].append(c)
        ids = {r.id for r in self.rooms}
        self.bookings: dict[str, list[Session]] = defaultdict(list)
        for s in event.sessions:
            if not s.is_cancelled and s.room in ids:
                self.bookings[s.room].append(s)
        # between two meetings of one person: the longest move between two bilateral rooms
        self.between = max(
            (self.transfer(a.id, b.id) for a in self.rooms for b in self.rooms if a.id != b.id),
            default=0,
        )

        self._starts: dict[tuple[str, str], list[Span]] = {}
        # the same in minutes, computed once: (id, room, span) by party and by "room:<id>"
        self.spans: dict[str, list[tuple[str, str | None, Span]]] = defaultdict(list)
        for party, found in self.commitments.items():
            self.spans[party] = [
                (c.what, c.room, (self.minute(c.start), self.minute(c.end))) for c in found
            ]
        for room_id, sessions in self.bookings.items():
            self.spans["room:" + room_id] = [
                (x.id, x.room, (self.minute(x.start), self.minute(x.end))) for x in sessions
            ]

    def minute(self, moment: pendulum.DateTime) -> int:
        return int((moment.timestamp() - self.origin.timestamp()) // 60)

    def time(self, minute: int) -> pendulum.DateTime:
        return self.origin.add(minutes=minute)

    def transfer(self, room: str, other: str | None) -> int:
        if other == room:
            return 0
        if other is not None and self.venue_of.get(other) == self.venue_of[room]:
            return self.same_venue
        return self.other_venue

    def window(self, request: BilateralRequest, relax: bool = False) -> list[Span]:
        """The minutes the meeting may take: bookable hours within its requested window."""
        low = -(10**9) if relax or request.earliest is None else self.minute(request.earliest)
        high = 10**9 if relax or request.latest is None else self.minute(request.latest)
        spans = [(max(a, low), min(b, high)) for a, b in self.days]
        return [(a, b) for a, b in spans if b - a >= request.minutes]

    def fits_room(self, request: BilateralRequest, room: _Room) -> bool:
        return room.seats is None or room.seats >= sum(self.sizes[request.id])

    def obstacles(
        self, request: BilateralRequest, room: _Room, skip: frozenset[str] = frozenset()
    ) -> Iterator[tuple[str, str, Span, int]]:
        """Fixed things in the way: (kind, id, span, gap needed), without the ids in ``skip``."""
        for party in request.parties:
            for what, where, span in self.spans[party]:
                if f"{party}|{what}" not in skip:
                    yield "commitments", what, span, self.transfer(room.id, where)
        for what, _, span in self.spans["room:" + room.id]:
            if what not in skip:
                yield "room_bookings", what, span, self.turnaround

    def starts(
        self,
        request: BilateralRequest,
        room: _Room,
        skip: frozenset[str] = frozenset(),
        relax_window: bool = False,
    ) -> list[Span]:
        """The start minutes, as closed ranges, that the fixed commitments leave."""
        plain = not skip and not relax_window
        if plain and (request.id, room.id) in self._starts:
            return self._starts[request.id, room.id]
        d = request.minutes
        free = [(a, b - d) for a, b in self.window(request, relax_window)]
        for _, _, (a, b), gap in self.obstacles(request, room, skip):
            free = cut_spans(free, a - d - gap + 1, b + gap - 1)
        if plain:
            self._starts[request.id, room.id] = free
        return free

    def gap(
        self, request: BilateralRequest, room: _Room, other: BilateralRequest, other_room: str
    ) -> int | None:
        """Minutes needed between ``request`` in ``room`` and a placed meeting; None: unrelated."""
        shared = bool(set(other.parties) & set(request.parties))
        if other_room == room.id:
            return max(self.turnaround, self.between) if shared else self.turnaround
        return self.between if shared else None

    def blocked(
        self,
        request: BilateralRequest,
        room: _Room,
        other: BilateralRequest,
        other_room: str,
        start: int,
    ) -> Span | None:
        """The closed range of starts a placed meeting rules out for ``request`` in ``room``."""
        gap = self.gap(request, room, other, other_room)
        if gap is None:
            return None
        return (start - request.minutes - gap + 1, start + other.minutes + gap - 1)

    def free(
        self,
        request: BilateralRequest,
        room: _Room,
        placed: Placed,
        skip: frozenset[str] = frozenset(),
        relax_window: bool = False,
    ) -> list[Span]:
        """Start minutes, as closed ranges, that neither commitments nor placed meetings rule out."""
        spans = self.starts(request, room, skip, relax_window)
        for other, other_room, start in _near(request, room, placed):
            if other.id in skip or not spans:
                continue
            blocked = self.blocked(request, room, other, other_room, start)
            if blocked is not None:
                spans = cut_spans(spans, *blocked)
        return spans


Placed = list[tuple[BilateralRequest, str, int]]


class _Placed(list[tuple[BilateralRequest, str, int]]):
    """Placed meetings, indexed by room and by party so a new request meets only its neighbours."""

    def __init__(self, items: Iterable[tuple[BilateralRequest, str, int]] = ()) -> None:
        super().__init__()
        self.by_key: dict[str, list[tuple[BilateralRequest, str, int]]] = defaultdict(list)
        for item in items:
            self.append(item)

    def append(self, item: tuple[BilateralRequest, str, int]) -> None:
        super().append(item)
        self.by_key["room:" + item[1]].append(item)
        for party in item[0].parties:
            self.by_key[party].append(item)


def _near(
    request: BilateralRequest, room: _Room, placed: Placed
) -> Iterable[tuple[BilateralRequest, str, int]]:
    """The placed meetings that share ``room`` or a party with ``request`` (all, if not indexed)."""
    if not isinstance(placed, _Placed):
        return placed
    keys = ["room:" + room.id, *request.parties]
    return list({id(item): item for key in keys for item in placed.by_key.get(key, ())}.values())


def _whole(norm: Norm) -> int:
    return int(-(-norm.cautious_value // 1))


def _seats(event: Event, room_id: str) -> int | None:
    room = event.room(room_id)
    if Layout.BOARDROOM in room.layouts:
        layouts: tuple[Layout, ...] = (Layout.BOARDROOM,)
    else:
        layouts = room.layouts
    lows = [seats.low for layout in layouts if (seats := room.seats(layout)) is not None]
    return max(lows) if lows else None


def _sizes(event: Event, turnout: Turnout | None, request: BilateralRequest) -> tuple[int, int]:
    if request.sizes:
        return (request.sizes[0], request.sizes[1])
    delegations = {d.id: d for t in event.turnouts for d in t.delegations}
    delegations |= {d.id: d for d in turnout.delegations} if turnout is not None else {}

    def size(party: str) -> int:
        if party.startswith(DELEGATION_PREFIX):
            return delegations[party.removeprefix(DELEGATION_PREFIX)].size.largest_known
        return 1

    return (size(request.parties[0]), size(request.parties[1]))


def commitments(event: Event, turnout: str | Turnout | None = None) -> tuple[Commitment, ...]:
    """What each official and delegation must attend: chairs, speakers, seats by name, statements,
    signing slots and meetings already in the programme."""
    from eventplan.protocol._signing import signing

    found: list[Commitment] = []
    seats = Parties(event.turnout_of(turnout))
    for s in event.sessions:
        if s.is_cancelled:
            continue
        parties = [*s.chairs, *s.speakers]
        parties += [f"{DELEGATION_PREFIX}{d}" for d in seats.attendance(s).named]
        if s.speakers_list is not None:
            parties += [entry.speaker for entry in s.speakers_list.entries]
        found += [Commitment(p, s.id, s.start, s.end, s.room) for p in dict.fromkeys(parties)]
    for slot in signing(event, turnout).slots:
        if slot.delegation is not None:
            party = f"{DELEGATION_PREFIX}{slot.delegation}"
            found.append(Commitment(party, slot.session, slot.start, slot.end, slot.room))
    return tuple(found)


# --- placing -------------------------------------------------------------------------------------


def _order(requests: Iterable[BilateralRequest]) -> list[BilateralRequest]:
    return sorted(requests, key=lambda r: (-r.priority, r.id))


def _first_fit(
    problem: _Problem, request: BilateralRequest, placed: Placed
) -> tuple[str, int] | None:
    """The earliest start, and the first room at it, that breaks no rule."""
    best: tuple[int, int, str] | None = None
    for index, room in enumerate(problem.rooms):
        if not problem.fits_room(request, room):
            continue
        spans = problem.free(request, room, placed)
        if spans:
            start = min(low for low, _ in spans)
            if best is None or (start, index) < best[:2]:
                best = (start, index, room.id)
    return None if best is None else (best[2], best[0])


def _greedy(problem: _Problem, placed: Placed, requests: Iterable[BilateralRequest]) -> Placed:
    for request in _order(requests):
        found = _first_fit(problem, request, placed)
        if found is not None:
            placed.append((request, found[0], found[1]))
    return placed


def place_bilaterals_greedy(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    rooms: Sequence[str] | None = None,
    norms: NormSet | None = None,
    day_start: dt.time = DAY_START,
) -> BilateralPlan:
    """The baseline: requests by priority, each in the earliest slot and first room that fit."""
    import time

    began = time.perf_counter()
    problem = _build(event, turnout, rooms, norms, day_start)
    placed = _greedy(problem, _Placed(), problem.requests)
    return _plan(problem, placed, "greedy", "first fit", began)


def place_bilaterals(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    time_limit: float = TIME_LIMIT,
    seed: int = 0,
    rooms: Sequence[str] | None = None,
    norms: NormSet | None = None,
    day_start: dt.time = DAY_START,
    progress: bool = False,
) -> BilateralPlan:
    """Place the event's bilateral requests with CP-SAT, maximising the priority-weighted total.

    Both searches start from the greedy plan, so the total is never below
    its. Up to 60 requests CP-SAT solves the whole problem within
    ``time_limit`` seconds. Larger problems, or a whole problem not solved to
    optimality, are improved window by window: two hours of one day are
    re-solved with everything outside fixed (large-neighbourhood search), one
    window per second of ``time_limit``, each bounded by CP-SAT's
    deterministic time. One search worker and the ``seed`` choose the
    windows and drive CP-SAT, so the same input, seed and time limit give
    the same plan, except where a whole-problem search is cut by the clock.
    ``progress`` shows a bar with the best total so far.
    """
    import random
    import time

    try:
        from ortools.sat.python import cp_model  # noqa: F401 - fail early, with the extra's name
    except ImportError:
        raise MissingExtraError("placing bilateral meetings with a solver", "solver") from None
    began = time.perf_counter()
    problem = _build(event, turnout, rooms, norms, day_start)
    placed: Placed = _greedy(problem, _Placed(), problem.requests)
    bar = _Bar(time_limit, _total(placed)) if progress else None
    status = "feasible"
    if len(problem.requests) <= _WHOLE_UP_TO:
        whole = _solve(problem, problem.requests, _Placed(), None, placed, time_limit, seed)
        if whole is not None:
            status, found = whole
            if _total(found) >= _total(placed):
                placed = found
    rng = random.Random(seed)
    rounds = 0 if status == "optimal" else round(time_limit * _WINDOWS_PER_SECOND)
    for _ in range(rounds):
        if time.perf_counter() - began > 3 * time_limit:
            break  # a machine far slower than planned: stop rather than overrun
        opens, closes = rng.choice(problem.days)
        start = opens + 15 * rng.randrange(max(1, (closes - opens - _WINDOW) // 15 + 1))
        window = (start, start + _WINDOW)
        inside = [p for p in placed if window[0] <= p[2] and p[2] + p[0].minutes <= window[1]]
        ids = {p[0].id for p in inside}
        fixed = _Placed(p for p in placed if p[0].id not in ids)
        done = {p[0].id for p in placed}
        pool = [
            r
            for r in problem.requests
            if r.id in ids or (r.id not in done and _may_start_in(problem, r, window))
        ]
        part = _solve(problem, pool, fixed, window, inside, None, rng.randrange(2**31))
        if part is not None and _total(part[1]) > _total(inside):
            placed = _Placed([*fixed, *part[1]])
        if bar is not None:
            bar.show(time.perf_counter() - began, _total(placed))
    if bar is not None:
        bar.close()
    # what the solver left out but still fits goes in by first fit, so every leftover is blocked
    done = {r.id for r, _, _ in placed}
    placed = _greedy(problem, _Placed(placed), [r for r in problem.requests if r.id not in done])
    return _plan(problem, placed, "CP-SAT", status, began)


#: Up to this many requests CP-SAT solves the whole problem; beyond, and when the whole is not
#: solved to optimality, it re-solves two-hour windows with the rest fixed, this many a second of
#: the time limit, each bounded by CP-SAT's deterministic time.
_WHOLE_UP_TO = 60
_WINDOW = 120
_WINDOWS_PER_SECOND = 1.0
_WINDOW_DETERMINISTIC_SECONDS = 2.0


def _may_start_in(problem: _Problem, request: BilateralRequest, window: Span) -> bool:
    """Whether the fixed commitments leave ``request`` a start inside ``window`` in some room."""
    latest = window[1] - request.minutes
    return any(
        low <= latest and high >= window[0]
        for room in problem.rooms
        if problem.fits_room(request, room)
        for low, high in problem.starts(request, room)
    )


def _total(placed: Iterable[tuple[BilateralRequest, str, int]]) -> int:
    return sum(request.priority for request, _, _ in placed)


def _solve(
    problem: _Problem,
    requests: Sequence[BilateralRequest],
    fixed: Placed,
    window: Span | None,
    hint: Placed,
    seconds: float | None,
    seed: int,
) -> tuple[str, Placed] | None:
    """CP-SAT on ``requests`` beside the ``fixed`` meetings, starts within ``window`` if given;
    the status and the meetings placed, or None when it found no plan. ``seconds`` bounds the
    wall-clock time; without it, CP-SAT's deterministic time bounds the search."""
    from ortools.sat.python import cp_model

    hinted = {r.id: (room, start) for r, room, start in hint}
    model = cp_model.CpModel()
    chosen: dict[tuple[str, str], tuple[Any, Any]] = {}
    by_room: dict[str, list[Any]] = defaultdict(list)
    by_party: dict[str, list[Any]] = defaultdict(list)
    terms = []
    for request in requests:
        options = []
        for room in problem.rooms:
            if not problem.fits_room(request, room):
                continue
            spans = problem.free(request, room, fixed)
            if window is not None:
                spans = cut_spans(
                    cut_spans(spans, -(10**9), window[0] - 1),
                    window[1] - request.minutes + 1,
                    10**9,
                )
            if not spans:
                continue
            tag = f"{request.id}@{room.id}"
            start = model.new_int_var_from_domain(
                cp_model.Domain.from_intervals([list(span) for span in spans]), f"s:{tag}"
            )
            present = model.new_bool_var(f"p:{tag}")
            by_room[room.id].append(
                model.new_optional_fixed_size_interval_var(
                    start, request.minutes + problem.turnaround, present, f"r:{tag}"
                )
            )
            for party in request.parties:
                by_party[party].append(
                    model.new_optional_fixed_size_interval_var(
                        start, request.minutes + problem.between, present, f"q:{tag}:{party}"
                    )
                )
            # a complete hint (every variable) lets CP-SAT take the given plan as its first solution
            hinted_room, hinted_start = hinted.get(request.id, (None, spans[0][0]))
            here = hinted_room == room.id
            model.add_hint(present, here)
            model.add_hint(start, hinted_start if here else spans[0][0])
            chosen[request.id, room.id] = (present, start)
            options.append(present)
            terms.append(request.priority * present)
        if options:
            model.add_at_most_one(options)
    for intervals in (*by_room.values(), *by_party.values()):
        model.add_no_overlap(intervals)
    model.maximize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed % (2**31)
    if seconds is None:
        solver.parameters.max_deterministic_time = _WINDOW_DETERMINISTIC_SECONDS
        solver.parameters.max_time_in_seconds = 10 * _WINDOW_DETERMINISTIC_SECONDS
    else:
        solver.parameters.max_time_in_seconds = seconds
    # presolve may otherwise drop the hint (CP-SAT logs "hint is infeasible" and repairs it)
    solver.parameters.keep_all_feasible_solutions_in_presolve = True
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    by_id = {r.id: r for r in requests}
    found: Placed = _Placed()
    for (request_id, room_id), (present, start) in chosen.items():
        if solver.value(present):
            found.append((by_id[request_id], room_id, solver.value(start)))
    return solver.status_name(status).lower(), found


class _Bar:
    """A tqdm bar over the time limit showing the best total so far."""

    def __init__(self, limit: float, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=round(limit), unit="s", desc="placing bilaterals", file=sys.stderr)
        self.bar.set_postfix(total=total)

    def show(self, elapsed: float, total: int) -> None:
        step = min(round(elapsed), self.bar.total) - self.bar.n
        if step > 0:
            self.bar.update(step)
        self.bar.set_postfix(total=total)

    def close(self) -> None:
        self.bar.update(self.bar.total - self.bar.n)
        self.bar.close()


def _build(
    event: Event,
    turnout: str | Turnout | None,
    rooms: Sequence[str] | None,
    norms: NormSet | None,
    day_start: dt.time,
) -> _Problem:
    return _Problem(event, event.turnout_of(turnout), event.planning_norms(norms), rooms, day_start)


# --- the result and the reasons -------------------------------------------------------------


def _plan(
    problem: _Problem, placed: Placed, method: str, status: str, began: float
) -> BilateralPlan:
    """The plan from the placed meetings, with the reasons; ``began`` is when the work started."""
    import time

    placements = tuple(
        Placement(r, room, problem.time(start), problem.time(start + r.minutes))
        for r, room, start in sorted(placed, key=lambda p: (p[2], p[1], p[0].id))
    )
    done = {r.id for r, _, _ in placed}
    unplaced = tuple(_why(problem, r, placed) for r in _order(problem.requests) if r.id not in done)
    findings = [_unplaced_finding(problem, u) for u in unplaced]
    findings += [
        Finding(
            "bilateral-room-seats-unknown",
            Severity.INFO,
            f"{room.id} gives no seat count, so meetings there are not checked for size",
            (room.id,),
        )
        for room in problem.rooms
        if room.seats is None
    ]
    if not problem.rooms and problem.requests:
        findings.append(
            Finding(
                "bilateral-rooms-unknown",
                Severity.INFO,
                f"{len(problem.requests)} bilaterals requested; the plan names no bilateral rooms",
                ("resources.bilateral_rooms",),
            )
        )
    return BilateralPlan(
        _with_meetings(problem, placements),
        placements,
        unplaced,
        tuple(findings),
        method,
        status,
        time.perf_counter() - began,
    )


def _smallest_clash(
    problem: _Problem,
    request: BilateralRequest,
    placed: Placed,
    *,
    skip: frozenset[str] = frozenset(),
    any_size: bool = False,
    relax_window: bool = False,
) -> tuple[str, ...] | None:
    """The fewest placed meetings whose removal lets ``request`` in (empty: it fits as it is);
    ``None`` when even removing every meeting would not, under the other rules."""
    best: tuple[str, ...] | None = None
    for room in problem.rooms:
        if not any_size and not problem.fits_room(request, room):
            continue
        ranges = []
        for other, other_room, start in _near(request, room, placed):
            if other.id not in skip:
                blocked = problem.blocked(request, room, other, other_room, start)
                if blocked is not None:
                    ranges.append((blocked, other.id))
        for low, high in problem.starts(request, room, skip, relax_window):
            points = {low} | {b + 1 for (_, b), _ in ranges if low <= b + 1 <= high}
            for point in sorted(points):
                found = tuple(i for (a, b), i in ranges if a <= point <= b)
                if best is None or len(found) < len(best):
                    best = found
                    if not best:
                        return best
    return best


def _groups(problem: _Problem, request: BilateralRequest, placed: Placed) -> list[Blocker]:
    """Each group of rules that could keep ``request`` out, with the ids it consists of."""
    groups: list[Blocker] = []
    if not problem.rooms:
        return [Blocker("rooms", ())]
    small = [room.id for room in problem.rooms if not problem.fits_room(request, room)]
    if small:
        groups.append(Blocker("room_capacity", tuple(small)))
    if request.earliest is not None or request.latest is not None:
        groups.append(Blocker("window", (request.id,)))
    for party in request.parties:
        ids = tuple(dict.fromkeys(c.what for c in problem.commitments[party]))
        if ids:
            groups.append(Blocker("commitments", ids, party))
    booked = tuple(dict.fromkeys(s.id for room in problem.rooms for s in problem.bookings[room.id]))
    if booked:
        groups.append(Blocker("room_bookings", booked))
    return groups


def _relaxed(blockers: Iterable[Blocker]) -> dict[str, Any]:
    skip: set[str] = set()
    relax: dict[str, Any] = {"any_size": False, "relax_window": False}
    for b in blockers:
        if b.kind == "room_capacity":
            relax["any_size"] = True
        elif b.kind == "window":
            relax["relax_window"] = True
        elif b.kind == "commitments":  # the party's own: a session stays in the others' way
            skip |= {f"{b.party}|{i}" for i in b.ids}
        else:
            skip |= set(b.ids)
    relax["skip"] = frozenset(skip)
    return relax


def _why(problem: _Problem, request: BilateralRequest, placed: Placed) -> Unplaced:
    """Lift one group of rules at a time; the groups that free the request are its reason.

    Placed meetings are one group: the fewest of them whose removal frees the
    request are named. When no single group frees it, all are named together.
    """
    groups = _groups(problem, request, placed)
    if groups and groups[0].kind == "rooms":
        return Unplaced(request, tuple(groups))
    if not problem.window(request, relax=True):
        return Unplaced(request, (Blocker("bookable_hours", (request.id,)),))
    freeing: list[Blocker] = []
    meetings = _smallest_clash(problem, request, placed)
    if meetings:
        freeing.append(Blocker("meetings", meetings))
    for group in groups:
        if _smallest_clash(problem, request, placed, **_relaxed([group])) == ():
            freeing.append(_narrow(problem, request, placed, group))
    if freeing:
        return Unplaced(request, tuple(freeing))
    everything = _relaxed(groups)
    rest = _smallest_clash(problem, request, placed, **everything)
    together = [*groups, *([Blocker("meetings", rest)] if rest else [])]
    return Unplaced(request, tuple(together), combined=True)


def _narrow(
    problem: _Problem, request: BilateralRequest, placed: Placed, group: Blocker
) -> Blocker:
    """The fewest ids of a freeing group whose removal still frees the request (greedy drop)."""
    if group.kind in ("room_capacity", "window", "rooms"):
        return group
    kept = list(group.ids)
    for item in list(kept):
        trial = [i for i in kept if i != item]
        narrowed = attrs.evolve(group, ids=tuple(trial))
        if trial and _smallest_clash(problem, request, placed, **_relaxed([narrowed])) == ():
            kept = trial
    return attrs.evolve(group, ids=tuple(kept))


def _unplaced_finding(problem: _Problem, unplaced: Unplaced) -> Finding:
    request = unplaced.request
    names = party_names(problem.event)
    who = " – ".join(names.get(p, p) for p in request.parties)
    parts = []
    for b in unplaced.blockers:
        match b.kind:
            case "commitments":
                parts.append(
                    f"commitments of {names.get(b.party or '', b.party)}: {', '.join(b.ids)}"
                )
            case "meetings":
                parts.append(f"meetings placed before it: {', '.join(b.ids)}")
            case "room_bookings":
                parts.append(f"sessions in the rooms: {', '.join(b.ids)}")
            case "room_capacity":
                seats = sum(problem.sizes[request.id])
                parts.append(f"rooms too small for {seats} seats: {', '.join(b.ids)}")
            case "window":
                parts.append("its requested window")
            case "rooms":
                parts.append("no bilateral rooms")
            case "bookable_hours":
                parts.append("its length: longer than the bookable hours of a day")
    joiner = " together with " if unplaced.combined else "; or "
    message = (
        f"{request.id} ({who}, {request.minutes} min, priority {request.priority}) "
        f"cannot be placed: blocked by {joiner.join(parts)}"
    )
    subjects = (request.id, *(i for b in unplaced.blockers for i in b.ids))
    return Finding(
        "bilateral-unplaced",
        Severity.WARNING,
        message,
        tuple(dict.fromkeys(subjects)),
        norms=problem.norms,
    )


def _with_meetings(problem: _Problem, placements: tuple[Placement, ...]) -> Event:
    taken = {s.id for s in problem.event.sessions}
    sessions = []
    names = party_names(problem.event)
    for p in placements:
        request = p.request
        session_id = f"bilateral-{request.id}"
        while session_id in taken:
            session_id += "-placed"
        sizes = problem.sizes[request.id]
        officials = tuple(x for x in request.parties if not x.startswith(DELEGATION_PREFIX))
        rules = tuple(
            AudienceRule(parties=(party,), at_table=size)
            for party, size in zip(request.parties, sizes, strict=True)
            if party.startswith(DELEGATION_PREFIX)
        )
        who = " – ".join(names.get(x, x) for x in request.parties)
        sessions.append(
            Session(
                id=session_id,
                title=request.title or f"Bilateral: {who}",
                kind=SessionKind.BILATERAL,
                start=p.start,
                end=p.end,
                room=p.room,
                layout=Layout.BOARDROOM,
                chairs=officials,
                audience=rules,
                description=f"Bilateral meeting {who}, placed by eventplan (request {request.id}).",
                sources=request.sources,
                assumption=request.assumption,
            )
        )
    placed = {p.request.id for p in placements}
    return attrs.evolve(
        problem.event,
        sessions=(*problem.event.sessions, *sessions),
        bilateral_requests=tuple(r for r in problem.event.bilateral_requests if r.id not in placed),
    )
