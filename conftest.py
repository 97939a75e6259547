"""Every code block of the manual (docs/) and of README.md runs as a test, through sybil.

Each page runs in a scratch directory of its own, which holds links to the checkout's
``tests/``, ``seeds/`` and ``examples/``, so pages can name the files in them.

- ```` ```python ````: doctests (``>>>``) or code, in one namespace per page.
- ```` ```console ````: ``$ command`` lines, each followed by the output it must print
  (standard output and standard error together, as a terminal shows them, 80 columns).
  A line ``…`` stands for any number of lines; a line that ends in ``…`` for any line that
  starts with what comes before it. A command that fails ends with ``(exit status N)``.
  ``eventplan`` is this checkout's, run as ``python -m eventplan``.
- ```` ```toml ````: an event file must load; a fragment (no ``id``) must be valid against
  the event file's JSON Schema with nothing required. A block whose first line is
  ``# NAME.toml`` is appended to that file in the page's directory, and the file so far
  must load: the tutorial builds its event that way, step by step. (A file whose name
  starts with a dot, such as ``.taplo.toml``, is a tool's configuration: it must parse.)
- ```` ```sh ````: install commands, which cannot run in a test; each is preceded by
  ``<!-- skip: next -->`` (tests/test_manual.py checks that nothing else is skipped).
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from sybil import Example, Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser

ROOT = Path(__file__).resolve().parent

# what the command line keeps between runs goes to a scratch directory, never the user's home
os.environ.setdefault("EVENTPLAN_CACHE_DIR", tempfile.mkdtemp(prefix="eventplan-docs-cache-"))


def _setup(namespace: dict[str, Any]) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="eventplan-page-"))
    for name in ("tests", "seeds", "examples"):
        (workdir / name).symlink_to(ROOT / name)
    bin_dir = workdir / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "eventplan"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m eventplan "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    namespace["__workdir"] = workdir
    namespace["__cwd"] = os.getcwd()
    os.chdir(workdir)


def _teardown(namespace: dict[str, Any]) -> None:
    os.chdir(namespace["__cwd"])
    shutil.rmtree(namespace["__workdir"], ignore_errors=True)


# --- console blocks ------------------------------------------------------------------------


def _commands(text: str) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line.rstrip())
        elif line.strip():
            raise ValueError(f"output before the first command: {line!r}")
    return found


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected`` with each ``…`` line standing for any lines."""
    pattern = []
    for line in expected:
        if line == "…":
            pattern.append(r"(?:[^\n]*\n)*?")
        elif line.endswith("…"):
            pattern.append(re.escape(line[:-1]) + r"[^\n]*\n")
        else:
            pattern.append(re.escape(line) + r"\n")
    return re.fullmatch("".join(pattern), "".join(f"{line}\n" for line in actual)) is not None


def _run_console(example: Example) -> str | None:
    workdir: Path = example.namespace["__workdir"]
    env = {
        **os.environ,
        "PATH": f"{workdir / '.bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "80",
        "PYTHONIOENCODING": "utf-8",
    }
    for command, expected in _commands(example.parsed):
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
        actual = [line.rstrip() for line in done.stdout.splitlines()]
        if done.returncode:
            actual.append(f"(exit status {done.returncode})")
        while expected and not expected[-1]:
            expected = expected[:-1]
        if not _matches(expected, actual):
            return (
                f"$ {command}\nexpected:\n"
                + "\n".join(expected)
                + "\ngot:\n"
                + "\n".join(actual)
                + "\n"
            )
    return None


# --- TOML blocks ---------------------------------------------------------------------------


def _as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _check_toml(example: Example) -> str | None:
    import jsonschema

    import eventplan
    from eventplan.files.schema import json_schema

    text: str = example.parsed
    named = re.match(r"# (\S+\.toml)(?:\s|$)", text)
    if named:
        path = Path(example.namespace["__workdir"]) / named.group(1)
        with path.open("a", encoding="utf-8") as file:
            file.write(text)
        if path.name.startswith("."):  # a tool's configuration (.taplo.toml): TOML, no event
            tomllib.loads(path.read_text(encoding="utf-8"))
        else:
            eventplan.load_event(path)
        return None
    raw = tomllib.loads(text)
    if "id" in raw:
        eventplan.loads_event(text)
        return None
    schema = json_schema()
    schema.pop("required")
    problems = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(_as_json(raw))]
    return "\n".join(problems) + "\n" if problems else None


_docs = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS),
        CodeBlockParser("console", _run_console),
        CodeBlockParser("toml", _check_toml),
        SkipParser(),
    ],
    patterns=["*.md"],
    path=str(ROOT),
    setup=_setup,
    teardown=_teardown,
)

_collect = _docs.pytest()


def pytest_collect_file(file_path: Path, parent: Any) -> Any:
    """README.md and the pages under docs/; no other Markdown (tests/data has some)."""
    relative = file_path.resolve().relative_to(ROOT) if file_path.is_relative_to(ROOT) else None
    if relative is not None and (relative == Path("README.md") or relative.parts[0] == "docs"):
        return _collect(file_path, parent)
    return None
