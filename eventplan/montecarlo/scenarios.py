"""What-ifs: named sets of changes to an event, compared side by side or swept over a grid.

A :class:`Scenario` applies its changes with ``attrs.evolve``, so the original
event never changes, and validates the result, so a scenario cannot leave a
session in a room that no longer exists without saying so.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from eventplan import _shipping
from eventplan.capacity.report import FINDING_COLUMNS, check, finding_row, finding_values
from eventplan.errors import (
    EventPlanError,
    InvalidEventError,
    MissingExtraError,
    Problem,
    UnknownNameError,
)
from eventplan.model import arguments as _arguments
from eventplan.model import fields as _fields
from eventplan.model.count import Count
from eventplan.model.editing import resolve_turnout
from eventplan.model.enums import Layout, PartyKind, SessionStatus
from eventplan.model.event import Event
from eventplan.model.norms import NormOverride
from eventplan.model.participation import Cohort, Turnout
from eventplan.model.programme import Session
from eventplan.model.resources import Resources
from eventplan.model.validation import validate
from eventplan.model.venue import SeatCount

if TYPE_CHECKING:  # pragma: no cover
    import pandas


class Change(Protocol):
    def apply(self, event: Event, turnout: str) -> Event: ...


def _with_turnout(event: Event, name: str, turnout: Turnout) -> Event:
    return attrs.evolve(
        event, turnouts=tuple(turnout if t.name == name else t for t in event.turnouts)
    )


def _with_cohorts(turnout: Turnout, cohorts: Iterable[Cohort]) -> Turnout:
    return attrs.evolve(turnout, cohorts=tuple(cohorts))


def _resized(cohort: Cohort, parties: Count) -> Cohort:
    """A cohort with another number of parties; its signatories shrink with it if need be."""
    at_plenary = min(cohort.signed_at_plenary, parties.low)
    later = min(cohort.signed_later, parties.low - at_plenary)
    return attrs.evolve(cohort, parties=parties, signed_at_plenary=at_plenary, signed_later=later)


def _party_kind(value: Any) -> PartyKind:
    try:
        return PartyKind(value)
    except ValueError:
        raise UnknownNameError("party kind", str(value), [k.value for k in PartyKind]) from None


@attrs.frozen
class SetParties:
    """So many parties of one kind come: the cohorts of that kind are scaled to make the total."""

    kind: PartyKind = attrs.field(converter=_party_kind)
    total: int

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with ``total`` parties of this kind in ``turnout``: its cohorts of the kind scaled to make the total beside the named delegations."""
        base = event.turnout(turnout)
        named = sum(1 for d in base.delegations if d.kind is self.kind)
        cohorts = [c for c in base.cohorts if c.kind is self.kind]
        if not cohorts:
            raise UnknownNameError(
                f"party kind with cohorts in turnout {turnout!r}:",
                self.kind.value,
                sorted({c.kind.value for c in base.cohorts}),
            )
        wanted = max(0, self.total - named)
        current = sum(c.parties.low for c in cohorts) or len(cohorts)
        shares = [(c.parties.low or 1) * wanted / current for c in cohorts]
        sizes = [math.floor(share) for share in shares]
        # largest remainders, so the cohorts add up to exactly the total asked for
        for index in sorted(range(len(cohorts)), key=lambda i: sizes[i] - shares[i])[
            : wanted - sum(sizes)
        ]:
            sizes[index] += 1
        new = dict(zip((c.id for c in cohorts), sizes, strict=True))
        changed = [
            _resized(c, Count.exactly(new[c.id])) if c.id in new else c for c in base.cohorts
        ]
        return _with_turnout(event, turnout, _with_cohorts(base, changed))


@attrs.frozen
class SetCohort:
    """Set a cohort's number of parties and/or delegates per party."""

    cohort: str
    parties: Count | int | None = None
    delegates_per_party: Count | int | None = None

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with one cohort of ``turnout`` given these parties and delegates per party."""
        base = event.turnout(turnout)
        if self.cohort not in {c.id for c in base.cohorts}:
            raise UnknownNameError("cohort", self.cohort, [c.id for c in base.cohorts])

        def change(cohort: Cohort) -> Cohort:
            if cohort.id != self.cohort:
                return cohort
            if self.parties is not None:
                cohort = _resized(cohort, _count(self.parties))
            if self.delegates_per_party is not None:
                cohort = attrs.evolve(cohort, delegates_per_party=_count(self.delegates_per_party))
            return cohort

        return _with_turnout(event, turnout, _with_cohorts(base, map(change, base.cohorts)))


@attrs.frozen
class ScaleCohort:
    """Multiply a cohort's number of parties (both ends of its range), rounding to whole parties."""

    cohort: str
    factor: float

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with one cohort of ``turnout`` scaled by ``factor``."""
        base = event.turnout(turnout)
        for cohort in base.cohorts:
            if cohort.id == self.cohort:
                high = (
                    None
                    if cohort.parties.high is None
                    else round(cohort.parties.high * self.factor)
                )
                return SetCohort(
                    self.cohort, Count(round(cohort.parties.low * self.factor), high)
                ).apply(event, turnout)
        raise UnknownNameError("cohort", self.cohort, [c.id for c in base.cohorts])


@attrs.frozen
class SetNorm:
    """Replace a norm for this scenario."""

    norm: str
    low: float
    high: float | None = None

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with this norm overridden for the scenario (an earlier override of it replaced)."""
        override = NormOverride(id=self.norm, low=self.low, high=self.high, source="scenario")
        kept = tuple(o for o in event.norm_overrides if o.id != self.norm)
        return attrs.evolve(event, norm_overrides=(*kept, override))


