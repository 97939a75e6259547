"""What the organisers have to work with: lanes, desks, interpreters, cars, rooms for bilaterals."""

from __future__ import annotations

from typing import Any

import attrs

from eventplan.model import fields as _fields

#: The resources of :class:`Resources` that sessions draw on at the same time, so that two
#: sessions in parallel share them: a session's ``[[sessions.uses]]`` names one of these.
SHARED = ("cars", "screening_lanes", "shuttle_buses")


def _shared(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in SHARED:
        raise ValueError(f"'{attribute.name}' must be one of {', '.join(SHARED)}: {value!r}")


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < 1:
        raise ValueError(f"'{attribute.name}' must be 1 or more: {value}")


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class ResourceUse:
    """What one session takes from a shared pool of :class:`Resources` (cars, screening
    lanes, shuttle buses), and when: from ``before`` minutes before its start, for
    ``minutes`` (left out, until it ends). Sessions whose uses overlap share the pool,
    fixed and placed ones alike: the checks count the busiest moment, and placement never
    puts more in parallel than the pool holds."""

    #: The pool: ``cars``, ``screening_lanes`` or ``shuttle_buses`` (their numbers are in
    #: ``[resources]``).
    resource: str = attrs.field(validator=_shared)
    #: How many of them the session keeps busy.
    count: int = attrs.field(validator=_positive)
    #: Minutes before the session's start that the use begins: cars sent ahead, lanes open
    #: for the arrivals.
    before: int = attrs.field(default=0, validator=_fields.non_negative)
    #: How long the use lasts, in minutes; left out, until the session ends.
    minutes: int | None = attrs.field(default=None, validator=_positive)
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: What the figures rest on where no source gives them, in your own words.
    assumption: str | None = None

    def span(self, length: float) -> tuple[float, float]:
        """When the use begins and ends, in minutes from the start of a session of
        ``length`` minutes: the one formula the checks and placement both take."""
        begins = -self.before
        return begins, begins + self.minutes if self.minutes is not None else length


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Resources:
    """The plan's resources beyond the rooms; ``None`` where not known (the check says so).

    ``press_centre`` and ``bilateral_rooms`` name rooms of the event.
    """

    #: Interpreters available, set against the most that multilingual sessions need at once.
    interpreters: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Security screening lanes, set against the people arriving before the opening.
    screening_lanes: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Desks issuing badges before day 1.
    accreditation_desks: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Hours each accreditation desk is open before day 1.
    accreditation_hours: float | None = attrs.field(default=None, validator=_fields.non_negative)
    #: The room (id) that serves as press centre; its seats are the reporters' workplaces.
    press_centre: str | None = None
    #: The rooms (ids) set aside for bilateral meetings.
    bilateral_rooms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: How many bilateral meetings are requested in all, set against the slots of the bilateral
    #: rooms.
    bilateral_requests: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Tables for the gala dinner, set against its guests plus overset.
    gala_tables: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Hotel rooms held for the event, set against the delegates.
    hotel_rooms: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Cars for the heads of delegation.
    cars: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Shuttle buses in the fleet.
    shuttle_buses: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: How long one shuttle takes to go round its loop and be back.
    shuttle_cycle_minutes: float | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Time between shuttle departures; the fleet needed is the cycle time divided by it.
    shuttle_headway_minutes: float | None = attrs.field(
        default=None, validator=_fields.non_negative
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)
