"""How many people each session must hold, for one turnout, from its audience rules."""

from __future__ import annotations

from collections import defaultdict

from eventplan import _arguments
from eventplan.count import Count, total
from eventplan.enums import ORGANISATION_KINDS, PartyKind
from eventplan.event import Event
from eventplan.participation import Turnout
from eventplan.programme import (
    ALL_DELEGATIONS,
    ALL_ORGANISATIONS,
    DELEGATION_PREFIX,
    PRESS,
    AudienceRule,
    Session,
)


class PartyCounts:
    """Parties per audience selector in one turnout, counted once for every session."""

    def __init__(self, turnout: Turnout) -> None:
        by_kind: dict[str, list[Count]] = defaultdict(list)
        for delegation in turnout.delegations:
            by_kind[delegation.kind.value].append(Count.exactly(1))
        for cohort in turnout.cohorts:
            by_kind[cohort.kind.value].append(cohort.parties)
        self.by_kind = {kind: total(counts) for kind, counts in by_kind.items()}
        reporters = turnout.press.reporters if turnout.press is not None else Count.zero()
        media_people = total(
            [d.size for d in turnout.delegations if d.kind is PartyKind.MEDIA_OUTLET]
            + [c.delegates for c in turnout.cohorts if c.kind is PartyKind.MEDIA_OUTLET]
        )
        self.groups = {
            ALL_DELEGATIONS: total(
                c for k, c in self.by_kind.items() if k != PartyKind.MEDIA_OUTLET.value
            ),
            ALL_ORGANISATIONS: total(
                self.by_kind.get(k.value, Count.zero()) for k in sorted(ORGANISATION_KINDS)
            ),
            PRESS: reporters + media_people,
        }
        self.named = {d.id for d in turnout.delegations}

    @property
    def heads(self) -> Count:
        """Heads of delegation: one per party that is not a media outlet."""
        return self.groups[ALL_DELEGATIONS]

    def parties(self, selector: str) -> Count:
        if selector.startswith(DELEGATION_PREFIX):
            return Count.exactly(1 if selector.removeprefix(DELEGATION_PREFIX) in self.named else 0)
        if selector in self.groups:
            return self.groups[selector]
        return self.by_kind.get(selector, Count.zero())

    def seats(self, rule: AudienceRule) -> Count:
        """Seats one audience rule asks for."""
        if rule.seats is not None:
            return Count.exactly(rule.seats)
        return total(self.parties(selector) for selector in rule.parties) * rule.seats_per_party

    def demand(self, session: Session) -> Count:
        """People a session must hold: the seats of all its audience rules."""
        return total(self.seats(rule) for rule in session.audience)


def session_demand(event: Event, session: Session, turnout: str | None = None) -> Count:
    """People ``session`` must hold in ``turnout`` (the event's default if unnamed)."""
    _arguments.event("session_demand", event)
    _arguments.turnout("session_demand", turnout)
    return PartyCounts(event.turnout(turnout)).demand(session)
