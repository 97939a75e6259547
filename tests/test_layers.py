"""The layers written in ``eventplan/__init__.py`` hold: no module imports from a layer below it,
and no module reaches into another's private names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import eventplan

PACKAGE = Path(eventplan.__file__).parent


def layers() -> dict[str, int]:
    """Module → layer number, read from the numbered list in the package docstring."""
    text = eventplan.__doc__ or ""
    found = {}
    for number, body in re.findall(r"^(\d)\. (.*?)(?=^\d\. |^Users|\Z)", text, re.M | re.S):
        for name in re.findall(r"``(\w+)/?``", body):  # a subpackage is written ``protocol/``
            found[name] = int(number)
    return found


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """Every eventplan module a file imports (at the top or inside a function), with the names."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eventplan"):
            names = [alias.name for alias in node.names]
            if node.module == "eventplan":  # from eventplan import _atomic, formulas
                found += [(n, [], node.lineno) for n in names if (PACKAGE / f"{n}.py").exists()]
            else:
                found.append((node.module.removeprefix("eventplan."), names, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("eventplan."):
                    found.append((alias.name.removeprefix("eventplan."), [], node.lineno))
    return found


def modules() -> list[Path]:
    """Every module, those of the subpackages (``protocol/``, ``schedules/``) included."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p != PACKAGE / "__init__.py")


def layer_name(path: Path) -> str:
    """The name a module's layer is listed under: a subpackage's modules share its name."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def test_every_module_has_a_layer():
    assert sorted(layer_name(p) for p in modules() if layer_name(p) not in layers()) == []


#: Upward imports made on purpose, each inside a function and with its reason.
DEFERRED = {
    # Event.with_session and its kin return a validated event; the whole-event rules
    # live in validation, which needs the model only for its types.
    ("event", "validation"),
}


def test_no_import_runs_against_the_layers():
    order = layers()
    breaches = []
    for path in modules():
        here = layer_name(path)
        where = path.relative_to(PACKAGE).with_suffix("").as_posix()
        for module, names, line in imports(path):
            package, _, inner = module.partition(".")
            if order[package] > order[here] and (here, package) not in DEFERRED:
                breaches.append(f"{where}:{line} imports {module} (layer {order[package]})")
            if inner.startswith("_") and package != here:
                breaches.append(f"{where}:{line} reaches into {module}, private to {package}")
            private = [n for n in names if n.startswith("_")]
            if private and not module.split(".")[-1].startswith("_"):
                breaches.append(f"{where}:{line} imports private {private} from {module}")
    assert breaches == []


def test_the_layer_list_is_read():
    order = layers()
    assert (order["errors"], order["event"], order["parties"], order["checks"], order["cli"]) == (
        1,
        2,
        3,
        4,
        6,
    )
