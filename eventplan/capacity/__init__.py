"""Capacity: whether the event fits, as findings.

:func:`check` runs every capacity check and returns a :class:`Report` of
:class:`Finding` objects (each with its severity, the norm it rests on, and a
:class:`Margin`); :func:`reconcile` sets the figures sources reported against the
model; :func:`summarise` is the event at a glance. :func:`turnout_subjects` lists the
capacities the turnout moves and what each demand is made of, for the Monte Carlo. The
checks load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventplan._lazy import door as _door
from eventplan.capacity.findings import Finding, Margin
from eventplan.capacity.reconciliation import reconcile
from eventplan.capacity.summary import Summary, summarise

if TYPE_CHECKING:  # pragma: no cover - loads on first use
    from eventplan.capacity.report import Report, check
    from eventplan.capacity.subjects import Subject, turnout_subjects

__getattr__, __dir__ = _door(
    __name__,
    globals(),
    {
        "eventplan.capacity.report": ("Report", "check"),
        "eventplan.capacity.subjects": ("Subject", "turnout_subjects"),
    },
)

__all__ = [
    "Finding",
    "Margin",
    "Report",
    "Subject",
    "Summary",
    "check",
    "reconcile",
    "summarise",
    "turnout_subjects",
]
