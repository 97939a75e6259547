"""Findings: what a check or a reconciliation has to say about an event.

Problems with an event are data, not exceptions (pretalx's schedule
warnings): each finding has a stable machine ``code``, a ``severity`` and a
human ``message``, the ids it concerns, and — for capacity checks — the
numbers behind it and the norms it applied.
"""

from __future__ import annotations

from typing import Any

import attrs

from eventplan.model import fields as _fields
from eventplan.model.count import Count
from eventplan.model.enums import Severity
from eventplan.model.norms import Norm


@attrs.frozen
class Margin:
    """Capacity left over (negative: short), in the cautious and the optimistic case.

    ``None`` where a bound is open, such as a demand with no upper bound.
    """

    cautious: int | None
    optimistic: int | None

    @classmethod
    def between(cls, demand: Count, capacity: Count) -> Margin:
        """What ``capacity`` leaves of ``demand``: the cautious case sets the most demand
        against the least capacity, the optimistic case the reverse."""
        cautious = None if demand.high is None else capacity.low - demand.high
        optimistic = None if capacity.high is None else capacity.high - demand.low
        return cls(cautious, optimistic)

    def to_json(self) -> dict[str, int | None]:
        """``{"cautious": ..., "optimistic": ...}``, ``None`` where a bound is open."""
        return {"cautious": self.cautious, "optimistic": self.optimistic}


@attrs.frozen
class Finding:
    """What one check found about one subject: its severity and message, the demand against the capacity where both are counted, and the norms it rests on, each with its source."""

    code: str
    severity: Severity
    message: str
    subjects: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    demand: Count | None = None
    capacity: Count | None = None
    norms: tuple[Norm, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    @property
    def margin(self) -> Margin | None:
        """The capacity left over in each case; ``None`` unless both demand and capacity are counted."""
        if self.demand is None or self.capacity is None:
            return None
        return Margin.between(self.demand, self.capacity)

    def __str__(self) -> str:
        return f"{self.severity}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        """The finding as JSON: code, severity, message and subjects; demand, capacity and margin where counted; the norms with their sources."""
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "subjects": list(self.subjects),
        }
        if self.demand is not None or self.capacity is not None:
            margin = self.margin
            data.update(
                demand=self.demand.to_json() if self.demand else None,
                capacity=self.capacity.to_json() if self.capacity else None,
                margin=margin.to_json() if margin else None,
            )
        if self.norms:
            data["norm"] = self.norms[0].to_json()
            data["norms"] = [norm.to_json() for norm in self.norms]
        return data
