"""Who a calendar is for, and which sessions that gives them.

An audience is written ``programme``, ``delegation:ID``, ``kind:KIND`` (a
party kind, or ``press``), ``subcommittee:ID`` or ``room:ID``.
"""

from __future__ import annotations

import enum
from collections import defaultdict

import attrs

from eventplan.enums import ORGANISATION_KINDS, PartyKind
from eventplan.errors import UnknownNameError
from eventplan.event import Event
from eventplan.organisation import SubCommittee
from eventplan.participation import Delegation
from eventplan.programme import (
    ALL_DELEGATIONS,
    ALL_ORGANISATIONS,
    DELEGATION_PREFIX,
    PRESS,
    AudienceRule,
    Session,
)


class AudienceKind(enum.StrEnum):
    PROGRAMME = "programme"
    DELEGATION = "delegation"
    KIND = "kind"
    SUBCOMMITTEE = "subcommittee"
    ROOM = "room"


@attrs.frozen
class Audience:
    kind: AudienceKind
    target: str | None = None

    @classmethod
    def parse(cls, text: str) -> Audience:
        """``"delegation:vn"`` → ``Audience(AudienceKind.DELEGATION, "vn")``."""
        name, _, target = text.partition(":")
        try:
            kind = AudienceKind(name)
        except ValueError:
            choices = "programme, delegation:ID, kind:KIND, subcommittee:ID, room:ID"
            raise UnknownNameError("audience", text, choices.split(", ")) from None
        if (kind is AudienceKind.PROGRAMME) != (not target):
            raise UnknownNameError("audience", text, ["programme", f"{kind.value}:ID"])
        return cls(kind, target or None)

    def __str__(self) -> str:
        return self.kind.value if self.target is None else f"{self.kind.value}:{self.target}"

    @property
    def file_stem(self) -> str:
        """A readable file name without extension: ``delegation-vn``."""
        return self.kind.value if self.target is None else f"{self.kind.value}-{self.target}"


PROGRAMME = Audience(AudienceKind.PROGRAMME)


def describe(event: Event, audience: Audience, turnout: str | None = None) -> str:
    """The audience in words, for a calendar's name: "Protocol Sub-committee"."""
    match audience.kind:
        case AudienceKind.PROGRAMME:
            return "programme"
        case AudienceKind.DELEGATION:
            return _delegation(event, audience.target or "", turnout).name
        case AudienceKind.KIND:
            return (
                "press"
                if audience.target == PRESS
                else f"{(audience.target or '').replace('_', ' ')} delegations"
            )
        case AudienceKind.SUBCOMMITTEE:
            return _subcommittee(event, audience.target or "").name
        case AudienceKind.ROOM:
            return event.room(audience.target or "").name
    raise AssertionError(audience)  # pragma: no cover


def sessions_for(
    event: Event, audience: Audience, turnout: str | None = None
) -> tuple[Session, ...]:
    """The sessions an audience should see, in programme order; cancelled ones included."""
    target = audience.target or ""
    match audience.kind:
        case AudienceKind.PROGRAMME:
            chosen = list(event.sessions)
        case AudienceKind.DELEGATION:
            chosen = list(
                SeatIndex(event, turnout).sessions_of(_delegation(event, target, turnout).id)
            )
        case AudienceKind.KIND:
            kind = _party_kind(target)
            chosen = [
                s
                for s in event.sessions
                if any(_rule_selects_kind(rule, kind) for rule in s.audience)
            ]
        case AudienceKind.SUBCOMMITTEE:
            owner = _subcommittee(event, target).id
            chosen = [s for s in event.sessions if s.subcommittee == owner]
        case AudienceKind.ROOM:
            room = event.room(target).id
            chosen = [s for s in event.sessions if s.room == room]
    return tuple(sorted(chosen, key=lambda s: (s.start, s.end, s.id)))


