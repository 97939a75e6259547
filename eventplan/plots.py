"""Plots for notebooks (matplotlib, the ``notebooks`` extra). Each returns a ``Figure``.

- :func:`plot_programme`: the programme as a Gantt chart, by room and day;
- :func:`plot_demand`: demand against capacity per session and resource, with the band
  a simulation gives;
- :func:`plot_overflow`: the probability of overflow against a swept parameter;
- :func:`plot_tasks`: the organisation's tasks and milestones by sub-committee, up to the event;
- :func:`plot_seating`: a seating plan, a box per seat coloured per delegation;
- :func:`plot_placement`: a placed programme by room and day, what was placed, moved and fixed.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import TYPE_CHECKING, Any

from eventplan.errors import MissingExtraError, UnknownNameError
from eventplan.model import arguments as _arguments
from eventplan.model.event import Event
from eventplan.model.programme import in_order
from eventplan.montecarlo.simulation import Simulation

if TYPE_CHECKING:  # pragma: no cover
    from eventplan.placement import ProgrammePlan
    from eventplan.protocol import Seating

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from matplotlib.figure import Figure


#: Text wider than this many characters wraps onto the next line, so no label is cut.
LABEL_WIDTH = 48
#: Markers paired with the 10 colours of ``tab10``: 20 subjects get distinct pairs.
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")


def _matplotlib() -> None:
    """Raise :class:`MissingExtraError` before anything else touches matplotlib."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise MissingExtraError("plots", "notebooks") from None


