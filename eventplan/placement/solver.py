"""The programme placed with OR-Tools CP-SAT: every session in a room and at a time that the
checks pass, what could not be placed with its reasons, and a re-plan that moves little.

Hard rules, each from where the checks take it (:mod:`eventplan.placement.problem`): seats,
one session at a time per room with its turnover, nobody in two places with the transfer
time between rooms, the programme's hours and each session's window, the fixed programme,
the planner's order, same-day pairs and series held apart. The objective, in order of
weight: as many sessions placed as possible; against a published programme, as few moves as
possible, each weighted by the calendars that show the session; the planner's preferences;
each session in its own room where it gives one, and the soft rules of balance (a series
spread over the days, a person's load and makespan). Then each session not kept at its
published time moves as early as its room leaves on its day
(:func:`~eventplan.placement.greedy.compact`), the same objective, so the plan is tidy as
well as repeatable. The search stops at the clock's limit or at CP-SAT's deterministic one;
only a plan the clock did not cut short is sure to repeat.

A session left out gets its reasons: those known before solving (no room seats it, its
window is too short, the fixed programme takes every start), else a set of rules that
cannot all hold with it placed, found by CP-SAT's assumptions and made minimal by removing
one rule at a time.
"""

from __future__ import annotations

import math
import sys
import time
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import attrs

from eventplan.demand.audiences import every_audience, sessions_for
from eventplan.errors import ArgumentTypeError, InvalidArgumentError, MissingExtraError
from eventplan.model import intervals, localtime
from eventplan.model.event import Event
from eventplan.model.norms import NormSet
from eventplan.model.programme import Session
from eventplan.placement.greedy import compact, first_fit
from eventplan.placement.plan import Move, ProgrammePlan, Reason, Unplaced
from eventplan.placement.problem import (
    Balanced,
    Item,
    Problem,
    even_share,
    length,
    setting,
    starts_at,
)
from eventplan.placement.rules import PlacementRules

if TYPE_CHECKING:  # pragma: no cover
    from ortools.sat.python import cp_model

#: How a programme may be placed: by CP-SAT, or first-fit without a solver.
METHODS = ("cp-sat", "first-fit")
#: The default time limit of the solver, in seconds.
TIME_LIMIT = 10.0
#: Weights of the objective's parts: a placed session outweighs every move; a session kept
#: where it was published counts once per calendar that shows it, and half as much again when
#: it keeps its time in another room (a room change is the smaller move); a kept calendar
#: outweighs a planner's preference, which outweighs a session's own room.
PLACED, KEPT_PER_CALENDAR, KEPT_TIME_PER_CALENDAR, OWN_ROOM = 10**9, 10**5, 5 * 10**4, 1200
#: The weight of a planner's preference (``rules.prefer``), per unit of its own weight.
PREFERRED = 2 * 10**3
#: The weights of the soft rules of balance (:class:`~eventplan.placement.rules.Weights`),
#: per unit of their own: a session beyond its even share of a day weighs as much as a
#: session kept in its own room, and so does an hour of one person's day.
BALANCE, MAKESPAN_PER_MINUTE = OWN_ROOM, OWN_ROOM // 60
#: How many left-out sessions get a reason found by the solver; the rest say so.
EXPLAINED = 12


def calendars(event: Event, turnout: str | None = None) -> dict[str, int]:
    """How many audiences' calendars show each session: the weight of moving it."""
    shown = {s.id: 0 for s in event.sessions}
    for audience in every_audience(event, turnout):
        for session in sessions_for(event, turnout, audience=audience):
            shown[session.id] += 1
    return shown


