"""Field definitions shared by the model classes: ids, tuples, provenance, times."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def _valid_id(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            f"'{attribute.name}' must be lower-case letters, digits, '-', '_' or '.', "
            f"starting with a letter or digit: {value!r}"
        )


def _not_blank(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"'{attribute.name}' must not be blank")


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def _aware(instance: Any, attribute: attrs.Attribute[Any], value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"'{attribute.name}' must carry a time zone: {value.isoformat()}")


def ident() -> Any:
    """An id: a short lower-case slug, unique within its kind."""
    return attrs.field(validator=_valid_id)


def text() -> Any:
    """A required, non-blank string."""
    return attrs.field(validator=_not_blank)


def count(default: int | None = None) -> Any:
    """A non-negative whole number (or ``None`` where the default says unknown)."""
    if default is None:
        return attrs.field(default=None, validator=_non_negative)
    return attrs.field(default=default, validator=_non_negative)


def measure() -> Any:
    """A non-negative quantity such as an area in m², ``None`` when not known."""
    return attrs.field(default=None, validator=_non_negative)


def items(default: tuple[Any, ...] = ()) -> Any:
    """A collection, always held as a tuple."""
    return attrs.field(default=default, converter=tuple)


def instant() -> Any:
    """A time-zone-aware date-time."""
    return attrs.field(validator=_aware)


def sources() -> Any:
    """Ids of the sources (in ``Event.sources``) that give this object's facts."""
    return attrs.field(default=(), converter=tuple, kw_only=True)


def assumption() -> Any:
    """Why a figure that no source gives was chosen, citing what it rests on."""
    return attrs.field(default=None, kw_only=True)
