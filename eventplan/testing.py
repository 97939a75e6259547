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

import numpy as np
import pendulum

from eventplan.count import Count
from eventplan.enums import (
    ORGANISATION_KINDS,
    HeadRank,
    Layout,
    PartyKind,
    SessionKind,
    SessionStatus,
    SignatoryStatus,
)
from eventplan.event import Event
from eventplan.norms import default_norms
from eventplan.organisation import (
    Agency,
    Official,
    Organisation,
    Secretariat,
    SteeringCommittee,
    SubCommittee,
    Task,
)
from eventplan.participation import Cohort, Delegation, PressCorps, Turnout, TurnoutKind
from eventplan.programme import (
    ALL_DELEGATIONS,
    ALL_ORGANISATIONS,
    DELEGATION_PREFIX,
    PRESS,
    AudienceRule,
    Session,
)
from eventplan.simulate import Uncertainty, _Model
from eventplan.venue import Room, SeatCount, Venue

if TYPE_CHECKING:  # pragma: no cover
    from eventplan.meetings import BilateralRequest

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
    sessions: int = 100,
    rooms: int = 10,
    delegations: int = 50,
    *,
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
                press=PressCorps(Count(50, 80), Count(20, 30)),
            ),
            Turnout(
                name="actual",
                kind=TurnoutKind.OUTCOME,
                as_of=start + dt.timedelta(days=days),
                delegations=named,
                cohorts=_cohorts(rng, delegations * 2),
                press=PressCorps(Count.exactly(120), Count.exactly(45)),
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
            SeatCount(Layout.THEATRE, seats, assumption="synthetic"),
            SeatCount(Layout.BANQUET, int(seats * 0.6), assumption="synthetic"),
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
    draws: int,
    seed: int = 0,
    uncertainty: Uncertainty | None = None,
    *,
    turnout: str | None = None,
) -> dict[str, float]:
    """The Monte Carlo of :func:`eventplan.simulate`, one draw at a time in plain Python.

    The straightforward way to write the same model, kept as the yardstick the
    vectorised version is measured and checked against. Returns the probability
    that each subject's demand exceeds its cautious capacity.
    """
    norms = default_norms().with_overrides(event.norm_overrides)
    model = _Model(event, event.turnout(turnout).name, norms, uncertainty or Uncertainty())
    u = model.uncertainty
    base = event.turnout(turnout)
    rng = np.random.default_rng(seed)
    subjects = model.all_subjects
    over = dict.fromkeys((s.subject for s in subjects), 0)
    share = norms["arrival.share_in_window"]
    for _ in range(draws):
        # who comes: a turnout factor per kind, whole parties per cohort, named delegations one by one
        factor = {kind: math.exp(u.turnout_sigma * rng.standard_normal()) for kind in PartyKind}
        parties = dict.fromkeys(PartyKind, 0.0)
        present: dict[str, bool] = {}
        delegates = media_people = 0.0
        for cohort in base.cohorts:
            high = cohort.parties.high if cohort.parties.high is not None else cohort.parties.low
            came = rng.poisson(rng.integers(cohort.parties.low, high + 1) * factor[cohort.kind])
            size_low = cohort.delegates_per_party.low
            size_high = (
                cohort.delegates_per_party.high
                if cohort.delegates_per_party.high is not None
                else size_low
            )
            mean, var = (size_low + size_high) / 2, ((size_high - size_low + 1) ** 2 - 1) / 12
            people = max(
                came * size_low, round(came * mean + math.sqrt(came * var) * rng.standard_normal())
            )
            parties[cohort.kind] += came
            if cohort.kind is PartyKind.MEDIA_OUTLET:
                media_people += people
            else:
                delegates += people
        for delegation in base.delegations:
            here = rng.random() < u.named_attendance
            present[delegation.id] = here
            parties[delegation.kind] += here
            size_high = (
                delegation.size.high if delegation.size.high is not None else delegation.size.low
            )
            size = rng.integers(delegation.size.low, size_high + 1) * here
            if delegation.kind is PartyKind.MEDIA_OUTLET:
                media_people += size
            else:
                delegates += size
        low, high = model.press
        reporters = (
            rng.poisson(
                rng.integers(low, high + 1) * math.exp(u.press_sigma * rng.standard_normal())
            )
            + media_people
        )
        everyone = sum(n for kind, n in parties.items() if kind is not PartyKind.MEDIA_OUTLET)

        counts: dict[str, float] = {kind.value: n for kind, n in parties.items()}
        counts[ALL_DELEGATIONS] = everyone
        counts[ALL_ORGANISATIONS] = sum(parties[kind] for kind in ORGANISATION_KINDS)
        counts[PRESS] = float(reporters)
        counts.update({f"{DELEGATION_PREFIX}{d}": float(here) for d, here in present.items()})

        # what each session and resource must hold in this draw
        demand = []
        for session in model.sessions:
            seats = 0.0
            for rule in session.audience:
                if rule.seats is not None:
                    seats += rule.seats
                seats += (
                    sum(counts.get(selector, 0.0) for selector in rule.parties)
                    * rule.seats_per_party
                )
            demand.append(seats)
        for subject, _ in model.resources:
            if subject.subject == "hotel-rooms":
                demand.append(
                    math.ceil(delegates * norms["hotel.rooms_per_delegate"].cautious_value)
                )
            elif subject.subject == "cars":
                demand.append(everyone)
            elif subject.subject == "screening" and model.opening is not None:
                demand.append(math.ceil(demand[model.opening] * rng.uniform(share.low, share.high)))
            elif subject.subject == "gala-seating" and model.gala is not None:
                guests = demand[model.gala]
                overset = norms[
                    "banquet.overset_large" if guests > 1000 else "banquet.overset_small"
                ].cautious_value
                demand.append(math.ceil(guests * (1 + overset)))
            elif subject.subject == "accreditation":
                demand.append(delegates + reporters)
        for subject, value in zip(subjects, demand, strict=True):
            over[subject.subject] += value > subject.capacity.low
    return {subject: n / draws for subject, n in over.items()}


# --- bilateral requests -----------------------------------------------------------------------

#: Seats of the synthetic bilateral rooms: 8–12 as in the APEC 2018 SOM2 handbook, and a larger one.
BILATERAL_ROOM_SEATS = (8, 10, 12, 16)


def bilateral_requests(
    event: Event, count: int, *, seed: int = 0, turnout: str | None = None
) -> tuple[BilateralRequest, ...]:
    """``count`` requests between the named delegations of ``event`` (and a few of its officials):
    30 or 45 min, priority 1–3, sizes 1–8 a side, a third with a half-day window."""
    from eventplan.meetings import BilateralRequest

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


def with_bilaterals(event: Event, requests: int = 400, rooms: int = 10, *, seed: int = 0) -> Event:
    """``event`` with a venue of ``rooms`` bilateral rooms (boardrooms of 8–16 seats) named as its
    bilateral rooms, and ``requests`` generated requests."""
    import attrs

    from eventplan.resources import Resources

    rng = random.Random(seed)
    bilateral_rooms = tuple(
        Room(
            id=f"bilateral-{n}",
            name=f"Bilateral room {n}",
            seat_counts=(
                SeatCount(
                    Layout.BOARDROOM, rng.choice(BILATERAL_ROOM_SEATS), assumption="synthetic"
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
        bilateral_requests=bilateral_requests(event, requests, seed=seed),
    )
