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
            inner = node.module.removeprefix("eventplan").removeprefix(".")
            where = PACKAGE.joinpath(*inner.split(".")) if inner else PACKAGE
            # from eventplan import _atomic; from eventplan.demand import formulas: the modules
            submodules = [n for n in names if (where / f"{n}.py").exists() or (where / n).is_dir()]
            prefix = f"{inner}." if inner else ""
            found += [(prefix + n, [], node.lineno) for n in submodules]
            rest = [n for n in names if n not in submodules]
            if inner and rest:
                found.append((inner, rest, node.lineno))
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


def test_no_import_runs_against_the_layers():
    order = layers()
    breaches = []
    for path in modules():
        here = layer_name(path)
        where = path.relative_to(PACKAGE).with_suffix("").as_posix()
        for module, names, line in imports(path):
            package, _, inner = module.partition(".")
            if order[package] > order[here]:
                breaches.append(f"{where}:{line} imports {module} (layer {order[package]})")
            if inner.startswith("_") and package != here:
                breaches.append(f"{where}:{line} reaches into {module}, private to {package}")
            private = [n for n in names if n.startswith("_")]
            if private and not module.split(".")[-1].startswith("_"):
                breaches.append(f"{where}:{line} imports private {private} from {module}")
    assert breaches == []


def test_the_layer_list_is_read():
    order = layers()
    assert (order["errors"], order["model"], order["demand"], order["capacity"], order["cli"]) == (
        1,
        2,
        3,
        4,
        7,
    )


def module_name(path: Path) -> str:
    """``protocol/_signing.py`` → ``protocol._signing``; a subpackage's door is its own name."""
    return (
        path.relative_to(PACKAGE)
        .with_suffix("")
        .as_posix()
        .replace("/", ".")
        .removesuffix(".__init__")
    )


def import_graph() -> dict[str, set[str]]:
    """Module → the eventplan modules it imports, at the top or inside a function alike."""
    return {module_name(p): {m for m, _, _ in imports(p)} for p in modules()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in graph:
                continue
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle():
    assert circles(import_graph()) == []


def test_a_circle_is_found():
    graph = {
        "event": {"validation"},
        "validation": {"bounds"},
        "bounds": {"event"},
        "cli": {"event"},
    }
    assert circles(graph) == [["bounds", "event", "validation"]]
    assert circles({"event": set(), "validation": {"event"}}) == []


def test_the_top_holds_few_modules():
    """The capabilities live behind their doors; the top keeps the front door and small helpers."""
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    doors = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert len(top) <= 11, top
    assert len(doors) <= 10, doors


def test_the_monte_carlo_reads_demand_through_the_capacity_door_only():
    """It redraws what capacity.turnout_subjects says each demand is made of; it runs no check
    and keys nothing on a finding code."""
    path = PACKAGE / "montecarlo" / "simulation.py"
    from_capacity = [(m, n) for m, n, _ in imports(path) if m.split(".")[0] == "capacity"]
    assert from_capacity == [("capacity", ["Subject", "turnout_subjects"])]
    text = path.read_text(encoding="utf-8")
    assert [w for w in ("check_", "Context", "DEMANDS", "finding.code") if w in text] == []
