import os
import subprocess
import sys
from pathlib import Path

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
        if error is not errors.UsageError:  # the command line's own, never a function's
            assert getattr(eventplan, error.__name__) is error  # exported at the front door
        assert error.__doc__, error
    assert issubclass(eventplan.EventFileError, eventplan.InvalidEventError)
    assert issubclass(eventplan.UnknownNameError, KeyError)


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
        "print(sorted(m for m in ('eventplan.audiences', 'eventplan.changes', "
        "'eventplan._atomic', 'eventplan.calendars', 'tomli_w', 'json', 'difflib', 'html', "
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
    from eventplan import Audience, Move, diff

    assert (Audience.__module__, Move.__module__, diff.__module__) == (
        "eventplan.audiences",
        "eventplan.changes",
        "eventplan.changes",
    )


def test_version_comes_without_importlib_metadata():
    code = (
        "import eventplan, sys; print(eventplan.__version__, 'importlib.metadata' in sys.modules)"
    )
    assert fresh_python(code) == f"{eventplan.__version__} False\n"


def test_lazy_names_import_by_name():
    from eventplan import check, plot_programme, simulate, to_ics

    assert (
        check.__module__,
        plot_programme.__module__,
        simulate.__module__,
        to_ics.__module__,
    ) == (
        "eventplan.report",
        "eventplan.plots",
        "eventplan.montecarlo",
        "eventplan.calendars",
    )


def test_a_function_keeps_its_name_after_its_module_is_imported():
    code = (
        "import eventplan.testing, eventplan.calendars; from eventplan import simulate; "
        "print(callable(simulate), type(simulate).__name__)"
    )
    assert fresh_python(code) == "True function\n"
