"""The subjects of the capacity checks whose demand moves with the turnout, and what that
demand is made of: the capacity layer's own account, which the Monte Carlo reads to redraw
each demand, so that it never runs a check or reads a finding code itself."""

from __future__ import annotations

import attrs

from eventplan.capacity.checks import (
    PEOPLE_UNKNOWN,
    Context,
    check_accreditation,
    check_arrivals,
    check_cars,
    check_exhibition,
    check_gala,
    check_hotels,
    check_interpretation,
    check_press_centre,
    check_seats,
    check_shuttles,
    check_signing,
)
from eventplan.model.count import Count
from eventplan.model.editing import resolve_turnout
from eventplan.model.event import Event
from eventplan.model.norms import NormSet
from eventplan.model.participation import Turnout

#: The checks whose subjects depend on the turnout.
MIRRORED = (
    check_seats,
    check_interpretation,
    check_signing,
    check_arrivals,
    check_accreditation,
    check_press_centre,
    check_gala,
    check_exhibition,
    check_hotels,
    check_cars,
    check_shuttles,
)
#: Finding code → (subject name, what its demand is made of); codes not listed are not mirrored.
DEMANDS = {
    "room-capacity": ("", "session"),
    "room-unassigned": ("", "session"),
    "room-capacity-unknown": ("", "session"),
    "interpretation-booths": ("interpretation-booths", "fixed"),
    "interpretation-booths-unknown": ("interpretation-booths", "fixed"),
    "interpreters": ("interpreters", "fixed"),
    "interpreters-unknown": ("interpreters", "fixed"),
    "signing-time": ("signing-time", "fixed"),
    "screening": ("screening", "arriving"),
    "screening-lanes-unknown": ("screening", "arriving"),
    "accreditation": ("accreditation", "badges"),
    "accreditation-unknown": ("accreditation", "badges"),
    "press-centre": ("press-centre", "workplaces"),
    "press-centre-unknown": ("press-centre", "workplaces"),
    "gala-seating": ("gala-seating", "gala"),
    "gala-tables-unknown": ("gala-seating", "gala"),
    "exhibition-density": ("exhibition-density", "visitors"),
    "exhibition-area-unknown": ("exhibition-density", "visitors"),
    "hotel-rooms": ("hotel-rooms", "hotel"),
    "hotel-rooms-unknown": ("hotel-rooms", "hotel"),
    "cars": ("cars", "cars"),
    "cars-unknown": ("cars", "cars"),
    "shuttle-peak": ("shuttle-peak", "riders"),
    # the turnout names no one: the same subjects, their demand not known
    **{
        code + PEOPLE_UNKNOWN: mirrored
        for code, mirrored in (
            ("room", ("", "session")),
            ("signing-time", ("signing-time", "fixed")),
            ("screening", ("screening", "arriving")),
            ("accreditation", ("accreditation", "badges")),
            ("gala-seating", ("gala-seating", "gala")),
            ("exhibition-density", ("exhibition-density", "visitors")),
            ("hotel-rooms", ("hotel-rooms", "hotel")),
            ("cars", ("cars", "cars")),
            ("shuttle-peak", ("shuttle-peak", "riders")),
        )
    },
}
RESOURCES = {
    # what each demand is made of, in words
    "session": "people in the room",
    "fixed": "known in advance",
    "arriving": "people screened before the opening",
    "badges": "badges before day 1",
    "workplaces": "press workplaces",
    "gala": "gala places with overset",
    "visitors": "exhibition visitors at the peak",
    "hotel": "hotel rooms",
    "cars": "cars for heads of delegation",
    "riders": "shuttle riders in the peak",
}
#: The demands that count the people of one session (a riders' peak reads its second subject).
BY_SESSION = frozenset({"session", "gala", "visitors", "arriving"})


@attrs.frozen(kw_only=True)
class Subject:
    """One capacity whose demand moves with the turnout, as its check sees it.

    ``demand`` says what the demand is made of (a key of :data:`RESOURCES`: ``session``
    people, ``hotel`` rooms, ...); ``session`` is the session whose people it counts, if any;
    ``fixed`` the demand itself where it does not move with the turnout (booths, signing
    time). ``demand_known`` is false when the turnout names no one: then the check reports no
    demand, and neither may a simulation.
    """

    name: str
    demand: str
    resource: str
    capacity: Count | None
    code: str
    subjects: tuple[str, ...]
    session: str | None
    fixed: Count | None
    demand_known: bool


def turnout_subjects(
    event: Event, turnout: str | Turnout | None = None, *, norms: NormSet | None = None
) -> tuple[Subject, ...]:
    """Every capacity the turnout moves, in the checks' order, each named once (a name that
    two subjects share is told apart by their first subject)."""
    event, name = resolve_turnout(event, turnout)
    ctx = Context(event, name, event.planning_norms(norms))
    findings = [f for check in MIRRORED for f in check(ctx) if f.code in DEMANDS]
    names = [DEMANDS[f.code][0] for f in findings]
    repeated = {name for name in names if names.count(name) > 1}
    subjects = []
    for finding, name in zip(findings, names, strict=True):
        demand = DEMANDS[finding.code][1]
        if demand in BY_SESSION:
            session: str | None = finding.subjects[0]
        elif demand == "riders":
            session = finding.subjects[1]
        else:
            session = None
        if not name:
            name = session or ""
        elif name in repeated:
            name = f"{name}:{finding.subjects[0]}"
        subjects.append(
            Subject(
                name=name,
                demand=demand,
                resource=RESOURCES[demand],
                capacity=finding.capacity,
                code=finding.code,
                subjects=finding.subjects,
                session=session,
                fixed=finding.demand if demand == "fixed" else None,
                demand_known=finding.demand is not None,
            )
        )
    return tuple(subjects)
