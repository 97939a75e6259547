"""How many people each session must hold, for one turnout, from its audience rules."""

from __future__ import annotations

from eventplan.model import arguments as _arguments
from eventplan.model.count import Count
from eventplan.model.editing import checked_turnout
from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.parties import Attendance, Parties
from eventplan.model.programme import Session


def attendance(
    event: Event, turnout: str | Turnout | None = None, *, session: Session | str
) -> Attendance:
    """Who holds seats in ``session`` (a session or its id) under ``turnout`` (the event's
    default, or a :class:`Turnout` built in code): the parties each audience rule seats, the
    fixed blocks and the parties a block is drawn from. Calendars, checks, the Monte Carlo and
    the protocol plans all read this answer."""
    _arguments.event("attendance", event)
    chosen = event.session(session) if isinstance(session, str) else session
    return Parties(checked_turnout(event, turnout)).attendance(chosen)


def session_demand(
    event: Event, turnout: str | Turnout | None = None, *, session: Session | str
) -> Count | None:
    """People ``session`` (a session or its id) must hold in ``turnout`` (the event's default);
    ``None`` (not known, never 0) when the turnout does not say who comes and the session
    seats more than fixed numbers."""
    _arguments.event("session_demand", event)
    chosen = event.session(session) if isinstance(session, str) else session
    return _demand(Parties(checked_turnout(event, turnout)), chosen)


def programme_demand(event: Event, turnout: str | Turnout | None = None) -> dict[str, Count | None]:
    """:func:`session_demand` of every session at once, by session id, the turnout resolved
    once (a programme table of 10,000 sessions asks for all of them)."""
    _arguments.event("programme_demand", event)
    parties = Parties(checked_turnout(event, turnout))
    return {session.id: _demand(parties, session) for session in event.sessions}


def _demand(parties: Parties, session: Session) -> Count | None:
    return parties.demand(session) if parties.demand_known(session) else None
