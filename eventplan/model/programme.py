"""Sessions, the items of a programme, and who holds seats in them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from eventplan.model import fields as _fields
from eventplan.model import localtime
from eventplan.model.enums import Layout, PartyKind, SessionKind, SessionStatus, SpeakerLevel
from eventplan.model.listing import Listing, Recording
from eventplan.model.resources import ResourceUse

#: Audience selectors besides the party kinds and ``delegation:<id>``.
ALL_DELEGATIONS = "all_delegations"
ALL_ORGANISATIONS = "all_organisations"
PRESS = "press"
GROUP_SELECTORS = (ALL_DELEGATIONS, ALL_ORGANISATIONS, PRESS)
DELEGATION_PREFIX = "delegation:"

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _check_rule(instance: AudienceRule, attribute: attrs.Attribute[Any], value: Any) -> None:
    if bool(instance.parties) == (instance.seats is not None):
        raise ValueError(
            "an audience rule gives either 'parties' (seats per party) or 'seats' (a fixed block)"
        )


def _block_only(instance: AudienceRule, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value and instance.seats is None:
        raise ValueError(
            "'drawn_from' belongs to a fixed block ('seats'); a rule with 'parties' seats them itself"
        )


def _check_selectors(
    instance: AudienceRule, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    kinds = {kind.value for kind in PartyKind}
    for selector in value:
        if selector in kinds or selector in GROUP_SELECTORS:
            continue
        if selector.startswith(DELEGATION_PREFIX) and selector != DELEGATION_PREFIX:
            continue
        choices = ", ".join([*sorted(kinds), *GROUP_SELECTORS, "delegation:<id>"])
        raise ValueError(f"unknown party {selector!r}; one of: {choices}")


#: Kinds of session people drop in on rather than sit through (:attr:`Session.keeps_busy`).
OPEN_KINDS = frozenset({SessionKind.EXHIBITION})


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class AudienceRule:
    """Who holds seats in a session, and how many each.

    ``parties`` selects delegations by kind (``member_state``), by group
    (``all_delegations``, ``all_organisations``, ``press`` — the reporters: the
    press corps and every person of a media outlet, each reporter one party;
    see :mod:`eventplan.model.parties`) or by id (``delegation:vn``); a party named
    twice is seated once; each selected party takes
    ``at_table + behind`` seats: the UN "1 + 3". ``seats`` instead reserves a
    fixed block (hosts, staff) named by ``label``; a block whose people come
    from parties says which in ``drawn_from`` (``["press"]`` for 250 reporters'
    seats), so those parties' calendars show the session while its size stays
    the block's.
    """

    #: Who is seated: party kinds (`member_state`), groups (`all_delegations`, `all_organisations`,
    #: `press`) or `delegation:<id>`; give this or `seats`.
    parties: tuple[str, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, validator=_check_selectors
    )
    #: Seats at the table for each party selected (the 1 of the UN "1 + 3").
    at_table: int = attrs.field(default=1, validator=_fields.non_negative)
    #: Seats behind the table for each party selected (the 3 of the UN "1 + 3").
    behind: int = attrs.field(default=0, validator=_fields.non_negative)
    #: A fixed block of seats instead of seats per party (hosts, staff); give this or `parties`.
    seats: int | None = attrs.field(default=None, validator=[_fields.non_negative, _check_rule])
    #: Who the fixed block is for ("host officials").
    label: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: For a fixed block: the parties its people come from (`["press"]`), so their calendars show
    #: the session; the block's size stays `seats`.
    drawn_from: tuple[str, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, validator=[_check_selectors, _block_only]
    )

    @property
    def seats_per_party(self) -> int:
        """The seats each selected party takes, ``at_table + behind``: 4 for the UN "1 + 3"."""
        return self.at_table + self.behind


def _one_speaker(instance: Statement, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if (instance.delegation is None) == (value is None):
        raise ValueError("a statement names either 'delegation' or 'official', not both or neither")


@attrs.frozen(kw_only=True)
class Statement:
    """One entry of a speakers' list: a delegation or an official, at a level.

    ``inscribed`` is the order of inscription (1 = first to ask for the
    floor); without it, the entry's place in the list is its order.
    """

    #: The speaker's level of representation; the UN order puts higher levels first.
    level: SpeakerLevel
    #: The delegation (id) that speaks; give this or `official`.
    delegation: str | None = None
    #: The official (id) who speaks; give this or `delegation`.
    official: str | None = attrs.field(default=None, validator=_one_speaker)
    #: Order of inscription (1 = first to ask for the floor); left out, the entry's place in the
    #: list.
    inscribed: int | None = attrs.field(default=None, validator=_fields.non_negative)

    @property
    def speaker(self) -> str:
        """The speaker's id: the official's, or ``delegation:<id>``."""
        if self.official is not None:
            return self.official
        return f"{DELEGATION_PREFIX}{self.delegation}"


@attrs.frozen(kw_only=True)
class StatementCount:
    """Statements known only by how many there are: "62 countries and organisations"."""

    #: How many statements.
    statements: int = attrs.field(validator=_fields.non_negative)
    #: The level of representation they are made at.
    level: SpeakerLevel = SpeakerLevel.HEAD_OF_DELEGATION
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True)
class SpeakersList:
    """Who takes the floor in a session: named ``entries``, or ``counts`` when names are not known."""

    #: The speakers known by name, in the list's order.
    entries: tuple[Statement, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Statements known only by how many there are, level by level.
    counts: tuple[StatementCount, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    @property
    def statements(self) -> int:
        """How many statements the list holds: the named entries and the counted ones."""
        return len(self.entries) + sum(count.statements for count in self.counts)


def _end_after_start(
    instance: Session, attribute: attrs.Attribute[Any], value: pendulum.DateTime
) -> None:
    if value <= instance.start:
        raise ValueError(
            f"'end' must be after 'start' ({instance.start.isoformat()}): {value.isoformat()}"
        )


def _languages(instance: Session, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for language in value:
        if not _LANGUAGE.match(language):
            raise ValueError(f"languages are ISO 639 codes such as 'en' or 'vi': {language!r}")


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Session:
    """One item of the programme, breaks included.

    ``continues`` names the session this one carries on (the plenary resumed on
    day two), so the pair counts as one item; ``series`` groups distinct items
    (the four high-level discussions).
    """

    #: A short id for the session, unique in the programme; its calendar entry's identifier is built
    #: from it.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The session's title as the programme and calendars show it.
    title: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: What the item is; the checks and plans read it (a signing, a gala dinner, an exhibition…).
    kind: SessionKind
    #: When it begins; it must start on one of the event's days.
    start: pendulum.DateTime = attrs.field(validator=_fields.aware)
    #: When it ends; it must be after `start`.
    end: pendulum.DateTime = attrs.field(validator=[_fields.aware, _end_after_start])
    #: The room (id) it is held in; left out, its seats cannot be checked.
    room: str | None = None
    #: How firm it is; a cancelled session stays in the programme but checks and plans leave it out.
    status: SessionStatus = SessionStatus.CONFIRMED
    #: How the room is set for it; left out, its kind's usual layout if the room has it, else the
    #: room's first.
    layout: Layout | None = None
    #: The officials (ids) who chair it.
    chairs: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The officials (ids) who speak at it; with the chairs, checked for being in two places at
    #: once.
    speakers: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Languages interpreted, as ISO 639 codes (`en`, `vi`); two or more need booths and
    #: interpreters.
    languages: tuple[str, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, validator=_languages
    )
    #: Where it is broadcast ("UN Web TV"), shown in its calendar entry.
    broadcast: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The sub-committee (id) in charge of it; that sub-committee's calendar shows it.
    subcommittee: str | None = None
    #: A name grouping distinct sessions (the four high-level discussions); the track in schedule
    #: exports.
    series: str | None = None
    #: The session (id) this one resumes (the plenary on day two), so the two count as one programme
    #: item.
    continues: str | None = None
    #: Who holds seats, rule by rule; without rules, its seats are not checked.
    audience: tuple[AudienceRule, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: A short account of the session, for calendars and exported schedules.
    description: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)
    #: The GUID a published schedule gave the session, kept so apps keep recognising it.
    guid: str | None = attrs.field(default=None, kw_only=True, validator=_fields.uuid_text)
    #: Who takes the floor, for the speakers' plan and its timings.
    speakers_list: SpeakersList | None = attrs.field(default=None, kw_only=True)
    #: Whether it may be recorded: `optout = true` when the speakers said no; left out, not known.
    recording: Recording | None = attrs.field(default=None, kw_only=True)
    #: How a published schedule listed it (its own id, type, links, texts), kept so exports give
    #: it back.
    listing: Listing | None = attrs.field(default=None, kw_only=True)
    #: The shared resources it keeps busy (cars, screening lanes, shuttle buses), each with
    #: when; sessions in parallel share them.
    uses: tuple[ResourceUse, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, kw_only=True
    )

    @property
    def duration(self) -> dt.timedelta:
        """How long the session lasts (a length, not the interval itself)."""
        return localtime.elapsed(self.start, self.end)

    @property
    def keeps_busy(self) -> bool:
        """Whether being at it keeps a person from anything else at that time. An exhibition
        is open all day for people to walk through: a calendar shows it as free time."""
        return self.kind not in OPEN_KINDS

    @property
    def is_cancelled(self) -> bool:
        """Whether it is cancelled: still in the programme, but left out of checks and plans."""
        return self.status is SessionStatus.CANCELLED


def order_key(session: Session) -> tuple[pendulum.DateTime, pendulum.DateTime, str]:
    """Where a session stands in the programme: by start, then end, then id."""
    return (session.start, session.end, session.id)


def in_order(sessions: Iterable[Session]) -> tuple[Session, ...]:
    """Sessions in the order of the programme (:func:`order_key`): the one order that
    calendars, the summary, spreadsheets, plots and the signing plan list them in."""
    return tuple(sorted(sessions, key=order_key))
