"""The event: the root of the model that everything else reads."""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeVar

import attrs
import pendulum

from eventplan.errors import UnknownNameError
from eventplan.model import fields as _fields
from eventplan.model import localtime
from eventplan.model.meetings import BilateralRequest
from eventplan.model.norms import NormOverride, NormSet, default_norms
from eventplan.model.organisation import Agency, Official, Organisation
from eventplan.model.participation import Turnout
from eventplan.model.programme import Session
from eventplan.model.provenance import ReportedFigure, Source
from eventplan.model.resources import Resources
from eventplan.model.venue import Room, Venue


def _valid_zone(instance: Event, attribute: attrs.Attribute[str], value: str) -> None:
    problem = localtime.zone_problem(value)
    if problem is not None:
        raise ValueError(f"'timezone': {problem}")


def _not_before_start(instance: Event, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if value < instance.start_date:
        raise ValueError(
            f"'end_date' must not be before 'start_date' ({instance.start_date}): {value}"
        )


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Theme:
    """The event's theme in one source's wording; sources may word it differently."""

    #: The theme in this source's wording.
    text: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Instrument:
    """The treaty or declaration the event is about, where there is one."""

    #: The instrument's full title.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: How many chapters it has.
    chapters: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: How many articles it has.
    articles: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: How many ratifications it needs to enter into force.
    ratifications_for_entry_into_force: int | None = attrs.field(
        default=None, validator=_fields.non_negative
    )
    #: The year negotiations on it began.
    negotiations_began: int | None = None
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


# RFC 5545 §3.3.3 cal-address as a mailto: URI; no characters a content line would need quoted.
_EMAIL = re.compile(r"[^@\s:;,\"<>()\[\]\\]+@[^@\s:;,\"<>()\[\]\\]+")


def _valid_email(instance: Organiser, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _EMAIL.fullmatch(value):
        raise ValueError(
            f"'{attribute.name}' must be an e-mail address such as 'protocol@example.org': {value!r}"
        )


def _no_quote(instance: Organiser, attribute: attrs.Attribute[str], value: str) -> None:
    # Calendars carry the name as a quoted parameter (CN="…"), which cannot hold '"' or a line break.
    if '"' in value or "\n" in value:
        raise ValueError(f"'{attribute.name}' must not contain '\"' or a line break: {value!r}")


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Organiser:
    """Who publishes the event's calendars: written as ORGANIZER, which RFC 5546 requires with METHOD."""

    #: The organiser's name as calendar apps show it (no double quote or line break).
    name: str = attrs.field(validator=[_fields.not_blank, _no_quote])
    #: The organiser's e-mail address, written into every calendar entry.
    email: str = attrs.field(validator=_valid_email)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Event:
    """A whole event: programme, places, organisation, participation and what was reported."""

    #: A short id for the event; the identifiers of its calendar entries are built from it.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The event's full official name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The IANA time zone of the event's place (`Asia/Ho_Chi_Minh`); date-times without an offset
    #: are read in it.
    timezone: str = attrs.field(validator=_valid_zone)
    #: The event's first day; every session must start on one of the event's days.
    start_date: dt.date
    #: The event's last day (the same as `start_date` for a one-day event).
    end_date: dt.date = attrs.field(validator=_not_before_start)
    #: A shorter name for titles of plots and calendars; left out, `name` is used.
    short_name: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The event's theme, once for each source's wording.
    themes: tuple[Theme, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The event's web site.
    url: str | None = None
    #: The city the event is held in.
    host_city: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The country hosting the event.
    host_country: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The official (an `[[officials]]` id) who presides over the event.
    presided_by: str | None = None
    #: The treaty or declaration the event is about, if there is one.
    instrument: Instrument | None = None
    #: The sites the event uses, each with its rooms.
    venues: tuple[Venue, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The programme: every session, side event and break, one table each.
    sessions: tuple[Session, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The ministries, offices and organisations that officials belong to and committees are led by.
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The people the file names by id: chairs, speakers, committee members, parties to bilaterals.
    officials: tuple[Official, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Who runs the event: steering committee, secretariat, sub-committees and tasks.
    organisation: Organisation = Organisation()
    #: Who comes: one table per forecast or outcome, each named so checks and plans can be run for
    #: it.
    turnouts: tuple[Turnout, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The turnout (its `name`) checks and plans use when none is asked for; left out, the only
    #: turnout if there is just one.
    default_turnout: str | None = None
    #: What the organisers have to work with besides the rooms: lanes, desks, interpreters, cars…
    resources: Resources = Resources()
    #: Planning norms replaced for this event (`eventplan norms` lists them).
    norm_overrides: tuple[NormOverride, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Figures as sources reported them, set against the model to show where they disagree.
    reported: tuple[ReportedFigure, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The publications the file's facts come from, each with the id that `sources` keys cite.
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Remarks on the event that fit no other key, one string each.
    notes: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Who publishes the event's calendars; left out, calendars name no organiser.
    organiser: Organiser | None = None
    #: Bilateral meetings asked for, which the bilateral plan places in rooms and times.
    bilateral_requests: tuple[BilateralRequest, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, kw_only=True
    )

    @property
    def zone(self) -> pendulum.Timezone | pendulum.FixedTimezone:
        """The event's ``timezone`` as a pendulum zone, in which its local times are shown."""
        return pendulum.timezone(self.timezone)

    @property
    def rooms(self) -> tuple[Room, ...]:
        """Every room of every venue, venue by venue."""
        return tuple(room for venue in self.venues for room in venue.rooms)

    def room(self, room_id: str) -> Room:
        """The room with this id; an unknown id is an UnknownNameError naming the known ones."""
        return _find(self.rooms, "id", room_id, "room")

    def venue_of(self, room_id: str) -> Venue:
        """The venue the room with this id is in; an unknown room is an UnknownNameError naming
        the known ones."""
        for venue in self.venues:
            if any(room.id == room_id for room in venue.rooms):
                return venue
        raise UnknownNameError("room", room_id, [room.id for room in self.rooms])

    def venue(self, venue_id: str) -> Venue:
        """The venue with this id; an unknown id is an UnknownNameError naming the known ones."""
        return _find(self.venues, "id", venue_id, "venue")

    def session(self, session_id: str) -> Session:
        """The session with this id; an unknown id is an UnknownNameError naming the known ones."""
        return _find(self.sessions, "id", session_id, "session")

    def official(self, official_id: str) -> Official:
        """The official with this id; an unknown id is an UnknownNameError naming the known ones."""
        return _find(self.officials, "id", official_id, "official")

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id; an unknown id is an UnknownNameError naming the known ones."""
        return _find(self.agencies, "id", agency_id, "agency")

    def source(self, source_id: str) -> Source:
        """The source with this id; an unknown id is an UnknownNameError naming the known ones."""
        return _find(self.sources, "id", source_id, "source")

    def turnout(self, name: str | Turnout | None = None) -> Turnout:
        """The turnout called ``name``; without a name, the default one (or the only one).
        A :class:`Turnout` is taken as given, so every ``turnout=`` argument is read here."""
        if isinstance(name, Turnout):
            return name
        if name is not None and not isinstance(name, str):
            raise TypeError(f"'turnout' must be a turnout name (str), a Turnout or None: {name!r}")
        if name is None:
            if self.default_turnout is not None:
                name = self.default_turnout
            elif len(self.turnouts) == 1:
                return self.turnouts[0]
            else:
                raise UnknownNameError("turnout", "<default>", [t.name for t in self.turnouts])
        return _find(self.turnouts, "name", name, "turnout")

    def planning_norms(self, norms: NormSet | None = None) -> NormSet:
        """The norms this event is planned with: ``norms`` when given, else eventplan's shipped
        norms with the event's own overrides (the one place that choice is made)."""
        return default_norms().with_overrides(self.norm_overrides) if norms is None else norms

    def turnout_of(self, turnout: str | Turnout | None) -> Turnout | None:
        """As :meth:`turnout`, but ``None`` when the event has none and none is given: who
        comes is then not known. Every capability reads its turnout through this, so a
        turnout built in code is planned with its own sizes."""
        if turnout is None and not self.turnouts:
            return None
        return self.turnout(turnout)


T = TypeVar("T")


def _find(items: tuple[T, ...], key: str, value: str, what: str) -> T:
    for item in items:
        if getattr(item, key) == value:
            return item
    raise UnknownNameError(what, value, [getattr(item, key) for item in items])