def place_programme(
    event: Event,
    turnout: str | None = None,
    *,
    rules: PlacementRules | None = None,
    published: Event | None = None,
    norms: NormSet | None = None,
    time_limit: float = TIME_LIMIT,
    work_limit: float | None = None,
    seed: int = 0,
    workers: int = 1,
    progress: bool = False,
    method: str = "cp-sat",
) -> ProgrammePlan:
    """Place the sessions of ``event`` in rooms and times so that the checks pass under
    ``turnout`` (needs the ``solver`` extra: ``pip install "eventplan[solver]"``).

    ``rules`` say which sessions move and what else holds (:class:`PlacementRules`).
    Against ``published``, an earlier plan or the programme as announced, the fewest
    sessions move, weighted by how many calendars show each. The same input, ``seed`` and
    ``workers`` give the same plan unless the clock stops the search first. The search stops
    at ``time_limit`` seconds on the clock, or earlier at ``work_limit`` units of CP-SAT's
    deterministic time (``time_limit`` when not given): a plan stopped by the work limit
    repeats, one stopped by the clock may not, and its notes say so. Either says
    ``feasible`` with its gap to the best bound. ``progress`` shows the best objective.

    ``method="first-fit"`` places without a solver (and without the extra): each session,
    hardest first, at the first room and start the sessions before it leave. It is the
    solver's starting plan and the baseline it is measured against; it never moves a
    session to make room for another, so it may leave out what CP-SAT fits.
    """
    if method not in METHODS:
        raise InvalidArgumentError(
            f"place_programme: method is one of {', '.join(METHODS)}, not {method!r}"
        )
    if not isinstance(event, Event):
        raise ArgumentTypeError(
            f"place_programme: event must be an Event, not {type(event).__name__}"
        )
    if not (isinstance(time_limit, int | float) and time_limit > 0 and math.isfinite(time_limit)):
        raise InvalidArgumentError(
            f"place_programme: time_limit takes seconds, more than 0: {time_limit!r}"
        )
    if work_limit is not None and not (
        isinstance(work_limit, int | float) and work_limit > 0 and math.isfinite(work_limit)
    ):
        raise InvalidArgumentError(
            f"place_programme: work_limit takes CP-SAT's deterministic time, more than 0: "
            f"{work_limit!r}"
        )
    if not (isinstance(workers, int) and workers >= 1):
        raise InvalidArgumentError(
            f"place_programme: workers is a whole number, 1 or more: {workers!r}"
        )
    began = time.perf_counter()
    rules = PlacementRules() if rules is None else rules
    problem = Problem(event, turnout, rules, norms)
    shown = calendars(event, turnout)
    was = _published(problem, published)
    start = first_fit(problem, was)
    if method == "first-fit":
        explained = _crowded(problem, start)
        return _plan(problem, published, was, shown, start, "first-fit", None, began, explained)
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        raise MissingExtraError("placing the programme with a solver", "solver") from None
    built = _Model(problem, shown, was, explain=False, hint=start)
    work = time_limit if work_limit is None else work_limit
    solver = _solver(time_limit, seed, workers, work)
    bar = _Bar(time_limit) if progress else None
    status = solver.solve(built.cp, None if bar is None else bar.callback)
    name = solver.status_name(status).lower()
    clock = status != cp_model.OPTIMAL and solver.deterministic_time < work * (1 - 1e-9)
    chosen = built.read(solver) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else {}
    gap = None
    if chosen:
        value, bound = solver.objective_value, solver.best_objective_bound
        gap = 0.0 if status == cp_model.OPTIMAL else abs(bound - value) / max(1.0, abs(bound))
        kept_time = {
            sid for sid, (_, minute) in chosen.items() if was.get(sid, (None, -1))[1] == minute
        }
        paired = {sid for pair in problem.rules.adjacent for sid in pair}
        preferring = {p.session for p in problem.rules.prefer}
        chosen = compact(problem, chosen, kept_time | paired | preferring)
    if bar is not None:
        bar.close()
    kept = None
    if len(chosen) < len(start):  # the time ran out before the solver had the hint back
        kept = (
            f"the solver found no plan that places more within its time limit (status {name}): "
            "this is the first-fit plan it started from"
        )
        chosen, name, gap = start, "first-fit", None
    explained = _crowded(problem, chosen)
    for item in problem.items:
        sid = item.session.id
        if sid in chosen or sid in explained or item.reasons or len(explained) == EXPLAINED:
            continue
        explained[sid] = _explain(cp_model, problem, chosen, item, time_limit, seed)
    plan = _plan(problem, published, was, shown, chosen, name, gap, began, explained)
    notes = [] if kept is None else [kept]
    if clock and status != cp_model.INFEASIBLE:
        notes.append(
            f"the clock stopped the search at {time_limit:g} s, after {solver.deterministic_time:.2f} "
            "units of deterministic time: another run may return another plan; a work limit "
            "(work_limit, --work-limit) below that gives one that repeats"
        )
    return attrs.evolve(plan, notes=(*notes, *plan.notes), repeatable=not clock)


def _crowded(problem: Problem, chosen: dict[str, tuple[str, int]]) -> dict[str, tuple[Reason, ...]]:
    """The reason of each session left out of a set that outnumbers its rooms."""
    names = {r.id: r.name for r in problem.rooms}
    found: dict[str, tuple[Reason, ...]] = {}
    for crowd in problem.crowds():
        for sid in crowd.sessions:
            if sid not in chosen and sid not in found:
                found[sid] = (crowd.reason(names),)
    return found


def _plan(
    problem: Problem,
    published: Event | None,
    was: dict[str, tuple[str | None, int]],
    shown: dict[str, int],
    chosen: dict[str, tuple[str, int]],
    status: str,
    gap: float | None,
    began: float,
    explained: dict[str, tuple[Reason, ...]],
) -> ProgrammePlan:
    """The plan of the rooms and starts chosen, with reasons for each session left out: those
    known before solving, else the solver's explanation, else why there is none."""
    unplaced = []
    for item in problem.items:
        sid = item.session.id
        if sid in chosen:
            continue
        if item.reasons:
            reasons = item.reasons
        elif sid in explained:
            reasons = explained[sid]
        elif status == "first-fit":
            reasons = (
                Reason(
                    "first-fit",
                    f"{sid} found no room and start left free by the sessions placed before it "
                    "(first fit moves none of them; the solver may)",
                    (sid,),
                ),
            )
        else:
            reasons = (
                Reason(
                    "not-explained",
                    f"not explained: only the first {EXPLAINED} left out are",
                    (sid,),
                ),
            )
        unplaced.append(Unplaced(sid, reasons))
    items = {item.session.id: item for item in problem.items}
    placed_event = _placed_event(problem, chosen)
    return ProgrammePlan(
        event=placed_event,
        placed=tuple(s.id for s in problem.movable if s.id in chosen),
        unplaced=tuple(unplaced),
        moves=_moves(problem, placed_event, published, was, shown),
        objective=_parts(problem, chosen, was, shown),
        status=status,
        gap=gap,
        seconds=time.perf_counter() - began,
        notes=tuple(
            f"{sid} is in {room}, whose seats for its layout are not known: no room known to "
            "seat it was free"
            for sid, (room, _) in chosen.items()
            if room in items[sid].unknown_capacity
        ),
    )


# --- the model ---------------------------------------------------------------------------------


