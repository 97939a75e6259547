"""Protocol items as sessions, so the calendar writers show them without knowing about protocol.

:func:`with_protocol` adds to an event one session per named statement (at
its estimated time) and per named signatory's signing slot, each seating its
delegation by name (or naming its official as speaker). A delegation's
calendar then holds its statements, its signing slot and — on an event that
:func:`~eventplan.protocol.place_bilaterals` returned — its bilaterals; a
bilateral room's calendar holds its bookings. Ids derive from the session
and the party, so calendar UIDs stay stable between exports.

The result is a view for calendars, not a plan to check: each item lies
inside its session, so the items take no room (the room's calendar shows the
session once) and name the room in their description instead.
"""

from __future__ import annotations

import attrs
import pendulum

from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.programme import DELEGATION_PREFIX, AudienceRule, Session
from eventplan.protocol._signing import signing
from eventplan.protocol._speakers import speakers


def with_protocol(event: Event, turnout: str | Turnout | None = None) -> Event:
    """``event`` with a session for every named statement and every named signatory's slot."""
    added: list[Session] = []
    for item in speakers(event, turnout).sessions:
        parent = item.session
        for slot in item.slots:
            if slot.speaker is None:
                continue
            added.append(
                _item(
                    f"{parent.id}.statement.{slot.speaker.removeprefix(DELEGATION_PREFIX)}",
                    f"Statement: {slot.label} ({parent.title}, speaker {slot.position})",
                    parent,
                    slot.speaker,
                    slot.start,
                    slot.end,
                )
            )
    if event.turnouts:
        sessions = {s.id: s for s in event.sessions}
        for signed in signing(event, turnout).slots:
            if signed.delegation is None:
                continue
            parent = sessions[signed.session]
            added.append(
                _item(
                    f"{parent.id}.signature.{signed.delegation}",
                    f"Signature: {signed.label} ({parent.title}, signatory {signed.position})",
                    parent,
                    f"{DELEGATION_PREFIX}{signed.delegation}",
                    signed.start,
                    signed.end,
                )
            )
    return attrs.evolve(event, sessions=(*event.sessions, *added))


def _item(
    session_id: str,
    title: str,
    parent: Session,
    party: str,
    start: pendulum.DateTime,
    end: pendulum.DateTime,
) -> Session:
    delegation = party.startswith(DELEGATION_PREFIX)
    return Session(
        id=session_id,
        title=title,
        kind=parent.kind,
        start=start,
        end=end,
        status=parent.status,
        layout=parent.layout,
        speakers=() if delegation else (party,),
        audience=(AudienceRule(parties=(party,)),) if delegation else (),
        subcommittee=parent.subcommittee,
        description=(
            f"Estimated time within {parent.id}"
            + (f" ({parent.room})" if parent.room else "")
            + ", planned by eventplan at the cautious norms."
        ),
        sources=parent.sources,
        assumption=parent.assumption,
    )
