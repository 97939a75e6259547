"""One calling convention: every public function that reads a turnout takes it the same way, and
their frames share column names."""

from __future__ import annotations

import importlib
import inspect

import pytest
from builders import DOORS

import eventplan
from eventplan import Count, Scenario
from eventplan.montecarlo import SetParties

HANOI = eventplan.reference_event()
READERS = (
    "check",
    "compare",
    "count_participation",
    "session_demand",
    "simulate",
    "simulate_sweep",
    "summarise",
    "sweep",
)


def public_functions():
    """Every public function of the front door, of each door and of the single modules
    (plots, testing), by its public name."""
    found = {}
    for door in (eventplan, *(importlib.import_module(f"eventplan.{d}") for d in DOORS)):
        for name in door.__all__:
            if inspect.isfunction(value := getattr(door, name)):
                found[name] = value
    for single in ("plots", "testing"):
        module = importlib.import_module(f"eventplan.{single}")
        for name, value in vars(module).items():
            public = inspect.isfunction(value) and not name.startswith("_")
            if public and value.__module__ == module.__name__:
                found[name] = value
    return found


def readers_of_turnout():
    """Every public function that reads a turnout by name: a parameter 'turnout' that takes a
    string (``with_turnout`` takes the turnout it adds, not one to read)."""
    return sorted(
        name
        for name, function in public_functions().items()
        if "str"
        in str(getattr(inspect.signature(function).parameters.get("turnout"), "annotation", ""))
    )


def test_the_readers_of_a_turnout_are_the_known_ones():
    assert set(READERS) <= set(readers_of_turnout())


@pytest.mark.parametrize("name", readers_of_turnout())
def test_every_reader_takes_turnout_by_keyword_defaulting_to_none(name):
    turnout = inspect.signature(public_functions()[name]).parameters["turnout"]
    assert turnout.kind in (
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.KEYWORD_ONLY,
    )
    assert turnout.default is None


@pytest.mark.parametrize("name", READERS)
def test_turnout_is_the_second_parameter_by_position_or_keyword_defaulting_to_none(name):
    parameters = list(inspect.signature(public_functions()[name]).parameters.values())
    turnout = parameters[1]
    assert (parameters[0].name, turnout.name, turnout.kind, turnout.default) == (
        "event",
        "turnout",
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        None,
    )
    assert turnout.annotation == "str | Turnout | None"


EDITS = ("with_", "without_", "replace_")


def positional(function):
    """The names a function takes by position."""
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.name for p in inspect.signature(function).parameters.values() if p.kind in kinds]


def breaks_the_convention(name, function):
    """What a public function takes by position beyond the convention: the event, then the
    turnout where it has one (an editing helper takes the one thing it puts in or takes out;
    a diff takes its two events); a function without an event takes its one subject."""
    taken = positional(function)
    if not taken or taken[0] != "event":
        allowed = ["old", "new"] if taken[:2] == ["old", "new"] else taken[:1]
    elif name.startswith(EDITS):
        allowed = taken[:2]
    else:
        allowed = ["event", "turnout"] if taken[1:2] == ["turnout"] else ["event"]
    return taken[len(allowed) :] if taken[: len(allowed)] == allowed else taken


def test_every_public_function_takes_the_event_and_turnout_by_position_and_the_rest_by_keyword():
    broken = {
        name: extra
        for name, function in sorted(public_functions().items())
        if (extra := breaks_the_convention(name, function))
    }
    assert broken == {}
    assert len(public_functions()) >= 60  # every door is read, not the front door alone


def test_the_convention_test_catches_a_break():
    def to_thing(event, audience=None, *, stamp=None):
        """A writer that takes its audience by position."""

    def seat(event, session_id, turnout=None):
        """The turnout after another positional argument."""

    def fine(event, turnout=None, *, audience=None):
        """The convention."""

    assert breaks_the_convention("to_thing", to_thing) == ["audience"]
    assert breaks_the_convention("seat", seat) == ["session_id", "turnout"]
    assert breaks_the_convention("fine", fine) == []
    assert breaks_the_convention("with_room", lambda event, room: None) == []
    assert breaks_the_convention("load", lambda path, strict=False: None) == ["strict"]


def test_the_model_classes_take_keywords_only():
    import attrs

    from eventplan import model

    positional_init = sorted(
        name
        for name in model.__all__
        if isinstance(cls := getattr(model, name), type)
        and attrs.has(cls)
        and [a for a in attrs.fields(cls) if a.init and not a.kw_only]
    )
    assert positional_init == ["Count"]  # a range of numbers reads best as Count(80, 100)