class _Model:
    """The CP-SAT model of a problem. With ``explain``, every group of rules hangs on a literal
    of its own, and every session on one that asks for it to be placed: the assumptions an
    infeasible core is made of."""

    def __init__(
        self,
        problem: Problem,
        shown: dict[str, int],
        was: dict[str, tuple[str | None, int]],
        *,
        explain: bool,
        hint: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        from ortools.sat.python import cp_model

        self.problem = problem
        cp = self.cp = cp_model.CpModel()
        step = problem.rules.step_minutes
        self.explain = explain
        self.hint = hint
        self.groups: dict[str, Any] = {}  # rule group -> literal (explain only)
        self.needs: dict[str, Any] = {}  # session -> literal asking for it placed (explain only)
        self.x: dict[str, dict[str, Any]] = {}
        self.k: dict[str, Any] = {}
        self.placed: dict[str, Any] = {}
        self.items: dict[str, Item] = {}
        self.flags: list[Any] = []  # the objective's literals: kept times and rooms, preferences
        self.days_of: dict[str, dict[int, Any]] = {}  # session -> day -> literal (balance only)
        self.imbalance: list[tuple[Balanced, list[Any]]] = []  # each group's units, day by day
        kept_terms: list[Any] = []
        own_terms: list[Any] = []
        for item in problem.items:
            if not item.starts:
                continue
            sid = item.session.id
            self.items[sid] = item
            union = cp_model.Domain.from_intervals(
                [list(span) for spans in item.starts.values() for span in spans]
            )
            k = cp.new_int_var_from_domain(union, f"k[{sid}]")
            placed = cp.new_bool_var(f"placed[{sid}]")
            xs: dict[str, Any] = {}
            for room, spans in item.starts.items():
                x = cp.new_bool_var(f"x[{sid},{room}]")
                domain = cp_model.Domain.from_intervals([list(span) for span in spans])
                if domain.size() != union.size():
                    cp.add_linear_expression_in_domain(k, domain).only_enforce_if(x)
                xs[room] = x
            cp.add(sum(xs.values()) == placed)
            self.k[sid], self.placed[sid], self.x[sid] = k, placed, xs
            if explain:
                need = self.needs[sid] = cp.new_bool_var(f"need[{sid}]")
                cp.add(placed == 1).only_enforce_if(need)
            if sid in was:
                then, minute = was[sid]
                if minute % step == 0 and union.contains(minute // step):
                    weight = max(1, shown.get(sid, 0))
                    same_time = cp.new_bool_var(f"same-time[{sid}]")
                    cp.add(k == minute // step).only_enforce_if(same_time)
                    kept_terms.append(KEPT_TIME_PER_CALENDAR * weight * same_time)
                    self.flags.append(same_time)
                    where = None if hint is None else hint.get(sid)
                    if hint is None:
                        cp.add_hint(k, minute // step)
                    else:
                        cp.add_hint(same_time, where is not None and where[1] == minute)
                    if then is not None and then in xs:
                        kept = cp.new_bool_var(f"kept[{sid}]")
                        cp.add_implication(kept, xs[then])
                        cp.add_implication(kept, same_time)
                        kept_terms.append(KEPT_PER_CALENDAR * weight * kept)
                        self.flags.append(kept)
                        if hint is not None:
                            cp.add_hint(kept, where == (then, minute))
            elif problem.rules.keep_rooms and item.session.room in xs:
                own_terms.append(OWN_ROOM * xs[item.session.room])
            if hint is not None:  # every variable, so that CP-SAT starts from a whole plan
                where = hint.get(sid)
                cp.add_hint(placed, where is not None)
                for room, x in xs.items():
                    cp.add_hint(x, where is not None and room == where[0])
                if where is not None:
                    cp.add_hint(k, where[1] // step)
        if not explain:  # implied by the room rule: a bound that CP-SAT's search lacks
            for crowd in problem.crowds():
                cp.add(sum(self.placed[sid] for sid in crowd.sessions) <= crowd.holds)
        self._rooms(step)
        self._people(step)
        self._apart(step)
        self._order(step)
        self._interpreters(step)
        self._shared(step)
        liked_terms = self._preferences(hint)
        balance_terms = [] if explain else self._balance(hint)
        self.main = (
            PLACED * sum(self.placed.values())
            + sum(kept_terms)
            + sum(own_terms)
            + sum(liked_terms)
            - sum(balance_terms)
        )
        if not explain:
            cp.maximize(self.main)

    def _preferences(self, hint: dict[str, tuple[str, int]] | None) -> list[Any]:
        """A literal per preference that holds when the session is where it prefers, in the
        rooms and starts :meth:`Problem.preferred` gives; weighted terms of the objective."""
        from ortools.sat.python import cp_model

        problem, cp = self.problem, self.cp
        step = problem.rules.step_minutes
        terms = []
        for index, preference in enumerate(problem.rules.prefer):
            sid = preference.session
            if sid not in self.items:
                continue
            where = problem.preferred(self.items[sid], preference)
            liked = cp.new_bool_var(f"liked[{index}]")
            here = []
            for room, spans in where.items():
                at = cp.new_bool_var(f"liked[{index},{room}]")
                cp.add_implication(at, self.x[sid][room])
                domain = cp_model.Domain.from_intervals([list(span) for span in spans])
                cp.add_linear_expression_in_domain(self.k[sid], domain).only_enforce_if(at)
                here.append(at)
                self.flags.append(at)
                if hint is not None:
                    chosen = hint.get(sid)
                    cp.add_hint(at, chosen is not None and starts_at(where, *chosen, step))
            cp.add(liked == sum(here))
            self.flags.append(liked)
            if hint is not None:
                chosen = hint.get(sid)
                cp.add_hint(liked, chosen is not None and starts_at(where, *chosen, step))
            terms.append(PREFERRED * preference.weight * liked)
        return terms

    def _balance(self, hint: dict[str, tuple[str, int]] | None) -> list[Any]:
        """The soft rules of balance as terms to subtract, each counting what
        :meth:`Problem.imbalance` counts: a group's sessions beyond its even share of each
        day, or each day's minutes from its first start to its last end."""
        problem, cp = self.problem, self.cp
        step = problem.rules.step_minutes
        bounds = problem.day_bounds()
        fixed = {s.id for s in problem.fixed}
        terms: list[Any] = []
        for index, group in enumerate(problem.balanced):
            moving = [sid for sid in group.sessions if sid in self.items]
            if not moving:
                continue
            held: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for start, end in problem.busy({}, [s for s in group.sessions if s in fixed]):
                held[problem.day_of(start)].append((start, end))
            hinted: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for start, end in problem.busy(hint or {}, moving):
                hinted[problem.day_of(start)].append((start, end))
            days = problem.possible_days(group.sessions)
            share = even_share(len(group.sessions), len(days))
            units: list[Any] = []
            self.imbalance.append((group, units))
            for day in days:
                on = [
                    (sid, lit) for sid in moving if (lit := self._on_day(sid).get(day)) is not None
                ]
                if not on:  # the fixed programme's own imbalance, which no plan changes
                    units.append(problem.imbalance_of_day(group, held[day], len(days)))
                    continue
                name = f"{group.rule}[{index},{day}]"
                if group.rule == "share":
                    if len(on) + len(held[day]) <= share:
                        continue
                    over = cp.new_int_var(0, len(on) + len(held[day]), name)
                    cp.add(over >= sum(lit for _, lit in on) + len(held[day]) - share)
                    units.append(over)
                    terms.append(BALANCE * group.weight * over)
                    if hint is not None:
                        cp.add_hint(over, max(0, len(hinted[day]) + len(held[day]) - share))
                    continue
                low, high = bounds[day]
                longest = max(self.items[sid].minutes for sid, _ in on)
                first = cp.new_int_var(low, high + longest, f"first-{name}")
                last = cp.new_int_var(low, high + longest, f"last-{name}")
                cp.add(last >= first)
                for start, end in held[day]:
                    cp.add(first <= start)
                    cp.add(last >= end)
                for sid, lit in on:
                    cp.add(first <= step * self.k[sid]).only_enforce_if(lit)
                    cp.add(last >= step * self.k[sid] + self.items[sid].minutes).only_enforce_if(
                        lit
                    )
                # a person's sessions never overlap: the day is at least as long as they are
                cp.add(
                    last - first
                    >= sum(self.items[sid].minutes * lit for sid, lit in on)
                    + sum(end - start for start, end in held[day])
                )
                units.append(last - first)
                terms.append(MAKESPAN_PER_MINUTE * group.weight * (last - first))
                if hint is not None:
                    spans = hinted[day] + held[day]
                    cp.add_hint(first, min((a for a, _ in spans), default=low))
                    cp.add_hint(last, max((b for _, b in spans), default=low))
        return terms

    def _on_day(self, sid: str) -> dict[int, Any]:
        """A literal per day the session may be held on, true on the day it is held."""
        if sid not in self.days_of:
            problem, cp = self.problem, self.cp
            step = problem.rules.step_minutes
            days = problem.possible_days([sid])
            bounds = problem.day_bounds()
            found: dict[int, Any] = {}
            if len(days) == 1:
                found[days[0]] = self.placed[sid]
            else:
                for day in days:
                    on = found[day] = cp.new_bool_var(f"on[{sid},{day}]")
                    if self.hint is not None:
                        where = self.hint.get(sid)
                        cp.add_hint(on, where is not None and problem.day_of(where[1]) == day)
                    low, high = bounds[day]
                    cp.add(step * self.k[sid] >= low).only_enforce_if(on)
                    cp.add(step * self.k[sid] < high).only_enforce_if(on)
                cp.add(sum(found.values()) == self.placed[sid])
            self.days_of[sid] = found
        return self.days_of[sid]

    def _group(self, name: str) -> Any:
        if name not in self.groups:
            self.groups[name] = self.cp.new_bool_var(f"rule[{name}]")
        return self.groups[name]

    def _present(self, literal: Any, group: str) -> Any:
        """``literal``, or in the explaining model ``literal`` and the group's own."""
        if not self.explain:
            return literal
        both = self.cp.new_bool_var("")
        rule = self._group(group)
        self.cp.add_bool_and([literal, rule]).only_enforce_if(both)
        self.cp.add_bool_or([literal.Not(), rule.Not(), both])
        return both

    def _interval(self, sid: str, length: int, present: Any) -> Any:
        step = self.problem.rules.step_minutes
        return self.cp.new_optional_fixed_size_interval_var(
            step * self.k[sid], length, present, f"i[{sid}]"
        )

    def _rooms(self, step: int) -> None:
        """One session at a time in each room, and the turnover between sessions whose layout
        or audience differs (none between two that seat the same audience the same way)."""
        problem = self.problem
        by_room: dict[str, list[str]] = defaultdict(list)
        for sid, xs in self.x.items():
            for room in xs:
                by_room[room].append(sid)
        rooms = {r.id: r for r in problem.rooms}
        for room_id, sids in by_room.items():
            if len(sids) < 2:
                continue
            where = rooms[room_id]
            group = f"room:{room_id}"
            present = {sid: self._present(self.x[sid][room_id], group) for sid in sids}
            self.cp.add_no_overlap(
                [self._interval(sid, self.items[sid].minutes, present[sid]) for sid in sids]
            )
            longest = problem.longest_turnover(where, (self.items[sid].session for sid in sids))
            if all(_on_the_grid(step, self.items[sid].minutes, longest) for sid in sids):
                continue
            classes: dict[tuple[object, ...], list[str]] = defaultdict(list)
            for sid in sids:
                classes[setting(self.items[sid].session, where)].append(sid)
            first = {key: self.items[members[0]].session for key, members in classes.items()}
            tails = {
                key: max(
                    (
                        problem.turnover(first[key], first[other], where)
                        for other in classes
                        if other != key
                    ),
                    default=0,
                )
                for key in classes
            }
            turning = [
                key
                for key, tail in tails.items()
                if not all(
                    _on_the_grid(step, self.items[sid].minutes, tail) for sid in classes[key]
                )
            ]
            if len(turning) > _SETTINGS_EXACT:  # too many settings to keep apart exactly
                self.cp.add_no_overlap(
                    [
                        self._interval(
                            sid,
                            self.items[sid].minutes
                            + tails[setting(self.items[sid].session, where)],
                            present[sid],
                        )
                        for sid in sids
                    ]
                )
                continue
            for key in turning:
                self._kept_apart(
                    [(sid, present[sid]) for sid in classes[key]],
                    [(sid, present[sid]) for sid in sids if sid not in classes[key]],
                    tails[key],
                )

    def _kept_apart(
        self, after: list[tuple[str, Any]], others: list[tuple[str, Any]], gap: int
    ) -> None:
        """No session of ``others`` begins within ``gap`` minutes of the end of one of ``after``;
        sessions of ``after`` may follow one another at once. A cumulative constraint: each
        gap takes one unit, each other session all of them."""
        if not others or gap <= 0:
            return
        step = self.problem.rules.step_minutes
        gaps = [
            self.cp.new_optional_fixed_size_interval_var(
                step * self.k[sid] + self.items[sid].minutes, gap, present, f"gap[{sid}]"
            )
            for sid, present in after
        ]
        plain = [self._interval(sid, self.items[sid].minutes, present) for sid, present in others]
        units = len(gaps)
        self.cp.add_cumulative([*gaps, *plain], [1] * len(gaps) + [units] * len(plain), units)

    def _people(self, step: int) -> None:
        """Nobody in two places: each person's sessions apart, by the time to move between
        their rooms where they are in different rooms."""
        problem = self.problem
        for person, sessions in problem.people.items():
            sids = [s.id for s in sessions if s.id in self.x]
            if len(sids) < 2:
                continue
            group = f"person:{person}"
            placed = {sid: self._present(self.placed[sid], group) for sid in sids}
            self.cp.add_no_overlap(
                [self._interval(sid, self.items[sid].minutes, placed[sid]) for sid in sids]
            )
            rooms = sorted({room for sid in sids for room in self.x[sid]})
            if len(rooms) < 2:
                continue
            tail = _longest_move(problem, rooms)
            if all(_on_the_grid(step, self.items[sid].minutes, tail) for sid in sids):
                continue
            if len(rooms) * len(sids) > _PERSON_EXACT:  # the longest move after every session
                self.cp.add_no_overlap(
                    [
                        self._interval(sid, self.items[sid].minutes + tail, placed[sid])
                        for sid in sids
                    ]
                )
                continue
            for room in rooms:
                here = [sid for sid in sids if room in self.x[sid]]
                elsewhere = []
                for sid in sids:
                    away = self.cp.new_bool_var(f"away[{sid},{room}]")
                    inside = self.x[sid].get(room, 0)
                    self.cp.add(away + inside == self.placed[sid])
                    elsewhere.append((sid, self._present(away, group)))
                gap = _longest_move(problem, rooms, room)
                self._kept_apart(
                    [(sid, self._present(self.x[sid][room], group)) for sid in here], elsewhere, gap
                )

    def _apart(self, step: int) -> None:
        for series in self.problem.rules.apart:
            sids = [sid for sid, item in self.items.items() if item.session.series == series]
            if len(sids) < 2:
                continue
            self.cp.add_no_overlap(
                [
                    self._interval(
                        sid,
                        self.items[sid].minutes,
                        self._present(self.placed[sid], f"apart:{series}"),
                    )
                    for sid in sids
                ]
            )

    def _interpreters(self, step: int) -> None:
        """At no time more interpreters at work than the event has: the interpreted sessions
        in parallel, fixed ones included, at the cautious end of each team."""
        problem = self.problem
        available = problem.event.resources.interpreters
        if available is None:
            return
        group = "interpreters"
        intervals, demands = [], []
        for sid, item in self.items.items():
            need = problem.interpreters(item.session)
            if need:
                intervals.append(
                    self._interval(sid, item.minutes, self._present(self.placed[sid], group))
                )
                demands.append(need)
        if not intervals:
            return
        for session in problem.fixed:
            need = problem.interpreters(session)
            if need:
                start, end = problem.minute(session.start), problem.minute(session.end)
                intervals.append(
                    self.cp.new_fixed_size_interval_var(start, end - start, f"fixed[{session.id}]")
                )
                demands.append(need)
        self.cp.add_cumulative(intervals, demands, available)

    def _shared(self, step: int) -> None:
        """At no time more cars, screening lanes or shuttle buses busy than the event has:
        each session's uses in the windows :meth:`Problem.shared` gives, fixed ones included."""
        problem = self.problem
        uses: dict[str, tuple[list[Any], list[int]]] = defaultdict(lambda: ([], []))
        for sid, item in self.items.items():
            for resource, begins, ends, count in problem.shared(item.session, item.minutes):
                present = self._present(self.placed[sid], f"shared:{resource}")
                spans, counts = uses[resource]
                spans.append(
                    self.cp.new_optional_fixed_size_interval_var(
                        step * self.k[sid] + begins,
                        ends - begins,
                        present,
                        f"use[{sid},{resource}]",
                    )
                )
                counts.append(count)
        for session in problem.fixed:
            start = problem.minute(session.start)
            for resource, begins, ends, count in problem.shared(session, length(session)):
                if resource in uses:
                    spans, counts = uses[resource]
                    spans.append(
                        self.cp.new_fixed_size_interval_var(
                            start + begins, ends - begins, f"use[{session.id},{resource}]"
                        )
                    )
                    counts.append(count)
        for resource, (spans, counts) in uses.items():
            self.cp.add_cumulative(spans, counts, getattr(problem.event.resources, resource))

    def _order(self, step: int) -> None:
        """``before`` and ``same_day`` pairs, between two placed sessions or against a fixed one."""
        problem = self.problem
        fixed = {s.id: s for s in problem.fixed}
        for index, (a, b) in enumerate(problem.rules.before):
            when = self._both(a, b, f"before:{index}")
            if when is None:
                continue
            end_a = (
                problem.minute(fixed[a].end)
                if a in fixed
                else step * self.k[a] + self.items[a].minutes
            )
            start_b = problem.minute(fixed[b].start) if b in fixed else step * self.k[b]
            self.cp.add(end_a <= start_b).only_enforce_if(when)
        bounds = problem.day_bounds()
        for index, (a, b) in enumerate(problem.rules.same_day):
            when = self._both(a, b, f"same-day:{index}")
            if when is None:
                continue
            day_a, day_b = (self._day(s, fixed, bounds, step) for s in (a, b))
            self.cp.add(day_a == day_b).only_enforce_if(when)
        for index, (a, b) in enumerate(problem.rules.adjacent):
            when = self._both(a, b, f"adjacent:{index}")
            if when is not None:
                self._adjacent(a, b, fixed, when, step)

    def _adjacent(
        self, a: str, b: str, fixed: dict[str, Session], when: list[Any], step: int
    ) -> None:
        """``b`` in ``a``'s room at the start :meth:`Problem.follows` gives."""
        problem, cp = self.problem, self.cp
        rooms = {r.id: r for r in problem.rooms}
        never = len(when) - 1  # not every literal of ``when``: the pair cannot be held
        if a in fixed or b in fixed:
            held, moving = (fixed[a], b) if a in fixed else (fixed[b], a)
            room = rooms.get(held.room or "")
            x = self.x[moving].get(held.room or "")
            if room is None or x is None:
                cp.add(sum(when) <= never)
                return
            session = self.items[moving].session
            if a in fixed:
                start = problem.follows(held, session, room, problem.minute(held.end))
            else:
                start = problem.precedes(
                    session, held, room, problem.minute(held.start), self.items[a].minutes
                )
            cp.add(x == 1).only_enforce_if(when)
            cp.add(self.k[moving] == start // step).only_enforce_if(when)
            return
        xa, xb = self.x[a], self.x[b]
        for room_id in set(xa) | set(xb):
            if room_id not in xa or room_id not in xb:
                only = xa.get(room_id, xb.get(room_id))
                cp.add(only == 0).only_enforce_if(when)
                continue
            cp.add(xa[room_id] == xb[room_id]).only_enforce_if(when)
            gap = problem.follows(
                self.items[a].session, self.items[b].session, rooms[room_id], self.items[a].minutes
            )
            cp.add(self.k[b] == self.k[a] + gap // step).only_enforce_if([*when, xa[room_id]])

    def _both(self, a: str, b: str, group: str) -> list[Any] | None:
        """The literals under which a pair rule holds; ``None`` when it binds nothing here."""
        moving = [s for s in (a, b) if s in self.placed]
        known = {s.id for s in self.problem.fixed}
        if not moving or any(s not in self.placed and s not in known for s in (a, b)):
            return None
        when = [self.placed[s] for s in moving]
        if self.explain:
            when.append(self._group(group))
        return when

    def _day(
        self, sid: str, fixed: dict[str, Session], bounds: list[tuple[int, int]], step: int
    ) -> Any:
        if sid in fixed:
            return self.problem.day_of(self.problem.minute(fixed[sid].start))
        day = self.cp.new_int_var(0, len(bounds) - 1, f"day[{sid}]")
        for i, (low, high) in enumerate(bounds):
            on = self.cp.new_bool_var("")
            self.cp.add(day == i).only_enforce_if(on)
            self.cp.add(day != i).only_enforce_if(on.Not())
            self.cp.add(step * self.k[sid] >= low).only_enforce_if(on)
            self.cp.add(step * self.k[sid] < high).only_enforce_if(on)
        return day

    def read(self, solver: cp_model.CpSolver) -> dict[str, tuple[str, int]]:
        """Each placed session's room and start minute."""
        step = self.problem.rules.step_minutes
        found: dict[str, tuple[str, int]] = {}
        for sid, xs in self.x.items():
            for room, x in xs.items():
                if solver.boolean_value(x):
                    found[sid] = (room, step * solver.value(self.k[sid]))
        return found


def _on_the_grid(step: int, minutes: int, gap: int) -> bool:
    """Whether a gap after a session of ``minutes`` is kept by the grid alone: the next start
    on the grid after its end is also the next one after the gap (a 45-minute session on an
    hour's grid leaves 15 minutes for any move or turnover that takes no longer)."""
    return -(-(minutes + gap) // step) == -(-minutes // step)


def _longest_move(problem: Problem, rooms: list[str], start: str | None = None) -> int:
    """The longest move between two of ``rooms``, or from ``start`` to one of them. A move's
    time depends only on the two venues, so one room of each venue stands for the rest."""
    venue_of = problem.ctx.venue_of_room
    if start is None:
        starts = {venue_of[room]: room for room in rooms}.values()
        return max((_longest_move(problem, rooms, room) for room in starts), default=0)
    ends: dict[str, str] = {}
    for room in rooms:
        if room != start:
            ends.setdefault(venue_of[room], room)
    return max((problem.transfer(start, room) for room in ends.values()), default=0)


#: A room whose sessions come in more settings than this is turned over after every session
#: by the longest turnover any of them needs; a person whose sessions and rooms multiply past
#: the second figure, likewise with the longest move.
_SETTINGS_EXACT, _PERSON_EXACT = 8, 600


def _solver(
    time_limit: float, seed: int, workers: int, work_limit: float | None = None
) -> cp_model.CpSolver:
    """CP-SAT stopped by the clock or by deterministic time (``work_limit``, ``time_limit``
    when not given), whichever comes first; several workers interleave their search so
    that the same seed repeats the same search."""
    from ortools.sat.python.cp_model import CpSolver

    solver = CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.max_deterministic_time = time_limit if work_limit is None else work_limit
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = workers
    solver.parameters.interleave_search = workers > 1
    # Presolve may otherwise break a whole, feasible hint (the first-fit plan) and lose it.
    solver.parameters.keep_all_feasible_solutions_in_presolve = True
    # Probing in presolve took 5 s of wall time per pass on a re-plan of 1,000 sessions (for
    # 0.1 s of deterministic time), so the search began after 10 s; without it the search
    # starts from the whole hint at once, and no instance measured here got slower.
    solver.parameters.cp_model_probing_level = 0
    return solver


# --- reasons -----------------------------------------------------------------------------------


def _explain(
    cp_model: Any,
    problem: Problem,
    chosen: dict[str, tuple[str, int]],
    item: Item,
    time_limit: float,
    seed: int,
) -> tuple[Reason, ...]:
    """Why ``item`` cannot join the placed sessions: a minimal set of rules and sessions that
    cannot all hold with it placed."""
    sid = item.session.id
    built = _Model(problem, {}, {}, explain=True, hint=chosen)
    asked = [built.needs[s] for s in (*chosen, sid) if s in built.needs]
    rules = list(built.groups.values())
    limit = max(1.0, min(time_limit, 5.0))
    core = _core(cp_model, built, [*asked, *rules], limit, seed)
    if core is None:
        return (
            Reason(
                "time-limit",
                f"{sid} fits with the sessions placed, but the search stopped first; a longer "
                "time limit places it",
                (sid,),
            ),
        )
    core = _shrink(cp_model, built, core, built.needs[sid], limit, seed)
    names = {id(v): k for k, v in built.groups.items()}
    needs = {id(v): k for k, v in built.needs.items()}
    with_it = sorted(needs[id(v)] for v in core if id(v) in needs and needs[id(v)] != sid)
    groups = [names[id(literal)] for literal in core if id(literal) in names]
    rooms_bind = any(group.startswith("room:") for group in groups)
    reasons = list(_seats_and_window(problem, item, seats=rooms_bind))
    reasons += [_rule_reason(problem, group, sid, with_it) for group in groups]
    if not any(r.rule not in ("room-capacity", "window") for r in reasons):
        reasons.append(
            Reason(
                "room-bookings",
                f"{sid} finds no free room and time beside "
                f"{', '.join(with_it) or 'the fixed programme'}",
                (sid, *with_it),
            )
        )
    return tuple(reasons)


def _core(
    cp_model: Any, built: _Model, assumptions: list[Any], limit: float, seed: int
) -> list[Any] | None:
    """The assumptions CP-SAT finds sufficient for infeasibility; ``None`` when they hold."""
    built.cp.clear_assumptions()
    built.cp.add_assumptions(assumptions)
    solver = _solver(limit, seed, 1)
    status = solver.solve(built.cp)
    if status != cp_model.INFEASIBLE:
        return None
    found = set(solver.sufficient_assumptions_for_infeasibility())
    return [a for a in assumptions if a.Index() in found]


def _shrink(
    cp_model: Any, built: _Model, core: list[Any], keep: Any, limit: float, seed: int
) -> list[Any]:
    """The core made minimal: each assumption dropped in turn stays dropped while the rest are
    still infeasible together."""
    kept = list(core)
    for literal in list(core):
        if literal is keep or literal not in kept:
            continue
        trial = [a for a in kept if a is not literal]
        smaller = _core(cp_model, built, trial, limit, seed)
        if smaller is not None:
            kept = smaller if keep in smaller else trial
    return kept


def _seats_and_window(problem: Problem, item: Item, *, seats: bool) -> list[Reason]:
    """What narrows the session's choice before any other session: the rooms that seat it
    and its window."""
    session = item.session
    found = []
    demand = problem.seats_needed(session)
    if seats and demand is not None and len(item.starts) < len(problem.rooms):
        names = ", ".join(problem.event.room(r).name for r in item.starts)
        found.append(
            Reason(
                "room-capacity",
                f"{session.id} needs {demand.high if demand.high is not None else demand.low:,} "
                f"seats; only {names} are known to seat them",
                (session.id, *item.starts),
            )
        )
    windows = problem.windows.get(session.id, ())
    if windows:
        held = "; or ".join(w.describe() for w in windows)
        found.append(Reason("window", f"{session.id} is held {held}", (session.id,)))
    return found


def _rule_reason(problem: Problem, group: str, sid: str, others: list[str]) -> Reason:
    kind, _, name = group.partition(":")
    zone = problem.zone
    sessions = {s.id: s for s in problem.event.sessions}
    if kind == "room":
        room = problem.event.room(name)
        here = [o for o in others if name in problem_starts(problem, o)]
        held = [
            f"{s.id} ({localtime.span(s.start, s.end, zone)}, fixed)"
            for s in problem.fixed
            if s.room == name
        ]
        return Reason(
            "room-bookings",
            f"{room.name} holds one session at a time: {', '.join([*held, *here]) or 'nothing else'}"
            f" take{'s' if len(held) + len(here) == 1 else ''} the times {sid} could use",
            (name, sid, *here),
        )
    if kind == "person":
        names = {o.id: o.name for o in problem.event.officials}
        who = names.get(name, name.removeprefix("delegation:") + " delegation")
        mine = {s.id for s in problem.people[name]}
        theirs = [o for o in others if o in mine] or [
            s.id for s in problem.people[name] if s.id != sid
        ]
        return Reason(
            "person",
            f"{who} cannot be at {sid} and at {', '.join(theirs)} at once, with the time to move "
            "between rooms",
            (name, sid, *theirs),
        )
    if kind == "apart":
        peers = [o for o in others if sessions[o].series == name]
        return Reason(
            "apart",
            f"the {name} series may not run in parallel: {sid} and {', '.join(peers) or 'the rest'}",
            (sid, *peers),
        )
    if kind == "interpreters":
        busy = [o for o in others if problem.interpreters(sessions[o])]
        item = problem.item_of[sid]
        held = _held_near(
            problem,
            item,
            [(0, item.minutes)],
            [
                (s.id, problem.minute(s.start), problem.minute(s.end))
                for s in problem.fixed
                if problem.interpreters(s)
            ],
        )
        return Reason(
            "interpreters",
            f"the event's {problem.event.resources.interpreters} interpreters are at work at the "
            f"times {sid} could use: {', '.join([*held, *busy]) or 'nothing else'} take them",
            (sid, "resources.interpreters", *held, *busy),
        )
    if kind == "shared":
        words = name.replace("_", " ")
        users = [o for o in others if any(u.resource == name for u in sessions[o].uses)]
        item = problem.item_of[sid]
        own = [(a, b) for r, a, b, _ in problem.shared(item.session, item.minutes) if r == name]
        uses = [
            (s.id, problem.minute(s.start) + a, problem.minute(s.start) + b)
            for s in problem.fixed
            for r, a, b, _ in problem.shared(s, length(s))
            if r == name
        ]
        held = _held_near(problem, item, own, uses)
        return Reason(
            "shared-resource",
            f"the event's {getattr(problem.event.resources, name)} {words} are busy at the times "
            f"{sid} could use: {', '.join([*held, *users]) or 'nothing else'} take them",
            (sid, f"resources.{name}", *held, *users),
        )
    if kind == "before":
        a, b = problem.rules.before[int(name)]
        return Reason("order", f"{a} must end before {b} starts", (a, b))
    if kind == "adjacent":
        a, b = problem.rules.adjacent[int(name)]
        return Reason(
            "adjacent", f"{b} follows {a} in its room, once the room is turned over", (a, b)
        )
    a, b = problem.rules.same_day[int(name)]
    return Reason("same-day", f"{a} and {b} are held on one day", (a, b))


def _held_near(
    problem: Problem,
    item: Item,
    own: list[tuple[int, int]],
    fixed: list[tuple[str, int, int]],
) -> list[str]:
    """The fixed sessions, once each, whose spans (``fixed``: id, start, end in minutes) fall
    where ``item``'s could, its spans ``own`` (begins, ends from its start) at any start it
    may take; every one of them when ``own`` is empty."""
    step = problem.rules.step_minutes
    steps = [k for spans in item.starts.values() for span in spans for k in span]
    first, last = step * min(steps, default=0), step * max(steps, default=0)
    low = min((first + a for a, _ in own), default=-math.inf)
    high = max((last + b for _, b in own), default=math.inf)
    near = [sid for sid, a, b in fixed if intervals.overlaps(a, b, low, high)]
    return list(dict.fromkeys(near))


def problem_starts(problem: Problem, sid: str) -> dict[str, Any]:
    item = next((i for i in problem.items if i.session.id == sid), None)
    return {} if item is None else item.starts


# --- the result --------------------------------------------------------------------------------


def _published(problem: Problem, published: Event | None) -> dict[str, tuple[str | None, int]]:
    """Each movable session's room and start minute in the published programme."""
    if published is None:
        return {}
    if not isinstance(published, Event):
        raise ArgumentTypeError(
            f"place_programme: published must be an Event, not {type(published).__name__}"
        )
    then = {s.id: s for s in published.sessions if not s.is_cancelled}
    return {
        s.id: (then[s.id].room, problem.minute(then[s.id].start))
        for s in problem.movable
        if s.id in then
    }


def _placed_event(problem: Problem, chosen: dict[str, tuple[str, int]]) -> Event:
    sessions = []
    for session in problem.event.sessions:
        if session.id in chosen:
            room, minute = chosen[session.id]
            start = problem.moment(minute)
            end = localtime.local(localtime.after(start, session.duration), problem.zone)
            session = attrs.evolve(session, start=start, end=end, room=room)
        sessions.append(session)
    return attrs.evolve(problem.event, sessions=tuple(sessions))


def _moves(
    problem: Problem,
    placed: Event,
    published: Event | None,
    was: dict[str, tuple[str | None, int]],
    shown: dict[str, int],
) -> tuple[Move, ...]:
    if published is None:
        return ()
    allowed = {r.id for r in problem.rooms}
    items = {i.session.id: i for i in problem.items}
    moves = []
    for session in placed.sessions:
        if session.id not in was:
            continue
        room, minute = was[session.id]
        if session.room == room and problem.minute(session.start) == minute:
            continue
        item = items[session.id]
        step = problem.rules.step_minutes
        if room not in allowed:
            why = f"{room or 'no room'} is not available"
        elif room not in item.starts:
            why = f"{room} does not seat it"
        elif not starts_at(item.starts, room, minute, step):
            why = "its old time breaks a rule now (its window, the programme's hours or a fixed session)"
        else:
            why = "moved so that the other sessions fit"
        moves.append(
            Move(
                session.id,
                room,
                problem.moment(minute),
                session.room,
                session.start,
                shown.get(session.id, 0),
                why,
            )
        )
    return tuple(moves)


def _parts(
    problem: Problem,
    chosen: dict[str, tuple[str, int]],
    was: dict[str, tuple[str | None, int]],
    shown: dict[str, int],
) -> dict[str, int]:
    """The objective's parts, counted from the plan itself."""
    kept = [s for s in was if s in chosen and chosen[s] == was[s]]
    items = {i.session.id: i for i in problem.items}
    step = problem.rules.step_minutes
    met = [
        p
        for p in problem.rules.prefer
        if p.session in chosen
        and p.session in items
        and starts_at(problem.preferred(items[p.session], p), *chosen[p.session], step)
    ]
    own = [
        s.id
        for s in problem.movable
        if s.id in chosen and s.id not in was and chosen[s.id][0] == s.room
    ]
    balance: dict[str, int] = {}
    for group in problem.balanced:
        part = {
            "makespan": "makespan_minutes",
            "share": "spread_over" if group.name.startswith("series:") else "load_over",
        }[group.rule]
        balance[part] = balance.get(part, 0) + problem.imbalance(group, chosen)
    return {
        "placed": len(chosen),
        "left_out": len(problem.items) - len(chosen),
        "moved": len([s for s in was if s in chosen]) - len(kept),
        "calendars_touched": sum(shown.get(s, 0) for s in was if s in chosen and s not in kept),
        "in_own_room": len(own),
        "preferences": len(problem.rules.prefer),
        "preferences_met": len(met),
        "start_minutes_total": sum(minute for _, minute in chosen.values()),
        **balance,
    }


class _Bar:
    """A tqdm bar over the time limit with the best objective so far."""

    def __init__(self, limit: float) -> None:
        from ortools.sat.python import cp_model
        from tqdm import tqdm

        class Callback(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(inner) -> None:  # the bar's self is the outer one
                elapsed = min(round(inner.wall_time), self.bar.total)
                if elapsed > self.bar.n:
                    self.bar.update(elapsed - self.bar.n)
                self.bar.set_postfix(placed=int(inner.objective_value // PLACED))

        self.bar = tqdm(
            total=max(1, round(limit)), unit="s", desc="placing the programme", file=sys.stderr
        )
        self.callback = Callback()

    def close(self) -> None:
        self.bar.update(self.bar.total - self.bar.n)
        self.bar.close()
