"""Capacity checks: will it fit? Every resource a diplomatic event runs out of, with the norm behind each number.

Each check is a pure function of a :class:`Context` (event, turnout, norms)
that yields findings. A capacity finding carries the demand and the capacity
as ranges — the cautious end (the norm's safer end, the larger demand) and
the optimistic one: an ``error`` fails even optimistically, a ``warning``
fails in the cautious case, ``ok`` fits either way. A check whose inputs are
missing says so in an ``info`` finding of its own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property

import attrs

from eventplan import _text
from eventplan.capacity.findings import Finding, Margin
from eventplan.demand import formulas, items
from eventplan.demand.counts import ParticipationCounts, count_turnout
from eventplan.demand.formulas import booths_needed, layout_for
from eventplan.model import intervals, localtime
from eventplan.model.count import Count
from eventplan.model.enums import Layout, SessionKind, Severity
from eventplan.model.event import Event
from eventplan.model.norms import Norm, NormSet
from eventplan.model.parties import Parties
from eventplan.model.programme import Session
from eventplan.model.venue import Room, Venue

#: A capacity, the norms that set it and the name of the binding limit.
Capacity = tuple[Count, tuple[Norm, ...], str]


@attrs.frozen
class Context:
    """What every check reads: the event, the turnout and the norms, with shared work done once."""

    event: Event
    turnout: str
    norms: NormSet

    @cached_property
    def parties(self) -> Parties:
        return Parties(self.event.turnout(self.turnout))

    @cached_property
    def counts(self) -> ParticipationCounts:
        return count_turnout(self.event.turnout(self.turnout))

    @cached_property
    def demand(self) -> dict[str, Count]:
        return {s.id: self.parties.demand(s) for s in self.event.sessions}

    @cached_property
    def capacities(self) -> dict[tuple[str, Layout | None], Capacity | None]:
        """Room capacities by room and layout, filled as the checks ask for them."""
        return {}

    @cached_property
    def rooms(self) -> dict[str, Room]:
        return {room.id: room for room in self.event.rooms}

    @cached_property
    def venue_of_room(self) -> dict[str, str]:
        return {room.id: venue.id for venue in self.event.venues for room in venue.rooms}

    @cached_property
    def venues(self) -> dict[str, Venue]:
        return {venue.id: venue for venue in self.event.venues}

    @cached_property
    def walking_minutes(self) -> dict[str, float]:
        """The walking time each venue gives between its rooms, where it gives one."""
        return {v.id: v.walking_minutes for v in self.event.venues if v.walking_minutes is not None}

    @cached_property
    def live(self) -> tuple[Session, ...]:
        """Sessions that go ahead."""
        return tuple(s for s in self.event.sessions if not s.is_cancelled)

    def norm(self, norm_id: str) -> Norm:
        return self.norms[norm_id]

    @cached_property
    def opening(self) -> Session | None:
        """The session arrivals are screened for."""
        zone, first = self.event.timezone, self.event.start_date
        return items.opening(
            self.live,
            lambda s: s.start.in_timezone(zone).date() == first,
            {s.id: self.demand[s.id].low for s in self.live},
        )


def verdict(demand: Count, capacity: Count) -> Severity:
    """``error`` if even the optimistic capacity is too small, ``warning`` if the cautious one is."""
    if capacity.high is not None and demand.low > capacity.high:
        return Severity.ERROR
    if demand.high is None or demand.high > capacity.low:
        return Severity.WARNING
    return Severity.OK


def at_ends(optimistic: float, cautious: float) -> Count:
    """A formula's result at the optimistic and the cautious end; infinity is an open end."""
    return Count(int(optimistic), None if math.isinf(cautious) else int(cautious))


def high(count: Count) -> float:
    """The cautious end of a count as a number: infinity when the range is open."""
    return math.inf if count.high is None else count.high


def units_needed(count: Count, per_unit: float) -> str:
    """Units of ``per_unit`` each that hold the cautious end of ``count``: "at least" the
    optimistic figure when the range is open, since an open range has no cautious end."""
    if count.high is None:
        return f"at least {formulas.ceil(count.low / per_unit):,}"
    return f"{formulas.ceil(count.high / per_unit):,}"


def scaled(count: Count, low: float, high_factor: float) -> Count:
    """``count`` times a factor between ``low`` and ``high_factor``, rounded up."""
    return at_ends(
        formulas.rounded_up(count.low, low), formulas.rounded_up(high(count), high_factor)
    )


