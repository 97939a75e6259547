"""Counts that may be known only as a range: "110", "4 to 6", "at least 51"."""

from __future__ import annotations

from typing import Any

import attrs


def _whole(attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"'{attribute.name}' must be a whole number: {value!r}")


def _non_negative(instance: Count, attribute: attrs.Attribute[int], value: int) -> None:
    _whole(attribute, value)
    if value < 0:
        raise ValueError(f"'{attribute.name}' must be >= 0: {value}")


def _not_below_low(
    instance: Count, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is None:
        return
    _whole(attribute, value)
    if value < instance.low:
        raise ValueError(f"'high' must be >= 'low' ({instance.low}): {value}")


@attrs.frozen(order=False)
class Count:
    """A whole number of people or parties, exact or between ``low`` and ``high``.

    ``high=None`` means no upper bound is known: ``{min = 50}`` is ``Count(50, None)`` and
    reads "at least 50", as written (a source's "more than 50" is ``Count(51, None)``).
    Counts add and scale, so totals over ranges stay ranges.
    """

    low: int = attrs.field(validator=_non_negative)
    high: int | None = attrs.field(validator=_not_below_low)

    @classmethod
    def exactly(cls, value: int) -> Count:
        """Exactly ``value``, a whole number 0 or more (else a TypeError or ValueError)."""
        if value.__class__ is int and value >= 0 and cls is Count:
            return _known(value, value)
        return cls(value, value)  # its validators say what is wrong

    @classmethod
    def zero(cls) -> Count:
        """Exactly 0: what a sum over nothing starts from."""
        return _ZERO

    @property
    def is_exact(self) -> bool:
        """Whether the count is one number (``high == low``), not a range."""
        return self.high == self.low

    @property
    def is_bounded(self) -> bool:
        """Whether an upper bound is known: false for "at least 50"."""
        return self.high is not None

    @property
    def largest_known(self) -> int:
        """The upper bound, or the lower one when the range is open: the largest figure the
        count states. Callers that need one number say so by calling this; an open range
        stays open everywhere else."""
        return self.low if self.high is None else self.high

    def __add__(self, other: Count | int) -> Count:
        return total((self, other))

    __radd__ = __add__

    def __mul__(self, other: Count | int) -> Count:
        other = _as_count(other)
        if self.high == 0 or other.high == 0:
            return _ZERO
        high = None if self.high is None or other.high is None else self.high * other.high
        return _known(self.low * other.low, high)

    __rmul__ = __mul__

    def __str__(self) -> str:
        if self.high is None:
            return f"at least {self.low:,}" if self.low > 0 else "any number"
        if self.is_exact:
            return f"{self.low:,}"
        return f"{self.low:,}–{self.high:,}"

    def to_json(self) -> int | dict[str, int | None]:
        """A number when exact, else ``{"min": low, "max": high}`` (``max`` null when open)."""
        if self.is_exact:
            return self.low
        return {"min": self.low, "max": self.high}

    @classmethod
    def from_json(cls, value: Any) -> Count:
        """Read what ``to_json`` writes: an int, or a table with ``min`` and optional ``max``."""
        if isinstance(value, bool):
            raise TypeError(f"expected a whole number or {{min, max}}, got {value!r}")
        if isinstance(value, int):
            return cls.exactly(value)
        if isinstance(value, dict):
            extra = set(value) - {"min", "max"}
            if extra:
                raise ValueError(f"a range has only 'min' and 'max', not {sorted(extra)}")
            if "min" not in value:
                raise ValueError("a range needs 'min'")
            low, high = value["min"], value.get("max")
            if low is None:
                raise TypeError("range bounds must be whole numbers, got None for 'min'")
            for bound in (low, high):
                if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int)):
                    raise TypeError(f"range bounds must be whole numbers, got {bound!r}")
            return cls(low, high)
        raise TypeError(f"expected a whole number or {{min, max}}, got {value!r}")


def _known(low: int, high: int | None) -> Count:
    """A count made from counts already checked (a sum, a product): valid by construction, so
    its validators are not run again. Checks make hundreds of thousands of these."""
    made = object.__new__(Count)
    object.__setattr__(made, "low", low)
    object.__setattr__(made, "high", high)
    return made


_ZERO = Count(0, 0)


def _as_count(value: Count | int) -> Count:
    return value if isinstance(value, Count) else Count.exactly(value)


def total(counts: Any) -> Count:
    """The sum of an iterable of counts (an empty one sums to exactly 0): ``+`` too. One count is
    made at the end, not one per term: checks sum thousands. An open end stays open."""
    low: int = 0
    high: int | None = 0
    for count in counts:
        count = _as_count(count)
        low += count.low
        high = None if high is None or count.high is None else high + count.high
    return _known(low, high)
