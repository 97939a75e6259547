"""Venues and their rooms, with seat counts by layout as sources give them."""

from __future__ import annotations

import attrs

from eventplan import _fields
from eventplan.count import Count
from eventplan.enums import Layout


@attrs.frozen
class SeatCount:
    """Seats in one layout, as one source gives them (a room may have several)."""

    layout: Layout
    seats: int = _fields.count(0)
    note: str | None = None
    sources: tuple[str, ...] = _fields.sources()
    assumption: str | None = _fields.assumption()


@attrs.frozen
class Room:
    """A bookable space. ``seat_counts`` may hold several published figures per layout."""

    id: str = _fields.ident()
    name: str = _fields.text()
    floor_area_m2: float | None = _fields.measure()
    seat_counts: tuple[SeatCount, ...] = _fields.items()
    interpretation_booths: int = _fields.count(0)
    note: str | None = None
    sources: tuple[str, ...] = _fields.sources()
    assumption: str | None = _fields.assumption()

    @property
    def layouts(self) -> tuple[Layout, ...]:
        return tuple(dict.fromkeys(seat_count.layout for seat_count in self.seat_counts))

    def seats(self, layout: Layout) -> Count | None:
        """Seats in ``layout``: the range the published figures span, or ``None``."""
        figures = [s.seats for s in self.seat_counts if s.layout is layout]
        if not figures:
            return None
        return Count(min(figures), max(figures))


@attrs.frozen
class Venue:
    id: str = _fields.ident()
    name: str = _fields.text()
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    floor_area_m2: float | None = _fields.measure()
    rooms: tuple[Room, ...] = _fields.items()
    note: str | None = None
    sources: tuple[str, ...] = _fields.sources()
    assumption: str | None = _fields.assumption()