def _capacity_finding(
    code: str,
    subjects: tuple[str, ...],
    what: str,
    demand: Count,
    capacity: Count,
    norms: tuple[Norm, ...],
) -> Finding:
    severity = verdict(demand, capacity)
    if severity is Severity.OK:
        spare = Margin.between(demand, capacity).cautious
        assert spare is not None  # a fit has a bounded demand (verdict)
        tail = f"fits, {spare:,} to spare in the cautious case"
    elif severity is Severity.WARNING:
        short = (demand.high - capacity.low) if demand.high is not None else None
        tail = (
            f"short by up to {short:,} in the cautious case"
            if short is not None
            else "the demand has no upper bound"
        )
    else:
        tail = (
            f"short by at least {demand.low - (capacity.high or 0):,} even in the optimistic case"
        )
    message = f"{what}: needs {demand}, has {capacity}; {tail}"
    return Finding(code, severity, message, subjects, demand, capacity, norms)


def _missing(
    code: str,
    subjects: tuple[str, ...],
    message: str,
    norms: tuple[Norm, ...] = (),
    demand: Count | None = None,
) -> Finding:
    """An ``info`` finding: a figure the check needs is not known (its demand, where known)."""
    return Finding(code, Severity.INFO, message, subjects, demand, norms=norms)


#: Ends the code of a finding whose demand is not known because the turnout names no one.
PEOPLE_UNKNOWN = "-people-unknown"


def _people_unknown(
    ctx: Context,
    code: str,
    subjects: tuple[str, ...],
    what: str,
    norms: tuple[Norm, ...] = (),
    capacity: Count | None = None,
) -> Finding:
    """An ``info`` finding: the turnout says nothing about who comes (see
    :attr:`Parties.known`), so a demand in people is not known, never 0."""
    message = f"{what}: not known, turnout {ctx.turnout!r} does not say who comes"
    return Finding(code + PEOPLE_UNKNOWN, Severity.INFO, message, subjects, None, capacity, norms)


# --- rooms -----------------------------------------------------------------------------------


def room_capacity(ctx: Context, room: Room, layout: Layout | None) -> Capacity | None:
    """A room's capacity in a layout: the lowest of its seats, the comfort and the code limits
    (worked out once per room and layout)."""
    key = (room.id, layout)
    if key not in ctx.capacities:
        ctx.capacities[key] = formulas.room_capacity(ctx.norms, room, layout)
    return ctx.capacities[key]


def check_seats(ctx: Context) -> Iterator[Finding]:
    """Each session's audience against its room in the session's layout."""
    for session in ctx.live:
        if session.kind is SessionKind.EXHIBITION or not session.audience:
            continue
        subjects = (session.id,)
        if session.room is None and not ctx.parties.demand_known(session):
            yield _people_unknown(ctx, "room", subjects, f"{session.id} (no room): people")
            continue
        if session.room is None:
            yield _missing(
                "room-unassigned",
                subjects,
                f"{session.id}: no room, so its {ctx.demand[session.id]} people cannot be checked",
                demand=ctx.demand[session.id],
            )
            continue
        room = ctx.rooms[session.room]
        layout = layout_for(session, room)
        found = room_capacity(ctx, room, layout)
        known = ctx.parties.demand_known(session)
        if found is None:
            yield _missing(
                "room-capacity-unknown",
                (*subjects, room.id),
                f"{session.id}: {room.name} has no seat count for {layout or 'any layout'} and no floor area",
                demand=ctx.demand[session.id] if known else None,
            )
            continue
        if not known:
            yield _people_unknown(
                ctx,
                "room",
                (*subjects, room.id),
                f"{session.id}: people in {room.name}",
                found[1],
                found[0],
            )
            continue
        capacity, norms, binding = found
        where = f"{session.id} in {room.name} ({layout.value if layout else 'no layout'}, limit: {binding})"
        yield _capacity_finding(
            "room-capacity", (*subjects, room.id), where, ctx.demand[session.id], capacity, norms
        )


def check_room_bookings(ctx: Context) -> Iterator[Finding]:
    """No room holds two sessions at once; consecutive sessions leave time to turn the room over."""
    by_room: dict[str, list[Session]] = defaultdict(list)
    for session in ctx.live:
        if session.room is not None:
            by_room[session.room].append(session)
    for room_id, sessions in by_room.items():
        room = ctx.rooms[room_id]
        yield from _overlaps(
            "room-double-booked", f"{room.name} holds", room_id, sessions, ctx.event.timezone
        )
        for a, b in intervals.consecutive(sessions, _start, _end):
            gap = localtime.elapsed(a.end, b.start).total_seconds() / 60
            if gap >= TURNOVER_HORIZON_MINUTES:
                continue
            norm = turnover_norm(ctx, a, b, room)
            if norm is not None and gap < norm.cautious_value:
                severity = Severity.ERROR if gap < norm.optimistic_value else Severity.WARNING
                yield Finding(
                    "room-turnover",
                    severity,
                    f"{room.name}: {gap:g} min between {a.id} and {b.id}, "
                    f"{norm.low:g}–{norm.high:g} min needed ({norm.name})",
                    (room_id, a.id, b.id),
                    Count.exactly(math.ceil(norm.cautious_value))
                    if norm.low == norm.high
                    else Count(math.ceil(norm.optimistic_value), math.ceil(norm.cautious_value)),
                    Count.exactly(math.floor(gap)),
                    (norm,),
                )


