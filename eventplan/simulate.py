"""Monte Carlo over turnout: how likely is each room and resource to overflow?

Attendance is sampled per party, not per person, since whole delegations
come or don't, and over-attendance is as likely as no-shows at a politically
driven event (Hanoi's outcome was about 1.7× the forecast delegates). In each
draw:

- every party kind gets a turnout factor F = exp(σ·Z), shared by all cohorts of
  that kind (turnout moves together: a well-attended event is well attended by
  everyone); the same for the press;
- a cohort's parties are Poisson with mean (its forecast count, drawn
  uniformly in its range) × F — whole parties; its delegates are the sum of as
  many uniform sizes in its per-party range (a normal approximation of that sum);
- a named delegation comes with probability ``named_attendance``;
- the share of people arriving in the peak before the opening is uniform over
  the norm's range.

Each session's demand follows from its audience rules; each resource's from
the norms the capacity checks apply. Everything is vectorised with numpy over
the draws; the same seed gives the same numbers, whatever executor runs it.
"""

from __future__ import annotations

import concurrent.futures
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from eventplan import _arguments, limits
from eventplan.checks import Context, _opening, layout_for, room_capacity
from eventplan.count import Count
from eventplan.enums import ORGANISATION_KINDS, PartyKind, SessionKind
from eventplan.errors import MissingExtraError, ResourceLimitError
from eventplan.event import Event
from eventplan.norms import NormSet, default_norms
from eventplan.programme import ALL_DELEGATIONS, ALL_ORGANISATIONS, DELEGATION_PREFIX, PRESS

if TYPE_CHECKING:  # pragma: no cover
    import pandas

#: Draws per chunk: the unit of work handed to an executor, each with its own seed.
CHUNK = 25_000
#: The Hanoi outcome, about 1.7× the forecast delegates (research notes §6), is ln 1.7 ≈ 1.5 σ at σ = 0.35.
HANOI_SIGMA = 0.35


@attrs.frozen
class Uncertainty:
    """How uncertain the turnout is. The defaults are read off the Hanoi forecasts and outcome."""

    turnout_sigma: float = HANOI_SIGMA
    press_sigma: float = HANOI_SIGMA
    named_attendance: float = 0.95


@attrs.frozen
class Risk:
    """One session or resource: its capacity, how likely demand exceeds it, and what would hold."""

    subject: str
    resource: str
    capacity: Count
    p_overflow: float  # demand above the cautious capacity
    p_overflow_optimistic: float
    demand_q05: float
    demand_q50: float
    demand_q95: float
    holds_with: int  # the capacity that holds with the simulation's probability

    def to_json(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "capacity": self.capacity.to_json()}


@attrs.frozen
class Simulation:
    event: str
    turnout: str
    draws: int
    seed: int
    probability: float
    risks: tuple[Risk, ...]

    def risk(self, subject: str) -> Risk:
        for risk in self.risks:
            if risk.subject == subject:
                return risk
        raise KeyError(subject)

    def render_text(self) -> str:
        lines = [
            f"Monte Carlo for {self.event}, around turnout {self.turnout!r}: {self.draws:,} draws, seed {self.seed}",
            f"  {'subject':<34} {'capacity':>13} {'P(over)':>8} {'demand 5–50–95 %':>24} {f'holds {self.probability:.0%}':>10}",
        ]
        for r in sorted(self.risks, key=lambda r: -r.p_overflow):
            band = f"{r.demand_q05:,.0f}–{r.demand_q50:,.0f}–{r.demand_q95:,.0f}"
            lines.append(
                f"  {r.subject[:34]:<34} {r.capacity!s:>13} {r.p_overflow:>8.1%} {band:>24} {r.holds_with:>10,}"
            )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "turnout": self.turnout,
            "draws": self.draws,
            "seed": self.seed,
            "probability": self.probability,
            "risks": [r.to_json() for r in self.risks],
        }

    def to_frame(self) -> pandas.DataFrame:
        try:
            import pandas
        except ImportError:
            raise MissingExtraError("Simulation.to_frame", "notebooks") from None
        rows = [
            {**attrs.asdict(r), "capacity_low": r.capacity.low, "capacity_high": r.capacity.high}
            for r in self.risks
        ]
        for row in rows:
            del row["capacity"]
        return pandas.DataFrame(rows)


@attrs.frozen
class _Subject:
    subject: str
    resource: str
    capacity: Count


