"""Venues and their rooms, with seat counts by layout as sources give them."""

from __future__ import annotations

import attrs

from eventplan.model import fields as _fields
from eventplan.model.count import Count
from eventplan.model.enums import Layout


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class SeatCount:
    """Seats in one layout, as one source gives them (a room may have several); ``None``: the
    layout is published without a seat count."""

    layout: Layout
    seats: int | None = attrs.field(default=None, validator=_fields.non_negative)
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Room:
    """A bookable space. ``seat_counts`` may hold several published figures per layout.

    ``None`` (floor area, interpretation booths) means not known, never zero.
    """

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    floor_area_m2: float | None = attrs.field(default=None, validator=_fields.non_negative)
    seat_counts: tuple[SeatCount, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    interpretation_booths: int | None = attrs.field(default=None, validator=_fields.non_negative)
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)
    #: The GUID a published schedule gave the room, kept so apps keep recognising it.
    guid: str | None = attrs.field(default=None, kw_only=True, validator=_fields.uuid_text)
    #: The seating grid, for seating plans: rows from the front, seats in each row.
    rows: int | None = attrs.field(default=None, validator=_fields.non_negative, kw_only=True)
    seats_per_row: int | None = attrs.field(
        default=None, validator=_fields.non_negative, kw_only=True
    )

    @property
    def layouts(self) -> tuple[Layout, ...]:
        """The layouts the room has seat counts for, each once, in the order first given."""
        return tuple(dict.fromkeys(seat_count.layout for seat_count in self.seat_counts))

    def seats(self, layout: Layout) -> Count | None:
        """Seats in ``layout``: the range the published figures span, or ``None``."""
        figures = [s.seats for s in self.seat_counts if s.layout is layout and s.seats is not None]
        if not figures:
            return None
        return Count(min(figures), max(figures))


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Venue:
    """A site the event uses (a convention centre, a hotel) and the rooms in it."""

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    city: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    latitude: float | None = None
    longitude: float | None = None
    floor_area_m2: float | None = attrs.field(default=None, validator=_fields.non_negative)
    rooms: tuple[Room, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)
