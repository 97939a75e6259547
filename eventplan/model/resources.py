"""What the organisers have to work with: lanes, desks, interpreters, cars, rooms for bilaterals."""

from __future__ import annotations

import attrs

from eventplan.model import fields as _fields


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Resources:
    """The plan's resources beyond the rooms; ``None`` where not known (the check says so).

    ``press_centre`` and ``bilateral_rooms`` name rooms of the event.
    """

    interpreters: int | None = attrs.field(default=None, validator=_fields.non_negative)
    screening_lanes: int | None = attrs.field(default=None, validator=_fields.non_negative)
    accreditation_desks: int | None = attrs.field(default=None, validator=_fields.non_negative)
    accreditation_hours: float | None = attrs.field(default=None, validator=_fields.non_negative)
    press_centre: str | None = None
    bilateral_rooms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    bilateral_requests: int | None = attrs.field(default=None, validator=_fields.non_negative)
    gala_tables: int | None = attrs.field(default=None, validator=_fields.non_negative)
    hotel_rooms: int | None = attrs.field(default=None, validator=_fields.non_negative)
    cars: int | None = attrs.field(default=None, validator=_fields.non_negative)
    shuttle_buses: int | None = attrs.field(default=None, validator=_fields.non_negative)
    shuttle_cycle_minutes: float | None = attrs.field(default=None, validator=_fields.non_negative)
    shuttle_headway_minutes: float | None = attrs.field(
        default=None, validator=_fields.non_negative
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)