#: Sessions this far apart in one room (minutes) need no turnover between them: the night.
TURNOVER_HORIZON_MINUTES = 12 * 60


def turnover_norm(ctx: Context, a: Session, b: Session, room: Room) -> Norm | None:
    """The norm for turning ``room`` over between ``a`` and the next session ``b``; ``None``
    when the audience stays in its seats (the signing follows the opening). The room-bookings
    check and the programme's placement both ask here."""
    same_layout = not _layout_changes(a, b, room)
    if same_layout and a.audience == b.audience:
        return None
    return ctx.norm(_TURNOVER_SAME_LAYOUT if same_layout else _TURNOVER_RESET)


def turnover_norms(ctx: Context, room: Room, sessions: Iterable[Session]) -> tuple[Norm, ...]:
    """The norms :func:`turnover_norm` may give between two of ``sessions`` in ``room``: the
    longest of them bounds every turnover there, without asking of every pair."""
    kinds = {(s.layout, formulas.layout_for(s, room)): s for s in sessions}
    resets = any(_layout_changes(a, b, room) for a in kinds.values() for b in kinds.values())
    return (ctx.norm(_TURNOVER_SAME_LAYOUT), *([ctx.norm(_TURNOVER_RESET)] if resets else []))


_TURNOVER_SAME_LAYOUT, _TURNOVER_RESET = "turnover.same_layout_minutes", "turnover.reset_minutes"


def _layout_changes(a: Session, b: Session, room: Room) -> bool:
    """Whether the room is reset between two sessions. A room with one layout at most, where
    neither session asks for its own, stays as it is: a talk and a workshop on one stage
    differ in kind, not in the chairs."""
    if a.layout is None and b.layout is None and len(room.layouts) <= 1:
        return False
    return layout_for(a, room) != layout_for(b, room)


def check_recording(ctx: Context) -> Iterator[Finding]:
    """A session whose speakers opted out of recording is not held in a room that is recorded;
    where it is not known whether the room is, that is said once."""
    unknown: list[str] = []
    for session in ctx.live:
        if session.recording is None or not session.recording.optout or session.room is None:
            continue
        room = ctx.rooms[session.room]
        if room.recorded:
            yield Finding(
                "recording-opt-out",
                Severity.WARNING,
                f"{session.id} is in {room.name}, which is recorded, but its speakers opted "
                "out of recording: stop the recording and the stream for it",
                (session.id, room.id),
            )
        elif room.recorded is None:
            unknown.append(session.id)
    if unknown:
        yield Finding(
            "recording-not-known",
            Severity.INFO,
            f"{_text.plural(len(unknown), 'session')} opted out of recording in rooms not "
            "known to be recorded or not (a room's `recorded` says)",
            tuple(unknown),
        )


# --- people ----------------------------------------------------------------------------------


def expected_people(ctx: Context) -> dict[str, list[Session]]:
    """The sessions each official (chair, speaker) and each delegation seated by name is
    expected at: the people who cannot be in two places."""
    expected: dict[str, list[Session]] = defaultdict(list)
    for session in ctx.live:
        for person in dict.fromkeys([*session.chairs, *session.speakers]):
            expected[person].append(session)
        for rule in session.audience:
            for selector in rule.parties:
                if selector.startswith("delegation:"):
                    expected[selector].append(session)
    return expected


@attrs.frozen
class Transfer:
    """The minutes a person needs from one room to another: the venue's own walking time
    (``norm`` is ``None``: a fact, both ends alike) or a transfer norm's two ends."""

    optimistic: float
    cautious: float
    norm: Norm | None
    venue: str | None = None  # the venue whose walking time it is

    def needed(self, ctx: Context) -> str:
        """The time needed, in words, for a finding."""
        if self.norm is None:
            return f"{self.cautious:g} min needed (the walking time {ctx.venues[self.venue or ''].name} gives)"
        return f"{self.norm.low:g}–{self.norm.high:g} min needed ({self.norm.name})"