def _figure(width: float, height: float) -> Figure:
    _matplotlib()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _colours(names: list[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    palette = colormaps["tab20"]
    return {name: palette(i % 20) for i, name in enumerate(names)}


def _styles(names: list[str]) -> dict[str, tuple[Any, str]]:
    """A (colour, marker) pair per name; the first 20 pairs are all different in both."""
    from matplotlib import colormaps

    palette = colormaps["tab10"]
    return {
        name: (palette(i % 10), _MARKERS[(i + i // 10) % len(_MARKERS)])
        for i, name in enumerate(names)
    }


def _wrapped(text: str, width: int = LABEL_WIDTH) -> str:
    return textwrap.fill(text, width, break_long_words=True) or text


def _hours(moment: Any, day: dt.date, zone: str) -> float:
    """Hours from the start of ``day`` to ``moment``: beyond 24 for a session past midnight."""
    local = moment.in_timezone(zone)
    days = (local.date() - day).days
    return float(days * 24 + local.hour + local.minute / 60 + local.second / 3600)


def _hour_axis(ax: Any, first: int, last: int, zone: str) -> None:
    """The shared hour axis of the day panels, in local time, past midnight included."""
    step = 1 if last - first <= 18 else 2
    ax.set_xlim(first, last)
    ax.set_xticks(
        range(first, last + 1, step), [f"{h % 24:02d}" for h in range(first, last + 1, step)]
    )
    ax.set_xlabel(f"hour ({zone}; past 24 is the next morning)")


def plot_programme(event: Event) -> Figure:
    """One panel per day, a row per session labelled with its title and room, coloured by kind,
    in the event's local time; the hour axis spans every session, past midnight included."""
    _arguments.event("plot_programme", event)
    _matplotlib()
    zone = event.timezone
    live = in_order(s for s in event.sessions if not s.is_cancelled)
    days = sorted({s.start.in_timezone(zone).date() for s in live})
    names = {r.id: r.name for r in event.rooms}
    colours = _colours(sorted({s.kind.value for s in live}))
    by_day = {day: [s for s in live if s.start.in_timezone(zone).date() == day] for day in days}
    spans = [
        (_hours(s.start, day, zone), _hours(s.end, day, zone))
        for day, sessions in by_day.items()
        for s in sessions
    ]
    first = math.floor(min((a for a, _ in spans), default=8.0))
    last = math.ceil(max((b for _, b in spans), default=18.0))
    labels = {
        s.id: _wrapped(f"{s.title} · {names.get(s.room or '', s.room or 'no room')}") for s in live
    }
    lines = [sum(labels[s.id].count("\n") + 1 for s in sessions) for sessions in by_day.values()]
    figure = _figure(13, 1.4 + 0.2 * sum(lines) + 0.9 * len(days))
    axes = figure.subplots(
        len(days) or 1,
        1,
        squeeze=False,
        sharex=True,
        height_ratios=[max(n, 1) for n in lines] or None,
    )[:, 0]
    for ax, (day, sessions) in zip(axes, by_day.items(), strict=False):
        for row, session in enumerate(sessions):
            start, end = _hours(session.start, day, zone), _hours(session.end, day, zone)
            ax.barh(
                row,
                end - start,
                left=start,
                color=colours[session.kind.value],
                edgecolor="white",
                label=session.title,
            )
        ax.set_yticks(range(len(sessions)), [labels[s.id] for s in sessions], fontsize=7)
        ax.set_ylim(len(sessions) - 0.5, -0.5)
        ax.set_title(f"{day:%A %d %B %Y}", loc="left", fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    _hour_axis(axes[-1], first, last, zone)
    from matplotlib.patches import Patch

    figure.legend(
        handles=[Patch(color=c, label=k.replace("_", " ")) for k, c in colours.items()],
        loc="outside right upper",
        fontsize=8,
    )
    figure.suptitle(_wrapped(f"{event.short_name or event.name}: programme", 100), fontsize=11)
    return figure


def plot_demand(simulation: Simulation) -> Figure:
    """Demand as a share of capacity, per session and resource: the 5–95 % band, the median,
    and the line where demand meets the cautious capacity."""
    # a subject whose capacity or demand is not known has no share of it to plot
    known = [
        (r, r.capacity, (r.demand_q05, r.demand_q50, r.demand_q95))
        for r in simulation.risks
        if r.capacity is not None
        and r.demand_q05 is not None
        and r.demand_q50 is not None
        and r.demand_q95 is not None
    ]
    known.sort(key=lambda rcq: rcq[2][2] / max(rcq[1].low, 1))
    risks = [r for r, _, _ in known]
    figure = _figure(10, 1.6 + 0.3 * len(risks))
    ax = figure.subplots()
    for row, (_, capacity, (q05, q50, q95)) in enumerate(known):
        scale = max(capacity.low, 1)
        ax.plot(
            [q05 / scale, q95 / scale],
            [row, row],
            color="tab:blue",
            linewidth=6,
            alpha=0.4,
        )
        ax.plot(q50 / scale, row, "o", color="tab:blue")
        if capacity.high:
            ax.plot(capacity.high / scale, row, "|", color="tab:green", markersize=12)
    ax.axvline(1.0, color="tab:red", linestyle="--", label="cautious capacity")
    ax.set_yticks(
        range(len(risks)), [f"{r.subject} ({r.p_overflow:.0%})" for r in risks], fontsize=8
    )
    ax.set_xlabel(
        "demand ÷ cautious capacity (band: 5–95 %, dot: median, green tick: optimistic capacity)"
    )
    ax.set_title(
        _wrapped(
            f"{simulation.event}, around turnout {simulation.turnout!r}: "
            f"{simulation.draws:,} draws (in brackets: probability of overflow)",
            70,
        ),
        loc="left",
        fontsize=10,
    )
    figure.legend(loc="outside right upper", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return figure


def plot_overflow(
    frame: pandas.DataFrame, *, parameter: str, subjects: list[str] | None = None
) -> Figure:
    """Overflow against a swept parameter, a line per subject (by default those that overflow).

    ``frame`` is what :func:`eventplan.montecarlo.simulate_sweep` returns (the probability of overflow at
    the cautious capacity) or what :func:`eventplan.sweep` returns (the cautious margin: below
    zero, short). Where the grid has other parameters, each point shows the worst of them.
    """
    _matplotlib()
    if parameter not in frame.columns:
        raise UnknownNameError("frame column", parameter, [str(c) for c in frame.columns])
    simulated = "p_overflow" in frame.columns
    if simulated:
        # the Monte Carlo names each subject ("cars", "opening"); its findings' ids are in subjects
        keyed = frame.assign(_key=frame["subject"], _y=frame.p_overflow)
        worst = keyed.groupby(["_key", parameter])["_y"].max()
        at_risk = worst[worst > 0]
    else:
        measured = frame[frame.margin_cautious.notna()]
        keyed = measured.assign(
            _key=measured.subjects.where(measured.subjects != "", measured.code)
            + " ("
            + measured.code
            + ")",
            _y=measured.margin_cautious.astype(float),
        )
        worst = keyed.groupby(["_key", parameter])["_y"].min()
        at_risk = worst[worst < 0]
    chosen = subjects or sorted(at_risk.index.get_level_values(0).unique())
    known = set(worst.index.get_level_values(0))
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise UnknownNameError("subject", unknown[0], sorted(known))
    figure = _figure(10, 5)
    ax = figure.subplots()
    for subject, (colour, marker) in _styles(chosen).items():
        points = worst[subject].sort_index()
        ax.plot(points.index, points.values, marker=marker, color=colour, label=subject)
    ax.set_xlabel(parameter)
    if simulated:
        ax.set_ylabel("probability of overflow (cautious capacity)")
        ax.set_ylim(-0.02, 1.02)
    else:
        ax.set_ylabel("capacity left, cautious case (below 0: short)")
        ax.axhline(0, color="tab:red", linestyle="--", linewidth=1)
    ax.grid(alpha=0.3)
    if chosen:
        figure.legend(loc="outside right upper", fontsize=8)
    return figure


def plot_tasks(event: Event) -> Figure:
    """A row per task, grouped by sub-committee: bars from the task it depends on (or a week
    before), diamonds for milestones, and the event's start."""
    _arguments.event("plot_tasks", event)
    _matplotlib()
    no_owner = "(no owner)"
    order = {c.id: i for i, c in enumerate(event.organisation.subcommittees)}
    names = {c.id: c.name for c in event.organisation.subcommittees} | {no_owner: no_owner}
    tasks = sorted(
        event.organisation.tasks,
        key=lambda t: (order.get(t.owner or no_owner, len(order)), t.due, t.id),
    )
    owners = list(dict.fromkeys(t.owner or no_owner for t in tasks))
    colours = _colours(owners)
    labels = [_wrapped(t.title) for t in tasks]
    lines = sum(label.count("\n") + 1 for label in labels)
    figure = _figure(12, 1.6 + 0.2 * lines)
    ax = figure.subplots()
    due = {t.id: t.due for t in tasks}
    for row, task in enumerate(tasks):
        colour = colours[task.owner or no_owner]
        if task.milestone:
            ax.plot(_day(task.due), row, "D", color=colour)
        else:
            since = max(
                (due[d] for d in task.depends_on if d in due),
                default=task.due - dt.timedelta(days=7),
            )
            ax.barh(row, (task.due - since).days, left=_day(since), color=colour, alpha=0.7)
    ax.axvline(_day(event.start_date), color="tab:red", linestyle="--")
    ax.set_yticks(range(len(tasks)), labels, fontsize=7)
    ax.set_ylim(len(tasks) - 0.5, -0.5)
    ax.set_title(
        _wrapped(f"{event.short_name or event.name}: tasks and milestones (◆)", 90),
        loc="left",
        fontsize=10,
    )
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(color=colours[o], label=_wrapped(names.get(o, o), 40)) for o in owners
    ]
    handles.append(Line2D([], [], color="tab:red", linestyle="--", label="event starts"))
    figure.legend(handles=handles, loc="outside right upper", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(maxticks=10)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    return figure


def _day(value: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(dt.datetime(value.year, value.month, value.day)))  # type: ignore[no-untyped-call]


def plot_seating(seating: Seating) -> Figure:
    """The hall from above, row 1 at the front (the bottom): a box per seat, coloured per party,
    each named delegation labelled."""
    rows, per_row = seating.rows or 0, seating.seats_per_row or 0
    figure = _figure(max(6.0, 0.12 * per_row + 2), max(3.0, 0.3 * rows + 1.5))
    ax = figure.subplots()
    colours = _colours(list(dict.fromkeys(b.party for b in seating.blocks)))
    for block in seating.blocks:
        for seat in range(block.first, block.last + 1):
            ax.add_patch(_rectangle((seat - 1, block.row - 1), 0.9, 0.8, colours[block.party]))
        if block.named:
            ax.text(
                (block.first + block.last) / 2 - 0.5,
                block.row - 0.6,
                block.name,
                ha="center",
                va="center",
                fontsize=6,
                rotation=90 if block.seats < 4 else 0,
            )
    ax.set_xlim(0, max(per_row, 1))
    ax.set_ylim(0, max(rows, 1))
    ax.set_xlabel("seat")
    ax.set_ylabel("row (1 at the front)")
    ax.set_title(f"{seating.session.title}: seating from {seating.first!r} (UN order)")
    return figure


def _rectangle(corner: tuple[float, float], width: float, height: float, colour: Any) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(corner, width, height, facecolor=colour, edgecolor="none")


#: How :func:`plot_placement` colours a session: what the plan did with it.
PLACEMENT_COLOURS = {"fixed": "0.75", "placed": "tab:blue", "moved": "tab:orange"}


def plot_placement(plan: ProgrammePlan) -> Figure:
    """The placed programme as a grid: one panel per day, a row per room, a bar per session
    labelled with its id, grey where it was fixed, blue where the plan placed it and orange
    where a re-plan moved it; the sessions left out are named under the title."""
    from eventplan.placement import ProgrammePlan

    if not isinstance(plan, ProgrammePlan):
        raise TypeError(f"plot_placement: plan must be a ProgrammePlan, not {type(plan).__name__}")
    _matplotlib()
    event, zone = plan.event, plan.event.timezone
    moved = {m.session for m in plan.moves}
    placed = set(plan.placed)
    left = {u.session for u in plan.unplaced}
    live = in_order(s for s in event.sessions if not s.is_cancelled and s.room and s.id not in left)
    days = sorted({s.start.in_timezone(zone).date() for s in live})
    order = {r.id: i for i, r in enumerate(event.rooms)}
    rooms = sorted({s.room for s in live if s.room}, key=lambda r: order.get(r, len(order)))
    names = {r.id: r.name for r in event.rooms}
    spans = [
        (
            _hours(s.start, s.start.in_timezone(zone).date(), zone),
            _hours(s.end, s.start.in_timezone(zone).date(), zone),
        )
        for s in live
    ]
    first = math.floor(min((a for a, _ in spans), default=8.0))
    last = math.ceil(max((b for _, b in spans), default=18.0))
    figure = _figure(13, 1.6 + (0.28 * len(rooms) + 0.7) * max(len(days), 1))
    axes = figure.subplots(len(days) or 1, 1, squeeze=False, sharex=True)[:, 0]
    for ax, day in zip(axes, days, strict=False):
        for session in (s for s in live if s.start.in_timezone(zone).date() == day):
            row = rooms.index(session.room or "")
            start, end = _hours(session.start, day, zone), _hours(session.end, day, zone)
            what = "moved" if session.id in moved else "placed" if session.id in placed else "fixed"
            ax.barh(
                row,
                end - start,
                left=start,
                height=0.8,
                color=PLACEMENT_COLOURS[what],
                edgecolor="white",
                gid=session.id,
            )
            ax.text(
                start + 0.05,
                row,
                session.id,
                va="center",
                fontsize=5,
                clip_on=True,
            )
        ax.set_yticks(range(len(rooms)), [_wrapped(names.get(r, r), 30) for r in rooms], fontsize=7)
        ax.set_ylim(len(rooms) - 0.5, -0.5)
        ax.set_title(f"{day:%A %d %B %Y}", loc="left", fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    _hour_axis(axes[-1], first, last, zone)
    from matplotlib.patches import Patch

    figure.legend(
        handles=[Patch(color=c, label=k) for k, c in PLACEMENT_COLOURS.items()],
        loc="outside right upper",
        fontsize=8,
    )
    title = f"{event.short_name or event.name}: {len(plan.placed)} sessions placed"
    if left:
        title += f"; not placed: {', '.join(sorted(left))}"
    figure.suptitle(_wrapped(title, 100), fontsize=11)
    return figure
