"""Every resource formula, written once: the checks, the Monte Carlo and the yardstick call these.

Each formula takes plain numbers (ints, floats, ``math.inf`` for an open
range) or numpy arrays alike and rounds the same way: to 9 decimals before a
ceiling or a floor, since 720 × 1.1 is 792.0000000000001 in floating point,
not 793 places. numpy is imported only when an array comes in.
"""

from __future__ import annotations

import math
from typing import Any

from eventplan.model.count import Count
from eventplan.model.enums import Layout, SessionKind
from eventplan.model.norms import Norm, NormSet
from eventplan.model.programme import Session
from eventplan.model.venue import Room

#: A number or a numpy array of numbers.
Quantity = Any

#: The layout a session of a kind is set in when it does not say (if the room has it).
KIND_LAYOUTS = {
    SessionKind.GALA_DINNER: Layout.BANQUET,
    SessionKind.RECEPTION: Layout.RECEPTION,
    SessionKind.WORKSHOP: Layout.CLASSROOM,
    SessionKind.BILATERAL: Layout.BOARDROOM,
    SessionKind.BREAK: Layout.RECEPTION,
}
COMFORT_NORMS = {
    Layout.THEATRE: "area.theatre",
    Layout.CLASSROOM: "area.classroom",
    Layout.BANQUET: "area.banquet",
    Layout.RECEPTION: "area.reception",
    Layout.BOARDROOM: "area.boardroom",
}
CODE_NORMS = {
    Layout.THEATRE: "code.chairs",
    Layout.CLASSROOM: "code.classroom",
    Layout.BANQUET: "code.tables",
    Layout.RECEPTION: "code.standing",
    Layout.BOARDROOM: "code.tables",
}
UN_LANGUAGES = frozenset({"ar", "zh", "en", "fr", "ru", "es"})
#: The norm that scales each demand counted per person, by what the demand is made of: read
#: by its check and by the Monte Carlo alike, so the two cannot choose different norms.
PER_PERSON_NORMS = {
    "arriving": "arrival.share_in_window",
    "workplaces": "press.workplaces_per_reporter",
    "visitors": "exhibition.peak_share",
    "hotel": "hotel.rooms_per_delegate",
    "cars": "cars.per_head_of_delegation",
}
#: Guests up to which the small-banquet overset applies, and above which the large one does.
SMALL_BANQUET, LARGE_BANQUET = 100, 1000


def _is_number(value: Quantity) -> bool:
    return isinstance(value, int | float)


def ceil(value: Quantity) -> Quantity:
    """Round up, after rounding off floating-point noise; infinity stays infinite."""
    if _is_number(value):
        value = round(value, 9)
        return value if math.isinf(value) else math.ceil(value)
    import numpy as np

    return np.ceil(np.round(value, 9))


def floor(value: Quantity) -> Quantity:
    """Round down, after rounding off floating-point noise; infinity stays infinite."""
    if _is_number(value):
        value = round(value, 9)
        return value if math.isinf(value) else math.floor(value)
    import numpy as np

    return np.floor(np.round(value, 9))


def positive_part(value: Quantity) -> Quantity:
    """``value`` where above zero, else zero."""
    if _is_number(value):
        return max(0, value)
    import numpy as np

    return np.maximum(value, 0)


def rounded_up(quantity: Quantity, per: Quantity) -> Quantity:
    """Whole units for ``quantity`` at ``per`` units each, rounded up: hotel rooms per delegate,
    cars per head of delegation, workplaces per reporter, minutes per signature, and the people
    in a peak (a share of those arriving or visiting)."""
    return ceil(quantity * per)


def overset(guests: Quantity, small: float, between: float, large: float) -> Quantity:
    """The overset rate for ``guests``: ``small`` up to 100, ``large`` over 1,000, ``between``
    in between (Colorado State: about 10 % for 100 guests, 3–4 % over 1,000)."""
    return (
        small
        + (between - small) * (guests > SMALL_BANQUET)
        + (large - between) * (guests > LARGE_BANQUET)
    )


def gala_places(guests: Quantity, small: float, between: float, large: float) -> Quantity:
    """Places to set for ``guests``: the guests plus the overset, rounded up."""
    return ceil(guests * (1 + overset(guests, small, between, large)))


