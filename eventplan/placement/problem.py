"""The placement problem in whole minutes: for each session to place, the rooms that seat it
and the starts the fixed programme and the rules leave it.

Every figure comes from where the checks take it, so a placed programme passes them by
construction: seats from the demand layer and :func:`~eventplan.capacity.checks.room_capacity`
(a room is allowed when the cautious demand fits the cautious capacity), turnover from
:func:`~eventplan.capacity.checks.turnover_norm`, transfers from
:func:`~eventplan.capacity.checks.transfer_time`, the people who cannot be in two places from
:func:`~eventplan.capacity.checks.expected_people`, all at the norms' cautious ends.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from eventplan.capacity import checks
from eventplan.demand.formulas import booths_needed, layout_for
from eventplan.errors import InvalidArgumentError
from eventplan.model import intervals, localtime
from eventplan.model.count import Count
from eventplan.model.enums import SessionKind, Severity
from eventplan.model.event import Event
from eventplan.model.norms import NormSet
from eventplan.model.programme import Session
from eventplan.model.venue import Room
from eventplan.placement.plan import Reason
from eventplan.placement.rules import PAIRS, PlacementRules, Preference, Window

#: Closed ranges of start minutes.
Spans = list[tuple[int, int]]


@attrs.frozen
class Item:
    """One session to place: its length, the rooms that seat it and, per room, the closed
    ranges of start minutes that its window and the fixed programme leave."""

    session: Session
    minutes: int
    starts: dict[str, Spans]  # room id -> start minutes on the step grid, closed ranges
    unknown_capacity: frozenset[str]  # rooms allowed although their seats are not known
    reasons: tuple[Reason, ...]  # why it cannot be placed at all, before any solving


@attrs.frozen
class Balanced:
    """Sessions whose days a soft rule of balance weighs (:meth:`Problem.balanced`)."""

    name: str  # ``series:<id>`` or ``person:<id>``
    sessions: tuple[str, ...]
    rule: str  # "share": at most an even share a day; "makespan": a short day
    weight: int


@attrs.frozen
class Crowd:
    """More sessions confined to some rooms than those rooms can hold in the hours."""

    rooms: tuple[str, ...]
    sessions: tuple[str, ...]
    holds: int  # at most this many of the sessions can be placed

    def reason(self, names: dict[str, str]) -> Reason:
        where = ", ".join(names[r] for r in self.rooms)
        return Reason(
            "rooms-full",
            f"{len(self.sessions)} sessions can be held only in {where} (the rooms open to them "
            f"that seat them), which hold at most {self.holds} of them in the hours the programme leaves: "
            f"{len(self.sessions) - self.holds} are left out",
            (*self.sessions, *self.rooms),
        )


class Problem:
    """The event, the rules and the sessions to place, in minutes from the first day's midnight."""

    def __init__(
        self, event: Event, turnout: str | None, rules: PlacementRules, norms: NormSet | None
    ) -> None:
        self.event = event
        self.rules = rules
        self._turnovers: dict[tuple[int, int, str], int] = {}
        self._settings: dict[tuple[str, str], int] = {}
        self._classes: dict[tuple[object, ...], int] = {}
        self._transfers: dict[tuple[str, str], int] = {}
        self._days: list[tuple[int, int]] | None = None
        self.ctx = checks.Context(event, event.turnout(turnout).name, event.planning_norms(norms))
        self.zone = event.zone
        first = event.start_date
        self.origin = pendulum.datetime(first.year, first.month, first.day, tz=event.zone)
        _check_names(event, rules)
        live = {s.id: s for s in self.ctx.live}
        movable = rules.movable if rules.movable is not None else tuple(live)
        fixed = set(rules.fixed)
        self.movable = [live[i] for i in dict.fromkeys(movable) if i in live and i not in fixed]
        moving = {s.id for s in self.movable}
        self.moving = frozenset(moving)
        self.fixed = [s for s in self.ctx.live if s.id not in moving]
        self.fixed_by_id = {s.id: s for s in self.fixed}
        self.rooms: list[Room] = (
            list(event.rooms) if rules.rooms is None else [event.room(r) for r in rules.rooms]
        )
        self.days = _days(event)
        self.day_start, self.day_end = _hours(event, rules, self.ctx.live)
        self.windows: dict[str, list[Window]] = defaultdict(list)
        for window in rules.windows:
            self.windows[window.session].append(window)
        self.people = {
            person: sessions
            for person, sessions in checks.expected_people(self.ctx).items()
            if any(s.id in moving for s in sessions)
        }
        self.people_of: dict[str, list[str]] = defaultdict(list)
        for person, sessions in self.people.items():
            for s in sessions:
                self.people_of[s.id].append(person)
        self.items = [self._item(s) for s in self.movable]
        self.item_of = {item.session.id: item for item in self.items}

    # --- time ------------------------------------------------------------------------------

    def minute(self, moment: dt.datetime) -> int:
        return math.floor((moment.timestamp() - self.origin.timestamp()) / 60)

    def moment(self, minute: int) -> pendulum.DateTime:
        return localtime.local(
            localtime.after(self.origin, dt.timedelta(minutes=minute)), self.zone
        )

    def local(self, day: dt.date, clock: dt.time) -> int:
        at = pendulum.datetime(day.year, day.month, day.day, clock.hour, clock.minute, tz=self.zone)
        return self.minute(at)

    def day_bounds(self) -> list[tuple[int, int]]:
        """Each day of the event from midnight to midnight, in minutes (a day with a clock
        change is an hour longer or shorter)."""
        if self._days is None:
            self._days = [
                (self.local(day, dt.time(0)), self.local(day + dt.timedelta(days=1), dt.time(0)))
                for day in self.days
            ]
        return list(self._days)

    def day_of(self, minute: int) -> int:
        """The index of the day a minute falls on; -1 outside the event's days."""
        return next((i for i, (a, b) in enumerate(self.day_bounds()) if a <= minute < b), -1)

    def hours(self, session: Session) -> Spans:
        """The minutes the session may take, day by day: the programme's hours within each of
        its windows (any one of them, where it has several), a span per slot where the window
        gives slots. Spans of two windows may overlap."""
        return self.within(session, self.windows.get(session.id) or [None])

    def within(self, session: Session, windows: Sequence[Window | None]) -> Spans:
        """The minutes the session may take within any of ``windows`` and the programme's
        hours, day by day (``None``: the whole day)."""
        minutes = length(session)
        spans: Spans = []
        for day in self.days:
            low = self.local(day, self.day_start)
            high = self.local(day, self.day_end)
            if self.day_end <= self.day_start:  # the day ends after midnight
                high = self.local(day + dt.timedelta(days=1), self.day_end)
            for window in windows:
                if window is None:
                    if low < high:
                        spans.append((low, high))
                    continue
                if window.day is not None and window.day != day:
                    continue
                a = max(low, self.local(day, window.earliest)) if window.earliest else low
                b = min(high, self.local(day, window.latest)) if window.latest else high
                if window.starts:
                    slots = sorted(self.local(day, t) for t in window.starts)
                    spans.extend((t, t + minutes) for t in slots if a <= t and t + minutes <= b)
                elif a < b:
                    spans.append((a, b))
        return spans

    def preferred(self, item: Item, preference: Preference) -> dict[str, Spans]:
        """The rooms and starts (on the grid, as in ``item.starts``) that meet ``preference``."""
        when = Window(
            session=preference.session,
            day=preference.day,
            earliest=preference.earliest,
            latest=preference.latest,
        )
        spans = self.within(item.session, [when])
        starts = _on_grid(
            [(a, b - item.minutes) for a, b in spans if b - a >= item.minutes],
            self.rules.step_minutes,
        )
        rooms = [preference.room] if preference.room else list(item.starts)
        found = {}
        for room in rooms:
            both = intervals.intersect_closed(item.starts.get(room, []), starts)
            if both:
                found[room] = both
        return found

    # --- balance: the soft rules of spread, load and makespan --------------------------------

    @functools.cached_property
    def balanced(self) -> list[Balanced]:
        """The groups whose days the soft rules of balance weigh, each with its weight per
        unit: a series in ``rules.spread`` (its sessions beyond an even share of a day), a
        person with two sessions or more (the same for their load; their makespan)."""
        weights = self.rules.weights
        live = {s.id: s for s in self.ctx.live}
        groups = []
        if weights.spread:
            for series in self.rules.spread:
                ids = tuple(s.id for s in self.ctx.live if s.series == series)
                groups.append(Balanced(f"series:{series}", ids, "share", weights.spread))
        for person, sessions in self.people.items():
            ids = tuple(s.id for s in sessions if s.id in live)
            if len(ids) < 2:
                continue
            if weights.load:
                groups.append(Balanced(f"person:{person}", ids, "share", weights.load))
            if weights.makespan:
                groups.append(Balanced(f"person:{person}", ids, "makespan", weights.makespan))
        return groups

    def possible_days(self, ids: Iterable[str]) -> list[int]:
        """The days (indices) the sessions ``ids`` may be held on: a fixed one's own, a placed
        one's every day its starts reach."""
        step = self.rules.step_minutes
        items = self.item_of
        fixed = self.fixed_by_id
        days: set[int] = set()
        for sid in ids:
            if sid in fixed:
                days.add(self.day_of(self.minute(fixed[sid].start)))
            elif sid in items:
                for spans in items[sid].starts.values():
                    for a, b in spans:
                        days.update(range(self.day_of(a * step), self.day_of(b * step) + 1))
        return sorted(d for d in days if d >= 0)

    def busy(self, chosen: dict[str, tuple[str, int]], ids: Iterable[str]) -> list[tuple[int, int]]:
        """The start and end minutes of the sessions ``ids`` that are in the plan: fixed ones
        where they are, placed ones where ``chosen`` puts them."""
        items = self.item_of
        fixed = self.fixed_by_id
        found = []
        for sid in ids:
            if sid in fixed:
                found.append((self.minute(fixed[sid].start), self.minute(fixed[sid].end)))
            elif sid in chosen:
                minute = chosen[sid][1]
                found.append((minute, minute + items[sid].minutes))
        return found

    def imbalance(self, group: Balanced, chosen: dict[str, tuple[str, int]]) -> int:
        """A group's units of imbalance in a plan: for ``share``, its sessions on each day
        beyond :func:`even_share`; for ``makespan``, the minutes of each day from its first
        start to its last end. The solver's model and the plan's report both count this."""
        by_day: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for start, end in self.busy(chosen, group.sessions):
            by_day[self.day_of(start)].append((start, end))
        days = len(self.possible_days(group.sessions))
        return sum(self.imbalance_of_day(group, spans, days) for spans in by_day.values())

    def imbalance_of_day(self, group: Balanced, spans: list[tuple[int, int]], days: int) -> int:
        """One day's units of :meth:`imbalance`, from the group's sessions held that day."""
        if not spans:
            return 0
        if group.rule == "makespan":
            return max(e for _, e in spans) - min(s for s, _ in spans)
        return max(0, len(spans) - even_share(len(group.sessions), days))

    # --- what each session needs --------------------------------------------------------------

    def turnover(self, a: Session, b: Session, room: Room) -> int:
        """Minutes ``room`` needs between ``a`` and the next session ``b`` (the cautious end)."""
        key = (self._setting(a, room), self._setting(b, room), room.id)
        if key not in self._turnovers:
            norm = checks.turnover_norm(self.ctx, a, b, room)
            self._turnovers[key] = 0 if norm is None else math.ceil(norm.cautious_value)
        return self._turnovers[key]

    def follows(self, a: Session, b: Session, room: Room, end_a: int) -> int:
        """The minute ``b`` starts when it follows ``a`` in ``room`` (an ``adjacent`` pair):
        at ``a``'s end, the room turned over, up to the grid."""
        step = self.rules.step_minutes
        return -(-(end_a + self.turnover(a, b, room)) // step) * step

    def precedes(self, a: Session, b: Session, room: Room, start_b: int, minutes_a: int) -> int:
        """The minute ``a`` starts when ``b`` follows it in ``room`` at ``start_b``: the latest
        start on the grid that leaves the turnover."""
        step = self.rules.step_minutes
        return (start_b - self.turnover(a, b, room) - minutes_a) // step * step

    def longest_turnover(self, room: Room, sessions: Iterable[Session]) -> int:
        """The longest turnover two of ``sessions`` may need in ``room``, in minutes (the
        cautious end)."""
        norms = checks.turnover_norms(self.ctx, room, sessions)
        return max(math.ceil(n.cautious_value) for n in norms)

    def _setting(self, session: Session, room: Room) -> int:
        """The number of the session's :func:`setting` in the room, kept: turnovers are asked
        for often."""
        key = (session.id, room.id)
        found = self._settings.get(key)
        if found is None:
            found = self._settings[key] = self._classes.setdefault(
                setting(session, room), len(self._classes)
            )
        return found

    def transfer(self, room: str | None, other: str | None) -> int:
        """Minutes a person needs from ``room`` to ``other`` (the cautious end)."""
        if room is None or other is None:
            return 0
        if (room, other) not in self._transfers:
            found = checks.transfer_time(self.ctx, room, other)
            self._transfers[room, other] = 0 if found is None else math.ceil(found.cautious)
        return self._transfers[room, other]

    def seats_needed(self, session: Session) -> Count | None:
        """The people the session must seat; ``None`` when its seats are not checked (an
        exhibition, no audience rules) or the turnout does not say who comes."""
        if session.kind is SessionKind.EXHIBITION or not session.audience:
            return None
        if not self.ctx.parties.demand_known(session):
            return None
        return self.ctx.demand[session.id]

    def interpreters(self, session: Session) -> int:
        """Interpreters the session keeps at work, at the cautious end (the optimistic one
        where the cautious end is open)."""
        if len(session.languages) < 2:
            return 0
        need = checks.interpreters_needed(self.ctx, session)
        return need.low if need.high is None else need.high

    def shared(self, session: Session, minutes: int) -> list[tuple[str, int, int, int]]:
        """The session's uses of the shared pools the event gives a number for, as (resource,
        begins, ends, count) in minutes from its start, by
        :meth:`~eventplan.model.resources.ResourceUse.span` as the checks take them."""
        pools = self.event.resources
        found = []
        for use in session.uses:
            if getattr(pools, use.resource) is not None:
                begins, ends = use.span(minutes)
                found.append((use.resource, int(begins), int(ends), use.count))
        return found

    def booths_short(self, session: Session, room: Room) -> bool:
        """Whether ``room`` is known to have too few booths for the session's languages."""
        needed = booths_needed(len(session.languages))
        return (
            bool(needed)
            and room.interpretation_booths is not None
            and room.interpretation_booths < needed
        )

    def capacity(self, session: Session, room: Room) -> Count | None:
        found = checks.room_capacity(self.ctx, room, layout_for(session, room))
        return None if found is None else found[0]

    def _item(self, session: Session) -> Item:
        minutes = length(session)
        step = self.rules.step_minutes
        reasons: list[Reason] = []
        demand = self.seats_needed(session)
        seated: list[Room] = []
        unknown: list[Room] = []
        booths = [room for room in self.rooms if not self.booths_short(session, room)]
        if not booths:
            reasons.append(
                Reason(
                    "interpretation-booths",
                    f"{session.id} is interpreted in {len(session.languages)} languages and needs "
                    f"{booths_needed(len(session.languages))} booths; no room it may use has them",
                    (session.id,),
                )
            )
        for room in booths:
            capacity = self.capacity(session, room) if demand is not None else None
            if demand is None or (
                capacity is not None and checks.verdict(demand, capacity) is Severity.OK
            ):
                seated.append(room)
            elif capacity is None:
                unknown.append(room)
        if not seated:  # rooms whose seats are not known only where no known room holds it
            seated = unknown
        if booths and not seated:
            reasons.append(self._too_big(session, demand))
        hours = [(a, b - minutes) for a, b in self.hours(session) if b - a >= minutes]
        if not hours:
            reasons.append(self._too_long(session, minutes))
        starts: dict[str, Spans] = {}
        for room in seated if hours else ():
            free = list(hours)
            for other in self.fixed:
                if other.room == room.id:
                    after = self.turnover(other, session, room)
                    ahead = self.turnover(session, other, room)
                    free = intervals.cut(
                        free,
                        self.minute(other.start) - minutes - ahead + 1,
                        self.minute(other.end) + after - 1,
                    )
            for person in self.people_of.get(session.id, ()):
                for other in self.people[person]:
                    if other.id in self.moving:
                        continue
                    gap = self.transfer(room.id, other.room)
                    free = intervals.cut(
                        free,
                        self.minute(other.start) - minutes - gap + 1,
                        self.minute(other.end) + gap - 1,
                    )
            free = intervals.merge_closed(_on_grid(free, step))
            if free:
                starts[room.id] = free
        if seated and hours and not starts:
            reasons.append(self._taken(session, seated, hours, minutes))
        for resource, _, _, count in self.shared(session, minutes):
            available = getattr(self.event.resources, resource)
            if count > available:
                words = resource.replace("_", " ")
                reasons.append(
                    Reason(
                        "shared-resource",
                        f"{session.id} keeps {count} {words} busy; the event has {available}",
                        (session.id, f"resources.{resource}"),
                    )
                )
                starts = {}
        unsure = frozenset(r.id for r in unknown if r.id in starts and seated is unknown)
        return Item(session, minutes, starts, unsure, tuple(reasons))

    # --- reasons known before solving ---------------------------------------------------------

    def crowds(self) -> list[Crowd]:
        """Sessions that outnumber the rooms they may use: for each set of rooms that some
        session is confined to, the sessions confined to it against as many as its rooms can
        hold one after another in their free hours. Found before solving, and a bound the
        solver's search cannot find for itself."""
        step = self.rules.step_minutes
        cells = {item.session.id: -(-item.minutes // step) for item in self.items if item.starts}
        free: dict[str, Spans] = defaultdict(list)
        for item in self.items:
            for room, spans in item.starts.items():
                free[room].extend((a, b + cells[item.session.id] - 1) for a, b in spans)
        room_cells = {
            room: sum(b - a + 1 for a, b in intervals.merge_closed(spans))
            for room, spans in free.items()
        }
        found = []
        for rooms in sorted({frozenset(i.starts) for i in self.items if i.starts}, key=sorted):
            members = [i for i in self.items if i.starts and set(i.starts) <= rooms]
            shortest = min(cells[i.session.id] for i in members)
            holds = sum(room_cells[room] // shortest for room in rooms)
            if len(members) > holds:
                found.append(
                    Crowd(tuple(sorted(rooms)), tuple(i.session.id for i in members), holds)
                )
        return found

    def _too_big(self, session: Session, demand: Count | None) -> Reason:
        assert demand is not None
        best = max(
            ((c, r) for r in self.rooms if (c := self.capacity(session, r)) is not None),
            key=lambda pair: pair[0].low,
            default=None,
        )
        needs = (
            f"{demand.high:,} seats in the cautious case"
            if demand.high is not None
            else f"at least {demand.low:,} seats, with no upper bound"
        )
        if best is None:
            has = "no room it may use has a known capacity"
        else:
            has = f"the largest room it may use, {best[1].name}, holds {best[0]}"
        return Reason(
            "room-capacity",
            f"{session.id} needs {needs}; {has}",
            (session.id, *([best[1].id] if best else [])),
        )

    def _too_long(self, session: Session, minutes: int) -> Reason:
        slots = sorted({t for w in self.windows.get(session.id, ()) for t in w.starts})
        if slots:
            return Reason(
                "window",
                f"{session.id} lasts {minutes} min; none of its slots "
                f"({', '.join(f'{t:%H:%M}' for t in slots)}) leaves that long within its "
                f"windows and the programme's hours ({self.day_start:%H:%M}–{self.day_end:%H:%M})",
                (session.id,),
            )
        spans = self.hours(session)
        longest = max((b - a for a, b in spans), default=0)
        where = "its windows" if session.id in self.windows else "a day's programme hours"
        hours = f"{self.day_start:%H:%M}–{self.day_end:%H:%M}"
        return Reason(
            "window" if session.id in self.windows else "day-hours",
            f"{session.id} lasts {minutes} min; {where} ({hours}"
            f"{', with its window' if session.id in self.windows else ''}) leave at most {longest} min",
            (session.id,),
        )

    def _taken(self, session: Session, rooms: list[Room], hours: Spans, minutes: int) -> Reason:
        """Every room that seats it is held, or someone it needs is elsewhere, all its window."""
        low, high = min(a for a, _ in hours), max(b for _, b in hours) + minutes
        inside = [s for s in self.fixed if self.minute(s.start) < high and self.minute(s.end) > low]
        ids = {r.id for r in rooms}
        names = ", ".join(r.name for r in rooms)
        held = [s for s in inside if s.room in ids]
        busy = [
            (person, s)
            for person in self.people_of.get(session.id, ())
            for s in self.people[person]
            if s in inside
        ]
        parts = [f"{s.room} by {s.id} ({localtime.span(s.start, s.end, self.zone)})" for s in held]
        parts += [
            f"{person} at {s.id} ({localtime.span(s.start, s.end, self.zone)})"
            for person, s in busy
        ]
        rule = "person" if busy and not held else "room-bookings"
        return Reason(
            rule,
            f"{session.id}: the rooms that seat it ({names}) are taken, or someone it needs is "
            f"elsewhere, at every time it may start: {'; '.join(parts) or 'the fixed programme'}",
            (session.id, *dict.fromkeys([*(s.id for s in held), *(p for p, _ in busy)])),
        )


def _hours(event: Event, rules: PlacementRules, live: Iterable[Session]) -> tuple[dt.time, dt.time]:
    """The programme's daily hours: the rules', else those the event's own sessions span."""
    from eventplan.placement.rules import DAY_END, DAY_START

    starts: list[dt.time] = []
    ends: list[dt.time] = []
    for session in live:
        begins = localtime.local(session.start, event.zone)
        finishes = localtime.local(session.end, event.zone)
        starts.append(begins.time())
        ends.append(finishes.time() if finishes.date() == begins.date() else dt.time(23, 59))
    first = rules.day_start or (min(starts) if starts else DAY_START)
    last = rules.day_end or (max(ends) if ends else DAY_END)
    return first.replace(second=0, microsecond=0), last.replace(second=0, microsecond=0)


def _days(event: Event) -> list[dt.date]:
    days, day = [], event.start_date
    while day <= event.end_date:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def even_share(count: int, days: int) -> int:
    """The most of ``count`` sessions that one of ``days`` holds when they are spread evenly."""
    return -(-count // max(1, days))


def length(session: Session) -> int:
    """The session's length in whole minutes, rounded up: what the placement reserves."""
    return math.ceil(session.duration.total_seconds() / 60)


def starts_at(starts: dict[str, Spans], room: str, minute: int, step: int) -> bool:
    """Whether ``minute`` is one of ``room``'s starts in ``starts`` (closed ranges of grid
    steps, as in :attr:`Item.starts` and :meth:`Problem.preferred`)."""
    return minute % step == 0 and any(a <= minute // step <= b for a, b in starts.get(room, ()))


def _on_grid(spans: Spans, step: int) -> Spans:
    """The ranges in steps: starts that are whole multiples of ``step`` minutes."""
    grid = [(-(-a // step), b // step) for a, b in spans]
    return [(a, b) for a, b in grid if a <= b]


def _check_names(event: Event, rules: PlacementRules) -> None:
    """Every session, room and series the rules name exists: bad input is said where it is."""
    sessions = {s.id for s in event.sessions}
    rooms = {r.id for r in event.rooms}
    series = {s.series for s in event.sessions if s.series}

    def unknown(path: str, name: str, known: Iterable[str], what: str) -> None:
        if name not in known:
            raise InvalidArgumentError(f"rules.{path}: unknown {what} {name!r}")

    for i, name in enumerate(rules.fixed):
        unknown(f"fixed[{i}]", name, sessions, "session")
    for i, name in enumerate(rules.movable or ()):
        unknown(f"movable[{i}]", name, sessions, "session")
    for i, name in enumerate(rules.rooms or ()):
        unknown(f"rooms[{i}]", name, rooms, "room")
    for i, window in enumerate(rules.windows):
        unknown(f"windows[{i}].session", window.session, sessions, "session")
        if window.day is not None and not event.start_date <= window.day <= event.end_date:
            raise InvalidArgumentError(
                f"rules.windows[{i}].day: {window.day} is not a day of the event "
                f"({event.start_date} to {event.end_date})"
            )
        for j, clock in enumerate(window.starts):
            if (clock.hour * 60 + clock.minute) % rules.step_minutes or clock.second:
                raise InvalidArgumentError(
                    f"rules.windows[{i}].starts[{j}]: {clock:%H:%M:%S} is not on the "
                    f"{rules.step_minutes}-minute grid (step_minutes)"
                )
    for i, preference in enumerate(rules.prefer):
        unknown(f"prefer[{i}].session", preference.session, sessions, "session")
        if preference.room is not None:
            unknown(f"prefer[{i}].room", preference.room, rooms, "room")
        if preference.day is not None and not event.start_date <= preference.day <= event.end_date:
            raise InvalidArgumentError(
                f"rules.prefer[{i}].day: {preference.day} is not a day of the event "
                f"({event.start_date} to {event.end_date})"
            )
    for field in PAIRS:
        for i, pair in enumerate(getattr(rules, field)):
            if len(pair) != 2:
                raise InvalidArgumentError(
                    f"rules.{field}[{i}]: a pair of session ids, not {pair!r}"
                )
            for j, name in enumerate(pair):
                unknown(f"{field}[{i}][{j}]", name, sessions, "session")
    for field in ("apart", "spread"):
        for i, name in enumerate(getattr(rules, field)):
            unknown(f"{field}[{i}]", name, series, "series")


def setting(session: Session, room: Room) -> tuple[object, ...]:
    """What decides the turnover in a room (:func:`~eventplan.capacity.checks.turnover_norm`):
    the layout asked for, the one set, the audience."""
    return (session.layout, layout_for(session, room), session.audience)
