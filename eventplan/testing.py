"""Synthetic events of any size, for benchmarks, property tests and demos.

``synthetic_event(sessions=10_000, rooms=500, delegations=5_000, seed=1)``
builds a valid event: sessions in parallel across as many days as the rooms
need, audiences by party kind, named delegations and cohorts in two
turnouts, and an organisation with tasks. The same arguments give an equal
event. ``with_bilaterals`` adds bilateral rooms and generated requests
(``bilateral_requests``) for the bilateral placement.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import TYPE_CHECKING

import attrs
import numpy as np
import pendulum

from eventplan.capacity.report import check
from eventplan.capacity.subjects import DEMANDS
from eventplan.demand import formulas
from eventplan.model.count import Count
from eventplan.model.enums import (
    HeadRank,
    Layout,
    PartyKind,
    SessionKind,
    SessionStatus,
    SignatoryStatus,
)
from eventplan.model.event import Event
from eventplan.model.organisation import (
    Agency,
    Official,
    Organisation,
    Secretariat,
    SteeringCommittee,
    SubCommittee,
    Task,
)
from eventplan.model.participation import Cohort, Delegation, PressCorps, Turnout, TurnoutKind
from eventplan.model.parties import PRESS_CORPS, Member, Parties
from eventplan.model.programme import (
    ALL_DELEGATIONS,
    DELEGATION_PREFIX,
    PRESS,
    AudienceRule,
    Session,
)
from eventplan.model.venue import Room, SeatCount, Venue
from eventplan.montecarlo.simulation import Uncertainty

if TYPE_CHECKING:  # pragma: no cover
    from eventplan.model.meetings import BilateralRequest

REGIONS = (
    "African",
    "Asia-Pacific",
    "Eastern European",
    "Latin American and Caribbean",
    "Western European and Others",
)
SLOT_MINUTES = 75
SLOTS_PER_DAY = 8
DAY_STARTS_AT = 8
ROOMS_PER_VENUE = 50

_PARTY_KINDS = (
    (PartyKind.MEMBER_STATE, 0.55),
    (PartyKind.INTERGOVERNMENTAL_ORGANISATION, 0.2),
    (PartyKind.PRIVATE_SECTOR, 0.1),
    (PartyKind.RESEARCH_INSTITUTION, 0.1),
    (PartyKind.MEDIA_OUTLET, 0.05),
)
_SESSION_KINDS = (
    SessionKind.PLENARY,
    SessionKind.HIGH_LEVEL_DISCUSSION,
    SessionKind.ROUNDTABLE,
    SessionKind.SIDE_EVENT,
    SessionKind.WORKSHOP,
    SessionKind.BILATERAL,
    SessionKind.PRESS_CONFERENCE,
)
_SUBCOMMITTEES = (
    "content",
    "finance-logistics",
    "security-health",
    "diplomacy",
    "protocol",
    "media-culture",
)


def synthetic_event(
    *,
    sessions: int = 100,
    rooms: int = 10,
    delegations: int = 50,
    seed: int = 0,
    timezone: str = "Asia/Ho_Chi_Minh",
    start: dt.date = dt.date(2030, 10, 1),
) -> Event:
    """A valid event with the given numbers of sessions, rooms and named delegations."""
    if min(sessions, rooms, delegations) < 0 or (rooms == 0 and sessions > 0):
        raise ValueError(
            "sessions, rooms and delegations must be >= 0, and sessions need at least one room"
        )
    rng = random.Random(seed)
    days = max(1, math.ceil(sessions / (max(rooms, 1) * SLOTS_PER_DAY)))
    room_list = [_room(rng, index) for index in range(rooms)]
    venues = tuple(
        Venue(id=f"venue-{n}", name=f"Venue {n}", rooms=tuple(room_list[i : i + ROOMS_PER_VENUE]))
        for n, i in enumerate(range(0, rooms, ROOMS_PER_VENUE))
    )
    agencies = (
        Agency(id="host-mfa", name="Ministry of Foreign Affairs"),
        Agency(id="host-mps", name="Ministry of Public Security"),
    )
    # One official per room chairs its sessions, so no chair is in two places at once.
    officials = tuple(
        Official(
            id=f"official-{n}",
            name=f"Official {n}",
            title="Deputy Minister",
            agency=agencies[n % 2].id,
        )
        for n in range(max(rooms, 12))
    )
    named = tuple(_delegation(rng, n) for n in range(delegations))
    return Event(
        id=f"synthetic-{seed}",
        name=f"Synthetic event ({sessions} sessions, {rooms} rooms, {delegations} delegations)",
        short_name="Synthetic",
        timezone=timezone,
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        host_city="Testville",
        venues=venues,
        sessions=tuple(_sessions(rng, sessions, room_list, named, officials, timezone, start)),
        agencies=agencies,
        officials=officials,
        organisation=_organisation(rng, officials, start),
        turnouts=(
            Turnout(
                name="planned",
                kind=TurnoutKind.FORECAST,
                as_of=start - dt.timedelta(days=14),
                delegations=named,
                cohorts=_cohorts(rng, delegations),
                press=PressCorps(reporters=Count(50, 80), agencies=Count(20, 30)),
            ),
            Turnout(
                name="actual",
                kind=TurnoutKind.OUTCOME,
                as_of=start + dt.timedelta(days=days),
                delegations=named,
                cohorts=_cohorts(rng, delegations * 2),
                press=PressCorps(reporters=Count.exactly(120), agencies=Count.exactly(45)),
            ),
        ),
        default_turnout="planned",
    )


def _room(rng: random.Random, index: int) -> Room:
    seats = rng.choice((12, 40, 100, 200, 400, 700, 1500, 3500))
    return Room(
        id=f"room-{index}",
        name=f"Room {index}",
        floor_area_m2=round(seats * rng.uniform(1.0, 1.6), 1),
        seat_counts=(
            SeatCount(layout=Layout.THEATRE, seats=seats, assumption="synthetic"),
            SeatCount(layout=Layout.BANQUET, seats=int(seats * 0.6), assumption="synthetic"),
        ),
        interpretation_booths=6 if seats >= 400 else 0,
    )


def _delegation(rng: random.Random, n: int) -> Delegation:
    kind = rng.choices([k for k, _ in _PARTY_KINDS], [w for _, w in _PARTY_KINDS])[0]
    low = rng.randint(1, 12)
    member = kind is PartyKind.MEMBER_STATE
    return Delegation(
        id=f"d{n}",
        name=f"Delegation {n}",
        kind=kind,
        size=Count(low, low + rng.randint(0, 6)),
        region=rng.choice(REGIONS) if member else None,
        head_rank=rng.choice((HeadRank.HEAD_OF_STATE, HeadRank.MINISTER, HeadRank.AMBASSADOR))
        if member
        else None,
        signatory=rng.choice(tuple(SignatoryStatus)) if member else SignatoryStatus.NOT_SIGNED,
    )


def _cohorts(rng: random.Random, scale: int) -> tuple[Cohort, ...]:
    parties = max(1, scale // 5)
    signed = rng.randint(0, parties)
    return (
        Cohort(
            id="other-states",
            kind=PartyKind.MEMBER_STATE,
            parties=Count.exactly(parties),
            delegates_per_party=Count(4, 10),
            signed_at_plenary=signed,
        ),
        Cohort(
            id="other-organisations",
            kind=PartyKind.ORGANISATIONS,
            parties=Count(parties, parties * 2),
            delegates_per_party=Count(1, 3),
        ),
    )


def _sessions(
    rng: random.Random,
    count: int,
    rooms: list[Room],
    named: tuple[Delegation, ...],
    officials: tuple[Official, ...],
    timezone: str,
    start: dt.date,
) -> list[Session]:
    result: list[Session] = []
    per_day = len(rooms) * SLOTS_PER_DAY
    for n in range(count):
        day, rest = divmod(n, per_day)
        slot, room_index = divmod(rest, len(rooms))
        date = start + dt.timedelta(days=day)
        begin = pendulum.datetime(date.year, date.month, date.day, DAY_STARTS_AT, tz=timezone).add(
            minutes=slot * (SLOT_MINUTES + 15)
        )
        # One plenary a day for everyone; the rest invite a few named delegations,
        # as side events and bilaterals do, so per-delegation calendars stay small.
        kind = SessionKind.PLENARY if n % per_day == 0 else rng.choice(_SESSION_KINDS[1:])
        if kind is SessionKind.PLENARY:
            audience = [
                AudienceRule(parties=("member_state",), at_table=1, behind=3),
                AudienceRule(parties=("all_organisations",), at_table=1, behind=1),
                AudienceRule(parties=("press",)),
            ]
        elif named:
            invited = tuple(
                f"delegation:{d.id}" for d in rng.sample(named, min(len(named), rng.randint(1, 3)))
            )
            audience = [AudienceRule(parties=invited, at_table=1, behind=rng.randint(0, 4))]
        else:
            audience = []
        audience.append(AudienceRule(seats=rng.randint(0, 20), label="hosts and staff"))
        result.append(
            Session(
                id=f"s{n}",
                title=f"{kind.replace('_', ' ').capitalize()} {n}",
                kind=kind,
                start=begin,
                end=begin.add(minutes=SLOT_MINUTES),
                room=rooms[room_index].id,
                status=rng.choices(tuple(SessionStatus), (0.85, 0.1, 0.05))[0],
                chairs=(officials[room_index].id,),
                languages=("en", "fr", "es") if kind is SessionKind.PLENARY else ("en",),
                subcommittee=rng.choice(_SUBCOMMITTEES),
                audience=tuple(audience),
            )
        )
    return result


def _organisation(
    rng: random.Random, officials: tuple[Official, ...], start: dt.date
) -> Organisation:
    tasks = []
    for n in range(24):
        depends = (f"task-{rng.randrange(n)}",) if n and rng.random() < 0.5 else ()
        tasks.append(
            Task(
                id=f"task-{n}",
                title=f"Task {n}",
                due=start - dt.timedelta(days=60 - 2 * n),
                owner=_SUBCOMMITTEES[n % len(_SUBCOMMITTEES)],
                depends_on=depends,
                milestone=n % 6 == 5,
            )
        )
    return Organisation(
        steering_committee=SteeringCommittee(
            name="Steering committee",
            head=officials[0].id,
            standing_deputy_head=officials[1].id,
            deputy_heads=(officials[1].id, officials[2].id),
            members=tuple(o.id for o in officials[3:8]),
        ),
        secretariat=Secretariat(name="Permanent secretariat", lead="host-mfa"),
        subcommittees=tuple(
            SubCommittee(
                id=sid,
                name=sid.replace("-", " ").capitalize(),
                lead=("host-mps", "host-mfa")[i // 3],
            )
            for i, sid in enumerate(_SUBCOMMITTEES)
        ),
        tasks=tuple(tasks),
    )


def simulate_by_loop(
    event: Event,
    turnout: str | None = None,
    *,
    draws: int,
    seed: int = 0,
    uncertainty: Uncertainty | None = None,
) -> dict[tuple[str, tuple[str, ...]], float]:
    """The Monte Carlo of :func:`eventplan.simulate`, one draw at a time in plain Python.

    The straightforward way to write the same model over the public one (the
    turnout, the checks' findings, the selectors of :mod:`eventplan.model.parties`
    and the resource formulas), kept as the yardstick the vectorised version
    is measured and checked against. Returns, per finding's ``(code,
    subjects)``, the probability that its demand exceeds its cautious capacity.
    """
    u = uncertainty or Uncertainty()
    norms = event.planning_norms()
    base = event.turnout(turnout)
    parties = Parties(base)
    findings = [
        f for f in check(event, base.name).findings if f.code in DEMANDS and f.capacity is not None
    ]
    sessions = {s.id: s for s in event.sessions}
    rng = np.random.default_rng(seed)
    over = dict.fromkeys(((f.code, f.subjects) for f in findings), 0)
    share = norms["arrival.share_in_window"]
    exhibition = norms["exhibition.peak_share"]
    rates = formulas.overset_rates(norms, True)
    kinds = sorted({d.kind.value for d in base.delegations} | {c.kind.value for c in base.cohorts})

    def top(count: Count) -> int:
        if count.high is not None:
            return count.high
        return max(count.low, math.ceil(count.low * u.open_tail))

    for _ in range(draws):
        # who comes: a turnout factor per kind, whole parties per cohort, named delegations one by one
        factor = {kind: math.exp(u.turnout_sigma * rng.standard_normal()) for kind in kinds}
        value: dict[Member, float] = {}
        for delegation in base.delegations:
            here = rng.random() < u.named_attendance
            size = rng.integers(delegation.size.low, top(delegation.size) + 1) * here
            value[Member("delegation", delegation.id)] = float(here)
            value[Member("delegation", delegation.id, True)] = float(size)
        for cohort in base.cohorts:
            mean_parties = rng.integers(cohort.parties.low, top(cohort.parties) + 1)
            came = rng.poisson(mean_parties * factor[cohort.kind.value])
            low, high = cohort.delegates_per_party.low, top(cohort.delegates_per_party)
            mean, var = (low + high) / 2, ((high - low + 1) ** 2 - 1) / 12
            noise = math.sqrt(came * var) * rng.standard_normal()
            value[Member("cohort", cohort.id)] = float(came)
            value[Member("cohort", cohort.id, True)] = float(
                max(came * low, round(came * mean + noise))
            )
        if base.press is not None:
            reporters = base.press.reporters
            press_factor = math.exp(u.press_sigma * rng.standard_normal())
            value[PRESS_CORPS] = float(
                rng.poisson(rng.integers(reporters.low, top(reporters) + 1) * press_factor)
            )

        seated: dict[str, float] = {}

        def people(
            session_id: str, value: dict[Member, float] = value, seated: dict[str, float] = seated
        ) -> float:
            if session_id in seated:
                return seated[session_id]
            attendance = parties.attendance(sessions[session_id])
            total = attendance.fixed + sum(value[m] * w for m, w in attendance.weights.items())
            seated[session_id] = total
            return total

        heads = sum(value[m] for m in parties.selection((ALL_DELEGATIONS,)))
        delegates = sum(value[m] for m in parties.delegates)
        reporters_now = sum(value[m] for m in parties.selection((PRESS,)))
        arrival_share = rng.uniform(share.low, share.high)
        exhibition_share = rng.uniform(exhibition.low, exhibition.high)

        # what each finding's subject must hold in this draw
        for finding in findings:
            kind = DEMANDS[finding.code][1]
            first = finding.subjects[0]
            demand: float
            if kind == "session":
                demand = people(first)
            elif kind == "fixed":
                demand = (finding.demand or Count.zero()).high or 0
            elif kind == "arriving":
                demand = formulas.rounded_up(people(first), arrival_share)
            elif kind == "riders":
                arriving = formulas.rounded_up(people(finding.subjects[1]), arrival_share)
                demand = formulas.shuttle_riders(arriving, heads)
            elif kind == "badges":
                demand = delegates + reporters_now
            elif kind == "workplaces":
                per = norms["press.workplaces_per_reporter"].cautious_value
                demand = formulas.rounded_up(reporters_now, per)
            elif kind == "gala":
                demand = formulas.gala_places(people(first), *rates)
            elif kind == "visitors":
                demand = formulas.rounded_up(people(first), exhibition_share)
            elif kind == "hotel":
                per = norms["hotel.rooms_per_delegate"].cautious_value
                demand = formulas.rounded_up(delegates, per)
            else:  # cars
                per = norms["cars.per_head_of_delegation"].cautious_value
                demand = formulas.rounded_up(heads, per)
            capacity = finding.capacity
            assert capacity is not None
            over[(finding.code, finding.subjects)] += demand > capacity.low
    return {key: n / draws for key, n in over.items()}


# --- bilateral requests -----------------------------------------------------------------------

#: Seats of the synthetic bilateral rooms: 8–12 as in the APEC 2018 SOM2 handbook, and a larger one.
BILATERAL_ROOM_SEATS = (8, 10, 12, 16)


def bilateral_requests(
    event: Event, turnout: str | None = None, *, count: int, seed: int = 0
) -> tuple[BilateralRequest, ...]:
    """``count`` requests between the named delegations of ``event`` (and a few of its officials):
    30 or 45 min, priority 1–3, sizes 1–8 a side, a third with a half-day window."""
    from eventplan.model.meetings import BilateralRequest

    rng = random.Random(seed)
    parties = [f"{DELEGATION_PREFIX}{d.id}" for d in event.turnout(turnout).delegations]
    parties += [o.id for o in event.officials[:5]]
    if len(parties) < 2:
        raise ValueError("bilateral requests need at least two named delegations or officials")
    zone = event.zone
    days = (event.end_date - event.start_date).days + 1
    requests = []
    for n in range(count):
        a, b = rng.sample(parties, 2)
        earliest = latest = None
        if rng.random() < 1 / 3:
            date = event.start_date + dt.timedelta(days=rng.randrange(days))
            noon = rng.random() < 0.5
            earliest = pendulum.datetime(
                date.year, date.month, date.day, 14 if noon else 8, tz=zone
            )
            latest = earliest.add(hours=6)
        requests.append(
            BilateralRequest(
                id=f"b{n}",
                parties=(a, b),
                minutes=rng.choice((30, 45)),
                priority=rng.choice((1, 1, 2, 3)),
                earliest=earliest,
                latest=latest,
                sizes=(rng.randint(1, 8), rng.randint(1, 8)),
                assumption="synthetic",
            )
        )
    return tuple(requests)


def with_bilaterals(event: Event, *, requests: int = 400, rooms: int = 10, seed: int = 0) -> Event:
    """``event`` with a venue of ``rooms`` bilateral rooms (boardrooms of 8–16 seats) named as its
    bilateral rooms, and ``requests`` generated requests."""
    import attrs

    from eventplan.model.resources import Resources

    rng = random.Random(seed)
    bilateral_rooms = tuple(
        Room(
            id=f"bilateral-{n}",
            name=f"Bilateral room {n}",
            seat_counts=(
                SeatCount(
                    layout=Layout.BOARDROOM,
                    seats=rng.choice(BILATERAL_ROOM_SEATS),
                    assumption="synthetic",
                ),
            ),
        )
        for n in range(rooms)
    )
    venue = Venue(id="bilateral-venue", name="Bilateral rooms", rooms=bilateral_rooms)
    resources: Resources = attrs.evolve(
        event.resources, bilateral_rooms=tuple(r.id for r in bilateral_rooms)
    )
    return attrs.evolve(
        event,
        venues=(*event.venues, venue),
        resources=resources,
        bilateral_requests=bilateral_requests(event, count=requests, seed=seed),
    )


#: The grid of :func:`placement_instance`: 45-minute sessions on the hour from 09:00, so the
#: quarter hour between two leaves exactly the turnover of one room (15 min) and the walk
#: between two rooms of one venue (at most 15 min) that the norms ask.
PLACEMENT_SESSION_MINUTES = 45
PLACEMENT_FIRST_HOUR = 9
_PLACEMENT_SEATS = (40, 80, 150, 300, 600)
_PLACEMENT_FILL = 0.7


def placement_instance(
    *, sessions: int = 200, rooms: int = 10, days: int = 3, seed: int = 0
) -> Event:
    """A programme to place, with a plan known to fit: ``sessions`` of 45 minutes in ``rooms``
    of one venue over ``days``, each with its own number of seats and one speaker who gives
    about three of them.

    The sessions come at the room and hour of a planted plan that passes the checks (seven
    tenths of the room-hours are used), so a placement has an answer to find and a re-plan a
    published programme to keep; seats of the planted room bound each session's demand. The
    same arguments give an equal event.
    """
    if min(sessions, rooms, days) < 1:
        raise ValueError("sessions, rooms and days must be at least 1")
    rng = random.Random(seed)
    hours = math.ceil(sessions / (rooms * days * _PLACEMENT_FILL))
    if PLACEMENT_FIRST_HOUR + hours > 24:
        raise ValueError(f"{sessions} sessions need more than a day's hours in {rooms} rooms")
    room_list = [
        Room(
            id=f"room-{n}",
            name=f"Room {n}",
            seat_counts=(
                SeatCount(
                    layout=Layout.THEATRE,
                    seats=_PLACEMENT_SEATS[n % len(_PLACEMENT_SEATS)],
                    assumption="synthetic",
                ),
            ),
        )
        for n in range(rooms)
    ]
    speakers = tuple(
        Official(id=f"speaker-{n}", name=f"Speaker {n}", title="Panellist", agency="host-mfa")
        for n in range(max(1, sessions // 3))
    )
    start = dt.date(2030, 10, 1)
    cells = rng.sample(
        [(d, h, r) for d in range(days) for h in range(hours) for r in range(rooms)], sessions
    )
    busy: set[tuple[str, int, int]] = set()
    result = []
    for n, (day, hour, room) in enumerate(sorted(cells)):
        free = [s.id for s in speakers if (s.id, day, hour) not in busy]
        speaker = rng.choice(free) if free else None
        if speaker is not None:
            busy.add((speaker, day, hour))
        date = start + dt.timedelta(days=day)
        begin = pendulum.datetime(
            date.year, date.month, date.day, PLACEMENT_FIRST_HOUR + hour, tz="Asia/Ho_Chi_Minh"
        )
        seats = room_list[room].seat_counts[0].seats or 0
        result.append(
            Session(
                id=f"p{n}",
                title=f"Workshop {n}",
                kind=SessionKind.WORKSHOP,
                start=begin,
                end=begin.add(minutes=PLACEMENT_SESSION_MINUTES),
                room=room_list[room].id,
                speakers=(speaker,) if speaker else (),
                audience=(
                    AudienceRule(seats=rng.randint(seats // 3, seats * 9 // 10), label="expected"),
                ),
            )
        )
    return Event(
        id=f"placement-{seed}",
        name=f"Programme to place ({sessions} sessions, {rooms} rooms, {days} days)",
        timezone="Asia/Ho_Chi_Minh",
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        venues=(Venue(id="centre", name="Conference centre", rooms=tuple(room_list)),),
        sessions=tuple(result),
        agencies=(Agency(id="host-mfa", name="Ministry of Foreign Affairs"),),
        officials=speakers,
        turnouts=(
            Turnout(name="planned", kind=TurnoutKind.FORECAST, as_of=start - dt.timedelta(days=14)),
        ),
        default_turnout="planned",
    )


def without_times(event: Event) -> Event:
    """The event with every session at 09:00 on its first day, lengths and rooms kept: a
    programme with no times, for a placement to write."""
    first = event.start_date
    nine = pendulum.datetime(first.year, first.month, first.day, 9, tz=event.zone)
    return attrs.evolve(
        event,
        sessions=tuple(attrs.evolve(s, start=nine, end=nine + s.duration) for s in event.sessions),
    )


def placement_hours(event: Event) -> tuple[dt.time, dt.time]:
    """The day's hours of a :func:`placement_instance`: from the first hour to the hour after
    the planted plan's last end."""
    last = max(s.end for s in event.sessions).in_timezone(event.timezone)
    return dt.time(PLACEMENT_FIRST_HOUR), dt.time(last.hour + 1)