def every_audience(event: Event, turnout: str | None = None) -> tuple[Audience, ...]:
    """The programme, then every delegation, party kind, sub-committee and room with sessions."""
    audiences = [PROGRAMME]
    if event.turnouts:
        audiences += [
            Audience(AudienceKind.DELEGATION, d.id) for d in event.turnout(turnout).delegations
        ]
    kinds = [kind.value for kind in PartyKind if kind is not PartyKind.MEDIA_OUTLET] + [PRESS]
    audiences += [
        Audience(AudienceKind.KIND, kind) for kind in kinds if _kind_has_sessions(event, kind)
    ]
    # only sub-committees and rooms with something to show: a calendar needs a component (RFC 5545)
    owners = {s.subcommittee for s in event.sessions} | {t.owner for t in event.organisation.tasks}
    committees = event.organisation.subcommittees
    audiences += [Audience(AudienceKind.SUBCOMMITTEE, c.id) for c in committees if c.id in owners]
    booked = {s.room for s in event.sessions}
    audiences += [Audience(AudienceKind.ROOM, r.id) for r in event.rooms if r.id in booked]
    return tuple(dict.fromkeys(audiences))


class SeatIndex:
    """Which sessions each named delegation holds seats in, computed once for many calendars."""

    def __init__(self, event: Event, turnout: str | None = None) -> None:
        delegations = event.turnout(turnout).delegations if event.turnouts else ()
        by_kind: dict[str, list[str]] = defaultdict(list)
        for delegation in delegations:
            by_kind[delegation.kind.value].append(delegation.id)
        groups = {
            ALL_DELEGATIONS: [d.id for d in delegations if d.kind is not PartyKind.MEDIA_OUTLET],
            ALL_ORGANISATIONS: [d.id for d in delegations if d.kind in ORGANISATION_KINDS],
            PRESS: by_kind.get(PartyKind.MEDIA_OUTLET.value, []),
        }
        self._sessions: dict[str, list[Session]] = defaultdict(list)
        for session in event.sessions:
            seated: set[str] = set()
            for rule in session.audience:
                for selector in rule.parties:
                    if selector.startswith(DELEGATION_PREFIX):
                        seated.add(selector.removeprefix(DELEGATION_PREFIX))
                    else:
                        seated.update(
                            groups[selector] if selector in groups else by_kind.get(selector, [])
                        )
            for delegation_id in seated:
                self._sessions[delegation_id].append(session)

    def sessions_of(self, delegation_id: str) -> tuple[Session, ...]:
        return tuple(self._sessions.get(delegation_id, ()))


def _rule_selects_kind(rule: AudienceRule, kind: str) -> bool:
    parties = set(rule.parties)
    if kind == PRESS:
        return bool(parties & {PRESS, PartyKind.MEDIA_OUTLET.value})
    if kind in parties:
        return True
    if ALL_DELEGATIONS in parties and kind != PartyKind.MEDIA_OUTLET.value:
        return True
    if ALL_ORGANISATIONS in parties and kind in {k.value for k in ORGANISATION_KINDS}:
        return True
    return PRESS in parties and kind == PartyKind.MEDIA_OUTLET.value


def _kind_has_sessions(event: Event, kind: str) -> bool:
    return any(_rule_selects_kind(rule, kind) for s in event.sessions for rule in s.audience)


def _party_kind(target: str) -> str:
    choices = [k.value for k in PartyKind] + [PRESS]
    if target not in choices:
        raise UnknownNameError("party kind", target, choices)
    return target


def _delegation(event: Event, delegation_id: str, turnout: str | None) -> Delegation:
    delegations = event.turnout(turnout).delegations if event.turnouts else ()
    for delegation in delegations:
        if delegation.id == delegation_id:
            return delegation
    raise UnknownNameError("delegation", delegation_id, [d.id for d in delegations])


def _subcommittee(event: Event, subcommittee_id: str) -> SubCommittee:
    committees = event.organisation.subcommittees
    for committee in committees:
        if committee.id == subcommittee_id:
            return committee
    raise UnknownNameError("sub-committee", subcommittee_id, [c.id for c in committees])
