"""Who a publication is for (a calendar, a frab schedule), and which sessions that gives them.

An audience is written ``programme``, ``delegates``, ``delegation:ID``,
``kind:KIND`` (a party kind, or ``press``), ``subcommittee:ID`` or
``room:ID``. Who attends comes from :meth:`eventplan.model.parties.Parties.attendance`,
the one answer the checks and the protocol plans read too: a delegation sees
the sessions it holds seats in; a kind (and ``press``) the sessions seated by
that kind or with a block drawn from it; ``delegates`` the sessions any kind of
delegation is seated in or drawn from, whatever its kind.
"""

from __future__ import annotations

import enum
from collections import defaultdict

import attrs

from eventplan.errors import ArgumentTypeError, UnknownNameError
from eventplan.model.enums import PartyKind
from eventplan.model.event import Event
from eventplan.model.kept import KeptBeside
from eventplan.model.organisation import SubCommittee
from eventplan.model.participation import Delegation, Turnout
from eventplan.model.parties import Parties
from eventplan.model.programme import ALL_DELEGATIONS, PRESS, Session, in_order


class AudienceKind(enum.StrEnum):
    """What an audience is drawn by: the whole programme, every delegate, one delegation, a
    party kind (or the press), a sub-committee or a room."""

    PROGRAMME = "programme"
    DELEGATES = "delegates"
    DELEGATION = "delegation"
    KIND = "kind"
    SUBCOMMITTEE = "subcommittee"
    ROOM = "room"


@attrs.frozen
class Audience:
    """Who one calendar is for: a kind and its target (a delegation, party kind, sub-committee or
    room; ``None`` for the programme and all delegates), written ``delegation:vn``."""

    kind: AudienceKind
    target: str | None = None

    @classmethod
    def parse(cls, text: str) -> Audience:
        """``"delegation:vn"`` → ``Audience(AudienceKind.DELEGATION, "vn")``."""
        if not isinstance(text, str):
            raise ArgumentTypeError(
                "Audience.parse(): 'text' must be a string such as 'delegation:vn', "
                f"got {type(text).__name__}"
            )
        name, _, target = text.partition(":")
        try:
            kind = AudienceKind(name)
        except ValueError:
            choices = "programme, delegates, delegation:ID, kind:KIND, subcommittee:ID, room:ID"
            raise UnknownNameError("audience", text, choices.split(", ")) from None
        if (kind in _WHOLE) != (not target):
            raise UnknownNameError("audience", text, [*_WHOLE, f"{kind.value}:ID"])
        return cls(kind, target or None)

    def __str__(self) -> str:
        return self.kind.value if self.target is None else f"{self.kind.value}:{self.target}"

    @property
    def file_stem(self) -> str:
        """A readable file name without extension: ``delegation-vn``."""
        return self.kind.value if self.target is None else f"{self.kind.value}-{self.target}"


PROGRAMME = Audience(AudienceKind.PROGRAMME)
#: Every delegate, whatever the delegation's kind: the sessions delegations are seated in as a
#: kind or group, or that a block is drawn from.
DELEGATES = Audience(AudienceKind.DELEGATES)
_WHOLE = (AudienceKind.PROGRAMME, AudienceKind.DELEGATES)
#: Reporters are not delegates (``all_delegations`` leaves media outlets out too).
_NOT_DELEGATES = frozenset({PRESS, PartyKind.MEDIA_OUTLET.value})


def as_audience(value: Audience | str | None) -> Audience:
    """An audience as a publishing function takes it: an :class:`Audience`, its text
    (``"delegation:vn"``) or ``None``, the whole programme."""
    if value is None:
        return PROGRAMME
    return value if isinstance(value, Audience) else Audience.parse(value)


def describe(event: Event, audience: Audience, turnout: str | Turnout | None = None) -> str:
    """The audience in words, for a calendar's name: "Protocol Sub-committee"."""
    match audience.kind:
        case AudienceKind.PROGRAMME:
            return "programme"
        case AudienceKind.DELEGATES:
            return "all delegates"
        case AudienceKind.DELEGATION:
            return _delegation(event.turnout_of(turnout), audience.target or "").name
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
    event: Event, turnout: str | Turnout | None = None, *, audience: Audience | str | None
) -> tuple[Session, ...]:
    """The sessions ``audience`` should see under ``turnout``, in programme order; cancelled
    ones included."""
    audience = as_audience(audience)
    if audience.kind is AudienceKind.PROGRAMME:  # everyone's programme: nobody to look up
        event.turnout_of(turnout)  # an unknown turnout is refused all the same
        return programme_order(event)
    return audience_index(event, turnout).sessions(audience)


#: Every audience's sessions of the last events and turnouts asked about.
_INDEXES: KeptBeside[AudienceIndex] = KeptBeside(8)


def audience_index(event: Event, turnout: str | Turnout | None = None) -> AudienceIndex:
    """Every audience's sessions of ``event`` under ``turnout``, found once and kept beside
    the event: asking for one audience after another costs one pass over the programme."""

    def make() -> AudienceIndex:
        return AudienceIndex(event, turnout)

    if isinstance(turnout, Turnout):  # a turnout built in code: by identity, as the event
        return _INDEXES.get((event, turnout), None, make)
    return _INDEXES.get((event,), turnout, make)