@attrs.frozen
class ResizeRoom:
    """The room seats ``seats`` in ``layout`` (every layout it has, if none is named)."""

    room: str
    seats: int
    layout: Layout | None = None

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with the room seating ``seats`` in ``layout`` (in every layout it has, if none)."""
        target = event.room(self.room)
        layouts = [self.layout] if self.layout is not None else list(target.layouts)
        kept = [s for s in target.seat_counts if s.layout not in layouts]
        new = [
            SeatCount(layout=layout, seats=self.seats, assumption="scenario") for layout in layouts
        ]
        return _replace_room(event, attrs.evolve(target, seat_counts=(*kept, *new)))


@attrs.frozen
class CloseRoom:
    """The room is not available: it leaves the venue and its sessions lose their room."""

    room: str

    def apply(self, event: Event, turnout: str) -> Event:
        """The event without the room; its sessions have no room, and the checks say so."""
        event.room(self.room)  # an unknown room is an error
        venues = tuple(
            attrs.evolve(v, rooms=tuple(r for r in v.rooms if r.id != self.room))
            for v in event.venues
        )
        sessions = tuple(
            attrs.evolve(s, room=None) if s.room == self.room else s for s in event.sessions
        )
        resources = event.resources
        resources = attrs.evolve(
            resources,
            press_centre=None if resources.press_centre == self.room else resources.press_centre,
            bilateral_rooms=tuple(r for r in resources.bilateral_rooms if r != self.room),
        )
        return attrs.evolve(event, venues=venues, sessions=sessions, resources=resources)


@attrs.frozen
class MoveSession:
    """Move a session in time and/or to another room."""

    session: str
    start: Any = None
    end: Any = None
    room: str | None = None

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with the session moved to a new start (its length kept unless ``end`` is given) and/or room."""
        session = event.session(self.session)
        changes: dict[str, Any] = {}
        if self.start is not None:
            length = session.duration
            changes.update(
                start=self.start, end=self.end if self.end is not None else self.start + length
            )
        elif self.end is not None:
            changes["end"] = self.end
        if self.room is not None:
            changes["room"] = self.room
        return _replace_session(event, attrs.evolve(session, **changes))


@attrs.frozen
class CancelSession:
    """Cancel a session: it stays in the programme, marked cancelled, and no longer counts."""

    session: str

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with the session marked cancelled: kept in the programme, counted nowhere."""
        return _replace_session(
            event, attrs.evolve(event.session(self.session), status=SessionStatus.CANCELLED)
        )


@attrs.frozen
class AddSession:
    """Add a session to the programme."""

    session: Session

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with the session added to the programme."""
        return attrs.evolve(event, sessions=(*event.sessions, self.session))


@attrs.frozen
class SetResource:
    """Set one of the plan's resources (``screening_lanes``, ``hotel_rooms``, …)."""

    field: str
    value: Any

    def apply(self, event: Event, turnout: str) -> Event:
        """The event with one of the plan's resources set to ``value``."""
        names = [f.name for f in attrs.fields(Resources) if f.name not in ("sources", "assumption")]
        if self.field not in names:
            raise UnknownNameError("resource", self.field, names)
        return attrs.evolve(
            event, resources=attrs.evolve(event.resources, **{self.field: self.value})
        )


@attrs.frozen
class Scenario:
    """A named set of changes: "150 delegations", "banquet hall seats 1,000"."""

    name: str
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    def apply(self, event: Event, turnout: str | Turnout | None = None) -> Event:
        """The event as this scenario has it; the original is unchanged. Raises if the result is unsound."""
        event, name = resolve_turnout(event, turnout)
        for change in self.changes:
            try:
                event = change.apply(event, name)
            except EventPlanError:
                raise
            except (TypeError, ValueError) as error:  # a value a model validator refused
                raise InvalidEventError(
                    [Problem(f"scenario {self.name!r}: {change!r}", str(error))]
                ) from None
        return validate(event)


