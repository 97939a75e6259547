"""Validators and converters shared by the model classes.

Messages follow attrs: name the field, state the rule, show the value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def valid_id(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An id is a short lower-case slug, unique within its kind."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"'{attribute.name}' must be lower-case letters, digits, '-', '_' or '.', "
            f"starting with a letter or digit: {value!r}"
        )


def not_blank(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank: {value!r}")
    printable(instance, attribute, value)


def non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def aware(instance: Any, attribute: attrs.Attribute[Any], value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"'{attribute.name}' must carry a time zone: {value.isoformat()}")


# C0 and C1 controls but tab and line feed: U+009B alone is a terminal's escape sequence (CSI)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_newline(value: Any) -> Any:
    """Line breaks as ``\n`` only: CRLF and a lone CR become LF.

    Calendars and files can carry a line break but not a bare CR, so text is
    normalised once, here, and every export round-trips it exactly.
    """
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def printable(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Text holds no control characters but tab and line break."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        if found:
            raise ValueError(
                f"'{attribute.name}' must not contain control character U+{ord(found.group()):04X}: {value!r}"
            )


def escape_controls(text: str) -> str:
    """``text`` with every control character shown escaped (``\x1b``), safe for a terminal."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Collections are held as tuples, so frozen objects stay unchangeable.

    A string is refused rather than split into characters: ``chairs="chair-a"``
    is a missing pair of brackets, not six one-letter officials.
    """
    if isinstance(items, str | bytes):
        raise TypeError(f"expected a list such as [{items!r}], not the string {items!r}")
    return tuple(items)
