import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from builders import DOORS

import eventplan


def test_all_is_sorted_and_unique():
    assert eventplan.__all__ == sorted(set(eventplan.__all__))


def test_all_names_exist():
    missing = [name for name in eventplan.__all__ if not hasattr(eventplan, name)]
    assert missing == []


def test_every_public_class_and_function_is_listed():
    public = {
        name
        for name in dir(eventplan)
        if not name.startswith("_")
        and getattr(getattr(eventplan, name), "__module__", "").startswith("eventplan.")
    }
    assert public == set(eventplan.__all__)


def test_errors_share_one_root_and_refine_builtins():
    from eventplan import errors

    raised = [
        value
        for value in vars(errors).values()
        if isinstance(value, type)
        and issubclass(value, Exception)
        and value.__module__ == errors.__name__
    ]
    assert len(raised) >= 10
    for error in raised:  # each under the one root, each also a builtin a caller may catch
        assert issubclass(error, eventplan.EventPlanError), error
        builtin = [b for b in error.__mro__ if b.__module__ == "builtins" and b is not object]
        assert error is eventplan.EventPlanError or builtin != [Exception, BaseException], error
        assert error.__doc__, error
    # the whole tree is drawn in eventplan.errors; the front door offers the three of day one
    front = {name for name in eventplan.__all__ if name.endswith("Error")}
    assert front == {"EventPlanError", "InvalidEventError", "EventFileError"}
    assert all(getattr(eventplan, name) is getattr(errors, name) for name in front)
    assert issubclass(eventplan.EventFileError, eventplan.InvalidEventError)
    assert issubclass(eventplan.errors.UnknownNameError, KeyError)


def fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter, with this checkout on the path."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_import_loads_no_heavy_library():
    code = (
        "import eventplan, sys; "
        "print(sorted(m for m in ('numpy','ics','pandas','matplotlib') if m in sys.modules))"
    )
    assert fresh_python(code) == "[]\n"


def test_summary_loads_only_what_it_uses():
    """A text summary of the reference event (issue 10's start-up target) reads neither the
    calendar nor the writing modules, nor json, difflib or pendulum's locale files."""
    code = (
        "import sys; from eventplan.cli import main; main(['summary']); "
        "print(sorted(m for m in ('eventplan.demand.audiences', 'eventplan.calendars.changes', "
        "'eventplan._atomic', 'eventplan.calendars.writer', 'tomli_w', 'json', 'difflib', 'html', "
        "'pendulum.locales.en') "
        "if m in sys.modules), file=sys.stderr)"
    )
    root = Path(__file__).resolve().parents[1]
    # the read cache off: a miss keeps an entry, which loads the writer
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "80", "EVENTPLAN_CACHE_DIR": ""}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert "national delegations" in result.stdout
    assert result.stderr == "[]\n"


def test_lazy_audiences_and_changes_import_by_name():
    from eventplan import Audience, diff
    from eventplan.calendars import Move

    assert (Audience.__module__, Move.__module__, diff.__module__) == (
        "eventplan.demand.audiences",
        "eventplan.calendars.changes",
        "eventplan.calendars.changes",
    )


def test_version_comes_without_importlib_metadata():
    code = (
        "import eventplan, sys; print(eventplan.__version__, 'importlib.metadata' in sys.modules)"
    )
    assert fresh_python(code) == f"{eventplan.__version__} False\n"


def test_lazy_names_import_by_name():
    from eventplan import check, simulate, to_ics
    from eventplan.plots import plot_programme

    assert (
        check.__module__,
        plot_programme.__module__,
        simulate.__module__,
        to_ics.__module__,
    ) == (
        "eventplan.capacity.report",
        "eventplan.plots",
        "eventplan.montecarlo.simulation",
        "eventplan.calendars.writer",
    )


def test_a_function_keeps_its_name_after_its_module_is_imported():
    code = (
        "import eventplan.testing, eventplan.calendars.writer; from eventplan import simulate; "
        "print(callable(simulate), type(simulate).__name__)"
    )
    assert fresh_python(code) == "True function\n"


def test_the_front_door_offers_the_names_of_day_one_only():
    assert len(eventplan.__all__) <= 45


@pytest.mark.parametrize("name", DOORS)
def test_every_door_says_what_it_offers_and_offers_it(name):
    door = importlib.import_module(f"eventplan.{name}")
    assert door.__doc__ and door.__doc__.strip()
    assert door.__all__ == sorted(set(door.__all__))
    assert [n for n in door.__all__ if not hasattr(door, n)] == []
    public = {
        each
        for each in dir(door)
        if not each.startswith("_")
        and getattr(getattr(door, each), "__module__", "").startswith("eventplan.")
    }
    assert public - set(door.__all__) == set()  # constants (KIND_WORDS) are listed too


def test_the_front_door_names_are_the_doors_own():
    """A name at the front door is the very object its door offers: one home for each."""
    homes = {}
    for name in DOORS:
        door = importlib.import_module(f"eventplan.{name}")
        for each in door.__all__:
            homes.setdefault(each, getattr(door, each))
    from eventplan import errors

    homes.update({each: getattr(errors, each) for each in dir(errors) if each.endswith("Error")})
    assert {n for n in eventplan.__all__ if getattr(eventplan, n) is not homes.get(n)} == set()


def test_a_door_loads_when_it_is_first_named():
    code = (
        "import eventplan, sys; print('eventplan.calendars' in sys.modules, "
        "eventplan.calendars.to_ics is eventplan.to_ics, 'eventplan.calendars' in sys.modules)"
    )
    assert fresh_python(code) == "False True True\n"


def test_the_manual_counts_the_front_door_right():
    page = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "code-layout.md"
    text = page.read_text(encoding="utf-8")
    assert f"`import eventplan` offers the {len(eventplan.__all__)} names of day one" in text