def programme_order(event: Event) -> tuple[Session, ...]:
    """Every session, in the order of the programme: by start, then end, then id."""
    return in_order(event.sessions)


def every_audience(event: Event, turnout: str | Turnout | None = None) -> tuple[Audience, ...]:
    """The programme, all delegates, then every delegation, party kind, sub-committee and room
    with sessions.

    A party kind the turnout has no parties of selects nobody: it gets no calendar.
    """
    index = audience_index(event, turnout)
    audiences = [PROGRAMME]
    if index.has(AudienceKind.DELEGATES, "") and index.selects_anyone(ALL_DELEGATIONS):
        audiences.append(DELEGATES)
    audiences += [Audience(AudienceKind.DELEGATION, d) for d in index.delegations]
    kinds = [kind.value for kind in PartyKind if kind is not PartyKind.MEDIA_OUTLET] + [PRESS]
    audiences += [
        Audience(AudienceKind.KIND, kind)
        for kind in kinds
        if index.has(AudienceKind.KIND, kind) and index.selects_anyone(kind)
    ]
    # only sub-committees and rooms with something to show: a calendar needs a component (RFC 5545)
    owners = {s.subcommittee for s in event.sessions} | {t.owner for t in event.organisation.tasks}
    committees = event.organisation.subcommittees
    audiences += [Audience(AudienceKind.SUBCOMMITTEE, c.id) for c in committees if c.id in owners]
    audiences += [
        Audience(AudienceKind.ROOM, r.id) for r in event.rooms if index.has(AudienceKind.ROOM, r.id)
    ]
    return tuple(dict.fromkeys(audiences))


class AudienceIndex:
    """Every audience's sessions, found in one pass over the programme for many calendars.

    Who attends each session comes from :meth:`eventplan.model.parties.Parties.attendance`, the
    one place it is worked out.
    """

    def __init__(self, event: Event, turnout: str | Turnout | None = None) -> None:
        self.event = event
        self.turnout = turnout
        self.plan = base = event.turnout_of(turnout)
        self.delegations = {d.id: d for d in base.delegations} if base is not None else {}
        self._parties = parties = Parties(base)
        self._programme = programme_order(event)
        found: dict[tuple[AudienceKind, str], list[Session]] = defaultdict(list)
        for session in self._programme:
            seen: dict[tuple[AudienceKind, str], None] = {}
            attendance = parties.attendance(session)
            for delegation_id in attendance.delegation_ids:
                seen[AudienceKind.DELEGATION, delegation_id] = None
            for kind in attendance.kinds:
                seen[AudienceKind.KIND, kind] = None
                if kind not in _NOT_DELEGATES:
                    seen[AudienceKind.DELEGATES, ""] = None
            if session.subcommittee is not None:
                seen[AudienceKind.SUBCOMMITTEE, session.subcommittee] = None
            if session.room is not None:
                seen[AudienceKind.ROOM, session.room] = None
            for key in seen:
                found[key].append(session)
        self._found = found

    def has(self, kind: AudienceKind, target: str) -> bool:
        return bool(self._found.get((kind, target)))

    def selects_anyone(self, party_kind: str) -> bool:
        """Whether the turnout has anyone of a party kind or group (for ``press``, any press)."""
        return bool(self._parties.members(party_kind))

    def sessions(self, audience: Audience) -> tuple[Session, ...]:
        """The sessions ``audience`` should see, in programme order; an unknown name is an error."""
        target = audience.target or ""
        match audience.kind:
            case AudienceKind.PROGRAMME:
                return self._programme
            case AudienceKind.DELEGATES:
                target = ""
            case AudienceKind.DELEGATION:
                target = _delegation(self.plan, target).id
            case AudienceKind.KIND:
                target = _party_kind(target)
            case AudienceKind.SUBCOMMITTEE:
                target = _subcommittee(self.event, target).id
            case AudienceKind.ROOM:
                target = self.event.room(target).id
        return tuple(self._found.get((audience.kind, target), ()))

    def sessions_of(self, delegation_id: str) -> tuple[Session, ...]:
        """The sessions a named delegation holds seats in."""
        return tuple(self._found.get((AudienceKind.DELEGATION, delegation_id), ()))


#: The name the calendars knew it by.
SeatIndex = AudienceIndex


def _party_kind(target: str) -> str:
    choices = [k.value for k in PartyKind] + [PRESS]
    if target not in choices:
        raise UnknownNameError("party kind", target, choices)
    return target


def _delegation(turnout: Turnout | None, delegation_id: str) -> Delegation:
    found = turnout.delegation(delegation_id) if turnout is not None else None
    if found is None:
        known = [d.id for d in turnout.delegations] if turnout is not None else []
        raise UnknownNameError("delegation", delegation_id, known)
    return found


def _subcommittee(event: Event, subcommittee_id: str) -> SubCommittee:
    committees = event.organisation.subcommittees
    for committee in committees:
        if committee.id == subcommittee_id:
            return committee
    raise UnknownNameError("sub-committee", subcommittee_id, [c.id for c in committees])
