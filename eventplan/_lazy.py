"""Names a door offers that load on first use, so a light door does not pull in a heavy
capability (ics, numpy, the checks) before anyone asks for it (PEP 562)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any


def door(
    package: str,
    namespace: MutableMapping[str, Any],
    lazy: Mapping[str, Iterable[str]],
    *,
    doors: Iterable[str] = (),
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: a name listed under a module loads
    that module once, and every name it lists with it; a name in ``doors`` is a subpackage
    or module of ``package``, imported when it is first named."""
    names = {module: tuple(listed) for module, listed in lazy.items()}
    home = {name: module for module, listed in names.items() for name in listed}
    inner = frozenset(doors)

    def __getattr__(name: str) -> Any:
        if name in inner:
            return importlib.import_module(f"{package}.{name}")
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        loaded = importlib.import_module(module)
        namespace.update({each: getattr(loaded, each) for each in names[module]})
        return namespace[name]

    def __dir__() -> list[str]:
        return sorted({*namespace, *home, *inner})

    return __getattr__, __dir__
