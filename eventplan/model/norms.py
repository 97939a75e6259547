"""Planning norms: sourced figures that capacity checks apply, each with its range and source.

A norm is a value or a range. ``cautious`` names the end that makes a plan
safer (more m² per person, fewer people screened per hour), so every check
can report the cautious and the optimistic result. Any norm can be replaced
for an event (``Event.norm_overrides``) or a scenario (``NormSet.replace``).
"""

from __future__ import annotations

import enum
import functools
import math
import numbers
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

import attrs

from eventplan import _text
from eventplan.errors import ArgumentTypeError, InvalidArgumentError, UnknownNameError
from eventplan.model import fields as _fields


class Basis(enum.StrEnum):
    """What a norm rests on: comfort guidance, a building or fire code, a precedent (an earlier
    event's figure), or an assumption eventplan states."""

    COMFORT = "comfort"
    CODE = "code"
    PRECEDENT = "precedent"
    ASSUMPTION = "assumption"


class Confidence(enum.StrEnum):
    """How far a norm's source can be trusted for this use: high, medium or low."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class End(enum.StrEnum):
    """An end of a norm's range: the ``cautious`` field names the one that makes a plan safer."""

    LOW = "low"
    HIGH = "high"


#: Norms a check divides by, or whose zero would make a capacity of nothing: each must be above 0.
DIVISORS = frozenset(
    {
        "area.theatre",
        "area.classroom",
        "area.banquet",
        "area.reception",
        "area.boardroom",
        "code.chairs",
        "code.standing",
        "code.tables",
        "code.classroom",
        "code.exhibition",
        "interpretation.per_booth",
        "screening.lane_rate",
        "arrival.window_minutes",
        "accreditation.desk_rate",
        "banquet.seats_per_table",
        "bilateral.slot_minutes",
        "bilateral.bookable_hours",
        "bus.capacity",
        "bus.load_factor",
    }
)


def _to_float(value: float) -> float:
    """``float(value)``. A Python function, not the builtin: attrs reads a converter's
    signature, and a builtin's costs a tokenizer regex compiled at import (about 5 ms)."""
    return float(value)


def _not_below_low(instance: Norm, attribute: attrs.Attribute[float], value: float) -> None:
    if value < instance.low:
        raise ValueError(f"'high' must be >= 'low' ({instance.low}): {value}")


@attrs.frozen(kw_only=True)
class Norm:
    """One planning norm: a value or range (``low``–``high``, in ``unit``) a check applies, with
    its basis, confidence and source, and which end is the cautious one."""

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(validator=_fields.not_blank)
    low: float = attrs.field(converter=_to_float, validator=[_fields.finite, _fields.non_negative])
    high: float = attrs.field(converter=_to_float, validator=[_fields.finite, _not_below_low])
    unit: str = attrs.field(validator=_fields.not_blank)
    basis: Basis = attrs.field(converter=Basis)
    cautious: End = attrs.field(converter=End)
    source: str = attrs.field(validator=_fields.not_blank)
    confidence: Confidence = attrs.field(converter=Confidence)
    url: str | None = None
    #: The publication a user can look up: its title, publisher and year (``None``: undated).
    publication: str | None = None
    publisher: str | None = None
    year: int | None = None

    @property
    def citation(self) -> str | None:
        """The publication as "Title, Publisher, 2019" (its address is ``url``); ``None`` when the
        norm rests on an assumption."""
        if self.publication is None:
            return None
        parts = [self.publication, self.publisher, str(self.year) if self.year else "undated"]
        return ", ".join(p for p in parts if p)

    @property
    def cautious_value(self) -> float:
        """The end of the range that makes a plan safer: what the cautious case applies."""
        return self.high if self.cautious is End.HIGH else self.low

    @property
    def optimistic_value(self) -> float:
        """The other end of the range: what the optimistic case applies."""
        return self.low if self.cautious is End.HIGH else self.high

    def __str__(self) -> str:
        value = f"{self.low:g}" if self.low == self.high else f"{self.low:g}–{self.high:g}"
        return f"{self.name}: {value} {self.unit} ({self.source})"

    def to_json(self) -> dict[str, Any]:
        """A flat dict of the norm's fields, enums as their values and ``None`` kept:
        ``cautious`` says which end (``low`` or ``high``) the cautious case applies."""
        return {
            "id": self.id,
            "name": self.name,
            "low": self.low,
            "high": self.high,
            "cautious": self.cautious.value,
            "unit": self.unit,
            "basis": self.basis.value,
            "confidence": self.confidence.value,
            "source": self.source,
            "url": self.url,
            "publication": self.publication,
            "publisher": self.publisher,
            "year": self.year,
        }


