"""Reading and writing events as TOML: the edge where validation happens.

A file is read in three steps, and every problem found is reported together,
each with its path (``sessions.gala.room``):

1. local date-times get the event's time zone (nonexistent or ambiguous
   local times are problems);
2. cattrs structures the data into the model (unknown keys, wrong types,
   bad values, broken invariants);
3. references between objects are checked (:mod:`eventplan.model.validation`).
   Elements that failed step 2 are left out of step 3, so one typo does not
   hide the rest.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import enum
import functools
import os
import re
import tomllib
import typing
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import cattrs
import cattrs.gen
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from pendulum.tz.exceptions import AmbiguousTime

from eventplan import _text, limits
from eventplan.errors import EventFileError, Problem
from eventplan.model import arguments as _arguments
from eventplan.model import enums, localtime
from eventplan.model import fields as _fields
from eventplan.model.count import Count
from eventplan.model.event import Event
from eventplan.model.participation import TurnoutKind
from eventplan.model.validation import reference_problems

_REFERENCE_FILE = "hanoi_convention_2025.toml"
_MAX_PASSES = 4

Path_ = str | os.PathLike[str]


# --- converters -----------------------------------------------------------------


def _expect(kind: type | tuple[type, ...], what: str) -> Any:
    def structure(value: Any, _: type) -> Any:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise TypeError(f"expected {what}, got {_show(value)}")
        return value

    return structure


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {_show(value)}")
    return float(value)


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"expected a date such as 2025-10-25, got {_show(value)}")
    return value


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    if not isinstance(value, pendulum.DateTime):
        raise TypeError(f"expected a date-time such as 2025-10-25T09:00:00, got {_show(value)}")
    return value


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(member.value for member in cls)
        raise ValueError(
            f"unknown {_words(cls.__name__)} {_show(value)}; one of: {choices}"
        ) from None


class _TableForArray(TypeError):
    """A table where an array of tables belongs: ``[sessions]`` for ``[[sessions]]``."""


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _structure_tuple_factory(converter: cattrs.Converter) -> Any:
    def factory(cls: Any) -> Any:
        args = typing.get_args(cls)
        of_tables = bool(args) and attrs.has(args[0])

        def structure(value: Any, _: type) -> Any:
            if isinstance(value, dict) and of_tables:
                raise _TableForArray()
            if not isinstance(value, list | tuple):
                example = "[[...]] tables" if of_tables else 'a list such as ["a", "b"]'
                raise TypeError(f"expected {example}, got {_show(value)}")
            return converter._structure_tuple(value, cls)

        return structure

    return factory


def _structure_table_factory(converter: cattrs.Converter) -> Any:
    """Model classes are read from tables only: a number or a list where a table belongs is
    a problem saying so, not a Python error about what that value lacks."""

    def factory(cls: Any) -> Any:
        generated = cattrs.gen.make_dict_structure_fn(cls, converter)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(
                    f"expected a table of {_words(cls.__name__)} fields, got {_show(value)}"
                )
            return generated(value, cls)

        return structure

    return factory


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and cls is not Count


def _words(name: str) -> str:
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _unstructure_datetime(value: pendulum.DateTime) -> dt.datetime:
    """A local time without offset, as people write it, unless that wall time is ambiguous."""
    wall = (
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
    )
    try:
        pendulum.datetime(*wall, tz=value.timezone, raise_on_unknown_times=True)
    except AmbiguousTime:
        return dt.datetime(*wall, tzinfo=dt.timezone(value.utcoffset() or dt.timedelta()))
    return dt.datetime(*wall)


def _unstructure_count(count: Count) -> int | dict[str, int]:
    """As :meth:`Count.to_json`, but an open end is left out: TOML has no null."""
    if count.is_exact:
        return count.low
    return {"min": count.low} if count.high is None else {"min": count.low, "max": count.high}


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    # cattrs would coerce (str(7) == "7"); a file that says 7 where a name belongs has a typo.
    converter.register_structure_hook(str, _expect(str, "a string"))
    converter.register_structure_hook(int, _expect(int, "a whole number"))
    converter.register_structure_hook(bool, _expect(bool, "true or false"))
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
    converter.register_structure_hook(Count, lambda value, _: Count.from_json(value))
    # a string is not a list of its characters, nor a table an array of tables
    converter.register_structure_hook_factory(_is_tuple, _structure_tuple_factory(converter))
    converter.register_structure_hook_factory(_is_model, _structure_table_factory(converter))
    for vocabulary in _VOCABULARIES:  # per class: cattrs' own str-enum hook would win otherwise
        converter.register_structure_hook(vocabulary, _structure_enum)
    converter.register_unstructure_hook(Count, _unstructure_count)
    converter.register_unstructure_hook(pendulum.DateTime, _unstructure_datetime)
    converter.register_unstructure_hook(dt.date, lambda value: value)
    return converter


_VOCABULARIES: tuple[type[enum.Enum], ...] = (
    *(
        value
        for value in vars(enums).values()
        if isinstance(value, type)
        and issubclass(value, enum.Enum)
        and value.__module__ == enums.__name__
    ),
    TurnoutKind,
)

_converter = _make_converter()


# --- local times ----------------------------------------------------------------


@attrs.define
class _Placing:
    """What placing the file's times needs once: the zone (None when the file's is not one),
    and what it found."""

    zone_name: str
    zone: pendulum.Timezone | pendulum.FixedTimezone | None
    root: Any
    problems: list[Problem]
    unplaced: int = 0  # local times that wait for a valid zone


#: What :func:`_place_times` looks into or changes; any other value is kept as it is.
_PLACED = (dict, list, dt.datetime, dt.time)


class _TooDeep(Exception):
    """Tables and arrays nest beyond ``limits.MAX_NESTING``."""


def _place_times(raw: Any, path: tuple[Any, ...], placing: _Placing) -> Any:
    """Give every date-time in ``raw`` the event's zone; record the ones that can't be.
    Tables and arrays nested beyond the limit raise :class:`_TooDeep` before any deeper."""
    if isinstance(raw, dict | list) and len(path) >= limits.MAX_NESTING:
        raise _TooDeep
    if isinstance(raw, dict):
        return {
            key: _place_times(value, (*path, key), placing) if isinstance(value, _PLACED) else value
            for key, value in raw.items()
        }
    if isinstance(raw, list):
        return [
            _place_times(value, (*path, index), placing) if isinstance(value, _PLACED) else value
            for index, value in enumerate(raw)
        ]
    if isinstance(raw, dt.time):
        placing.problems.append(
            Problem(_render(path, placing.root), f"a time needs a date, such as 2025-10-25T{raw}")
        )
        return None
    if not isinstance(raw, dt.datetime):
        return raw
    if placing.zone is None:  # one problem, at 'timezone', counts these
        placing.unplaced += 1
        return None
    try:
        return localtime.place(raw, placing.zone, placing.zone_name)
    except localtime.PlacementError as error:
        placing.problems.append(Problem(_render(path, placing.root), str(error)))
        return None


def _zone_of(
    raw: dict[str, Any],
) -> tuple[pendulum.Timezone | pendulum.FixedTimezone | None, str | None]:
    """The file's zone, and what is wrong with it (None when it is sound or not given)."""
    name = raw.get("timezone")
    if "timezone" not in raw:
        return None, None  # structuring says it is required
    problem = localtime.zone_problem(name)
    if problem is not None:
        return None, problem
    return pendulum.timezone(str(name)), None