class _Model:
    """The event compiled into arrays: selectors × sessions seats, cohorts, resources."""

    def __init__(
        self, event: Event, turnout: str, norms: NormSet, uncertainty: Uncertainty
    ) -> None:
        self.event, self.uncertainty, self.norms = event, uncertainty, norms
        base = event.turnout(turnout)
        self.kinds = [k.value for k in PartyKind]
        self.cohorts = [
            (
                self.kinds.index(c.kind.value),
                c.parties.low,
                c.parties.high if c.parties.high is not None else c.parties.low,
                c.delegates_per_party.low,
                c.delegates_per_party.high
                if c.delegates_per_party.high is not None
                else c.delegates_per_party.low,
            )
            for c in base.cohorts
        ]
        self.named = [
            (
                d.id,
                self.kinds.index(d.kind.value),
                d.size.low,
                d.size.high if d.size.high is not None else d.size.low,
            )
            for d in base.delegations
        ]
        press = base.press
        self.press = (
            (press.reporters.low, press.reporters.high or press.reporters.low) if press else (0, 0)
        )
        ctx = Context(event, base.name, norms)
        # sessions with an audience and a room whose capacity is known; the checks report the rest
        capacities: dict[str, Count] = {}
        for s in ctx.live:
            if s.audience and s.room is not None and s.kind is not SessionKind.EXHIBITION:
                found = room_capacity(ctx, ctx.rooms[s.room], layout_for(s, ctx.rooms[s.room]))
                if found is not None:
                    capacities[s.id] = found[0]
        sessions = [s for s in ctx.live if s.id in capacities]
        self.selectors = [
            *self.kinds,
            ALL_DELEGATIONS,
            ALL_ORGANISATIONS,
            PRESS,
            *(f"{DELEGATION_PREFIX}{n[0]}" for n in self.named),
        ]
        index = {name: i for i, name in enumerate(self.selectors)}
        self.seats = np.zeros((len(self.selectors), len(sessions)))
        self.fixed = np.zeros(len(sessions))
        self.subjects: list[_Subject] = []
        for column, session in enumerate(sessions):
            for rule in session.audience:
                if rule.seats is not None:
                    self.fixed[column] += rule.seats
                for selector in rule.parties:
                    if selector in index:
                        self.seats[index[selector], column] += rule.seats_per_party
            room = ctx.rooms[session.room or ""]
            self.subjects.append(
                _Subject(session.id, f"people in {room.name}", capacities[session.id])
            )
        self.sessions = sessions
        opening = _opening(ctx)  # the session the checks screen arrivals for
        self.opening = next(
            (i for i, s in enumerate(sessions) if opening is not None and s.id == opening.id), None
        )
        self.gala = next(
            (i for i, s in enumerate(sessions) if s.kind is SessionKind.GALA_DINNER), None
        )
        self.resources = self._resources(event, norms)

    def _resources(self, event: Event, norms: NormSet) -> list[tuple[_Subject, str]]:
        plan, found = event.resources, []
        if plan.hotel_rooms is not None:
            found.append(
                (_Subject("hotel-rooms", "hotel rooms", Count.exactly(plan.hotel_rooms)), "hotel")
            )
        if plan.cars is not None:
            found.append(
                (_Subject("cars", "cars for heads of delegation", Count.exactly(plan.cars)), "cars")
            )
        if plan.screening_lanes is not None and self.opening is not None:
            rate, window = norms["screening.lane_rate"], norms["arrival.window_minutes"].low / 60
            lanes = plan.screening_lanes
            capacity = Count(
                math.floor(lanes * rate.cautious_value * window),
                math.floor(lanes * rate.optimistic_value * window),
            )
            found.append(
                (_Subject("screening", "people screened before the opening", capacity), "screening")
            )
        if plan.gala_tables is not None and self.gala is not None:
            per_table = norms["banquet.seats_per_table"]
            capacity = Count(
                int(plan.gala_tables * per_table.cautious_value),
                int(plan.gala_tables * per_table.optimistic_value),
            )
            found.append((_Subject("gala-seating", "gala places with overset", capacity), "gala"))
        if plan.accreditation_desks is not None and plan.accreditation_hours is not None:
            rate = norms["accreditation.desk_rate"]
            hours = plan.accreditation_desks * plan.accreditation_hours
            found.append(
                (
                    _Subject(
                        "accreditation",
                        "badges before day 1",
                        Count(
                            math.floor(hours * rate.cautious_value),
                            math.floor(hours * rate.optimistic_value),
                        ),
                    ),
                    "accreditation",
                )
            )
        return found

    def draw(
        self, draws: int, seed: np.random.SeedSequence, out: np.ndarray | None = None
    ) -> np.ndarray:
        """Demand per subject (columns: sessions, then resources) for ``draws`` draws, written
        into ``out`` when given (one array for all chunks: nothing is copied or stacked)."""
        rng = np.random.default_rng(seed)
        u = self.uncertainty
        kinds, sessions = len(self.kinds), len(self.sessions)
        if out is None:
            out = np.empty((draws, sessions + len(self.resources)))
        # counts per audience selector: the party kinds, the three groups, then named delegations
        counts = np.zeros((draws, len(self.selectors)))
        parties = counts[:, :kinds]
        factor = np.exp(u.turnout_sigma * rng.standard_normal((draws, kinds)))
        delegates = np.zeros(draws)
        media = self.kinds.index(PartyKind.MEDIA_OUTLET.value)
        media_people = np.zeros(draws)
        for kind, low, high, size_low, size_high in self.cohorts:
            came = rng.poisson(rng.integers(low, high + 1, size=draws) * factor[:, kind])
            mean, var = (size_low + size_high) / 2, ((size_high - size_low + 1) ** 2 - 1) / 12
            noise = np.sqrt(came * var) * rng.standard_normal(draws)
            people = np.maximum(came * size_low, np.rint(came * mean + noise))
            parties[:, kind] += came
            if kind == media:
                media_people += people
            else:
                delegates += people
        for column, (_, kind, size_low, size_high) in enumerate(self.named, start=kinds + 3):
            present = rng.random(draws) < u.named_attendance
            counts[:, column] = present
            parties[:, kind] += present
            size = rng.integers(size_low, size_high + 1, size=draws) * present
            if kind == media:
                media_people += size
            else:
                delegates += size
        low, high = self.press
        press_factor = np.exp(u.press_sigma * rng.standard_normal(draws))
        reporters = (
            rng.poisson(rng.integers(low, high + 1, size=draws) * press_factor) + media_people
        )
        everyone = counts[:, kinds]
        np.subtract(parties.sum(axis=1), parties[:, media], out=everyone)
        counts[:, kinds + 1] = sum(
            parties[:, self.kinds.index(k.value)] for k in ORGANISATION_KINDS
        )
        counts[:, kinds + 2] = reporters
        demand = out[:, :sessions]
        np.matmul(counts, self.seats, out=demand)
        demand += self.fixed
        share = self.norms["arrival.share_in_window"]
        for column, (_, name) in enumerate(self.resources, start=sessions):
            if name == "hotel":
                out[:, column] = np.ceil(
                    delegates * self.norms["hotel.rooms_per_delegate"].cautious_value
                )
            elif name == "cars":
                out[:, column] = everyone * self.norms["cars.per_head_of_delegation"].cautious_value
            elif name == "screening":
                out[:, column] = np.ceil(
                    demand[:, self.opening] * rng.uniform(share.low, share.high, draws)
                )
            elif name == "gala":
                guests = demand[:, self.gala]
                large, small = (
                    self.norms["banquet.overset_large"],
                    self.norms["banquet.overset_small"],
                )
                overset = np.where(guests > 1000, large.cautious_value, small.cautious_value)
                out[:, column] = np.ceil(guests * (1 + overset))
            elif name == "accreditation":
                out[:, column] = delegates + reporters
        return out

    @property
    def all_subjects(self) -> list[_Subject]:
        return self.subjects + [subject for subject, _ in self.resources]


