"""Validators and converters shared by the model classes.

Messages follow attrs: name the field, state the rule, show the value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def valid_id(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An id is a short lower-case slug, unique within its kind."""
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            f"'{attribute.name}' must be lower-case letters, digits, '-', '_' or '.', "
            f"starting with a letter or digit: {value!r}"
        )


def not_blank(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank: {value!r}")


def non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def aware(instance: Any, attribute: attrs.Attribute[Any], value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"'{attribute.name}' must carry a time zone: {value.isoformat()}")


def to_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    """Collections are held as tuples, so frozen objects stay unchangeable."""
    return tuple(items)
