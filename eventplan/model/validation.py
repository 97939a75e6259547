"""Rules between the objects of an event: every reference resolves, ids are unique.

Each object's own invariants are guarded by its validators; what needs the
whole event is checked here, as a pure function returning problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventplan import _text
from eventplan.errors import InvalidEventError, Problem
from eventplan.model import arguments as _arguments
from eventplan.model import fields as _fields
from eventplan.model.parties import redundant_selectors
from eventplan.model.programme import DELEGATION_PREFIX

if TYPE_CHECKING:
    from eventplan.model.event import Event
    from eventplan.model.participation import Turnout

#: A problem, and the id it found missing (so callers can tell it apart).
Found = tuple[Problem, str | None]


def find_problems(event: Event) -> tuple[Problem, ...]:
    """Every broken reference, duplicate id and value beyond the limits in ``event``;
    empty when it is sound."""
    _arguments.event("find_problems", event)
    return tuple(problem for problem, _ in reference_problems(event))


def validate(event: Event) -> Event:
    """Return ``event`` if it is sound, else raise :class:`InvalidEventError` listing every problem.

    Use it on events built in code; files are validated as they are read.
    """
    _arguments.event("validate", event)
    problems = find_problems(event)
    if problems:
        raise InvalidEventError(problems)
    return event


def turnout_problems(event: Event, turnout: Turnout) -> tuple[Problem, ...]:
    """What is wrong with planning ``event`` with ``turnout`` (a turnout built in code): its
    parties' ids twice, its values beyond the limits, its sessions' seats beyond them. The rest
    of the event was checked when it was loaded or edited, and is not checked again."""
    found = [problem for problem, _ in _twice(*_parties_of(turnout))]
    from eventplan.model.bounds import turnout_value_problems

    return (*found, *turnout_value_problems(event, turnout))


def reference_problems(event: Event) -> Iterator[Found]:
    yield from _duplicates(event)
    yield from _sources(event)
    yield from _programme(event)
    yield from _organisation(event)
    yield from _participation(event)
    yield from _session_dates(event)
    yield from _redundant_selectors(event)
    yield from _protocol(event)
    yield from _values(event)


def _values(event: Event) -> Iterator[Found]:
    """Numbers, dates and text beyond the limits (:mod:`eventplan.model.bounds`)."""
    from eventplan.model.bounds import value_problems

    for problem in value_problems(event):
        yield problem, None


def _unknown(path: str, what: str, value: str, known: Iterable[str]) -> Found:
    # an id with a control character is shown escaped, as the problem about it shows it
    choices = [repr(c) if _text.CONTROL.search(c) else c for c in sorted(known)]
    shown = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    listing = f"; known: {shown}" if choices else f"; the event defines no {what}s"
    return Problem(path, f"unknown {what} {value!r}{listing}"), value


def _duplicates(event: Event) -> Iterator[Found]:
    groups: list[tuple[str, Iterable[str]]] = [
        ("sources", (s.id for s in event.sources)),
        ("venues", (v.id for v in event.venues)),
        ("rooms", (r.id for r in event.rooms)),
        ("sessions", (s.id for s in event.sessions)),
        ("agencies", (a.id for a in event.agencies)),
        ("officials", (o.id for o in event.officials)),
        ("organisation.subcommittees", (c.id for c in event.organisation.subcommittees)),
        ("organisation.tasks", (t.id for t in event.organisation.tasks)),
        ("turnouts", (t.name for t in event.turnouts)),
        ("reported", (r.id for r in event.reported)),
    ]
    for turnout in event.turnouts:
        groups.append(_parties_of(turnout))
    for path, ids in groups:
        yield from _twice(path, ids)


def _parties_of(turnout: Turnout) -> tuple[str, list[str]]:
    parties = [d.id for d in turnout.delegations] + [c.id for c in turnout.cohorts]
    return f"turnouts.{turnout.name}", parties


def _twice(path: str, ids: Iterable[str]) -> Iterator[Found]:
    for value, times in Counter(ids).items():
        if times > 1:
            yield Problem(f"{path}.{value}", f"duplicate id {value!r} ({times} times)"), None


def _sources(event: Event) -> Iterator[Found]:
    known = {source.id for source in event.sources}
    for path, obj in _fields.walk(event, ""):
        for source_id in getattr(obj, "sources", ()):
            if isinstance(source_id, str) and source_id not in known:
                yield _unknown(f"{path}.sources" if path else "sources", "source", source_id, known)


def _programme(event: Event) -> Iterator[Found]:
    rooms = {room.id for room in event.rooms}
    sessions = {session.id for session in event.sessions}
    officials = {official.id for official in event.officials}
    subcommittees = {c.id for c in event.organisation.subcommittees}
    delegations = {d.id for turnout in event.turnouts for d in turnout.delegations}
    for session in event.sessions:
        path = f"sessions.{session.id}"
        if session.room is not None and session.room not in rooms:
            yield _unknown(f"{path}.room", "room", session.room, rooms)
        if session.subcommittee is not None and session.subcommittee not in subcommittees:
            yield _unknown(
                f"{path}.subcommittee", "sub-committee", session.subcommittee, subcommittees
            )
        for role in ("chairs", "speakers"):
            for person in getattr(session, role):
                if person not in officials:
                    yield _unknown(f"{path}.{role}", "official", person, officials)
        if session.continues is not None:
            if session.continues == session.id:
                yield Problem(f"{path}.continues", "a session cannot continue itself"), None
            elif session.continues not in sessions:
                yield _unknown(f"{path}.continues", "session", session.continues, sessions)
        for index, rule in enumerate(session.audience):
            for key in ("parties", "drawn_from"):
                for selector in getattr(rule, key):
                    if selector.startswith(DELEGATION_PREFIX):
                        target = selector.removeprefix(DELEGATION_PREFIX)
                        if target not in delegations:
                            where = f"{path}.audience[{index}].{key}"
                            yield _unknown(where, "delegation", target, delegations)
    resources = event.resources
    if resources.press_centre is not None and resources.press_centre not in rooms:
        yield _unknown("resources.press_centre", "room", resources.press_centre, rooms)
    for room in resources.bilateral_rooms:
        if room not in rooms:
            yield _unknown("resources.bilateral_rooms", "room", room, rooms)
    if event.presided_by is not None and event.presided_by not in officials:
        yield _unknown("presided_by", "official", event.presided_by, officials)


def _organisation(event: Event) -> Iterator[Found]:
    agencies = {agency.id for agency in event.agencies}
    officials = {official.id for official in event.officials}
    organisation = event.organisation
    subcommittees = {c.id for c in organisation.subcommittees}
    tasks = {task.id for task in organisation.tasks}
    for official in event.officials:
        if official.agency is not None and official.agency not in agencies:
            yield _unknown(f"officials.{official.id}.agency", "agency", official.agency, agencies)
    committee = organisation.steering_committee
    if committee is not None:
        path = "organisation.steering_committee"
        single = {
            "head": committee.head,
            "standing_deputy_head": committee.standing_deputy_head,
            "established_by": committee.established_by,
        }
        for role, person in single.items():
            if person is not None and person not in officials:
                yield _unknown(f"{path}.{role}", "official", person, officials)
        for role in ("deputy_heads", "members"):
            for person in getattr(committee, role):
                if person not in officials:
                    yield _unknown(f"{path}.{role}", "official", person, officials)
    secretariat = organisation.secretariat
    if (
        secretariat is not None
        and secretariat.lead is not None
        and secretariat.lead not in agencies
    ):
        yield _unknown("organisation.secretariat.lead", "agency", secretariat.lead, agencies)
    for subcommittee in organisation.subcommittees:
        if subcommittee.lead is not None and subcommittee.lead not in agencies:
            path = f"organisation.subcommittees.{subcommittee.id}.lead"
            yield _unknown(path, "agency", subcommittee.lead, agencies)
    for task in organisation.tasks:
        path = f"organisation.tasks.{task.id}"
        if task.owner is not None and task.owner not in subcommittees:
            yield _unknown(f"{path}.owner", "sub-committee", task.owner, subcommittees)
        for dependency in task.depends_on:
            if dependency not in tasks:
                yield _unknown(f"{path}.depends_on", "task", dependency, tasks)
    yield from _dependency_cycles(organisation.tasks)


def _dependency_cycles(tasks: tuple[Any, ...]) -> Iterator[Found]:
    graph = {task.id: [d for d in task.depends_on] for task in tasks}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()

    def visit(node: str, trail: list[str]) -> Iterator[Found]:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    message = f"tasks depend on each other in a cycle: {' → '.join(cycle)}"
                    yield Problem(f"organisation.tasks.{nxt}.depends_on", message), None
            elif nxt in graph and state.get(nxt) is None:
                yield from visit(nxt, [*trail, nxt])
        state[node] = 2

    for task_id in graph:
        if state.get(task_id) is None:
            yield from visit(task_id, [task_id])


def _participation(event: Event) -> Iterator[Found]:
    turnouts = {turnout.name for turnout in event.turnouts}
    if event.default_turnout is not None and event.default_turnout not in turnouts:
        yield _unknown("default_turnout", "turnout", event.default_turnout, turnouts)
    for figure in event.reported:
        if figure.turnout is not None and figure.turnout not in turnouts:
            yield _unknown(f"reported.{figure.id}.turnout", "turnout", figure.turnout, turnouts)


def _session_dates(event: Event) -> Iterator[Found]:
    """Every session starts within the event's days, read in the event's time zone."""
    if event.end_date < event.start_date:
        return  # the days themselves are wrong, and reported as such
    for session in event.sessions:
        day = session.start.in_timezone(event.timezone).date()
        if day < event.start_date:
            where = f"before the event's first day ({event.start_date})"
        elif day > event.end_date:
            where = f"after the event's last day ({event.end_date})"
        else:
            continue
        yield Problem(f"sessions.{session.id}.start", f"starts on {day}, {where}"), None


def _redundant_selectors(event: Event) -> Iterator[Found]:
    """A rule that names a party twice seats it once: the second name is a mistake to fix."""
    kind_of = {d.id: d.kind.value for t in event.turnouts for d in t.delegations}
    for session in event.sessions:
        for index, rule in enumerate(session.audience):
            for selector, other in redundant_selectors(rule, kind_of):
                message = (
                    f"{selector!r} names parties {other!r} already names; each is seated once"
                    if selector != other
                    else f"{selector!r} is named twice; each party is seated once"
                )
                path = f"sessions.{session.id}.audience[{index}].parties"
                yield Problem(path, message), None


def _protocol(event: Event) -> Iterator[Found]:
    """Speakers' lists and bilateral requests name officials and delegations the event has."""
    officials = {official.id for official in event.officials}
    delegations = {d.id for turnout in event.turnouts for d in turnout.delegations}
    for session in event.sessions:
        if session.speakers_list is None:
            continue
        for index, entry in enumerate(session.speakers_list.entries):
            path = f"sessions.{session.id}.speakers_list.entries[{index}]"
            if entry.official is not None and entry.official not in officials:
                yield _unknown(f"{path}.official", "official", entry.official, officials)
            if entry.delegation is not None and entry.delegation not in delegations:
                yield _unknown(f"{path}.delegation", "delegation", entry.delegation, delegations)
    for value, times in Counter(r.id for r in event.bilateral_requests).items():
        if times > 1:
            yield (
                Problem(f"bilateral_requests.{value}", f"duplicate id {value!r} ({times} times)"),
                None,
            )
    for request in event.bilateral_requests:
        path = f"bilateral_requests.{request.id}.parties"
        for party in request.parties:
            if party.startswith(DELEGATION_PREFIX):
                target = party.removeprefix(DELEGATION_PREFIX)
                if target not in delegations:
                    yield _unknown(path, "delegation", target, delegations)
            elif party not in officials:
                yield _unknown(path, "official (or delegation:<id>)", party, officials)
