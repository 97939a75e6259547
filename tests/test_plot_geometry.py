"""Every plot shows what it claims, measured with matplotlib's own bounding boxes: no two text
labels overlap, no label leaves the figure, every session lies inside its axes."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from builders import at, make_event, make_session

import eventplan
from eventplan import SessionKind, simulate, sweep
from eventplan.model import Organisation, SubCommittee, Task, editing
from eventplan.montecarlo import simulate_sweep
from eventplan.plots import plot_demand, plot_overflow, plot_programme, plot_tasks
from eventplan.testing import synthetic_event

pytest.importorskip("matplotlib")
HANOI = eventplan.reference_event()


def odd_hours_event() -> eventplan.Event:
    """Sessions at 06:00 and past midnight, long titles, a dozen tasks with long names."""
    event = make_event()
    long_title = "Introduce the signing ceremony at UN headquarters to the permanent missions"
    for session in (
        make_session("early-briefing", title="Security briefing", start=at(25, 6), end=at(25, 7)),
        make_session(
            "gala",
            title="Gala dinner offered by the host government in honour of the heads of delegation",
            kind=SessionKind.GALA_DINNER,
            room="hall-b",
            start=at(25, 20),
            end=at(26, 1, 30),
        ),
        make_session("closing", title=long_title, start=at(26, 11), end=at(26, 12)),
    ):
        event = editing.with_session(event, session)
    committees = tuple(
        SubCommittee(id=f"c{i}", name=f"Sub-committee number {i} for protocol and logistics")
        for i in range(4)
    )
    tasks = tuple(
        Task(
            id=f"t{i}",
            title=f"{long_title} ({i})",
            due=dt.date(2025, 10, 1) + dt.timedelta(days=2 * (i % 6)),
            owner=f"c{i % 4}",
            milestone=i % 3 == 0,
        )
        for i in range(12)
    )
    return attrs.evolve(event, organisation=Organisation(subcommittees=committees, tasks=tasks))


def drawn(figure):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def undrawn_tick_labels(figure):
    """Tick labels matplotlib keeps but does not draw: their ticks lie outside the view."""
    hidden = set()
    for ax in figure.axes:
        for axis, limits, index in ((ax.xaxis, ax.get_xlim(), 0), (ax.yaxis, ax.get_ylim(), 1)):
            low, high = sorted(limits)
            for label in axis.get_ticklabels(which="both"):
                where = label.get_position()[index]
                if not low - 1e-9 <= where <= high + 1e-9:
                    hidden.add(id(label))
    return hidden


def texts(figure, renderer):
    from matplotlib.text import Text

    hidden = undrawn_tick_labels(figure)
    found = [
        t
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden
    ]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in found]


def assert_labels_fit(figure):
    renderer = drawn(figure)
    boxes = texts(figure, renderer)
    frame = figure.bbox
    outside = [
        text
        for text, box in boxes
        if box.x0 < frame.x0 - 0.5
        or box.y0 < frame.y0 - 0.5
        or box.x1 > frame.x1 + 0.5
        or box.y1 > frame.y1 + 0.5
    ]
    assert outside == []
    overlapping = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.overlaps(box_b)
        and min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 0.5
        and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 0.5
    ]
    assert overlapping == []
    return renderer


EVENTS = {
    "hanoi": HANOI,
    "synthetic": synthetic_event(sessions=24, rooms=5, delegations=20, seed=4),
    "odd-hours": odd_hours_event(),
}


@pytest.mark.parametrize("name", EVENTS)
def test_programme_labels_fit_and_sessions_lie_inside_the_axes(name):
    event = EVENTS[name]
    figure = plot_programme(event)
    renderer = assert_labels_fit(figure)
    bars = 0
    for ax in figure.axes:
        inside = ax.get_window_extent(renderer)
        for bar in ax.patches:
            box = bar.get_window_extent(renderer)
            assert inside.x0 - 0.5 <= box.x0 and box.x1 <= inside.x1 + 0.5, bar.get_label()
            assert inside.y0 - 0.5 <= box.y0 and box.y1 <= inside.y1 + 0.5, bar.get_label()
            bars += 1
    assert bars == sum(not s.is_cancelled for s in event.sessions)


@pytest.mark.parametrize("name", EVENTS)
def test_programme_bars_carry_their_titles(name):
    event = EVENTS[name]
    figure = plot_programme(event)
    labels = {
        label.get_text().replace("\n", " ") for ax in figure.axes for label in ax.get_yticklabels()
    }
    for session in (s for s in event.sessions if not s.is_cancelled):
        assert any(label.startswith(session.title) for label in labels), session.title


def test_programme_axis_covers_early_and_overnight_sessions():
    figure = plot_programme(EVENTS["odd-hours"])
    low, high = figure.axes[0].get_xlim()
    assert (low, high) == (6, 26)  # 06:00 on the first day to 01:30 the next morning


@pytest.mark.parametrize("name", EVENTS)
def test_tasks_labels_fit(name):
    event = EVENTS[name]
    if not event.organisation.tasks:
        pytest.skip("no tasks")
    figure = plot_tasks(event)
    assert_labels_fit(figure)
    (ax,) = figure.axes
    shown = [label.get_text().replace("\n", " ") for label in ax.get_yticklabels()]
    assert sorted(shown) == sorted(t.title for t in event.organisation.tasks)


@pytest.mark.parametrize("name", ["hanoi", "synthetic"])
def test_demand_labels_fit(name):
    result = simulate(EVENTS[name], draws=2_000, seed=1, progress=False)
    assert_labels_fit(plot_demand(result))


def test_overflow_plot_of_a_simulate_sweep_fits_and_gives_distinct_styles():
    frame = simulate_sweep(
        HANOI, "planned", grid={"parties:member_state": [60, 160]}, draws=1_000, progress=False
    )
    figure = plot_overflow(
        frame, parameter="parties:member_state", subjects=sorted(set(frame["subject"]))[:20]
    )
    assert_labels_fit(figure)
    (ax,) = figure.axes
    styles = [(line.get_color(), line.get_marker()) for line in ax.get_lines()]
    assert len(styles) == 20
    assert len({str(colour) for colour, _ in styles[:10]}) == 10
    assert len({(str(c), m) for c, m in styles}) == 20


def test_overflow_plot_takes_a_sweep_frame():
    frame = sweep(HANOI, "actual", grid={"parties:member_state": [80, 160]}, progress=False)
    figure = plot_overflow(frame, parameter="parties:member_state")
    assert_labels_fit(figure)
    (ax,) = figure.axes
    labels = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert "resources.cars (cars)" in labels
    cars = next(line for line in ax.get_lines() if line.get_label() == "resources.cars (cars)")
    assert cars.get_ydata()[1] < 0  # 160 states: short of cars in the cautious case


@pytest.mark.parametrize("plot", ["plot_programme", "plot_tasks"])
def test_plots_without_matplotlib_name_the_extra(plot):
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; sys.modules['matplotlib'] = None\n"
        "import eventplan\n"
        "try:\n"
        f"    eventplan.plots.{plot}(eventplan.reference_event())\n"
        "except eventplan.errors.MissingExtraError as error:\n"
        "    print(error)\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(root), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == (
        "plots needs the 'notebooks' extra: pip install \"eventplan[notebooks]\"\n"
    )


def curves(figure) -> list[tuple[str, list[float], list[float]]]:
    """Each labelled line of a figure's first axes: its label and its points."""
    return [
        (
            line.get_label(),
            [float(x) for x in line.get_xdata()],
            [float(y) for y in line.get_ydata()],
        )
        for line in figure.axes[0].get_lines()
        if not line.get_label().startswith("_")  # a guide line (zero, a threshold)
    ]


