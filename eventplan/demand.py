"""How many people each session must hold, for one turnout, from its audience rules."""

from __future__ import annotations

from eventplan import _arguments
from eventplan.count import Count
from eventplan.event import Event
from eventplan.participation import Turnout
from eventplan.parties import Parties
from eventplan.programme import Session


def session_demand(
    event: Event, turnout: str | Turnout | None = None, *, session: Session | str
) -> Count | None:
    """People ``session`` (a session or its id) must hold in ``turnout`` (the event's default);
    ``None`` (not known, never 0) when the turnout does not say who comes and the session
    seats more than fixed numbers."""
    _arguments.event("session_demand", event)
    event, name = event.resolve_turnout(turnout)
    chosen = event.session(session) if isinstance(session, str) else session
    parties = Parties(event.turnout(name))
    return parties.demand(chosen) if parties.demand_known(chosen) else None
