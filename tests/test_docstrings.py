"""Every public class, function and method has a docstring.

The public API is every name in the ``__all__`` of the front door and of each door, the public
names defined in ``eventplan.plots``, ``eventplan.testing`` and ``eventplan.errors``, and, for each
public class, the methods, classmethods, staticmethods and properties eventplan's own source
defines (not what attrs, enum or the builtins add; an enum's members are values). An object
reachable under several names is checked once, under its home: ``__module__`` + ``__qualname__``.
"""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from builders import DOORS

#: Modules without ``__all__``: their public names are those not starting with ``_`` defined there.
MODULES = ("plots", "testing", "errors")

#: The walk finds 259 objects; a few fewer is a rename or a merge, many fewer a broken walk.
AT_LEAST = 250


def exported() -> Iterator[Any]:
    """Every object the front door, the doors and the three single modules offer by name."""
    for door in ("eventplan", *(f"eventplan.{name}" for name in DOORS)):
        module = importlib.import_module(door)
        for name in module.__all__:
            yield getattr(module, name)  # a name that loads on first use loads here
    for single in MODULES:
        module = importlib.import_module(f"eventplan.{single}")
        for name, value in vars(module).items():
            if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__:
                yield value


def _is_function(value: Any) -> bool:
    """A function, or one wrapped as by ``functools.cache`` (whose docstring is the function's)."""
    return inspect.isfunction(inspect.unwrap(value)) if callable(value) else False


def _getter(member: Any) -> Any:
    """The function whose docstring documents a class member; ``None`` for a member that is not
    a method (a field, a slot, an enum member, a constant)."""
    if isinstance(member, classmethod | staticmethod):
        return member.__func__
    if isinstance(member, property):
        return member.fget
    if isinstance(member, functools.cached_property):
        return member.func
    return member if _is_function(member) else None


def _members(cls: type) -> Iterator[tuple[str, Any]]:
    """The names and members a class body defines: its ``__dict__``, and the cached properties
    that attrs moves out of a slotted class into the ``__getattr__`` it writes."""
    yield from vars(cls).items()
    getattr_ = vars(cls).get("__getattr__")
    if attrs.has(cls) and inspect.isfunction(getattr_):
        yield from getattr_.__globals__.get("cached_properties", {}).items()


def documentable(objects: Iterable[Any], package: str = "eventplan") -> dict[str, Any]:
    """Home → object for each class and function among ``objects`` that ``package`` defines, and
    for each such class the public members defined by it or by a base class from ``package``.

    A member is keyed by the class that defines it; the value is what holds its docstring (a
    property's getter).
    """

    def ours(value: Any) -> bool:
        module = getattr(value, "__module__", None) or ""
        return module == package or module.startswith(f"{package}.")

    found: dict[str, Any] = {}
    visited: set[int] = set()

    def visit(value: Any) -> None:
        if id(value) in visited or not ours(value):
            return
        if not (inspect.isclass(value) or _is_function(value)):
            return  # a constant (a tuple, an enum member) documents nothing
        visited.add(id(value))
        found[f"{value.__module__}.{value.__qualname__}"] = value
        if not inspect.isclass(value):
            return
        for base in value.__mro__:
            if not ours(base):
                continue  # object, attrs, enum, Exception, Mapping: not eventplan's to document
            for name, member in _members(base):
                if name.startswith("_"):
                    continue
                if inspect.isclass(member):
                    visit(member)
                    continue
                function = _getter(member)
                if function is not None and ours(function):
                    found.setdefault(f"{base.__module__}.{base.__qualname__}.{name}", function)

    for value in objects:
        visit(value)
    return found


def undocumented(found: dict[str, Any]) -> list[str]:
    """The homes of the objects whose docstring is missing or blank, sorted."""
    return sorted(home for home, value in found.items() if not (value.__doc__ or "").strip())


def test_every_public_object_has_a_docstring():
    missing = undocumented(documentable(exported()))
    assert not missing, f"{len(missing)} public objects have no docstring:\n" + "\n".join(missing)


def test_the_walk_finds_the_whole_public_api():
    found = documentable(exported())
    assert len(found) >= AT_LEAST, sorted(found)
    assert all(home.startswith("eventplan.") for home in found)
    # each object once, under its home: eventplan.Event and eventplan.testing's import of it are
    # eventplan.model.event.Event
    assert "eventplan.model.event.Event" in found
    assert "eventplan.Event" not in found
    assert "eventplan.testing.Event" not in found
    assert len({id(value) for value in found.values()}) == len(found)
    # members of each kind, and the names loaded on first use
    for home in (
        "eventplan.model.event.Event.room",  # a method
        "eventplan.model.count.Count.exactly",  # a classmethod
        "eventplan.model.event.Event.rooms",  # a property
        "eventplan.model.norms.default_norms",  # a function behind functools.cache
        "eventplan.montecarlo.simulation.simulate",  # loaded on first use
        "eventplan.errors.UnknownNameError",  # a module without __all__
        "eventplan.plots.plot_programme",
        "eventplan.testing.synthetic_event",
    ):
        assert home in found, home
    # nothing attrs, enum or the builtins add, no enum member, no private name
    assert not any(home.rsplit(".", 1)[-1].startswith("_") for home in found)
    for home in (
        "eventplan.model.enums.SessionKind.PLENARY",
        "eventplan.model.enums.SessionKind.upper",
        "eventplan.model.event.Event.evolve",
        "eventplan.model.norms.NormSet.get",
        "eventplan.errors.EventPlanError.with_traceback",
    ):
        assert home not in found, home


def test_the_check_reports_each_undocumented_object_once():
    def documented() -> None:
        """Says what it is for."""

    def stray() -> None:
        pass

    def foreign() -> None:
        pass

    foreign.__module__ = "elsewhere"  # not this package's: not checked

    class _Base:
        def inherited(self) -> None:
            pass

        def _private(self) -> None:
            pass

    @attrs.frozen
    class Sample(_Base):
        """A documented attrs class whose members are not."""

        size: int = 0

        def method(self) -> None:
            pass

        def told(self) -> None:
            """Documented."""

        @property
        def shape(self) -> int:
            return self.size

        @classmethod
        def build(cls) -> Sample:
            return cls()

        @staticmethod
        def helper() -> None:
            pass

        @functools.cached_property
        def cached(self) -> int:
            return self.size

    class Colour(enum.Enum):
        RED = 1

        def describe(self) -> str:
            """The colour in words."""
            return self.name.lower()

    found = documentable(
        [documented, stray, stray, foreign, Sample, Sample, Colour, 1, "text"], package=__name__
    )
    prefix = f"{__name__}.{test_the_check_reports_each_undocumented_object_once.__name__}.<locals>."
    assert [home.removeprefix(prefix) for home in undocumented(found)] == [
        "Colour",
        "Sample.build",
        "Sample.cached",
        "Sample.helper",
        "Sample.method",
        "Sample.shape",
        "_Base.inherited",
        "stray",
    ]
    assert sorted(home.removeprefix(prefix) for home in found) == [
        "Colour",
        "Colour.describe",
        "Sample",
        "Sample.build",
        "Sample.cached",
        "Sample.helper",
        "Sample.method",
        "Sample.shape",
        "Sample.told",
        "_Base.inherited",
        "documented",
        "stray",
    ]