def transfer_time(ctx: Context, room: str, other: str) -> Transfer | None:
    """The time to move from ``room`` to ``other``; ``None`` within one room. The people check
    and the programme's placement both ask here."""
    if room == other:
        return None
    venue = ctx.venue_of_room[room]
    if venue == ctx.venue_of_room[other]:
        walk = ctx.walking_minutes.get(venue)
        if walk is not None:
            return Transfer(walk, walk, None, venue)
        norm = ctx.norm("transfer.same_venue_minutes")
    else:
        norm = ctx.norm("transfer.other_venue_minutes")
    return Transfer(norm.optimistic_value, norm.cautious_value, norm)


def check_people(ctx: Context) -> Iterator[Finding]:
    """Officials (chairs, speakers) and delegations invited by name are in one place at a time."""
    names = {o.id: o.name for o in ctx.event.officials}
    for person, sessions in expected_people(ctx).items():
        who = names.get(person, person.removeprefix("delegation:") + " delegation")
        yield from _overlaps(
            "person-double-booked", f"{who} is expected at", person, sessions, ctx.event.timezone
        )
        for a, b in intervals.consecutive(sessions, _start, _end):
            if a.room is None or b.room is None:
                continue
            transfer = transfer_time(ctx, a.room, b.room)
            if transfer is None:
                continue
            gap = localtime.elapsed(a.end, b.start).total_seconds() / 60
            if gap < transfer.cautious:
                yield Finding(
                    "person-transfer",
                    Severity.ERROR if gap < transfer.optimistic else Severity.WARNING,
                    f"{who} has {gap:g} min from {a.id} to {b.id} in another room; "
                    f"{transfer.needed(ctx)}",
                    (person, a.id, b.id),
                    norms=() if transfer.norm is None else (transfer.norm,),
                )


# --- interpretation --------------------------------------------------------------------------


def interpreters_needed(ctx: Context, session: Session) -> Count:
    """Interpreters for one session, optimistic to cautious (see :mod:`eventplan.demand.formulas`)."""
    return Count(*formulas.interpreters_needed(ctx.norms, session))


def check_interpretation(ctx: Context) -> Iterator[Finding]:
    booth_norm = ctx.norm("interpretation.booths_per_language")
    team_norms = (ctx.norm("interpretation.un_team"), ctx.norm("interpretation.per_booth"))
    for session in ctx.live:
        needed = booths_needed(len(session.languages))
        if needed == 0 or session.room is None:
            continue
        room = ctx.rooms[session.room]
        what = f"{session.id}: {len(session.languages)} languages ({', '.join(session.languages)}) in {room.name}, booths"
        if room.interpretation_booths is None:
            yield _missing(
                "interpretation-booths-unknown",
                (session.id, room.id),
                f"{what}: needs {needed}; not known how many {room.name} has",
                (booth_norm,),
                Count.exactly(needed),
            )
            continue
        yield _capacity_finding(
            "interpretation-booths",
            (session.id, room.id),
            what,
            Count.exactly(needed),
            Count.exactly(room.interpretation_booths),
            (booth_norm,),
        )
    teams = [
        (s.start, s.end, interpreters_needed(ctx, s)) for s in ctx.live if len(s.languages) >= 2
    ]
    if not teams:
        return
    peak = Count(
        intervals.peak((start, end, need.low) for start, end, need in teams),
        None
        if any(need.high is None for *_, need in teams)
        else intervals.peak((start, end, need.high or 0) for start, end, need in teams),
    )
    available = ctx.event.resources.interpreters
    if available is None:
        yield _missing(
            "interpreters-unknown",
            ("resources.interpreters",),
            f"interpreters at the busiest time: {peak} needed; the plan gives no number available",
            team_norms,
            peak,
        )
        return
    yield _capacity_finding(
        "interpreters",
        ("resources.interpreters",),
        "interpreters at the busiest time",
        peak,
        Count.exactly(available),
        team_norms,
    )


# --- shared resources ------------------------------------------------------------------------


def shared_uses(ctx: Context) -> dict[str, list[tuple[float, float, int, str]]]:
    """Each shared pool's uses by the sessions held, as (start, end) in POSIX seconds with
    the count and the session: the windows :meth:`ResourceUse.span` gives."""
    found: dict[str, list[tuple[float, float, int, str]]] = defaultdict(list)
    for session in ctx.live:
        if not session.uses:
            continue
        start = session.start.timestamp()
        length = session.duration.total_seconds() / 60
        for use in session.uses:
            begins, ends = use.span(length)
            found[use.resource].append(
                (start + 60 * begins, start + 60 * ends, use.count, session.id)
            )
    return found