def test_overflow_plots_of_a_synthetic_event_fit():
    event = EVENTS["synthetic"]
    parameter = f"room:{event.rooms[0].id}.seats"
    simulated = simulate_sweep(event, grid={parameter: [10, 200]}, draws=500, progress=False)
    figure = plot_overflow(simulated, parameter=parameter)
    assert_labels_fit(figure)
    drawn_lines = curves(figure)
    # by default a line for each subject that overflows at some point of the sweep
    overflowing = simulated[simulated.p_overflow > 0]["subject"]
    assert sorted(label for label, _, _ in drawn_lines) == sorted(overflowing.unique())
    for label, xs, ys in drawn_lines:  # a probability of overflow over the seats swept
        assert xs == [10, 200] and all(0 <= y <= 1 for y in ys), label
    rooms = [ys for label, _, ys in drawn_lines if label != "interpretation-booths"]
    assert rooms and all(at_200 <= at_10 for at_10, at_200 in rooms)  # seats never hurt
    checked = sweep(event, grid={parameter: [10, 200]}, progress=False)
    figure = plot_overflow(checked, parameter=parameter)
    assert_labels_fit(figure)
    margins = curves(figure)
    assert margins and all(xs == [10, 200] for _, xs, _ in margins)
    seats = [ys for label, _, ys in margins if label.endswith("(room-capacity)")]
    assert seats and all(at_200 - at_10 == 190 for at_10, at_200 in seats)  # a seat a seat


def test_overflow_plot_names_an_unknown_column_or_subject():
    frame = sweep(HANOI, "actual", grid={"parties:member_state": [80]}, progress=False)
    with pytest.raises(
        eventplan.errors.UnknownNameError, match=r"^unknown frame column 'parties'; "
    ):
        plot_overflow(frame, parameter="parties")
    with pytest.raises(
        eventplan.errors.UnknownNameError, match=r"^unknown subject 'limousines'; one of"
    ):
        plot_overflow(frame, parameter="parties:member_state", subjects=["limousines"])
