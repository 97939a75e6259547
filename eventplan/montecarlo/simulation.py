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
- a count with no upper bound ("more than 400") is drawn as if its upper bound
  were ``open_tail`` times its lower one: an assumption, stated in
  :class:`Uncertainty`;
- the share of people arriving in the peak before the opening, and of an
  exhibition's visitors there at once, is uniform over the norm's range; the
  other norms are taken at their cautious end.

Who a selector names comes from :mod:`eventplan.model.parties`, each resource from
:mod:`eventplan.demand.formulas`, and the subjects, their codes and capacities from
the capacity checks' findings, so a subject is joined to the finding it
mirrors by ``code`` and ``subjects``. ``Uncertainty.none()`` takes every count
at one end of its range with no randomness: the demand the checks report at
that end. Everything is vectorised with numpy over the draws; the same seed
gives the same numbers, whatever executor runs it.
"""

from __future__ import annotations

import concurrent.futures
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from eventplan import _shipping, _text, limits
from eventplan.capacity import Subject, turnout_subjects
from eventplan.demand import formulas
from eventplan.errors import MissingExtraError, ResourceLimitError
from eventplan.model import arguments as _arguments
from eventplan.model.count import Count
from eventplan.model.editing import resolve_turnout
from eventplan.model.event import Event
from eventplan.model.norms import NormSet
from eventplan.model.participation import Turnout
from eventplan.model.parties import PRESS_CORPS, Member, Parties
from eventplan.model.programme import ALL_DELEGATIONS, PRESS

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas

#: Draws per chunk, each with its own seed: what the numbers depend on, whoever runs them.
CHUNK = 25_000
#: Chunks per task handed to an executor (a task of 50,000 draws takes tens of milliseconds)...
CHUNKS_PER_TASK = 2
#: ... but the last chunks are handed out one to a task, so the workers finish nearly together.
SINGLE_AT_END = 4
#: A chunk: its number of draws and its seed.
Chunk = tuple[int, "np.random.SeedSequence"]
#: The Hanoi outcome, about 1.7× the forecast delegates (more than 2,500 came against about 1,500
#: forecast on 23 Oct, in the reference event), is ln 1.7 ≈ 1.5 σ at σ = 0.35.
HANOI_SIGMA = 0.35
#: An assumption: "more than N" is drawn as if it were N to 2 N.
OPEN_TAIL = 2.0
ENDS = ("cautious", "optimistic")
#: Norms drawn uniformly over their range in each draw; the others are taken at their cautious end.
DRAWN_NORMS = frozenset({"arrival.share_in_window", "exhibition.peak_share"})
#: Every norm a draw reads, besides the gala's overset rates.
DRAW_NORMS = tuple(sorted(DRAWN_NORMS | set(formulas.PER_PERSON_NORMS.values())))


def _valid_end(instance: Uncertainty, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in ENDS:
        raise ValueError(f"'end' must be one of: {', '.join(ENDS)}: {value!r}")


def _at_least_one(instance: Uncertainty, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value >= 1:
        raise ValueError(f"'{attribute.name}' must be >= 1: {value}")


@attrs.frozen
class Uncertainty:
    """How uncertain the turnout is. The defaults are read off the Hanoi forecasts and outcome.

    ``open_tail`` is an assumption: a count with no upper bound ("more than 400")
    is drawn as if its upper bound were ``open_tail`` times its lower one.
    ``end`` set (see :meth:`none`) means no randomness at all.
    """

    turnout_sigma: float = HANOI_SIGMA
    press_sigma: float = HANOI_SIGMA
    named_attendance: float = 0.95
    open_tail: float = attrs.field(default=OPEN_TAIL, validator=_at_least_one)
    end: str | None = attrs.field(default=None, validator=_valid_end)

    @classmethod
    def none(cls, end: str = "cautious") -> Uncertainty:
        """The forecast itself, no randomness: every count at the ``cautious`` (largest) or the
        ``optimistic`` end of its range and every norm at that end, as the checks read them; an
        open range stays open (an unbounded demand) at the cautious end."""
        return cls(0.0, 0.0, 1.0, end=end)


@attrs.frozen
class Risk:
    """One check's subject: its capacity, how likely demand exceeds it, and what would hold.

    ``code`` and ``subjects`` are those of the capacity finding it mirrors. A
    capacity the event does not give is ``None``: its overflow is not known
    (``severity`` ``info``), never zero. A demand with no upper bound has
    infinite quantiles; one the turnout does not give (it names no one) has
    ``None`` quantiles and is ``info`` too.
    """

    subject: str
    resource: str
    capacity: Count | None
    p_overflow: float | None  # demand above the cautious capacity
    p_overflow_optimistic: float | None
    demand_q05: float | None
    demand_q50: float | None
    demand_q95: float | None
    holds_with: int | None  # the capacity that holds with the simulation's probability
    code: str = ""
    subjects: tuple[str, ...] = ()

    @property
    def severity(self) -> str:
        """``info`` when the capacity or the demand is not known, else empty."""
        return "info" if self.capacity is None or self.demand_q50 is None else ""

    def to_json(self) -> dict[str, Any]:
        """The risk as JSON; an infinite quantile (no upper bound) is ``null``, and a demand or capacity not known says so with ``severity: info``."""
        data = {**attrs.asdict(self), "subjects": list(self.subjects)}
        data["capacity"] = self.capacity.to_json() if self.capacity is not None else None
        for key in ("demand_q05", "demand_q50", "demand_q95"):
            if data[key] is not None and math.isinf(data[key]):
                data[key] = None  # JSON has no infinity: no upper bound
        if self.demand_q50 is None:
            data.update(severity="info", note="demand not known")
        elif self.capacity is None:
            data.update(severity="info", note="capacity not known")
        return data


@attrs.frozen
class Simulation:
    """What a Monte Carlo run found: per subject, how likely demand exceeds capacity (``risks``), with the draws and seed that reproduce it."""

    event: str
    turnout: str
    draws: int
    seed: int
    probability: float
    risks: tuple[Risk, ...]

    def risk(self, subject: str) -> Risk:
        """The risk of one subject by name (a room id, ``hotel-rooms``, ...); an unknown name is a ``KeyError``."""
        for risk in self.risks:
            if risk.subject == subject:
                return risk
        raise KeyError(subject)

    def render_text(self, *, width: int | None = None) -> str:
        """A row per subject, likeliest overflow first, fitted to ``width`` (the terminal's)."""
        columns = _text.width(width)
        holds = f"holds {self.probability:.0%}"
        rows = [
            (
                r.subject,
                str(r.capacity) if r.capacity is not None else "not known",
                f"{r.p_overflow:.1%}" if r.p_overflow is not None else "info",
                "–".join(
                    "no limit" if math.isinf(q) else f"{q:,.0f}"
                    for q in (r.demand_q05, r.demand_q50, r.demand_q95)
                    if q is not None
                )
                or "not known",
                f"{r.holds_with:,}"
                if r.holds_with is not None
                else "not known"
                if r.demand_q50 is None
                else "none",
            )
            for r in sorted(self.risks, key=lambda r: -(r.p_overflow or 0))
        ]
        head = ("subject", "capacity", "P(over)", "demand 5–50–95 %", holds)
        sizes = [max(len(row[i]) for row in [head, *rows]) for i in range(1, 5)]
        numbers = sum(sizes) + 2 * len(sizes)
        name = max(columns - 2 - numbers, 12)
        lines = [
            _text.fit(
                f"Monte Carlo for {self.event}, around turnout {self.turnout!r}: "
                f"{self.draws:,} draws, seed {self.seed}",
                columns,
                2,
            )
        ]
        for row in [head, *rows]:
            cells = "  ".join(f"{cell:>{size}}" for cell, size in zip(row[1:], sizes, strict=True))
            label = row[0]
            if len(label) > name:  # a long name gets its own line; the numbers stay in columns
                lines.append(_text.fit(f"  {label}", columns, 4))
                label = ""
            lines.append([f"  {label:<{name}}  {cells}".rstrip()])
        return "\n".join(line for group in lines for line in group)

    def to_json(self) -> dict[str, Any]:
        """The run as JSON: event, turnout, draws, seed, probability and every risk."""
        return {
            "event": self.event,
            "turnout": self.turnout,
            "draws": self.draws,
            "seed": self.seed,
            "probability": self.probability,
            "risks": [r.to_json() for r in self.risks],
        }

    def to_frame(self) -> pandas.DataFrame:
        """One row per subject, in the check frames' columns (``turnout``, ``code``, ``subjects``, ``capacity_*``) so the two join; needs the ``notebooks`` extra."""
        try:
            import pandas
        except ImportError:
            raise MissingExtraError("Simulation.to_frame", "notebooks") from None
        return pandas.DataFrame([_row(r, self.turnout) for r in self.risks])


def _row(risk: Risk, turnout: str) -> dict[str, Any]:
    """A frame row, in the ``turnout``, ``code``, ``subjects`` and ``capacity_*`` columns of the
    check frames (:func:`eventplan.capacity.report.finding_row`), so the two can be joined."""
    row: dict[str, Any] = {"turnout": turnout}
    row.update((k, v) for k, v in attrs.asdict(risk, recurse=False).items() if k != "capacity")
    row["subjects"] = ", ".join(risk.subjects)
    row["capacity_low"] = risk.capacity.low if risk.capacity is not None else None
    row["capacity_high"] = risk.capacity.high if risk.capacity is not None else None
    return row


# --- what each subject's demand is made of ------------------------------------------------------


class _Model:
    """The event compiled into arrays: members × quantities seats, and the subjects to report.

    It is compiled once, where the run starts, and holds only what drawing needs, so an
    executor's workers are sent it (a few kilobytes) and never rebuild the event, its turnout
    or its checks."""

    def __init__(
        self, event: Event, turnout: str, norms: NormSet, uncertainty: Uncertainty
    ) -> None:
        self.uncertainty = uncertainty
        # only the norms a draw reads: the model is sent with every task
        self.norms = {norm_id: norms[norm_id] for norm_id in DRAW_NORMS}
        self.overset = {end: formulas.overset_rates(norms, end) for end in (True, False)}
        base = event.turnout(turnout)
        parties = Parties(base)
        subjects = turnout_subjects(event, base.name, norms=norms)
        session_ids: dict[str, int] = {}
        for subject in subjects:
            if subject.session is not None:
                session_ids.setdefault(subject.session, len(session_ids))
        self.subjects = subjects
        #: per subject, the column of the session it reads (-1: none)
        self.columns = tuple(-1 if s.session is None else session_ids[s.session] for s in subjects)
        # the members whose numbers are drawn: every delegation and cohort as parties and as
        # people, then the press corps
        members = [
            *(
                Member("delegation", d.id, people)
                for d in base.delegations
                for people in (False, True)
            ),
            *(Member("cohort", c.id, people) for c in base.cohorts for people in (False, True)),
            PRESS_CORPS,
        ]
        index = {m: i for i, m in enumerate(members)}
        by_id = {s.id: s for s in event.sessions}
        sessions = list(session_ids)
        # columns: the sessions, then heads of delegation, delegates and reporters
        import numpy as np

        # per quantity, the seats each member takes in it: sparse, since a session seats few
        weights: list[dict[int, float]] = [{} for _ in range(len(sessions) + 3)]
        self.fixed = np.zeros(len(sessions) + 3)
        for column, session_id in enumerate(sessions):
            attendance = parties.attendance(by_id[session_id])
            self.fixed[column] = attendance.fixed
            weights[column] = {index[m]: w for m, w in attendance.weights.items()}
        for offset, selected in enumerate(
            (parties.selection((ALL_DELEGATIONS,)), parties.delegates, parties.selection((PRESS,)))
        ):
            for member in selected:
                weights[len(sessions) + offset][index[member]] = 1
        self.terms = [sorted((m, w) for m, w in seats.items() if w) for seats in weights]
        self.quantities = len(sessions)
        self.members = len(members)
        #: which session each quantity column is, and which member each row: for tests and
        #: reports, a few hundred bytes
        self.session_ids = tuple(sessions)
        self.member_keys = tuple(members)
        self.sizes = _sizes(members, parties)
        self.reporters = None if base.press is None else base.press.reporters

    @property
    def width(self) -> int:
        """Numbers one draw holds: the members drawn, the quantities seated, the subjects."""
        return self.members + len(self.fixed) + len(self.subjects)

    def draw(self, draws: int, seed: np.random.SeedSequence) -> list[Any]:
        """Demand per subject and draw: a row of draws per subject, or one number where the
        demand does not depend on the draw."""
        import numpy as np

        u = self.uncertainty
        values = np.zeros((self.members, draws))
        unbounded = np.zeros(self.members, dtype=bool)
        other = None
        if u.end is not None:
            cautious = u.end == "cautious"
            self._at_end(values, unbounded, cautious)
            # the shuttle's cautious case: the most people arriving, the fewest of them by car
            other = np.zeros_like(values)
            other_unbounded = np.zeros_like(unbounded)
            self._at_end(other, other_unbounded, not cautious)
            other_quantities = self._quantities(other, other_unbounded)
            rng = None
        else:
            rng = np.random.default_rng(seed)
            kinds = sorted({kind for kind, *_ in self.sizes})
            factor = dict(
                zip(
                    kinds,
                    np.exp(u.turnout_sigma * rng.standard_normal((len(kinds), draws))),
                    strict=True,
                )
            )
            for kind, count, size, column in self.sizes:
                if count == Count.exactly(1):  # a named delegation: it comes or it doesn't
                    present = rng.random(draws) < u.named_attendance
                    low, high = size.low, self._top(size)
                    values[column] = present
                    values[column + 1] = rng.integers(low, high + 1, size=draws) * present
                    continue
                came = rng.poisson(
                    rng.integers(count.low, self._top(count) + 1, size=draws) * factor[kind]
                )
                low, high = size.low, self._top(size)
                mean, var = (low + high) / 2, ((high - low + 1) ** 2 - 1) / 12
                noise = np.sqrt(came * var) * rng.standard_normal(draws)
                values[column] = came
                values[column + 1] = np.maximum(came * low, np.rint(came * mean + noise))
            reporters = self.reporters
            if reporters is not None:
                press_factor = np.exp(u.press_sigma * rng.standard_normal(draws))
                values[-1] = rng.poisson(
                    rng.integers(reporters.low, self._top(reporters) + 1, size=draws) * press_factor
                )
        quantities = self._quantities(values, unbounded)
        other_heads = quantities if other is None else other_quantities
        return self._demand(quantities, other_heads[self.quantities], draws, rng)

    def _at_end(self, values: np.ndarray, unbounded: np.ndarray, cautious: bool) -> None:
        """Every count at one end of its range (an open range unbounded at the cautious end)."""
        for _, count, size, column in self.sizes:
            top = count.high if cautious else count.low
            most = size.high if cautious else size.low
            values[column] = top or 0
            values[column + 1] = (top or 0) * (most or 0)
            unbounded[column] = top is None
            unbounded[column + 1] = top is None or most is None
        if self.reporters is not None:
            top = self.reporters.high if cautious else self.reporters.low
            values[-1] = top or 0
            unbounded[-1] = top is None

    def _quantities(self, values: np.ndarray, unbounded: np.ndarray) -> list[Any]:
        """Session people, heads, delegates and reporters per draw: a row of draws each, or one
        number where no drawn member takes part (infinite where a member is unbounded)."""
        # a sum over each quantity's few members, not a matrix product: BLAS would spread this
        # small product over every core and leave its threads spinning, which starves the
        # workers of an executor; a row that is one member's numbers is that member's row
        quantities: list[Any] = []
        for fixed, terms in zip(self.fixed.tolist(), self.terms, strict=True):
            if any(unbounded[member] for member, _ in terms):
                quantities.append(math.inf)
            elif not terms:
                quantities.append(fixed)
            elif len(terms) == 1 and terms[0][1] == 1 and fixed == 0:
                quantities.append(values[terms[0][0]])
            else:
                (first, weight), *rest = terms
                total = values[first] * weight + fixed
                for member, weight in rest:
                    total += values[member] if weight == 1 else values[member] * weight
                quantities.append(total)
        return quantities

    def _top(self, count: Count) -> int:
        if count.high is not None:
            return count.high
        return max(count.low, math.ceil(count.low * self.uncertainty.open_tail))

    def _norm(self, norm_id: str, draws: int, rng: Any) -> Any:
        """A norm at the uncertainty's end; with randomness, a share is drawn over its range and
        any other norm is taken at its cautious end."""
        norm = self.norms[norm_id]
        if self.uncertainty.end == "optimistic":
            return norm.optimistic_value
        if self.uncertainty.end is None and norm_id in DRAWN_NORMS and rng is not None:
            return rng.uniform(norm.low, norm.high, draws)
        return norm.cautious_value

    def _demand(self, quantities: list[Any], riders_heads: Any, draws: int, rng: Any) -> list[Any]:
        import numpy as np

        heads, delegates, reporters = (quantities[self.quantities + i] for i in range(3))
        cautious = self.uncertainty.end != "optimistic"
        out = []
        arriving: dict[int, Any] = {}

        def arrivals(column: int) -> Any:
            if column not in arriving:
                share = self._norm(formulas.PER_PERSON_NORMS["arriving"], draws, rng)
                arriving[column] = formulas.rounded_up(quantities[column], share)
            return arriving[column]

        for subject, column in zip(self.subjects, self.columns, strict=True):
            people = quantities[column] if column >= 0 else None
            value: Any
            match subject.demand:
                case "session":
                    value = people
                case "fixed":
                    fixed = subject.fixed or Count.zero()
                    # an open range has no cautious end: unbounded, as the check reports it
                    value = (
                        (np.inf if fixed.high is None else fixed.high) if cautious else fixed.low
                    )
                case "arriving":
                    value = arrivals(column)
                case "badges":
                    value = delegates + reporters
                case "workplaces":
                    per = self._norm(formulas.PER_PERSON_NORMS["workplaces"], draws, rng)
                    value = formulas.rounded_up(reporters, per)
                case "gala":
                    value = formulas.gala_places(people, *self.overset[cautious])
                case "visitors":
                    share = self._norm(formulas.PER_PERSON_NORMS["visitors"], draws, rng)
                    value = formulas.rounded_up(people, share)
                case "hotel":
                    per = self._norm(formulas.PER_PERSON_NORMS["hotel"], draws, rng)
                    value = formulas.rounded_up(delegates, per)
                case "cars":
                    per = self._norm(formulas.PER_PERSON_NORMS["cars"], draws, rng)
                    value = formulas.rounded_up(heads, per)
                case "riders":
                    value = formulas.shuttle_riders(arrivals(column), riders_heads)
            out.append(value)
        return out


def _sizes(members: Sequence[Member], parties: Parties) -> list[tuple[str, Count, Count, int]]:
    """Per cohort and delegation: its kind, parties, people per party, column."""
    found = []
    for column, member in enumerate(members):
        if member.people or member.source == "press":
            continue
        if member.source == "delegation":
            d = parties.delegations[member.id]
            found.append((d.kind.value, Count.exactly(1), d.size, column))
        else:
            c = parties.cohorts[member.id]
            found.append((c.kind.value, c.parties, c.delegates_per_party, column))
    return found


# --- running it -------------------------------------------------------------------------------


def _compile(
    event: Event,
    turnout: str,
    norms: NormSet,
    uncertainty: Uncertainty,
    changes: Sequence[Any] = (),
) -> _Model:
    for change in changes:
        event = change.apply(event, turnout)
    return _Model(event, turnout, norms, uncertainty)


def _task(
    model: _Model | _shipping.Parcel, chunks: Sequence[Chunk]
) -> list[tuple[int, np.ndarray, int]]:
    """The work an executor is handed: a few chunks of a model (sent as a parcel, unpickled
    once per worker), tallied together and sent back compact, so each worker's round trip to
    the caller (a millisecond or two) is paid per task rather than per chunk. Which chunks
    share a task changes no number."""
    compiled: _Model = _shipping.unpack(model) if isinstance(model, _shipping.Parcel) else model
    total = None
    for draws, seed in chunks:
        total = _merge(total, _histograms(compiled, draws, seed))
    return _compact(total or [], sum(draws for draws, _ in chunks))


def _histograms(
    model: _Model, draws: int, seed: np.random.SeedSequence
) -> list[tuple[int, np.ndarray, int]]:
    """One chunk: per subject, the count of draws at each whole demand from the least one found
    (a demand of thousands does not count thousands of empty places), and the draws with no
    upper bound."""
    import numpy as np

    found = []
    for row in model.draw(draws, seed):
        if np.ndim(row) == 0:  # the same in every draw
            if math.isinf(row):
                found.append((0, np.zeros(0, np.int64), draws))
            else:
                found.append((max(int(row), 0), np.full(1, draws, np.int64), 0))
            continue
        finite = np.isfinite(row)
        values = np.maximum(row if finite.all() else row[finite], 0).astype(np.int64)
        least = int(values.min()) if len(values) else 0
        found.append((least, np.bincount(values - least), int(draws - len(values))))
    return found


def _compact(total: list[tuple[np.ndarray, int]], draws: int) -> list[tuple[int, np.ndarray, int]]:
    """Counts per whole demand from 0 as :func:`_merge` keeps them, cut to the demands found and
    held in the smallest type that counts ``draws``: what a task sends back."""
    import numpy as np

    kind = np.min_scalar_type(draws)
    compact = []
    for counts, unbounded in total:
        found = np.flatnonzero(counts)
        least, end = (int(found[0]), int(found[-1]) + 1) if len(found) else (0, 0)
        compact.append((least, counts[least:end].astype(kind), unbounded))
    return compact


def _merge(
    total: list[tuple[np.ndarray, int]] | None, part: list[tuple[int, np.ndarray, int]]
) -> list[tuple[np.ndarray, int]]:
    """Counts per whole demand from 0, with a chunk's counts (from its least demand) added."""
    import numpy as np

    merged = []
    for index, (least, counts, unbounded) in enumerate(part):
        a, open_a = total[index] if total is not None else (np.zeros(0, np.int64), 0)
        end = least + len(counts)
        if len(a) < end:
            a = np.concatenate([a, np.zeros(end - len(a), np.int64)])
        a[least:end] += counts
        merged.append((a, open_a + unbounded))
    return merged


#: Bytes per number a draw holds (float64), and the copies of them a chunk keeps at once.
BYTES_PER_CELL = 8
WORKING_COPIES = 3


def chunk_bytes(draws: int, width: int) -> int:
    """Memory one chunk of ``draws`` takes for a model of ``width`` numbers per draw."""
    return draws * width * BYTES_PER_CELL * WORKING_COPIES


def chunk_size(function: str, width: int) -> int:
    """Draws per chunk: :data:`CHUNK`, or fewer where a chunk would not fit in
    :data:`eventplan.limits.MAX_SIMULATION_BYTES`. Chunks are tallied as they come, so a
    run of any number of draws streams in that memory; a model too wide for even one
    draw is refused with the figure."""
    fits = limits.MAX_SIMULATION_BYTES // chunk_bytes(1, max(width, 1))
    if fits < 1:
        raise ResourceLimitError(
            f"{function}(): one draw of this event holds {width:,} numbers and needs "
            f"{chunk_bytes(1, width) / 1024**3:,.1f} GiB; at most "
            f"{limits.MAX_SIMULATION_BYTES / 1024**3:g} GiB is allowed"
        )
    return min(CHUNK, fits)


def _chunks(draws: int, seed: int, size: int = CHUNK) -> list[Chunk]:
    import numpy as np

    sizes = [min(size, draws - start) for start in range(0, draws, size)]
    return list(zip(sizes, np.random.SeedSequence(seed).spawn(len(sizes)), strict=True))


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


def simulate(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    draws: int = 10_000,
    seed: int = 0,
    uncertainty: Uncertainty | None = None,
    probability: float = 0.95,
    norms: NormSet | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool | None = None,
) -> Simulation:
    """Sample turnout ``draws`` times around ``turnout`` (the event's default) and say, per check
    subject, how likely it overflows and what capacity holds with ``probability``.

    ``executor`` spreads the chunks of draws over any ``concurrent.futures.Executor``; the
    model is compiled here, once, pickled once (a few kilobytes) and unpickled once per worker.
    """
    draws, seed = _simulation_arguments(
        "simulate", event, turnout, draws, seed, probability, uncertainty
    )
    norms = _arguments.norm_set("simulate", norms)
    event, name = resolve_turnout(event, turnout)
    model = _compile(event, name, event.planning_norms(norms), uncertainty or Uncertainty())
    chunks = _chunks(draws, seed, chunk_size("simulate", model.width))
    [(_, total)] = _tally([model], chunks, executor, progress, "simulate")
    risks = _risks(model.subjects, total, probability)
    return Simulation(event.id, name, draws, seed, probability, tuple(risks))


def _tally(
    models: Sequence[_Model],
    chunks: Sequence[Chunk],
    executor: concurrent.futures.Executor | None,
    progress: bool | None,
    label: str,
) -> Iterator[tuple[int, list[tuple[np.ndarray, int]]]]:
    """Every chunk run on every model: each model's number and counts per whole demand, as
    soon as its last task is back (the caller works on one while the executor runs the next)."""
    tasks = _tasks(len(models), len(chunks))
    # pickled once each here rather than with every task; a worker unpickles each once
    sent = models if executor is None else [_shipping.pack(model) for model in models]
    results = _shipping.run(
        _task, [(sent[m], [chunks[c] for c in cs]) for m, cs in tasks], executor
    )
    total: list[tuple[np.ndarray, int]] | None = None
    sizes = [sum(chunks[c][0] for c in cs) for _, cs in tasks]  # the draws each task makes
    parts = _shipping.progress(results, len(tasks), label, progress, sizes=sizes, unit=" draws")
    for at, ((number, _), part) in enumerate(zip(tasks, parts, strict=True)):
        total = _merge(total, part)
        if at + 1 == len(tasks) or tasks[at + 1][0] != number:
            yield number, total
            total = None


def _tasks(models: int, chunks: int) -> list[tuple[int, list[int]]]:
    """Which chunks of which model each task runs: :data:`CHUNKS_PER_TASK` of one model to a
    task, and the last :data:`SINGLE_AT_END` one to a task."""
    tasks: list[tuple[int, list[int]]] = []
    singly_from = models * chunks - SINGLE_AT_END
    for number in range(models):
        for chunk in range(chunks):
            at = number * chunks + chunk
            size = 1 if at >= singly_from else CHUNKS_PER_TASK
            if chunk and len(tasks[-1][1]) < size:
                tasks[-1][1].append(chunk)
            else:
                tasks.append((number, [chunk]))
    return tasks


def _risks(
    subjects: Sequence[Subject], histograms: list[tuple[np.ndarray, int]], probability: float
) -> list[Risk]:
    """Quantiles and overflow probabilities per subject, from counts of each whole-number demand
    (draws with no upper bound lie above every capacity)."""
    import numpy as np

    risks = []
    for subject, (counts, unbounded) in zip(subjects, histograms, strict=True):
        cumulative = np.cumsum(counts)
        finite = int(cumulative[-1]) if len(cumulative) else 0
        draws = finite + unbounded
        quantiles = []
        for q in (0.05, 0.5, 0.95, probability):
            at = int(np.searchsorted(cumulative, q * draws)) if finite else 0
            quantiles.append(math.inf if at >= len(cumulative) else float(at))
        capacity = subject.capacity
        if not subject.demand_known:
            risks.append(
                Risk(
                    subject.name,
                    subject.resource,
                    capacity,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    subject.code,
                    subject.subjects,
                )
            )
            continue
        risks.append(
            Risk(
                subject.name,
                subject.resource,
                capacity,
                None if capacity is None else _share_above(cumulative, capacity.low, unbounded),
                None if capacity is None else _share_above(cumulative, capacity.high, unbounded),
                quantiles[0],
                quantiles[1],
                quantiles[2],
                None if math.isinf(quantiles[3]) else int(quantiles[3]),
                subject.code,
                subject.subjects,
            )
        )
    return risks


def _share_above(cumulative: np.ndarray, limit: int | None, unbounded: int) -> float:
    """The share of draws whose demand is above ``limit``, from cumulative counts per demand."""
    finite = int(cumulative[-1]) if len(cumulative) else 0
    draws = finite + unbounded
    if limit is None:
        return 0.0
    if limit < 0:
        return 1.0
    at_most = int(cumulative[min(limit, len(cumulative) - 1)]) if finite else 0
    return float(1 - at_most / draws)


def simulate_sweep(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    grid: Mapping[str, Sequence[Any]],
    draws: int = 10_000,
    seed: int = 0,
    uncertainty: Uncertainty | None = None,
    probability: float = 0.95,
    norms: NormSet | None = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool | None = None,
) -> pandas.DataFrame:
    """The Monte Carlo at every point of a sweep grid (see :func:`eventplan.sweep`): a row per
    point and subject, with its overflow probability and demand quantiles. It takes what
    :func:`simulate` takes, ``probability`` and ``norms`` included. With ``executor``, the
    chunks of every point are handed out together, so points and chunks spread together."""
    from eventplan.montecarlo.scenarios import grid_points, knob

    try:
        import pandas
    except ImportError:
        raise MissingExtraError("simulate_sweep", "notebooks") from None
    draws, seed = _simulation_arguments(
        "simulate_sweep", event, turnout, draws, seed, probability, uncertainty
    )
    norms = _arguments.norm_set("simulate_sweep", norms)
    event, name = resolve_turnout(event, turnout)
    norms, uncertainty = event.planning_norms(norms), uncertainty or Uncertainty()
    points = grid_points(grid)
    # every point is compiled before the first task goes out, so that compiling (which holds
    # the interpreter) does not hold up the executor's threads handing the tasks out
    models = [
        _compile(event, name, norms, uncertainty, [knob(p, v) for p, v in point.items()])
        for point in points
    ]
    chunks = _chunks(draws, seed, chunk_size("simulate_sweep", max(m.width for m in models)))
    rows = []
    for number, total in _tally(models, chunks, executor, progress, "simulate sweep"):
        point = points[number]
        risks = _risks(models[number].subjects, total, probability)
        rows += [{**point, **_row(r, name)} for r in risks]
    return pandas.DataFrame(rows)