def check_shared(ctx: Context) -> Iterator[Finding]:
    """Cars, screening lanes and shuttle buses that sessions keep busy, at the busiest moment,
    against the pool ``[resources]`` gives."""
    import datetime as dt

    zone = ctx.event.timezone
    for resource, uses in sorted(shared_uses(ctx).items()):
        words = resource.replace("_", " ")
        subject = f"resources.{resource}"
        most, when, sessions = intervals.busiest(uses)
        at = localtime.clock(dt.datetime.fromtimestamp(when, dt.UTC), zone)
        busy = f"{words} at the busiest time ({at}: {', '.join(sessions)})"
        available = getattr(ctx.event.resources, resource)
        if available is None:
            yield _missing(
                f"shared-{resource.replace('_', '-')}-unknown",
                (subject, *sessions),
                f"{busy}: {most} needed; the plan gives no number of {words}",
                (),
                Count.exactly(most),
            )
            continue
        yield _capacity_finding(
            f"shared-{resource.replace('_', '-')}",
            (subject, *sessions),
            busy,
            Count.exactly(most),
            Count.exactly(available),
            (),
        )


# --- signing ---------------------------------------------------------------------------------


def check_signing(ctx: Context) -> Iterator[Finding]:
    counts = ctx.counts
    signatories = counts.signatories_at_plenary
    norm = ctx.norm("signing.minutes_per_signature")
    sessions = [s for s in ctx.live if s.kind is SessionKind.SIGNING]
    if not ctx.parties.known and sessions:
        subjects = tuple(s.id for s in sessions)
        yield _people_unknown(ctx, "signing-time", subjects, "signatories", (norm,))
        return
    if signatories.low == 0 and signatories.high == 0:
        return
    if not sessions:
        yield _missing(
            "signing-session-missing",
            (),
            f"{signatories} states are to sign, but the programme has no signing session",
            (norm,),
        )
        return
    minutes = sum(int(s.duration.total_seconds() // 60) for s in sessions)
    needed = scaled(signatories, norm.optimistic_value, norm.cautious_value)
    what = f"signing: {signatories} signatories at {norm.low:g}–{norm.high:g} min each, minutes"
    yield _capacity_finding(
        "signing-time", tuple(s.id for s in sessions), what, needed, Count.exactly(minutes), (norm,)
    )


# --- arrivals, accreditation, press ------------------------------------------------------------


def check_arrivals(ctx: Context) -> Iterator[Finding]:
    """The people arriving before the opening against screening lanes: peak queue and longest wait."""
    opening = ctx.opening
    if opening is None:
        return
    window, share, rate = (
        ctx.norm(n)
        for n in ("arrival.window_minutes", "arrival.share_in_window", "screening.lane_rate")
    )
    lanes = ctx.event.resources.screening_lanes
    norms = (window, share, rate)
    minutes = window.low
    if not ctx.parties.demand_known(opening):
        what = f"people arriving in the {minutes:g} min before {opening.id}"
        yield _people_unknown(
            ctx, "screening", (opening.id, "resources.screening_lanes"), what, norms
        )
        return
    arriving = scaled(ctx.demand[opening.id], share.optimistic_value, share.cautious_value)
    if lanes is None:
        need = units_needed(arriving, rate.cautious_value * minutes / 60)
        yield _missing(
            "screening-lanes-unknown",
            (opening.id, "resources.screening_lanes"),
            f"{arriving} people arrive in the {minutes:g} min before {opening.id}; "
            f"{need} lanes clear them at {rate.cautious_value:g} an hour; the plan gives no number of lanes",
            norms,
            arriving,
        )
        return
    capacity = Count(
        formulas.served(lanes, rate.cautious_value * minutes / 60),
        formulas.served(lanes, rate.optimistic_value * minutes / 60),
    )
    finding = _capacity_finding(
        "screening",
        (opening.id, "resources.screening_lanes"),
        f"screening before {opening.id} ({lanes} lanes), people in {minutes:g} min",
        arriving,
        capacity,
        norms,
    )
    served_per_minute = lanes * rate.cautious_value / 60
    queue = max(0.0, high(arriving) - served_per_minute * minutes)
    if math.isinf(queue):
        finding = attrs.evolve(
            finding,
            message=f"{finding.message}; cautious case: the number arriving has no upper bound, "
            "and nor has the queue",
        )
    elif queue > 0 and served_per_minute == 0:
        finding = attrs.evolve(finding, message=f"{finding.message}; with no lanes, nobody gets in")
    elif queue > 0:
        wait = queue / served_per_minute
        finding = attrs.evolve(
            finding,
            message=f"{finding.message}; cautious case: a queue of {queue:,.0f} at the start, the last waiting {wait:.0f} min",
        )
    yield finding


def check_accreditation(ctx: Context) -> Iterator[Finding]:
    counts = ctx.counts
    badges = counts.delegates + (counts.reporters or Count.zero())
    rate = ctx.norm("accreditation.desk_rate")
    resources = ctx.event.resources
    if not ctx.parties.known:
        subjects = ("resources.accreditation_desks", "resources.accreditation_hours")
        what = "badges to issue before day 1"
        yield _people_unknown(ctx, "accreditation", subjects, what, (rate,))
        return
    if resources.accreditation_desks is None or resources.accreditation_hours is None:
        yield _missing(
            "accreditation-unknown",
            ("resources.accreditation_desks", "resources.accreditation_hours"),
            f"{badges} badges to issue before day 1; the plan gives no desks or opening hours "
            f"({rate.low:g}–{rate.high:g} badges an hour per desk)",
            (rate,),
            badges,
        )
        return
    per_desk = resources.accreditation_hours
    desks = resources.accreditation_desks
    capacity = Count(
        formulas.served(desks, rate.cautious_value * per_desk),
        formulas.served(desks, rate.optimistic_value * per_desk),
    )
    what = f"accreditation ({resources.accreditation_desks} desks, {per_desk:g} h), badges"
    yield _capacity_finding(
        "accreditation", ("resources.accreditation_desks",), what, badges, capacity, (rate,)
    )


def check_press_centre(ctx: Context) -> Iterator[Finding]:
    counts = ctx.counts
    norm = ctx.norm(formulas.PER_PERSON_NORMS["workplaces"])
    if counts.reporters is None:
        yield _missing(
            "press-unknown",
            (ctx.turnout,),
            f"turnout {ctx.turnout!r} does not say how many reporters come",
            (norm,),
        )
        return
    needed = scaled(counts.reporters, norm.optimistic_value, norm.cautious_value)
    room_id = ctx.event.resources.press_centre
    if room_id is None:
        yield _missing(
            "press-centre-unknown",
            ("resources.press_centre",),
            f"{counts.reporters} reporters need {needed} workplaces; the plan names no press centre",
            (norm,),
            needed,
        )
        return
    room = ctx.rooms[room_id]
    seats = [s.seats for s in room.seat_counts if s.seats is not None]
    if not seats:
        yield _missing(
            "press-centre-unknown",
            (room_id,),
            f"{room.name} has no seat count to serve as workplaces",
            (norm,),
            needed,
        )
        return
    yield _capacity_finding(
        "press-centre",
        (room_id,),
        f"press centre {room.name}, workplaces for {counts.reporters} reporters",
        needed,
        Count(min(seats), max(seats)),
        (norm,),
    )


# --- bilaterals, gala, exhibition ------------------------------------------------------------------


def check_bilaterals(ctx: Context) -> Iterator[Finding]:
    resources = ctx.event.resources
    slot, turnaround, hours = (
        ctx.norm(n)
        for n in (
            "bilateral.slot_minutes",
            "bilateral.turnaround_minutes",
            "bilateral.bookable_hours",
        )
    )
    norms = (slot, turnaround, hours)
    requests = resources.bilateral_requests
    if requests is None:
        scheduled = sum(1 for s in ctx.live if s.kind is SessionKind.BILATERAL)
        yield _missing(
            "bilateral-requests-unknown",
            ("resources.bilateral_requests",),
            f"the plan gives no number of requested bilaterals ({scheduled} in the programme)",
            norms,
        )
        return
    if not resources.bilateral_rooms:
        yield _missing(
            "bilateral-rooms-unknown",
            ("resources.bilateral_rooms",),
            f"{requests} bilaterals requested; the plan names no bilateral rooms",
            norms,
        )
        return
    days = (ctx.event.end_date - ctx.event.start_date).days + 1
    rooms = len(resources.bilateral_rooms)

    def slots(length: float) -> int:
        return rooms * days * math.floor(hours.low * 60 / (length + turnaround.low))

    capacity = Count(slots(slot.cautious_value), slots(slot.optimistic_value))
    what = f"bilaterals in {rooms} rooms over {days} days, meetings"
    yield _capacity_finding(
        "bilaterals", resources.bilateral_rooms, what, Count.exactly(requests), capacity, norms
    )


def gala_places(ctx: Context, guests: Count) -> tuple[Count, tuple[Norm, ...]]:
    """Places with overset for ``guests`` at each end, and the overset norms that applied."""
    optimistic = formulas.gala_places(guests.low, *formulas.overset_rates(ctx.norms, False))
    cautious = formulas.gala_places(high(guests), *formulas.overset_rates(ctx.norms, True))
    small, large = ctx.norm("banquet.overset_small"), ctx.norm("banquet.overset_large")
    most = high(guests)
    if most > formulas.LARGE_BANQUET and guests.low > formulas.LARGE_BANQUET:
        norms: tuple[Norm, ...] = (large,)
    elif most <= formulas.SMALL_BANQUET:
        norms = (small,)
    else:
        norms = (small, large)
    return at_ends(optimistic, cautious), norms


def check_gala(ctx: Context) -> Iterator[Finding]:
    tables = ctx.event.resources.gala_tables
    seats_norm = ctx.norm("banquet.seats_per_table")
    for session in (s for s in ctx.live if s.kind is SessionKind.GALA_DINNER):
        if not ctx.parties.demand_known(session):
            subjects = (session.id, "resources.gala_tables")
            what = f"{session.id}: guests"
            yield _people_unknown(ctx, "gala-seating", subjects, what, (seats_norm,))
            continue
        guests = ctx.demand[session.id]
        places, overset_norms = gala_places(ctx, guests)
        norms = (seats_norm, *overset_norms)
        if tables is None:
            need = units_needed(places, seats_norm.cautious_value)
            yield _missing(
                "gala-tables-unknown",
                (session.id, "resources.gala_tables"),
                f"{session.id}: {places} places with overset need {need} tables; the plan gives no table count",
                norms,
                places,
            )
            continue
        capacity = Count(
            formulas.served(tables, seats_norm.cautious_value),
            formulas.served(tables, seats_norm.optimistic_value),
        )
        what = f"{session.id}: {guests} guests plus overset at {tables} tables, places"
        yield _capacity_finding(
            "gala-seating", (session.id, "resources.gala_tables"), what, places, capacity, norms
        )


def check_exhibition(ctx: Context) -> Iterator[Finding]:
    share, density = ctx.norm(formulas.PER_PERSON_NORMS["visitors"]), ctx.norm("code.exhibition")
    for session in (s for s in ctx.live if s.kind is SessionKind.EXHIBITION):
        if not ctx.parties.demand_known(session):
            what = f"{session.id}: visitors at the peak"
            yield _people_unknown(ctx, "exhibition-density", (session.id,), what, (share, density))
            continue
        visitors = scaled(ctx.demand[session.id], share.optimistic_value, share.cautious_value)
        room = ctx.rooms.get(session.room or "")
        if room is None or not room.floor_area_m2:
            yield _missing(
                "exhibition-area-unknown",
                (session.id,),
                f"{session.id}: {visitors} visitors at the peak; no floor area to hold them",
                (share, density),
                visitors,
            )
            continue
        capacity = Count(
            formulas.people_per_area(room.floor_area_m2, density.cautious_value),
            formulas.people_per_area(room.floor_area_m2, density.optimistic_value),
        )
        what = f"{session.id}: visitors at the peak on {room.floor_area_m2:,.0f} m² of {room.name}"
        yield _capacity_finding(
            "exhibition-density", (session.id, room.id), what, visitors, capacity, (share, density)
        )


# --- hotels and transport ----------------------------------------------------------------------


def _against(
    ctx: Context,
    code: str,
    field: str,
    needed: Count,
    what: str,
    missing: str,
    norms: tuple[Norm, ...],
    people: str,
) -> Finding:
    """A demand set against one resource of the plan, or an ``info`` that the plan lacks it
    or that the turnout does not say who comes (``people``: what is then not known)."""
    subjects = (f"resources.{field}",)
    available: int | None = getattr(ctx.event.resources, field)
    capacity = None if available is None else Count.exactly(available)
    if not ctx.parties.known:
        return _people_unknown(ctx, code, subjects, people, norms, capacity)
    if capacity is None:
        return _missing(f"{code}-unknown", subjects, missing, norms, needed)
    return _capacity_finding(code, subjects, what, needed, capacity, norms)


def check_hotels(ctx: Context) -> Iterator[Finding]:
    delegates = ctx.counts.delegates
    norm = ctx.norm(formulas.PER_PERSON_NORMS["hotel"])
    needed = scaled(delegates, norm.optimistic_value, norm.cautious_value)
    yield _against(
        ctx,
        "hotel-rooms",
        "hotel_rooms",
        needed,
        f"hotel rooms for {delegates} delegates",
        f"{delegates} delegates need {needed} hotel rooms; the plan gives no room block",
        (norm,),
        "delegates and the hotel rooms they need",
    )


def check_cars(ctx: Context) -> Iterator[Finding]:
    heads = ctx.parties.heads
    norm = ctx.norm(formulas.PER_PERSON_NORMS["cars"])
    needed = scaled(heads, norm.optimistic_value, norm.cautious_value)
    yield _against(
        ctx,
        "cars",
        "cars",
        needed,
        f"cars for {heads} heads of delegation",
        f"{heads} heads of delegation need {needed} cars; the plan gives no fleet",
        (norm,),
        "heads of delegation and the cars they need",
    )


def check_shuttles(ctx: Context) -> Iterator[Finding]:
    resources = ctx.event.resources
    capacity_norm, load = ctx.norm("bus.capacity"), ctx.norm("bus.load_factor")
    cycle, headway, buses = (
        resources.shuttle_cycle_minutes,
        resources.shuttle_headway_minutes,
        resources.shuttle_buses,
    )
    if cycle is None or headway is None or buses is None or headway == 0:
        yield _missing(
            "shuttle-unknown",
            ("resources.shuttle_buses",),
            "the plan gives no shuttle fleet, cycle time and headway (fleet = cycle time / headway)",
            (capacity_norm, load),
        )
        return
    fleet = math.ceil(cycle / headway)
    yield _capacity_finding(
        "shuttle-fleet",
        ("resources.shuttle_buses",),
        f"shuttle buses for a {cycle:g}-min cycle every {headway:g} min",
        Count.exactly(fleet),
        Count.exactly(buses),
        (),
    )
    opening = ctx.opening
    if opening is None:
        return
    window, share = (
        ctx.norm("arrival.window_minutes"),
        ctx.norm(formulas.PER_PERSON_NORMS["arriving"]),
    )
    if not ctx.parties.demand_known(opening):
        what = f"shuttle riders in the {window.low:g} min before {opening.id}"
        subjects = ("resources.shuttle_buses", opening.id)
        yield _people_unknown(ctx, "shuttle-peak", subjects, what, (capacity_norm, load, share))
        return
    arriving = scaled(ctx.demand[opening.id], share.optimistic_value, share.cautious_value)
    heads = ctx.parties.heads  # heads of delegation come by car
    # the cautious case: the most people arriving, the fewest of them by car
    riders = at_ends(
        formulas.shuttle_riders(arriving.low, high(heads)),
        formulas.shuttle_riders(high(arriving), heads.low),
    )
    # a bus leaves every `headway` minutes, or less often when there are too few buses for the loop
    effective_headway = max(headway, cycle / buses) if buses else math.inf
    trips = math.floor(window.low / effective_headway)
    carried = Count(
        trips * formulas.served(capacity_norm.low, load.cautious_value),
        trips * formulas.served(capacity_norm.low, load.optimistic_value),
    )
    yield _capacity_finding(
        "shuttle-peak",
        ("resources.shuttle_buses", opening.id),
        f"shuttles in the {window.low:g} min before {opening.id} (heads of delegation by car), riders",
        riders,
        carried,
        (capacity_norm, load, share),
    )


CHECKS: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    check_seats,
    check_room_bookings,
    check_recording,
    check_people,
    check_interpretation,
    check_shared,
    check_signing,
    check_arrivals,
    check_accreditation,
    check_press_centre,
    check_bilaterals,
    check_gala,
    check_exhibition,
    check_hotels,
    check_cars,
    check_shuttles,
)


def run_checks(
    event: Event, turnout: str | None = None, norms: NormSet | None = None
) -> tuple[Finding, ...]:
    """Every check over ``event`` for one turnout; norms default to eventplan's with the event's overrides."""
    ctx = Context(event, event.turnout(turnout).name, event.planning_norms(norms))
    return tuple(finding for check in CHECKS for finding in check(ctx))


def _start(session: Session) -> object:
    return session.start


def _end(session: Session) -> object:
    return session.end


def _overlaps(
    code: str, holds: str, subject: str, sessions: list[Session], zone: str
) -> Iterator[Finding]:
    """One finding per run of sessions that overlap (a room's, a person's): two sessions are
    named with their times; more are counted, with the first few pairs, so 2,000 sessions at
    one time are one finding, not 1,999,000."""
    for run in intervals.overlap_runs(sessions, _start, _end, shown=_PAIRS_SHOWN):
        if run.pairs == 1:
            ((a, b),) = run.first
            message = f"{holds} {a.id} ({_span(a, zone)}) and {b.id} ({_span(b, zone)}) at once"
        else:
            ends = max(session.end for session in run.items)
            such = "; ".join(f"{a.id} and {b.id}" for a, b in run.first)
            more = ", ..." if run.pairs > len(run.first) else ""
            message = (
                f"{holds} {len(run.items):,} sessions that overlap, "
                f"{localtime.span(run.items[0].start, ends, zone)} "
                f"({run.pairs:,} pairs at once: {such}{more})"
            )
        yield Finding(
            code, Severity.ERROR, message, (subject, *(session.id for session in run.items))
        )


#: Pairs a finding of overlapping sessions names; the rest are counted.
_PAIRS_SHOWN = 3


def _span(session: Session, zone: str) -> str:
    return localtime.span(session.start, session.end, zone)
