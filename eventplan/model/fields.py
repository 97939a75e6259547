"""Validators and converters shared by the model classes.

Messages follow attrs: name the field, state the rule, show the value.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from eventplan._text import CONTROL as _CONTROL

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def valid_id(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An id is a short lower-case slug, unique within its kind."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"'{attribute.name}' must be lower-case letters, digits, '-', '_' or '.', "
            f"starting with a letter or digit: {value!r}"
        )


_UUID = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def uuid_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A GUID kept from a published schedule: a UUID, as frab and pretalx write them."""
    if value is not None and (not isinstance(value, str) or not _UUID.fullmatch(value)):
        raise ValueError(
            f"'{attribute.name}' must be a UUID such as "
            f"'270fa44c-821a-577f-8ca3-33e8d4a8c2a7': {value!r}"
        )


def not_blank(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank: {value!r}")
    printable(instance, attribute, value)


def finite(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A number, not nan or an infinity: no capacity can be planned with either."""
    if value is not None and not math.isfinite(value):
        raise ValueError(f"'{attribute.name}' must be a finite number: {value}")


def non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def aware(instance: Any, attribute: attrs.Attribute[Any], value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"'{attribute.name}' must carry a time zone: {value.isoformat()}")


_SURROGATE = re.compile("[\ud800-\udfff]")


def one_newline(value: Any) -> Any:
    """Line breaks as ``\n`` only: CRLF and a lone CR become LF.

    Calendars and files can carry a line break but not a bare CR, so text is
    normalised once, here, and every export round-trips it exactly.
    """
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def printable(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Text holds no control characters but tab and line break, and is Unicode that can be
    written out: a lone surrogate (``\ud800`` in JSON) has no UTF-8 form."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        if found:
            raise ValueError(
                f"'{attribute.name}' must not contain control character "
                f"U+{ord(found.group()):04X}: {value!r}"
            )
        lone = _SURROGATE.search(value)
        if lone:
            raise ValueError(
                f"'{attribute.name}' is not valid Unicode: a lone surrogate U+{ord(lone.group()):04X}"
                f" has no UTF-8 form: {value.encode('utf-8', 'backslashreplace').decode()!r}"
            )


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Collections are held as tuples, so frozen objects stay unchangeable.

    A string is refused rather than split into characters: ``chairs="chair-a"``
    is a missing pair of brackets, not six one-letter officials.
    """
    if isinstance(items, str | bytes):
        raise TypeError(f"expected a list such as [{items!r}], not the string {items!r}")
    return tuple(items)


# --- field types ---------------------------------------------------------------------------------
# Every model class is declared ``@attrs.frozen(field_transformer=_fields.typed)``: a value of the
# wrong type then fails at once with a TypeError naming the field and the type it expects, instead
# of deep inside a later comparison ("'<' not supported between 'Count' and 'int'").


def typed(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs field transformer: each field checks its value's type before its own validators,
    and an enum field takes a valid value as its member (``kind="plenary"`` is
    ``SessionKind.PLENARY``), so what a notebook writes is what every exporter reads.

    The types of all fields are tested in one pass, from the first field's validator (attrs
    runs validators once every field is set): one call per object, not one per field."""
    found = []
    for index, field in enumerate(fields):
        if index == 0:
            field = field.evolve(validator=_TypeCheck(field.validator))
        if field.converter is None and _names_an_enum(field.type):
            field = field.evolve(converter=_member_converter())
        found.append(field)
    return found


@functools.cache
def _member_converter() -> attrs.Converter[Any, Any]:
    """One converter for every enum field: attrs reads a converter's signature as it is made."""
    return attrs.Converter(_to_member, takes_self=True, takes_field=True)


def _names_an_enum(annotation: Any) -> bool:
    """Whether an annotation (a string, the module having postponed evaluation) names one of
    eventplan's enums."""
    from eventplan.model import enums

    words = re.findall(r"\w+", annotation) if isinstance(annotation, str) else []
    return any(isinstance(getattr(enums, w, None), enum.EnumMeta) for w in words)


def _to_member(value: Any, instance: Any, field: attrs.Attribute[Any]) -> Any:
    if isinstance(value, enum.Enum) or not isinstance(value, str):
        return value  # a member, or a wrong type the type check reports
    kind = _resolved_type(type(instance), field.name)
    for option in typing.get_args(kind) or (kind,):
        if isinstance(option, type) and issubclass(option, enum.Enum):
            try:
                return option(value)
            except ValueError:
                continue
    return value  # not a valid value: the type check says which are


class _TypeCheck:
    """The type test of every field of a class, compiled on first use (annotations resolve once
    the module has loaded), followed by the first field's own validators."""

    __slots__ = ("test", "then")

    def __init__(self, then: Callable[[Any, attrs.Attribute[Any], Any], None] | None) -> None:
        self.then = then
        self.test: Callable[[Any], None] | None = None

    def __call__(self, instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        test = self.test
        if test is None:
            test = self.test = _class_type_test(type(instance))
        test(instance)
        if self.then is not None:
            self.then(instance, attribute, value)


def _class_type_test(cls: type) -> Callable[[Any], None]:
    """One function testing every field of ``cls`` that a type can guard, written out as attrs
    writes its ``__init__``: a field costs an ``isinstance``, not a call."""
    lines = ["def test(obj):"]
    names: dict[str, Any] = {"_wrong": _wrong_type}
    for index, field in enumerate(attrs.fields(cls)):
        kind = _resolved_type(cls, field.name)
        plain = _plain_classes(kind)
        value = f"obj.{field.name}"
        if plain is not None:
            names[f"c{index}"] = plain
            condition = f"isinstance({value}, c{index})"
            if bool not in plain and (int in plain or float in plain):
                condition += f" and {value}.__class__ is not bool"
        elif (items := _tuple_items(kind)) is not None:
            names[f"c{index}"] = items
            condition = (
                f"{value}.__class__ is tuple and "
                f"(not {value} or all(isinstance(item, c{index}) for item in {value}))"
            )
        else:
            accepts = _compile(kind)
            if accepts is None:
                continue
            names[f"t{index}"] = accepts
            condition = f"t{index}({value})"
        names[f"e{index}"] = _describe(kind)
        lines.append(f"    if not ({condition}): _wrong({field.name!r}, e{index}, {value})")
    lines.append("    return None")
    exec("\n".join(lines), names)  # the source is built above from the field names alone
    test: Callable[[Any], None] = names["test"]
    return test


def _tuple_items(kind: Any) -> tuple[type, ...] | None:
    """The classes of a ``tuple[X, ...]`` field's items, when one ``isinstance`` tests each."""
    args = typing.get_args(kind)
    if typing.get_origin(kind) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
        return None
    classes = _plain_classes(args[0])
    return None if classes is None or {int, float, bool} & set(classes) else classes


def _wrong_type(name: str, expected: str, value: Any) -> None:
    raise TypeError(f"'{name}' must be {expected}: {value!r} is {type(value).__name__}")


def _resolved_type(cls: type, name: str) -> Any:
    return _hints(cls).get(name, Any)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A class's resolved annotations, once per class: resolving them is slow. An attrs class
    resolves them in place, once for these checks and cattrs' structuring alike."""
    try:
        if attrs.has(cls):
            attrs.resolve_types(cls)
            return {field.name: field.type for field in attrs.fields(cls)}
        return typing.get_type_hints(cls)
    except (NameError, TypeError):  # an annotation that cannot be resolved here: no check
        return {}


def _compile(kind: Any) -> Callable[[Any], bool] | None:
    """A fast test for values of ``kind``; ``None`` when anything goes.

    Every model object runs one per field, so a union of plain classes is a single
    ``isinstance`` with a tuple, not a test per option."""
    plain = _plain_classes(kind)
    if plain is not None:
        if bool not in plain and (int in plain or float in plain):
            return lambda value: isinstance(value, plain) and not isinstance(value, bool)
        return lambda value: isinstance(value, plain)
    origin = typing.get_origin(kind)
    if kind is Any or isinstance(kind, typing.TypeVar):
        return None
    if origin in (typing.Union, types.UnionType):
        options = [_compile(arg) for arg in typing.get_args(kind)]
        if any(option is None for option in options):
            return None
        tests = tuple(option for option in options if option is not None)
        return lambda value: any(test(value) for test in tests)
    if origin is tuple:
        args = typing.get_args(kind)
        item_classes = _tuple_items(kind)
        if item_classes is not None:
            return lambda value: (
                isinstance(value, tuple) and all(isinstance(v, item_classes) for v in value)
            )
        item = _compile(args[0]) if len(args) == 2 and args[1] is Ellipsis else None
        if item is None:
            return lambda value: isinstance(value, tuple)
        return lambda value: isinstance(value, tuple) and all(item(v) for v in value)
    if origin is not None:
        return lambda value: isinstance(value, origin)
    return None


def _plain_classes(kind: Any) -> tuple[type, ...] | None:
    """The classes an ``isinstance`` test of ``kind`` needs, when one test is the whole check
    (a class, ``None``, or a union of them); else ``None``."""
    if kind is None or kind is type(None):
        return (type(None),)
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        found: list[type] = []
        for arg in typing.get_args(kind):
            classes = _plain_classes(arg)
            if classes is None:
                return None
            found.extend(classes)
        return tuple(found)
    if not isinstance(kind, type) or typing.get_origin(kind) is not None:
        return None
    if kind is float:  # an int is a float to a type checker; a bool is neither here
        return (int, float)
    if issubclass(kind, dt.datetime):  # pendulum.DateTime fields take any aware datetime
        return (dt.datetime,)
    return (kind,)


def _describe(kind: Any) -> str:
    origin = typing.get_origin(kind)
    if kind is None or kind is type(None):
        return "None"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in typing.get_args(kind))
    if origin is tuple:
        args = typing.get_args(kind)
        inner = _describe(args[0]) if len(args) == 2 and args[1] is Ellipsis else "values"
        return f"a tuple of {inner}"
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return f"{kind.__name__} (one of: {', '.join(str(m.value) for m in kind)})"
    if isinstance(kind, type):
        return kind.__name__
    return str(kind)


def walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every attrs object under ``obj`` with its path (ids name list elements), parents before
    their children, in field order. A stack, not nested generators: a whole event is walked
    on every load."""
    stack = [(path, obj)]
    while stack:
        where, node = stack.pop()
        yield where, node
        found = []
        kind: type = type(node)
        for name in nesting_fields(kind):
            value = getattr(node, name)
            child = f"{where}.{name}" if where else name
            if is_attrs(value):
                found.append((child, value))
            elif isinstance(value, tuple):
                for index, item in enumerate(value):
                    if is_attrs(item):
                        key = getattr(item, "id", None) or getattr(item, "name", None)
                        key = key or f"[{index}]"
                        found.append(
                            (f"{child}.{key}" if not key.startswith("[") else child + key, item)
                        )
        stack.extend(reversed(found))


@functools.cache
def nesting_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` whose type lets them hold attrs objects: a walk looks in no other."""
    return tuple(
        field.name for field in attrs.fields(cls) if _may_nest(_resolved_type(cls, field.name))
    )


def _may_nest(kind: Any) -> bool:
    plain = _plain_classes(kind)
    if plain is not None:
        return any(hasattr(c, "__attrs_attrs__") for c in plain)
    if typing.get_origin(kind) is tuple:
        return any(_may_nest(arg) for arg in typing.get_args(kind) if arg is not Ellipsis)
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return any(_may_nest(arg) for arg in typing.get_args(kind))
    return True  # Any, or a type not resolved here: look


def field_classes(cls: type, name: str) -> tuple[type, ...] | None:
    """The classes a value of field ``name`` of ``cls`` is one of (``None`` included), when
    its type is a class or a union of classes; else ``None``."""
    return _plain_classes(_resolved_type(cls, name))


def field_item_classes(cls: type, name: str) -> tuple[type, ...] | None:
    """The classes of the items of a ``tuple[X, ...]`` field, when one ``isinstance`` tests
    each item; else ``None``."""
    return _tuple_items(_resolved_type(cls, name))


def is_attrs_class(cls: type) -> bool:
    """``attrs.has(cls)`` for a plain class."""
    return hasattr(cls, "__attrs_attrs__")


def is_attrs(value: Any) -> bool:
    """``attrs.has(type(value))``, without its generic-alias handling: walks call it often."""
    return hasattr(type(value), "__attrs_attrs__")