def _chunk(model: _Model, draws: int, seed: np.random.SeedSequence) -> np.ndarray:
    return model.draw(draws, seed)


def simulate(
    event: Event,
    draws: int = 10_000,
    seed: int = 0,
    uncertainty: Uncertainty | None = None,
    *,
    turnout: str | None = None,
    probability: float = 0.95,
    norms: NormSet | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool | None = None,
) -> Simulation:
    """Sample turnout ``draws`` times around ``turnout`` (the event's default) and say, per session
    and resource, how likely it overflows and what capacity holds with ``probability``."""
    draws, seed = _simulation_arguments(
        "simulate", event, turnout, draws, seed, probability, uncertainty
    )
    norms = _arguments.norm_set("simulate", norms)
    chosen = norms if norms is not None else default_norms().with_overrides(event.norm_overrides)
    name = event.turnout(turnout).name
    model = _Model(event, name, chosen, uncertainty or Uncertainty())
    refuse_beyond_memory("simulate", draws, len(model.all_subjects))
    starts = range(0, draws, CHUNK)
    sizes = [min(CHUNK, draws - start) for start in starts]
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    demand = np.empty((draws, len(model.all_subjects)))
    jobs: Iterable[np.ndarray]
    if executor is None:  # each chunk writes straight into its rows
        jobs = (
            model.draw(n, s, demand[at : at + n])
            for at, n, s in zip(starts, sizes, seeds, strict=True)
        )
    else:  # each chunk comes back from elsewhere and is copied into its rows
        futures = [executor.submit(_chunk, model, n, s) for n, s in zip(sizes, seeds, strict=True)]
        jobs = (future.result() for future in futures)
    from eventplan.scenarios import _progress

    for at, part in zip(starts, _progress(jobs, len(sizes), "simulate", progress), strict=True):
        if executor is not None:
            demand[at : at + len(part)] = part
    return Simulation(
        event.id,
        name,
        draws,
        seed,
        probability,
        tuple(_risks(model.all_subjects, demand, probability)),
    )


