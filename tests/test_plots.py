"""The four plots draw what they say, headless."""

from __future__ import annotations

import io

import pytest

import eventplan
from eventplan import simulate
from eventplan.montecarlo import simulate_sweep
from eventplan.plots import plot_demand, plot_overflow, plot_programme, plot_tasks

pytest.importorskip("matplotlib")
HANOI = eventplan.reference_event()


def rendered(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


def test_programme_has_a_panel_per_day_and_a_bar_per_session():
    figure = plot_programme(HANOI)
    assert [ax.get_title(loc="left") for ax in figure.axes] == [
        "Saturday 25 October 2025",
        "Sunday 26 October 2025",
    ]
    assert sum(len(ax.patches) for ax in figure.axes) == len(HANOI.sessions)
    assert rendered(figure).startswith(b"\x89PNG")


def test_demand_plot_has_a_row_per_risk():
    result = simulate(HANOI, "planned", draws=2_000, seed=1, progress=False)
    (ax,) = plot_demand(result).axes
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(result.risks)
    assert any(label.startswith("hotel-rooms (") for label in labels)


def test_overflow_plot_has_a_line_per_subject_at_risk():
    frame = simulate_sweep(
        HANOI,
        "planned",
        grid={"parties:member_state": [80, 160]},
        draws=2_000,
        seed=1,
        progress=False,
    )
    (ax,) = plot_overflow(
        frame, parameter="parties:member_state", subjects=["cars", "hotel-rooms"]
    ).axes
    assert [line.get_label() for line in ax.get_lines()] == ["cars", "hotel-rooms"]
    cars = ax.get_lines()[0].get_ydata()
    assert cars[0] < cars[1]  # more states, more likely short of cars


def test_tasks_plot_marks_every_milestone():
    (ax,) = plot_tasks(HANOI).axes
    diamonds = [line for line in ax.get_lines() if line.get_marker() == "D"]
    assert len(diamonds) == sum(t.milestone for t in HANOI.organisation.tasks)


def test_placement_grid_has_a_row_per_room_and_colours_what_the_plan_did():
    from matplotlib.colors import to_rgba

    from eventplan.placement import PlacementRules, place_programme
    from eventplan.plots import PLACEMENT_COLOURS, plot_placement

    rooms = tuple(r.id for r in HANOI.rooms if r.id != "side-hall-a")
    plan = place_programme(
        HANOI, rules=PlacementRules(rooms=rooms), published=HANOI, method="first-fit"
    )
    assert plan.passed and plan.moves
    figure = plot_placement(plan)
    assert [ax.get_title(loc="left") for ax in figure.axes] == [
        "Saturday 25 October 2025",
        "Sunday 26 October 2025",
    ]
    bars = [bar for ax in figure.axes for bar in ax.patches]
    assert sorted(bar.get_gid() for bar in bars) == sorted(s.id for s in HANOI.sessions)
    orange = [b.get_gid() for b in bars if b.get_facecolor() == to_rgba(PLACEMENT_COLOURS["moved"])]
    assert sorted(orange) == sorted(m.session for m in plan.moves)
    shown = {t.get_text() for ax in figure.axes for t in ax.get_yticklabels()}
    assert "Side-event hall A" not in shown  # the lost room holds nothing now
    assert rendered(figure).startswith(b"\x89PNG")
    with pytest.raises(TypeError, match="plot_placement: plan must be a ProgrammePlan"):
        plot_placement(HANOI)