def test_simulate_takes_the_turnout_by_position():
    by_position = eventplan.simulate(HANOI, "planned", draws=500, progress=False)
    by_keyword = eventplan.simulate(HANOI, turnout="planned", draws=500, progress=False)
    assert by_position == by_keyword
    assert by_position.turnout == "planned"


def test_a_turnout_made_in_code_counts_like_the_named_one():
    planned = HANOI.turnout("planned")
    assert eventplan.check(HANOI, planned) == eventplan.check(HANOI, "planned")
    assert eventplan.count_participation(HANOI, planned) == eventplan.count_participation(
        HANOI, "planned"
    )


def test_a_changed_turnout_made_in_code_is_the_one_counted():
    more = SetParties("member_state", 130).apply(HANOI, "planned").turnout("planned")
    assert HANOI.turnout("planned") != more
    assert eventplan.count_participation(HANOI, more).national_delegations == Count.exactly(130)
    assert eventplan.summarise(HANOI, more).counts.national_delegations == Count.exactly(130)


def test_something_else_in_the_turnout_place_is_a_clear_type_error():
    with pytest.raises(TypeError) as raised:
        eventplan.simulate(HANOI, 10_000)
    assert str(raised.value) == (
        "simulate(): 'turnout' must be a turnout name, a Turnout or None, got int 10000"
    )


def test_session_demand_takes_a_session_or_its_id():
    session = HANOI.session("opening")
    assert eventplan.demand.session_demand(HANOI, "planned", session="opening") == (
        eventplan.demand.session_demand(HANOI, "planned", session=session)
    )


SHARED = ["turnout", "subjects", "capacity_low", "capacity_high"]


def test_frames_share_column_names():
    pytest.importorskip("pandas")
    grid = {"parties:member_state": [100]}
    frames = {
        "Report.to_frame": eventplan.check(HANOI, "planned").to_frame(),
        "sweep": eventplan.sweep(HANOI, "planned", grid=grid, progress=False),
        "Simulation.to_frame": eventplan.simulate(
            HANOI, "planned", draws=200, progress=False
        ).to_frame(),
        "simulate_sweep": eventplan.montecarlo.simulate_sweep(
            HANOI, "planned", grid=grid, draws=200, progress=False
        ),
    }
    missing = {name: [c for c in SHARED if c not in f.columns] for name, f in frames.items()}
    assert missing == {name: [] for name in frames}
    checks = ["code", "severity", "margin_cautious", "margin_optimistic"]
    assert [c for c in frames["sweep"].columns if c in checks + SHARED] == [
        c for c in frames["Report.to_frame"].columns if c in checks + SHARED
    ]
    compared = eventplan.compare(
        HANOI, "planned", scenarios=[Scenario("more", [SetParties("member_state", 150)])]
    )
    assert list(compared.index.names) == ["code", "subjects"]
    assert set(compared.columns.get_level_values(1)) <= set(frames["Report.to_frame"].columns)
    assert set(frames["simulate_sweep"].columns) == {
        *frames["Simulation.to_frame"].columns,
        "parties:member_state",
    }


def test_simulate_sweep_takes_every_argument_simulate_takes():
    simulate = inspect.signature(eventplan.simulate).parameters
    sweep = inspect.signature(eventplan.montecarlo.simulate_sweep).parameters
    assert set(simulate) <= set(sweep)
    for name in set(simulate) - {"event", "turnout"}:
        assert sweep[name].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert sweep[name].default == simulate[name].default, name


def test_simulate_sweep_uses_the_norms_and_probability_it_is_given():
    pytest.importorskip("pandas")
    norms = eventplan.default_norms()
    seat_norm = next(n for n in norms.values() if n.id.startswith("area."))
    tighter = norms.replace(seat_norm.id, seat_norm.low * 4, seat_norm.high * 4)
    grid = {"parties:member_state": [110]}
    plain = eventplan.montecarlo.simulate_sweep(
        HANOI, "actual", grid=grid, draws=400, progress=False
    )
    tight = eventplan.montecarlo.simulate_sweep(
        HANOI, "actual", grid=grid, draws=400, norms=tighter, probability=0.5, progress=False
    )
    alone = eventplan.simulate(HANOI, "actual", draws=400, norms=tighter, probability=0.5)
    assert not plain.equals(tight)
    assert (tight.holds_with <= plain.holds_with).all()  # the median holds less than the 95th
    by_subject = tight.set_index(["subject", "resource"])
    for risk in alone.risks:
        row = by_subject.loc[(risk.subject, risk.resource)]
        assert row.p_overflow == pytest.approx(risk.p_overflow)
        assert row.holds_with == risk.holds_with  # at probability 0.5, not 0.95
