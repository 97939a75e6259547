"""What a placement must respect beyond the event itself: which sessions move, their windows,
their order, and what may not run in parallel.

The event already says most of it: each session's length, audience (so its seats, through the
demand layer), chairs, speakers and the delegations seated by name (who cannot be in two
places), and the rooms with their layouts and venues. The rules add what a planner decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from eventplan.model import fields as _fields

#: The programme's day when neither the rules nor the event's sessions give one: 08:00 to
#: 20:00, the bookable hours of the APEC 2018 PNG SOM2 Delegate Handbook (section 7.2), which
#: the bilateral plans use too.
DAY_START = dt.time(8, 0)
DAY_END = dt.time(20, 0)


def _weight(low: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    """A validator: a whole number from ``low`` to 100, said with the field's name."""

    def check(_: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 100:
            raise ValueError(f"{attribute.name} is a whole number from {low} to 100, not {value!r}")

    return check


@attrs.frozen(kw_only=True)
class Window:
    """When one session may be held: on ``day`` (any day of the event if left out), not before
    ``earliest`` and not after ``latest`` on the clock of the event's zone, and, where
    ``starts`` are given, starting at one of them. A session with several windows may be held
    in any one of them."""

    #: The session (id) the window is for.
    session: str
    #: The day it must be on; left out, any day of the event.
    day: dt.date | None = None
    #: It starts no earlier than this, local time.
    earliest: dt.time | None = None
    #: It ends no later than this, local time.
    latest: dt.time | None = None
    #: It starts only at these times of day, the programme's slots (``["09:00", "12:00"]``);
    #: left out, at any step of the grid.
    starts: tuple[dt.time, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    def describe(self) -> str:
        """The window in words: ``on 26 Oct from 09:00, starting at 09:00, 12:00 or 13:30``."""
        day = f"on {self.day:%d %b}" if self.day else "on any day"
        since = f" from {self.earliest:%H:%M}" if self.earliest else ""
        until = f" until {self.latest:%H:%M}" if self.latest else ""
        clocks = [f"{t:%H:%M}" for t in sorted(self.starts)]
        at = ""
        if clocks:
            at = ", starting at " + (
                clocks[0] if len(clocks) == 1 else f"{', '.join(clocks[:-1])} or {clocks[-1]}"
            )
        return f"{day}{since}{until}{at}"


@attrs.frozen(kw_only=True)
class Preference:
    """Where or when a session should be held if it can: a soft rule. The plan meets as many
    as it can, by ``weight``, after placing every session it can and keeping the published
    programme, and before keeping each session in its own room."""

    #: The session (id) the preference is for.
    session: str
    #: The room it should be in; left out, any room.
    room: str | None = None
    #: The day it should be on; left out, any day.
    day: dt.date | None = None
    #: It should start no earlier than this, local time.
    earliest: dt.time | None = None
    #: It should end no later than this, local time.
    latest: dt.time | None = None
    #: How much it counts against the other preferences, 1 to 100.
    weight: int = attrs.field(default=1, validator=_weight(1))

    def describe(self) -> str:
        """The preference in words: ``in side-hall-a on 26 Oct from 09:00``."""
        room = f"in {self.room}" if self.room else ""
        when = Window(
            session=self.session, day=self.day, earliest=self.earliest, latest=self.latest
        )
        time = "" if when == Window(session=self.session) else when.describe()
        return " ".join(part for part in (room, time) if part) or "anywhere"


@attrs.frozen(kw_only=True)
class Weights:
    """How much the soft rules of balance count, each 0 (off) to 100. One unit of ``spread``
    or ``load`` weighs as much as one session kept in its own room; one unit of ``makespan``,
    an hour of one person's day. At the defaults a unit weighs less than a calendar kept, so
    a re-plan does not move published sessions to balance the days; at 100 it weighs more."""

    #: Per session of a series in ``spread`` on a day beyond its even share of the days.
    spread: int = attrs.field(default=10, validator=_weight(0))
    #: Per session of one person (a delegation seated by name, a chair, a speaker) on a day
    #: beyond that person's even share of the days: a delegation's load spread out.
    load: int = attrs.field(default=0, validator=_weight(0))
    #: Per hour of each person's day, from the start of their first session to the end of
    #: their last: speakers and delegations not kept waiting between sessions.
    makespan: int = attrs.field(default=0, validator=_weight(0))


#: The rules that name pairs of sessions: ``[["a", "b"], ...]`` in a rules file.
PAIRS = ("before", "same_day", "adjacent")


@attrs.frozen(kw_only=True)
class PlacementRules:
    """The planner's rules for :func:`~eventplan.placement.place_programme`.

    ``fixed`` sessions keep their room and time; left empty, every session that is not
    cancelled is placed (``movable`` names them instead, when given). ``before`` pairs
    ``(a, b)`` put ``a`` ending before ``b`` starts; ``adjacent`` pairs put ``b`` in ``a``'s room
    right after it (the room turned over); ``same_day`` pairs share a day; ``apart``
    names series whose sessions never run in parallel (no two roundtables of one theme at once).
    The soft rules (``prefer``, ``spread`` and the :class:`Weights` of balance) are met where
    they can be, after the hard ones.
    """

    #: Sessions (ids) that keep their room and time.
    fixed: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Sessions (ids) to place; left out, every session not fixed and not cancelled.
    movable: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_fields.to_tuple)
    )
    #: Rooms (ids) the placed sessions may use; left out, every room of the event.
    rooms: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_fields.to_tuple)
    )
    #: When each day's programme may begin, local time; left out, the earliest start of the
    #: event's own sessions (08:00 without any).
    day_start: dt.time | None = None
    #: When each day's programme must be over, local time; left out, the latest end of the
    #: event's own sessions (20:00 without any).
    day_end: dt.time | None = None
    #: Sessions start on this grid, in minutes from midnight.
    step_minutes: int = attrs.field(default=5, validator=attrs.validators.in_(range(1, 61)))
    #: Windows of single sessions; a session with several may be held in any one of them.
    windows: tuple[Window, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Pairs (a, b): a ends before b starts.
    before: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Pairs (a, b) held on one day.
    same_day: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Pairs (a, b): b follows a in a's room, at the first start the room's turnover leaves.
    adjacent: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Series whose sessions never run at the same time.
    apart: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Soft rules: where or when a session should be, met where they can be.
    prefer: tuple[Preference, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Series whose sessions should spread evenly over the days they may be held on (soft:
    #: two roundtables of one theme on different days rather than one).
    spread: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The weights of the soft rules of balance: ``spread``, a person's load, their makespan.
    weights: Weights = Weights()
    #: Whether a session keeps its room when it can (a soft preference), where no published
    #: programme is given.
    keep_rooms: bool = True


def rules_from_dict(data: object, *, where: str = "rules") -> PlacementRules:
    """Rules from the tables of a TOML file (``fixed = [...]``, ``[[windows]]`` with
    ``session``, ``day``, ``earliest = "09:00"``, ``before = [["a", "b"]]`` ...); a key
    that does not belong or a value of the wrong kind is an error that says where."""
    import cattrs

    from eventplan.errors import InvalidArgumentError

    converter = cattrs.Converter(forbid_extra_keys=True)

    def clock(value: object, _: type) -> dt.time:
        if isinstance(value, dt.time):
            return value
        if isinstance(value, str):
            try:
                return dt.time.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(f'a time of day such as "09:00", not {value!r}')

    def day(value: object, _: type) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueError(f"a date such as 2025-10-25, not {value!r}")

    def text(value: object, _: type) -> str:
        if not isinstance(value, str):
            raise ValueError(f"a session, room or series id as a string, not {value!r}")
        return value

    # a string where a list belongs is a missing pair of brackets, never a list of letters
    lists = (
        "fixed",
        "movable",
        "rooms",
        "windows",
        "before",
        "same_day",
        "adjacent",
        "apart",
        "prefer",
        "spread",
    )
    table: dict[str, object] = data if isinstance(data, dict) else {}
    for key in lists:
        value = table.get(key)
        if isinstance(value, str):
            raise InvalidArgumentError(f"{where}.{key}: a list such as [{value!r}], not a string")
        for i, item in enumerate(value if key in PAIRS and isinstance(value, list) else ()):
            if isinstance(item, str):
                raise InvalidArgumentError(
                    f'{where}.{key}[{i}]: a pair of session ids such as ["a", "b"], not {item!r}'
                )
    converter.register_structure_hook(dt.time, clock)
    converter.register_structure_hook(dt.date, day)
    converter.register_structure_hook(str, text)
    try:
        return converter.structure(data, PlacementRules)
    except Exception as error:  # cattrs' grouped errors, each with its path
        if not isinstance(error, cattrs.BaseValidationError):
            raise InvalidArgumentError(f"{where}: {error}") from None
        problems = cattrs.transform_error(error, path=where, format_exception=_problem)
        raise InvalidArgumentError(
            "; ".join(
                f"{path}: {what}" for what, _, path in (p.rpartition(" @ ") for p in problems)
            )
        ) from None


def _problem(error: BaseException, kind: type | None) -> str:
    """One problem of a rules file in words, for :func:`rules_from_dict`."""
    import cattrs

    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown key{'s' if len(error.extra_fields) > 1 else ''} " + ", ".join(
            sorted(error.extra_fields)
        )
    if isinstance(error, KeyError):
        return "required, but missing"
    if isinstance(error, TypeError | ValueError) and error.args:
        return str(error.args[0])  # attrs' validators add the attribute and the value
    return f"not a valid {getattr(kind, '__name__', kind)}"
