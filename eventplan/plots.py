"""Plots for notebooks (matplotlib, the ``notebooks`` extra). Each returns a ``Figure``.

- :func:`plot_programme`: the programme as a Gantt chart, by room and day;
- :func:`plot_demand`: demand against capacity per session and resource, with the band
  a simulation gives;
- :func:`plot_overflow`: the probability of overflow against a swept parameter;
- :func:`plot_tasks`: the organisation's tasks and milestones by sub-committee, up to the event.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from eventplan import _arguments
from eventplan.errors import MissingExtraError
from eventplan.event import Event
from eventplan.simulate import Simulation

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
    _arguments.event("plot_programme", event)
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
    risks = sorted(simulation.risks, key=lambda r: r.demand_q95 / max(r.capacity.low, 1))
    figure = _figure(10, 1 + 0.3 * len(risks))
    ax = figure.subplots()
    for row, risk in enumerate(risks):
        scale = max(risk.capacity.low, 1)
        ax.plot(
            [risk.demand_q05 / scale, risk.demand_q95 / scale],
            [row, row],
            color="tab:blue",
            linewidth=6,
            alpha=0.4,
        )
        ax.plot(risk.demand_q50 / scale, row, "o", color="tab:blue")
        if risk.capacity.high:
            ax.plot(risk.capacity.high / scale, row, "|", color="tab:green", markersize=12)
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
    _arguments.event("plot_tasks", event)
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
