"""The event: the root of the model that everything else reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pendulum

from eventplan import _fields
from eventplan.errors import UnknownNameError
from eventplan.organisation import Agency, Official, Organisation
from eventplan.participation import Turnout
from eventplan.programme import Session
from eventplan.provenance import ReportedFigure, Source
from eventplan.venue import Room, Venue


def _valid_zone(instance: Event, attribute: attrs.Attribute[str], value: str) -> None:
    try:
        pendulum.timezone(value)
    except Exception:
        raise ValueError(f"unknown IANA time zone {value!r} (for example 'Asia/Ho_Chi_Minh')") from None


def _not_before_start(instance: Event, attribute: attrs.Attribute[dt.date], value: dt.date) -> None:
    if value < instance.start_date:
        raise ValueError(f"'end_date' must not be before 'start_date' ({instance.start_date}): {value}")


@attrs.frozen
class Theme:
    """The event's theme in one source's wording; sources may word it differently."""

    text: str = _fields.text()
    sources: tuple[str, ...] = _fields.sources()


@attrs.frozen
class Instrument:
    """The treaty or declaration the event is about, where there is one."""

    name: str = _fields.text()
    chapters: int | None = _fields.count()
    articles: int | None = _fields.count()
    ratifications_for_entry_into_force: int | None = _fields.count()
    negotiations_began: int | None = None
    sources: tuple[str, ...] = _fields.sources()


@attrs.frozen
class Event:
    """A whole event: programme, places, organisation, participation and what was reported."""

    id: str = _fields.ident()
    name: str = _fields.text()
    timezone: str = attrs.field(validator=_valid_zone)
    start_date: dt.date
    end_date: dt.date = attrs.field(validator=_not_before_start)
    short_name: str | None = None
    themes: tuple[Theme, ...] = _fields.items()
    host_city: str | None = None
    host_country: str | None = None
    presided_by: str | None = None
    instrument: Instrument | None = None
    venues: tuple[Venue, ...] = _fields.items()
    sessions: tuple[Session, ...] = _fields.items()
    agencies: tuple[Agency, ...] = _fields.items()
    officials: tuple[Official, ...] = _fields.items()
    organisation: Organisation = Organisation()
    turnouts: tuple[Turnout, ...] = _fields.items()
    default_turnout: str | None = None
    reported: tuple[ReportedFigure, ...] = _fields.items()
    sources: tuple[Source, ...] = _fields.items()
    notes: tuple[str, ...] = _fields.items()

    @property
    def zone(self) -> pendulum.Timezone | pendulum.FixedTimezone:
        return pendulum.timezone(self.timezone)

    @property
    def rooms(self) -> tuple[Room, ...]:
        return tuple(room for venue in self.venues for room in venue.rooms)

    def room(self, room_id: str) -> Room:
        return _find(self.rooms, "id", room_id, "room")

    def venue_of(self, room_id: str) -> Venue:
        for venue in self.venues:
            if any(room.id == room_id for room in venue.rooms):
                return venue
        raise UnknownNameError("room", room_id, [room.id for room in self.rooms])

    def session(self, session_id: str) -> Session:
        return _find(self.sessions, "id", session_id, "session")

    def official(self, official_id: str) -> Official:
        return _find(self.officials, "id", official_id, "official")

    def agency(self, agency_id: str) -> Agency:
        return _find(self.agencies, "id", agency_id, "agency")

    def source(self, source_id: str) -> Source:
        return _find(self.sources, "id", source_id, "source")

    def turnout(self, name: str | None = None) -> Turnout:
        """The turnout called ``name``; without a name, the default one (or the only one)."""
        if name is None:
            if self.default_turnout is not None:
                name = self.default_turnout
            elif len(self.turnouts) == 1:
                return self.turnouts[0]
            else:
                raise UnknownNameError("turnout", "<default>", [t.name for t in self.turnouts])
        return _find(self.turnouts, "name", name, "turnout")


def _find(items: tuple[Any, ...], key: str, value: str, what: str) -> Any:
    for item in items:
        if getattr(item, key) == value:
            return item
    raise UnknownNameError(what, value, [getattr(item, key) for item in items])