def _simulation_arguments(
    function: str,
    event: Any,
    turnout: Any,
    draws: Any,
    seed: Any,
    probability: Any,
    uncertainty: Any,
) -> tuple[int, int]:
    """The arguments of a Monte Carlo, checked before any work; ``draws`` and ``seed`` as ints
    (a numpy integer from a notebook is welcome, and reported as a plain number)."""
    _arguments.event(function, event)
    _arguments.turnout(function, turnout)
    _arguments.whole(function, "draws", draws, 1, limits.MAX_DRAWS)
    _arguments.whole(function, "seed", seed, 0, limits.MAX_SEED)
    _arguments.fraction(function, "probability", probability)
    if uncertainty is not None:
        _arguments.of_type(function, "uncertainty", uncertainty, Uncertainty, "an Uncertainty")
        for name in ("turnout_sigma", "press_sigma"):
            value = getattr(uncertainty, name)
            _arguments.number(function, f"uncertainty.{name}", value, 0, limits.MAX_SIGMA)
        _arguments.fraction(
            function, "uncertainty.named_attendance", uncertainty.named_attendance, open_ends=False
        )
    return int(draws), int(seed)


#: Bytes per draw and subject: the demand array holds one float64 per cell.
BYTES_PER_CELL = 8


def simulation_bytes(draws: int, subjects: int) -> int:
    """Memory the demand array of a run takes: ``draws`` × ``subjects`` float64 cells."""
    return draws * subjects * BYTES_PER_CELL


def refuse_beyond_memory(function: str, draws: int, subjects: int) -> None:
    """Refuse a run whose demand array would not fit, saying how many draws would."""
    needed = simulation_bytes(draws, subjects)
    if needed > limits.MAX_SIMULATION_BYTES:
        fits = limits.MAX_SIMULATION_BYTES // (subjects * BYTES_PER_CELL)
        raise ResourceLimitError(
            f"{function}(): {draws:,} draws × {subjects} sessions and resources need "
            f"{needed / 1024**3:,.1f} GiB for the demand; at most "
            f"{limits.MAX_SIMULATION_BYTES / 1024**3:g} GiB is allowed: ask for at most "
            f"{fits:,} draws (--draws)"
        )


def _risks(subjects: Sequence[_Subject], demand: np.ndarray, probability: float) -> list[Risk]:
    """Quantiles and overflow probabilities per column, from counts of each whole-number demand."""
    draws = demand.shape[0]
    risks = []
    for column, subject in enumerate(subjects):
        values = np.maximum(demand[:, column], 0).astype(np.int64)
        cumulative = np.cumsum(np.bincount(values))  # O(draws): demands are whole numbers
        q05, q50, q95, holds = np.searchsorted(
            cumulative, np.array([0.05, 0.5, 0.95, probability]) * draws
        )
        capacity = subject.capacity
        risks.append(
            Risk(
                subject.subject,
                subject.resource,
                capacity,
                _share_above(cumulative, capacity.low),
                _share_above(cumulative, capacity.high),
                float(q05),
                float(q50),
                float(q95),
                int(holds),
            )
        )
    return risks


def _share_above(cumulative: np.ndarray, limit: int | None) -> float:
    """The share of draws whose demand is above ``limit``, from cumulative counts per demand."""
    if limit is None or limit >= len(cumulative) - 1:
        return 0.0
    if limit < 0:
        return 1.0
    return float(1 - cumulative[limit] / cumulative[-1])


def simulate_sweep(
    event: Event,
    grid: Mapping[str, Sequence[Any]],
    draws: int = 10_000,
    seed: int = 0,
    uncertainty: Uncertainty | None = None,
    *,
    turnout: str | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool | None = None,
) -> pandas.DataFrame:
    """The Monte Carlo at every point of a sweep grid (see :func:`eventplan.sweep`): a row per
    point and subject, with its overflow probability and demand quantiles."""
    _simulation_arguments("simulate_sweep", event, turnout, draws, seed, 0.5, uncertainty)
    from eventplan.scenarios import Scenario, _pandas, _progress, grid_points, knob

    pandas = _pandas()
    rows = []
    points = grid_points(grid)
    for point in _progress(points, len(points), "simulate sweep", progress):
        scenario = Scenario(
            ", ".join(f"{p}={v}" for p, v in point.items()),
            tuple(knob(p, v) for p, v in point.items()),
        )
        result = simulate(
            scenario.apply(event, turnout),
            draws,
            seed,
            uncertainty,
            turnout=turnout,
            executor=executor,
            progress=False,
        )
        rows += [
            {
                **point,
                **{k: v for k, v in attrs.asdict(r).items() if k != "capacity"},
                "capacity": r.capacity.low,
            }
            for r in result.risks
        ]
    return pandas.DataFrame(rows)