# --- problems from cattrs ---------------------------------------------------------


def _problems(
    exc: BaseException, path: tuple[Any, ...], root: Any
) -> Iterator[tuple[tuple[Any, ...], Problem]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = note.index if isinstance(note, IterableValidationNote) else note.name
            if isinstance(sub, KeyError) and not isinstance(sub, cattrs.errors.BaseValidationError):
                yield path, Problem(_render((*path, step), root), "required, but missing")
            else:
                yield from _problems(sub, (*path, step), root)
        for sub in without:
            yield from _problems(sub, path, root)
    elif isinstance(exc, ForbiddenExtraKeysError):
        import difflib  # only to suggest a name for a wrong one

        expected = [field.name for field in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            guess = difflib.get_close_matches(key, expected, n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            yield (
                (*path, _ExtraKey(key)),
                Problem(
                    _render((*path, key), root),
                    f"unknown key {key!r}; {hint}expected one of: {', '.join(expected)}",
                ),
            )
    elif isinstance(exc, _TableForArray):
        name = _render(path, root)
        yield (
            path,
            Problem(
                name,
                f"a list of tables is written [[{name}]], once before each element; "
                f"[{name}] makes one table",
            ),
        )
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from _problems(member, path, root)
    else:
        yield path, Problem(_render(path, root), str(exc) or type(exc).__name__)


def _render(path: tuple[Any, ...], root: Any) -> str:
    """``("sessions", 3, "room")`` → ``sessions.gala.room`` when element 3 has id ``gala``."""
    parts: list[str] = []
    node = root
    for step in path:
        if isinstance(step, int):
            name = None
            if isinstance(node, list) and 0 <= step < len(node) and isinstance(node[step], dict):
                candidate = node[step].get("id", node[step].get("name"))
                valid = isinstance(candidate, str) and _fields.ID_PATTERN.fullmatch(candidate)
                name = candidate if valid else None
            if name is None:
                parts.append(f"[{step}]")
            else:
                parts.append(f".{name}" if parts else name)
        else:
            parts.append(f".{step}" if parts else str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(parts)


def _deepest_list_element(root: Any, path: tuple[Any, ...]) -> int | None:
    """The position in ``path`` of the innermost step that indexes a list in ``root``."""
    found, node = None, root
    for position, step in enumerate(path):
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            found = position
        elif not (isinstance(node, dict) and step in node):
            break
        node = node[step]
    return found


class _ExtraKey(str):
    """The last step of a path that ends in a key the model does not have."""


def _without_failed_elements(raw: Any, paths: list[tuple[Any, ...]]) -> tuple[Any, set[str], bool]:
    """Mend what failed so the rest can be checked: unknown keys are deleted,
    elements that failed otherwise are dropped. Returns the mended data, the
    ids of dropped elements, and whether anything could be mended."""
    pruned = copy.deepcopy(raw)
    dropped: set[str] = set()
    targets: dict[tuple[Any, ...], set[int]] = {}
    for path in (p for p in paths if p and isinstance(p[-1], _ExtraKey)):
        parent = pruned
        for step in path[:-1]:
            parent = parent[step]
        parent.pop(str(path[-1]), None)  # extra keys are reported on dicts that exist
    for path in (p for p in paths if not (p and isinstance(p[-1], _ExtraKey))):
        element_at = _deepest_list_element(pruned, path)
        if element_at is None:
            return pruned, dropped, False
        targets.setdefault(path[:element_at], set()).add(path[element_at])
    # Innermost lists first, so dropping an element never shifts an index still to be used.
    for parent_path, indexes in sorted(targets.items(), key=lambda item: -len(item[0])):
        parent = pruned
        for step in parent_path:
            parent = parent[step]
        for index in sorted(indexes, reverse=True):
            element = parent[index]
            if isinstance(element, dict) and isinstance(element.get("id"), str):
                dropped.add(element["id"])
            del parent[index]
    return pruned, dropped, True


# --- public API -------------------------------------------------------------------


def loads_event(
    text: str, *, source: str = "<string>", max_bytes: int = limits.MAX_FILE_BYTES
) -> Event:
    """Read an event from TOML text; raise :class:`EventFileError` listing every problem.

    A leading byte-order mark is skipped; text above ``max_bytes`` (UTF-8) is refused.
    """
    _arguments.of_type("loads_event", "text", text, str, "TOML text")
    _arguments.whole("loads_event", "max_bytes", max_bytes, 0, 2**62)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise EventFileError([_too_large(size, max_bytes)], source)
    text = text.removeprefix("\ufeff")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EventFileError([Problem("", f"not valid TOML: {exc}")], source) from None
    except RecursionError:
        raise EventFileError([_too_deep(_bracket_depth(text))], source) from None
    return _structure(raw, source, lambda: _bracket_depth(text))


def load_event(path: Path_, *, max_bytes: int = limits.MAX_FILE_BYTES) -> Event:
    """Read an event from a TOML file; a file above ``max_bytes`` is refused unread."""
    _arguments.of_type("load_event", "path", path, (str, os.PathLike), "a file path")
    _arguments.whole("load_event", "max_bytes", max_bytes, 0, 2**62)
    text = read_text(path, max_bytes=max_bytes)
    return loads_event(text, source=os.fspath(path), max_bytes=max_bytes)


def read_text(path: Path_, *, max_bytes: int = limits.MAX_FILE_BYTES) -> str:
    """A file's UTF-8 text, or an :class:`EventFileError` naming the file and why it can't be
    read; a file above ``max_bytes`` is refused unread. Event files and schedules share it."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)  # never more: a device or pipe may not end
    except OSError as exc:
        raise EventFileError(
            [Problem("", f"cannot read the file: {exc.strerror or exc}")], source
        ) from None
    if len(data) > max_bytes:
        raise EventFileError([_too_large(None, max_bytes)], source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EventFileError(
            [Problem("", f"not UTF-8 text: {exc.reason} at byte {exc.start}")], source
        ) from None


def _too_large(size: int | None, max_bytes: int) -> Problem:
    said = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return Problem(
        "",
        f"the file is too large: {said}, at most {max_bytes:,} are read "
        "(raise the limit with load_event(path, max_bytes=...))",
    )


def _too_deep(depth: int | None) -> Problem:
    """Nesting beyond the limit; ``depth`` is the brackets' count, said when it is what nests
    too deeply (dotted keys nest without brackets)."""
    said = f": {depth:,} levels" if depth is not None and depth > limits.MAX_NESTING else ""
    return Problem(
        "",
        f"tables and arrays nest too deeply{said}; an event file nests at most "
        f"{limits.MAX_NESTING} levels",
    )


# strings and comments are blanked out; the brackets left are counted
_HIDDEN = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*',
    re.S,
)
_BRACKETS = re.compile(r"[\[\]{}]")


def _bracket_depth(text: str) -> int:
    """How deeply arrays and inline tables nest, counted without parsing (so without recursion)."""
    depth = deepest = 0
    for mark in _BRACKETS.findall(_HIDDEN.sub("", text)):
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def _datetime_paths(raw: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """Where the date-times of a parsed file sit."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield from _datetime_paths(value, (*path, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from _datetime_paths(value, (*path, index))
    elif isinstance(raw, dt.datetime):
        yield path


def structure_event(raw: dict[str, Any], *, source: str = "<data>") -> Event:
    """Build an event from already-parsed data (a dict as ``tomllib`` gives it)."""
    return _structure(raw, source, lambda: None)


def _structure(raw: dict[str, Any], source: str, brackets: Callable[[], int | None]) -> Event:
    """:func:`structure_event`; ``brackets`` counts the text's nesting for the message, when
    there is a text and the data nests too deeply."""
    if not isinstance(raw, dict):
        problem = Problem("", f"expected a table of the event, got {_show(raw)}")
        raise EventFileError([problem], source)
    problems: list[Problem] = []
    zone, zone_problem = _zone_of(raw)
    placing = _Placing(str(raw.get("timezone")), zone, raw, problems)
    try:
        placed = _place_times(raw, (), placing)
    except (_TooDeep, RecursionError):
        raise EventFileError([_too_deep(brackets())], source) from None
    time_paths = {problem.path for problem in problems}
    if zone_problem is not None:  # the cause first, its consequences folded into it
        waiting = placing.unplaced
        also = f" ({_text.plural(waiting, 'local time')} in the file wait on it)" if waiting else ""
        problems.insert(0, Problem("timezone", zone_problem + also))
        time_paths |= {"timezone"} | {_render(path, raw) for path in _datetime_paths(raw, ())}

    data, dropped, event = placed, set[str](), None
    extra_keys: list[tuple[Any, ...]] = []
    for attempt in range(_MAX_PASSES):
        try:
            event = _converter.structure(data, Event)
            break
        except Exception as exc:  # cattrs raises groups of whatever the hooks raised
            found = list(_problems(exc, (), data))
            if attempt == 0:
                extra_keys = [path for path, _ in found if path and isinstance(path[-1], _ExtraKey)]
            problems += [problem for _, problem in found if problem.path not in time_paths]
            data, more, progress = _without_failed_elements(data, [path for path, _ in found])
            dropped |= more
            if not progress:
                # a top-level rule failed (end_date before start_date, a bad time zone): build the
                # event without validators so references are still checked, all problems at once
                with attrs.validators.disabled(), contextlib.suppress(Exception):
                    # the data may be too broken to build even that: then report what we have
                    partial = _converter.structure(data, Event)
                    problems += [
                        p for p, target in reference_problems(partial) if target not in dropped
                    ]
                break
    if event is not None:
        whole = _problems_without_validators(placed, extra_keys) if dropped else None
        if whole is not None:  # the dropped elements' own references are checked too
            said = {problem.path for problem in problems}  # one problem a path
            problems += [p for p in whole if p.path not in said]
        else:
            problems += [p for p, target in reference_problems(event) if target not in dropped]
    if zone_problem is not None:  # said once, first, at 'timezone'
        problems = [p for p in problems if p.path == "timezone" or zone_problem not in p.message]
    if problems:
        raise EventFileError(_unique(problems), source)
    assert event is not None
    return event


def _problems_without_validators(
    placed: Any, extra_keys: list[tuple[Any, ...]]
) -> list[Problem] | None:
    """The reference problems of the whole event, unknown keys left out, built without
    validators: an element that broke one of its own rules still has its references checked.
    ``None`` when even that cannot be built or checked (a wrong type)."""
    mended, _, _ = _without_failed_elements(placed, extra_keys)
    try:
        with attrs.validators.disabled():
            whole = _converter.structure(mended, Event)
        return [problem for problem, _ in reference_problems(whole)]
    except Exception:  # too broken even so: the caller checks what was kept
        return None


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


#: The first line of every event file eventplan writes: it tells the command line that a
#: file there is one it may write over (:mod:`eventplan.cli._outputs`).
WRITTEN_MARK = "# An event file written by eventplan: edit it, then run `eventplan check` on it.\n"


def dumps_event(event: Event) -> str:
    """The event as TOML text, as :func:`loads_event` reads it, under :data:`WRITTEN_MARK`."""
    _arguments.event("dumps_event", event)
    import tomli_w  # a writer only: loading and checking an event never need it

    return WRITTEN_MARK + tomli_w.dumps(_converter.unstructure(event))


def dump_event(event: Event, *, path: Path_) -> None:
    """Write the event as a TOML file, atomically."""
    _arguments.event("dump_event", event)
    _arguments.of_type("dump_event", "path", path, (str, os.PathLike), "a file path")
    from eventplan import _atomic  # tempfile and the rest load only when a file is written

    _atomic.write_text(path, dumps_event(event))


def reference_file() -> Path:
    """The path of the shipped reference event's TOML file.

    Installed as files, it sits beside this module; in a source checkout, in the repository's
    seeds/. Only a package imported from an archive needs importlib.resources (slower to load).
    """
    here = Path(__file__).resolve().parents[1]  # the package: files/ is one of its doors
    for candidate in (here / "_seeds" / _REFERENCE_FILE, here.parent / "seeds" / _REFERENCE_FILE):
        if candidate.is_file():
            return candidate
    packaged = resources.files("eventplan") / "_seeds" / _REFERENCE_FILE
    if packaged.is_file():
        return Path(str(packaged))
    return here.parent / "seeds" / _REFERENCE_FILE


@functools.cache
def starter_text() -> str:
    """A small commented event file to start from (``eventplan init``); it loads and checks cleanly."""
    return (resources.files("eventplan") / "data" / "starter.toml").read_text(encoding="utf-8")


def reference_event() -> Event:
    """The signing ceremony of the UN Convention against Cybercrime, Hanoi, 25–26 October 2025."""
    return load_event(reference_file())