def knob(parameter: str, value: Any) -> Change:
    """A change from a sweep parameter: ``parties:member_state``, ``cohort:ID.parties``,
    ``cohort:ID.delegates_per_party``, ``norm:ID``, ``room:ID.seats`` (or ``room:ID.LAYOUT``)
    and ``resource:FIELD``."""
    kind, _, target = parameter.partition(":")
    if kind == "parties":
        return SetParties(_party_kind(target), int(value))
    if kind == "cohort":
        cohort, _, field = target.partition(".")
        if field == "parties":
            return SetCohort(cohort, parties=value)
        if field == "delegates_per_party":
            return SetCohort(cohort, delegates_per_party=value)
    if kind == "norm":
        return SetNorm(target, float(value))
    if kind == "room":
        room, _, field = target.partition(".")
        if field == "seats":
            return ResizeRoom(room, int(value))
        if field in {layout.value for layout in Layout}:
            return ResizeRoom(room, int(value), Layout(field))
    if kind == "resource":
        return SetResource(target, value)
    raise UnknownNameError(
        "sweep parameter",
        parameter,
        [
            "parties:KIND",
            "cohort:ID.parties",
            "cohort:ID.delegates_per_party",
            "norm:ID",
            "room:ID.seats",
            "room:ID.LAYOUT",
            "resource:FIELD",
        ],
    )


def _count(value: Count | int) -> Count:
    return value if isinstance(value, Count) else Count.exactly(value)


def _replace_session(event: Event, session: Session) -> Event:
    return attrs.evolve(
        event, sessions=tuple(session if s.id == session.id else s for s in event.sessions)
    )


def _replace_room(event: Event, room: Any) -> Event:
    venues = tuple(
        attrs.evolve(v, rooms=tuple(room if r.id == room.id else r for r in v.rooms))
        for v in event.venues
    )
    return attrs.evolve(event, venues=venues)


# --- comparing and sweeping ----------------------------------------------------------------------


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("scenario tables", "notebooks") from None
    return pandas


def compare(
    event: Event, turnout: str | Turnout | None = None, *, scenarios: Sequence[Scenario]
) -> pandas.DataFrame:
    """One table: a row per check and subject, the baseline and each scenario side by side."""
    _arguments.event("compare", event)
    _arguments.turnout("compare", turnout)
    pandas = _pandas()
    event, turnout = resolve_turnout(event, turnout)
    frames = []
    for scenario in (Scenario("baseline"), *scenarios):
        report = check(scenario.apply(event, turnout), turnout)
        frame = pandas.DataFrame([finding_row(turnout, f) for f in report.findings]).set_index(
            ["code", "subjects"]
        )
        frames.append(frame[["severity", "margin_cautious", "margin_optimistic"]])
    names = ["baseline", *(s.name for s in scenarios)]
    return pandas.concat(frames, axis=1, keys=names)


def _sweep_point(
    event: Event | _shipping.Parcel, turnout: str | None, point: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """One point's findings as compact rows (tuples in :data:`FINDING_COLUMNS` order)."""
    base: Event = _shipping.unpack(event) if isinstance(event, _shipping.Parcel) else event
    scenario = Scenario(_point_name(point), tuple(knob(p, v) for p, v in point.items()))
    report = check(scenario.apply(base, turnout), turnout)
    return [finding_values(report.turnout, f) for f in report.findings]


def _point_name(point: Mapping[str, Any]) -> str:
    return ", ".join(f"{p}={v}" for p, v in point.items())


def grid_points(grid: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of the grid's values, in order."""
    names = list(grid)
    return [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*(grid[n] for n in names))
    ]


def sweep(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    grid: Mapping[str, Sequence[Any]],
    executor: concurrent.futures.Executor | None = None,
    progress: bool | None = None,
) -> pandas.DataFrame:
    """Every check at every point of ``grid``, as a tidy DataFrame: a row per point and finding.

    ``grid`` maps sweep parameters (see :func:`knob`) to their values, such as
    ``{"parties:member_state": range(80, 161, 10)}``. ``executor`` spreads the
    points over any ``concurrent.futures.Executor`` (a process pool, a dask
    client's executor); the numbers are the same either way.
    """
    _arguments.event("sweep", event)
    _arguments.turnout("sweep", turnout)
    pandas = _pandas()
    event, name = resolve_turnout(event, turnout)
    points = grid_points(grid)
    rows: list[tuple[Any, ...]] = []
    for point, found in zip(
        points,
        _progress(
            _run(_sweep_point, event, name, points, executor), len(points), "sweep", progress
        ),
        strict=True,
    ):
        values = tuple(point.values())
        rows.extend(values + row for row in found)
    return pandas.DataFrame(rows, columns=[*grid, *FINDING_COLUMNS])


def _run(
    function: Any,
    event: Event,
    turnout: str | None,
    points: list[Any],
    executor: concurrent.futures.Executor | None,
) -> Iterable[Any]:
    # with an executor, pickled once and unpickled once per worker
    sent = event if executor is None else _shipping.pack(event)
    return _shipping.run(function, [(sent, turnout, point) for point in points], executor)


_progress = _shipping.progress
