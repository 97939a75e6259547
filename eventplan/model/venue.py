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

    #: The layout this figure is for.
    layout: Layout
    #: Seats in that layout by this source; left out, the layout is published without a figure.
    seats: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Anything else about this figure (what it counts, where it comes from).
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Room:
    """A bookable space. ``seat_counts`` may hold several published figures per layout.

    ``None`` (floor area, interpretation booths) means not known, never zero.
    """

    #: A short id for the room, unique across all venues; sessions and resources name it.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The room's name as the programme, calendars and reports show it.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The room's floor area, which sets comfort and fire-code limits on the people it holds; left
    #: out, not known.
    floor_area_m2: float | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Seats the room holds in each layout, each figure with its source (a room may carry several
    #: that disagree).
    seat_counts: tuple[SeatCount, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Interpretation booths the room has; left out, not known (the check of interpreted sessions
    #: says so).
    interpretation_booths: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: Anything else worth knowing about it, in a sentence or two.
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)
    #: The GUID a published schedule gave the room, kept so apps keep recognising it.
    guid: str | None = attrs.field(default=None, kw_only=True, validator=_fields.uuid_text)
    #: The seating grid, for seating plans: rows from the front, seats in each row.
    rows: int | None = attrs.field(default=None, validator=_fields.non_negative, kw_only=True)
    #: Seats in each row of that grid.
    seats_per_row: int | None = attrs.field(
        default=None, validator=_fields.non_negative, kw_only=True
    )
    #: Whether sessions in it are recorded or streamed; left out, not known. A session whose
    #: speakers opted out of recording is a warning in a recorded room.
    recorded: bool | None = attrs.field(default=None, kw_only=True)

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

    #: A short id for the venue, unique among venues.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The venue's name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The city the venue is in.
    city: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The venue's latitude; with `longitude`, calendar entries carry its position.
    latitude: float | None = None
    #: The venue's longitude; with `latitude`, calendar entries carry its position.
    longitude: float | None = None
    #: The whole venue's floor area, for the record; the checks use each room's own.
    floor_area_m2: float | None = attrs.field(default=None, validator=_fields.non_negative)
    #: The venue's bookable spaces.
    rooms: tuple[Room, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Anything else worth knowing about it, in a sentence or two.
    note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)
    #: Minutes to walk between two of its rooms, as measured or known here; left out, the norm
    #: `transfer.same_venue_minutes` applies.
    walking_minutes: float | None = attrs.field(
        default=None, validator=[_fields.finite, _fields.non_negative], kw_only=True
    )
