"""How many people each session must hold, for one turnout, from its audience rules."""

from __future__ import annotations

from eventplan.count import Count
from eventplan.event import Event
from eventplan.parties import Parties
from eventplan.programme import Session


def session_demand(event: Event, session: Session, turnout: str | None = None) -> Count:
    """People ``session`` must hold in ``turnout`` (the event's default if unnamed)."""
    return Parties(event.turnout(turnout)).demand(session)
