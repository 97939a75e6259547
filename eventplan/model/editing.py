"""Editing an event in code: each helper returns a new event, checked whole.

These are the edge where an event built or changed in code is validated, as
loading a file is the edge for an event read from disk; the model itself never
validates, so it needs nothing from the rules that read it. Planning with a
:class:`Turnout` built in code goes through :func:`resolve_turnout`, which checks
that turnout alone and not the event again.
"""

from __future__ import annotations

from typing import Any

import attrs

from eventplan.errors import InvalidEventError, UnknownNameError
from eventplan.model import arguments as _arguments
from eventplan.model.event import Event
from eventplan.model.participation import Delegation, Turnout
from eventplan.model.programme import Session
from eventplan.model.validation import turnout_problems, validate
from eventplan.model.venue import Room

__all__ = [
    "replace_delegation",
    "replace_room",
    "replace_session",
    "resolve_turnout",
    "with_delegation",
    "with_room",
    "with_session",
    "with_turnout",
    "without_delegation",
    "without_room",
    "without_session",
]


def resolve_turnout(event: Event, turnout: str | Turnout | None) -> tuple[Event, str]:
    """The event to plan and the name of its turnout, for every ``turnout=`` argument.

    A name (or ``None``, the default) picks one of the event's turnouts; a
    :class:`Turnout` is used as given, in place of the event's turnout of that name,
    after its own check (:func:`~eventplan.model.validation.turnout_problems`).
    """
    chosen = checked_turnout(event, turnout)
    if not isinstance(turnout, Turnout) or turnout in event.turnouts:
        return event, chosen.name
    return attrs.evolve(event, turnouts=_turnouts_with(event, turnout)), turnout.name


def checked_turnout(event: Event, turnout: str | Turnout | None) -> Turnout:
    """The turnout a ``turnout=`` argument names; a :class:`Turnout` built in code is checked
    first, as :func:`resolve_turnout` checks it (its ids, values and seats), for the demand
    layer, which counts it without a new event."""
    chosen = event.turnout(turnout)
    if isinstance(turnout, Turnout) and turnout not in event.turnouts:
        problems = turnout_problems(event, turnout)
        if problems:
            raise InvalidEventError(problems)
    return chosen


def with_turnout(event: Event, turnout: Turnout) -> Event:
    """``event`` with ``turnout`` added, or in place of the turnout of the same name."""
    _arguments.event("with_turnout", event)
    return _validated(event, turnouts=_turnouts_with(event, turnout))


def with_session(event: Event, session: Session) -> Event:
    """``event`` with ``session`` added (its id must be new, its room known)."""
    _arguments.event("with_session", event)
    return _validated(event, sessions=(*event.sessions, session))


def without_session(event: Event, session_id: str) -> Event:
    """``event`` without the session ``session_id`` (nothing may still refer to it)."""
    _arguments.event("without_session", event)
    event.session(session_id)
    return _validated(event, sessions=tuple(s for s in event.sessions if s.id != session_id))


def replace_session(event: Event, session: Session) -> Event:
    """``event`` with ``session`` in place of the session of the same id."""
    _arguments.event("replace_session", event)
    event.session(session.id)
    sessions = tuple(session if s.id == session.id else s for s in event.sessions)
    return _validated(event, sessions=sessions)


def with_room(event: Event, room: Room, *, venue: str | None = None) -> Event:
    """``event`` with ``room`` added to ``venue`` (which may be left out if there is one)."""
    _arguments.event("with_room", event)
    if venue is None and len(event.venues) != 1:
        raise ValueError(
            f"with_room: the event has {len(event.venues)} venues; name one with venue="
        )
    target = event.venues[0].id if venue is None else event.venue(venue).id
    venues = tuple(
        attrs.evolve(v, rooms=(*v.rooms, room)) if v.id == target else v for v in event.venues
    )
    return _validated(event, venues=venues)


def without_room(event: Event, room_id: str) -> Event:
    """``event`` without the room ``room_id`` (no session may still be held there)."""
    _arguments.event("without_room", event)
    event.room(room_id)
    venues = tuple(
        attrs.evolve(v, rooms=tuple(r for r in v.rooms if r.id != room_id)) for v in event.venues
    )
    return _validated(event, venues=venues)


def replace_room(event: Event, room: Room) -> Event:
    """``event`` with ``room`` in place of the room of the same id."""
    _arguments.event("replace_room", event)
    event.room(room.id)
    venues = tuple(
        attrs.evolve(v, rooms=tuple(room if r.id == room.id else r for r in v.rooms))
        for v in event.venues
    )
    return _validated(event, venues=venues)


def with_delegation(event: Event, delegation: Delegation, *, turnout: str | None = None) -> Event:
    """``event`` with ``delegation`` added to ``turnout`` (the default one if unnamed)."""
    _arguments.event("with_delegation", event)
    chosen = event.turnout(turnout)
    return _with_delegations(event, chosen, (*chosen.delegations, delegation))


def without_delegation(event: Event, delegation_id: str, *, turnout: str | None = None) -> Event:
    """``event`` without the delegation ``delegation_id`` in ``turnout``."""
    _arguments.event("without_delegation", event)
    chosen = event.turnout(turnout)
    _delegation(chosen, delegation_id)
    delegations = tuple(d for d in chosen.delegations if d.id != delegation_id)
    return _with_delegations(event, chosen, delegations)


def replace_delegation(
    event: Event, delegation: Delegation, *, turnout: str | None = None
) -> Event:
    """``event`` with ``delegation`` in place of the one of the same id in ``turnout``."""
    _arguments.event("replace_delegation", event)
    chosen = event.turnout(turnout)
    _delegation(chosen, delegation.id)
    delegations = tuple(delegation if d.id == delegation.id else d for d in chosen.delegations)
    return _with_delegations(event, chosen, delegations)


def _delegation(turnout: Turnout, delegation_id: str) -> Delegation:
    found = turnout.delegation(delegation_id)
    if found is None:
        raise UnknownNameError("delegation", delegation_id, [d.id for d in turnout.delegations])
    return found


def _with_delegations(event: Event, turnout: Turnout, delegations: tuple[Delegation, ...]) -> Event:
    return with_turnout(event, attrs.evolve(turnout, delegations=delegations))


def _turnouts_with(event: Event, turnout: Turnout) -> tuple[Turnout, ...]:
    if any(t.name == turnout.name for t in event.turnouts):
        return tuple(turnout if t.name == turnout.name else t for t in event.turnouts)
    return (*event.turnouts, turnout)


def _validated(event: Event, **changes: Any) -> Event:
    """``event`` with ``changes``, if the result is sound; else InvalidEventError with every problem."""
    return validate(attrs.evolve(event, **changes))
