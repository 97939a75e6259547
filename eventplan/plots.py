"""Plots for notebooks (matplotlib, the ``notebooks`` extra). Each returns a ``Figure``.

- :func:`plot_programme`: the programme as a Gantt chart, by room and day;
- :func:`plot_demand`: demand against capacity per session and resource, with the band
  a simulation gives;
- :func:`plot_overflow`: the probability of overflow against a swept parameter;
- :func:`plot_tasks`: the organisation's tasks and milestones by sub-committee, up to the event;
- :func:`plot_seating`: a seating plan, a box per seat coloured per delegation.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from eventplan.errors import MissingExtraError
from eventplan.event import Event
from eventplan.montecarlo import Simulation

if TYPE_CHECKING:  # pragma: no cover
    from eventplan.protocol.seating import Seating

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from matplotlib.figure import Figure


def _figure(width: float, height: float) -> Figure:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtraError("plots", "notebooks") from None
    return Figure(figsize=(width, height), layout="constrained")


def _colours(names: list[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    palette = colormaps["tab20"]
    return {name: palette(i % 20) for i, name in enumerate(names)}


def plot_programme(event: Event) -> Figure:
    """One panel per day: a bar per session in its room, coloured by kind, in the event's local time."""
    zone = event.timezone
    live = sorted((s for s in event.sessions if not s.is_cancelled), key=lambda s: (s.start, s.id))
    days = sorted({s.start.in_timezone(zone).date() for s in live})
    rooms = [r.id for r in event.rooms if any(s.room == r.id for s in live)]
    names = {r.id: r.name for r in event.rooms}
    colours = _colours(sorted({s.kind.value for s in live}))
    figure = _figure(12, 1.2 + 0.35 * len(rooms) * max(1, len(days)))
    axes = figure.subplots(len(days) or 1, 1, squeeze=False)[:, 0]
    for ax, day in zip(axes, days, strict=False):
        for session in (s for s in live if s.start.in_timezone(zone).date() == day and s.room):
            start = session.start.in_timezone(zone)
            hours = start.hour + start.minute / 60
            length = session.duration.total_seconds() / 3600
            ax.barh(
                rooms.index(session.room or ""),
                length,
                left=hours,
                color=colours[session.kind.value],
                edgecolor="white",
            )
        ax.set_yticks(range(len(rooms)), [names[r] for r in rooms], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(7, 23)
        ax.set_xticks(range(7, 24))
        ax.set_title(f"{day:%A %d %B %Y}", loc="left", fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    axes[-1].set_xlabel(f"hour ({zone})")
    from matplotlib.patches import Patch

    figure.legend(
        handles=[Patch(color=c, label=k.replace("_", " ")) for k, c in colours.items()],
        loc="outside right upper",
        fontsize=8,
    )
    figure.suptitle(f"{event.short_name or event.name}: programme by room", fontsize=11)
    return figure


def plot_demand(simulation: Simulation) -> Figure:
    """Demand as a share of capacity, per session and resource: the 5–95 % band, the median,
    and the line where demand meets the cautious capacity."""
    # a subject whose capacity is not known has no share of it to plot
    known = [(r, r.capacity) for r in simulation.risks if r.capacity is not None]
    risks = [r for r, _ in sorted(known, key=lambda rc: rc[0].demand_q95 / max(rc[1].low, 1))]
    capacities = {id(r): c for r, c in known}
    figure = _figure(10, 1 + 0.3 * len(risks))
    ax = figure.subplots()
    for row, risk in enumerate(risks):
        capacity = capacities[id(risk)]
        scale = max(capacity.low, 1)
        ax.plot(
            [risk.demand_q05 / scale, risk.demand_q95 / scale],
            [row, row],
            color="tab:blue",
            linewidth=6,
            alpha=0.4,
        )
        ax.plot(risk.demand_q50 / scale, row, "o", color="tab:blue")
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
        f"{simulation.event}, around turnout {simulation.turnout!r}: {simulation.draws:,} draws "
        "(in brackets: probability of overflow)",
        loc="left",
        fontsize=10,
    )
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return figure


def plot_overflow(
    frame: pandas.DataFrame, parameter: str, subjects: list[str] | None = None
) -> Figure:
    """Probability of overflow (cautious capacity) against a swept parameter, a line per subject.

    ``frame`` is what :func:`eventplan.simulate_sweep` returns.
    """
    chosen = subjects or sorted(frame.loc[frame.p_overflow > 0, "subject"].unique())
    figure = _figure(9, 5)
    ax = figure.subplots()
    for subject in chosen:
        rows = frame[frame.subject == subject].sort_values(parameter)
        ax.plot(rows[parameter], rows.p_overflow, marker="o", label=subject)
    ax.set_xlabel(parameter)
    ax.set_ylabel("probability of overflow")
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return figure


def plot_tasks(event: Event) -> Figure:
    """Tasks (bars from the task it depends on) and milestones (diamonds) by sub-committee, with the event's start."""
    tasks = sorted(event.organisation.tasks, key=lambda t: (t.due, t.id))
    owners = [c.id for c in event.organisation.subcommittees] + ["(no owner)"]
    names = {c.id: c.name for c in event.organisation.subcommittees} | {"(no owner)": "(no owner)"}
    used = [o for o in owners if any((t.owner or "(no owner)") == o for t in tasks)]
    figure = _figure(11, 1.5 + 0.45 * max(1, len(used)))
    ax = figure.subplots()
    due = {t.id: t.due for t in tasks}
    for task in tasks:
        row = used.index(task.owner or "(no owner)")
        when = _day(task.due)
        if task.milestone:
            ax.plot(when, row, "D", color="tab:orange")
        else:
            since = max(
                (due[d] for d in task.depends_on if d in due),
                default=task.due - dt.timedelta(days=7),
            )
            ax.barh(row, (task.due - since).days, left=_day(since), color="tab:blue", alpha=0.6)
        lift = 6 + 9 * (tasks.index(task) % 2)  # alternate heights, so neighbours do not overlap
        ax.annotate(
            task.title[:40], (when, row), xytext=(4, lift), textcoords="offset points", fontsize=7
        )
    ax.axvline(_day(event.start_date), color="tab:red", linestyle="--", label="event starts")
    ax.set_yticks(range(len(used)), [names[o] for o in used], fontsize=8)
    ax.invert_yaxis()
    ax.set_title(
        f"{event.short_name or event.name}: tasks and milestones by sub-committee",
        loc="left",
        fontsize=10,
    )
    ax.legend(loc="lower left", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    from matplotlib.dates import DateFormatter

    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
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