def shuttle_riders(arriving: Quantity, heads: Quantity) -> Quantity:
    """People on the shuttles in the peak: those arriving, less the heads of delegation (by car)."""
    return positive_part(arriving - heads)


def people_per_area(area: float, m2_per_person: float) -> int:
    """People an area holds at ``m2_per_person``."""
    result: int = floor(area / m2_per_person)
    return result


def served(units: float, per_unit: float) -> int:
    """What ``units`` (lanes, desks, tables) serve at ``per_unit`` each, rounded down."""
    result: int = floor(units * per_unit)
    return result


def layout_for(session: Session, room: Room) -> Layout | None:
    """The layout a session is set in: its own, its kind's if the room has it, or the room's first."""
    preferred = session.layout or KIND_LAYOUTS.get(session.kind)
    if preferred is not None and preferred in room.layouts:
        return preferred
    if session.layout is not None:
        return session.layout
    # the room's first published layout, or for a room known only by its floor area the kind's own
    return room.layouts[0] if room.layouts else (preferred or Layout.THEATRE)


def room_capacity(
    norms: NormSet, room: Room, layout: Layout | None
) -> tuple[Count, tuple[Norm, ...], str] | None:
    """A room's people in a layout: the lowest of its seats, the comfort and the code limits, with
    the norms that set it and its name; ``None`` when neither seats nor floor area are known."""
    limits: list[tuple[Count, Norm | None, str]] = []
    seats = room.seats(layout) if layout is not None else None
    if seats is not None:
        limits.append((seats, None, "seats"))
    if room.floor_area_m2 and layout in COMFORT_NORMS:
        for norm_id, name in (
            (COMFORT_NORMS[layout], "comfortable floor area"),
            (CODE_NORMS[layout], "code occupant load"),
        ):
            norm = norms[norm_id]
            area = room.floor_area_m2
            per = Count(
                people_per_area(area, norm.cautious_value),
                people_per_area(area, norm.optimistic_value),
            )
            limits.append((per, norm, name))
    if not limits:
        return None
    cautious = min(limits, key=lambda limit: limit[0].low)
    optimistic = min(limits, key=lambda limit: math.inf if limit[0].high is None else limit[0].high)
    chosen = tuple(dict.fromkeys(n for n in (cautious[1], optimistic[1]) if n is not None))
    return Count(cautious[0].low, optimistic[0].high), chosen, cautious[2]


def booths_needed(languages: int) -> int:
    """One booth per target language; two languages share one bi-active booth (AIIC)."""
    if languages < 2:
        return 0
    return 1 if languages == 2 else languages


def interpreters_needed(norms: NormSet, session: Session) -> tuple[int, int]:
    """Interpreters for one session, (optimistic, cautious): the UN team for the six UN languages
    plus a pair per other booth, else a pair per booth (AIIC); one more per booth past 3.5–4 hours
    and again past 6."""
    booths = booths_needed(len(session.languages))
    if booths == 0:
        return 0, 0
    per_booth = int(norms["interpretation.per_booth"].low)
    if set(session.languages) >= UN_LANGUAGES:
        others = len(set(session.languages) - UN_LANGUAGES)
        base = int(norms["interpretation.un_team"].low) + others * per_booth
    else:
        base = booths * per_booth
    hours = session.duration.total_seconds() / 3600
    long_day = norms["interpretation.long_day_hours"]
    longer = booths if hours > 6 else 0
    return (
        base + longer + (booths if hours > long_day.high else 0),
        base + longer + (booths if hours > long_day.low else 0),
    )


def overset_rates(norms: NormSet, cautious: bool) -> tuple[float, float, float]:
    """The overset rates (up to 100 guests, between, over 1,000) at one end of the norms; between
    the two sizes anywhere from the large to the small banquet's rate."""
    small, large = norms["banquet.overset_small"], norms["banquet.overset_large"]
    ends = (large.cautious_value, small.cautious_value)
    if cautious:
        return small.cautious_value, max(ends), large.cautious_value
    return small.optimistic_value, min(ends), large.optimistic_value