@attrs.frozen(kw_only=True)
class NormOverride:
    """A norm replaced for one event: its new range and why."""

    #: The norm replaced, by its id (`eventplan norms` lists them).
    id: str = attrs.field(validator=_fields.valid_id)
    #: The new value, or the low end of the new range.
    low: float = attrs.field(converter=_to_float, validator=_fields.non_negative)
    #: The high end of the new range; left out, the norm is the single value `low`.
    high: float | None = None
    #: Why it is replaced, or where the figure comes from; left out, "set by the user".
    source: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )


def _by_id(norms: Iterable[Norm]) -> dict[str, Norm]:
    return {norm.id: norm for norm in norms}


@attrs.frozen(kw_only=True)
class NormSet(Mapping[str, Norm]):
    """The norms checks apply, by id."""

    _norms: dict[str, Norm] = attrs.field(converter=_by_id)

    def __getitem__(self, norm_id: str) -> Norm:
        try:
            return self._norms[norm_id]
        except KeyError:
            raise UnknownNameError("norm", norm_id, sorted(self._norms)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._norms)

    def __len__(self) -> int:
        return len(self._norms)

    def replace(
        self, norm_id: str, low: float, high: float | None = None, source: str | None = None
    ) -> NormSet:
        """A copy with one norm's range replaced; the source says why (default: "set by the user")."""
        for name, value in (("low", low), ("high", high)):
            if value is None and name == "high":
                continue
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ArgumentTypeError(
                    f"NormSet.replace(): {name!r} must be a number, got {type(value).__name__}"
                )
            if not math.isfinite(value) or value < 0:
                raise InvalidArgumentError(
                    f"NormSet.replace(): {name!r} must be a finite number, 0 or more: {value!r}"
                )
        norm = self[norm_id]
        changed = attrs.evolve(
            norm,
            low=low,
            high=low if high is None else high,
            source=source or f"set by the user (was {norm.low:g}–{norm.high:g}: {norm.source})",
            basis=Basis.ASSUMPTION,
        )
        return NormSet(norms=[changed if n.id == norm_id else n for n in self._norms.values()])

    def with_overrides(self, overrides: Iterable[NormOverride]) -> NormSet:
        """A copy with each override applied in turn by :meth:`replace`; an override of an
        unknown norm is an UnknownNameError."""
        result = self
        for override in overrides:
            result = result.replace(override.id, override.low, override.high, override.source)
        return result


def render_norms(norms: Iterable[Norm], width: int | None = None) -> str:
    """Every norm with its range, basis, confidence and source, fitted to ``width``."""
    lines: list[str | tuple[str, int]] = []
    for norm in norms:
        value = f"{norm.low:g}" if norm.low == norm.high else f"{norm.low:g}–{norm.high:g}"
        safer = "" if norm.low == norm.high else f" (cautious end: {norm.cautious.value})"
        lines += [
            *([""] if lines else []),
            (f"{norm.id}: {norm.name}", 4),
            (
                f"    {value} {norm.unit}{safer} · {norm.basis.value} · "
                f"{norm.confidence.value} confidence",
                6,
            ),
            (f"    source: {norm.source}", 6),
        ]
        if norm.citation:
            lines.append((f"    in: {norm.citation}", 6))
        if norm.url:
            lines.append((f"    {norm.url}", 4))
    return _text.fit_all(lines, _text.width(width))


@functools.cache
def default_norms() -> NormSet:
    """The norms eventplan ships, read from ``eventplan/data/norms.toml``."""
    text = (resources.files("eventplan") / "data" / "norms.toml").read_text(encoding="utf-8")
    return NormSet(norms=[Norm(**entry) for entry in tomllib.loads(text)["norms"]])
