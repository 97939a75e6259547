"""eventplan: plan the logistics of large diplomatic events.

Describe an event once — programme, venues, organisation, delegations and
what sources reported — then summarise it, check it and export it.

Layers, each importing only from those above it:

1. ``_version``, ``errors``, ``enums``, ``count``, ``_fields``, ``_text`` (terminal width,
   wrapping, plurals): vocabulary and values;
2. the model: ``provenance``, ``venue``, ``programme``, ``organisation``,
   ``participation``, ``event`` (frozen attrs classes, no I/O);
3. the domain: ``validation``, ``counts``, ``findings``, ``reconciliation``,
   ``summary``, ``demand``, ``intervals``, ``checks`` and ``report`` (pure
   functions over an event; ``norms`` holds the sourced planning figures),
   ``scenarios`` and ``simulate`` (what-ifs, sweeps, Monte Carlo on numpy);
4. the boundary: ``eventfile`` (TOML in and out), ``calendars`` (iCalendar,
   with ``audiences``, ``changes`` and the low-level ``_ical``), ``frab``
   (schedule.json, CSV), ``plots`` (matplotlib), ``testing``;
5. ``cli``.

Users import from here only; the modules are private. Names from the heavier
modules (calendars, simulate, plots, checks, scenarios) load on first use.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from eventplan._version import __version__ as __version__
from eventplan.audiences import Audience, AudienceKind
from eventplan.changes import Move, ProgrammeChanges, diff
from eventplan.count import Count
from eventplan.counts import ParticipationCounts, count_participation
from eventplan.demand import session_demand
from eventplan.enums import (
    HeadRank,
    Layout,
    Measure,
    PartyKind,
    Qualifier,
    SessionKind,
    SessionStatus,
    Severity,
    SignatoryStatus,
)
from eventplan.errors import (
    EventFileError,
    EventPlanError,
    InvalidEventError,
    MissingExtraError,
    Problem,
    UnknownNameError,
)
from eventplan.event import Event, Instrument, Theme
from eventplan.eventfile import (
    dump_event,
    dumps_event,
    load_event,
    loads_event,
    reference_event,
    reference_file,
)
from eventplan.findings import Finding, Margin
from eventplan.frab import to_csv, to_frab
from eventplan.norms import Norm, NormOverride, NormSet, default_norms
from eventplan.organisation import (
    Agency,
    Official,
    Organisation,
    Secretariat,
    SteeringCommittee,
    SubCommittee,
    Task,
)
from eventplan.participation import Cohort, Delegation, PressCorps, Turnout, TurnoutKind
from eventplan.programme import AudienceRule, Session
from eventplan.provenance import ReportedFigure, Source
from eventplan.reconciliation import reconcile
from eventplan.resources import Resources
from eventplan.summary import Summary, summarise
from eventplan.validation import find_problems, validate
from eventplan.venue import Room, SeatCount, Venue

if TYPE_CHECKING:  # pragma: no cover - the names below load on first use (see _LAZY)
    from eventplan.calendars import (
        CalendarError,
        CalendarWriter,
        Published,
        to_calendar,
        to_ics,
        write_calendars,
        write_ics,
    )
    from eventplan.plots import plot_demand, plot_overflow, plot_programme, plot_tasks
    from eventplan.report import Report, check
    from eventplan.scenarios import (
        AddSession,
        CancelSession,
        CloseRoom,
        MoveSession,
        ResizeRoom,
        ScaleCohort,
        Scenario,
        SetCohort,
        SetNorm,
        SetParties,
        SetResource,
        compare,
        sweep,
    )
    from eventplan.simulate import Risk, Simulation, Uncertainty, simulate, simulate_sweep

# Names whose modules import ics (calendars), numpy (simulate, plots) or much of the
# library (checks, scenarios) load on first use: `import eventplan` and a
# summary stay fast.
_LAZY_MODULES = {
    "eventplan.calendars": (
        "CalendarError",
        "CalendarWriter",
        "Published",
        "to_calendar",
        "to_ics",
        "write_calendars",
        "write_ics",
    ),
    "eventplan.plots": ("plot_demand", "plot_overflow", "plot_programme", "plot_tasks"),
    "eventplan.report": ("Report", "check"),
    "eventplan.scenarios": (
        "AddSession",
        "CancelSession",
        "CloseRoom",
        "MoveSession",
        "ResizeRoom",
        "ScaleCohort",
        "Scenario",
        "SetCohort",
        "SetNorm",
        "SetParties",
        "SetResource",
        "compare",
        "sweep",
    ),
    "eventplan.simulate": ("Risk", "Simulation", "Uncertainty", "simulate", "simulate_sweep"),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eventplan' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    globals().update({each: getattr(loaded, each) for each in _LAZY_MODULES[module]})
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(types.ModuleType):
    """The package, whose public names win over submodules of the same name.

    Importing ``eventplan.simulate`` binds the module to the package's attribute
    ``simulate``; the function of that name must stay what ``eventplan.simulate`` means.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "AddSession",
    "Agency",
    "Audience",
    "AudienceKind",
    "AudienceRule",
    "CalendarError",
    "CalendarWriter",
    "CancelSession",
    "CloseRoom",
    "Cohort",
    "Count",
    "Delegation",
    "Event",
    "EventFileError",
    "EventPlanError",
    "Finding",
    "HeadRank",
    "Instrument",
    "InvalidEventError",
    "Layout",
    "Margin",
    "Measure",
    "MissingExtraError",
    "Move",
    "MoveSession",
    "Norm",
    "NormOverride",
    "NormSet",
    "Official",
    "Organisation",
    "ParticipationCounts",
    "PartyKind",
    "PressCorps",
    "Problem",
    "ProgrammeChanges",
    "Published",
    "Qualifier",
    "Report",
    "ReportedFigure",
    "ResizeRoom",
    "Resources",
    "Risk",
    "Room",
    "ScaleCohort",
    "Scenario",
    "SeatCount",
    "Secretariat",
    "Session",
    "SessionKind",
    "SessionStatus",
    "SetCohort",
    "SetNorm",
    "SetParties",
    "SetResource",
    "Severity",
    "SignatoryStatus",
    "Simulation",
    "Source",
    "SteeringCommittee",
    "SubCommittee",
    "Summary",
    "Task",
    "Theme",
    "Turnout",
    "TurnoutKind",
    "Uncertainty",
    "UnknownNameError",
    "Venue",
    "check",
    "compare",
    "count_participation",
    "default_norms",
    "diff",
    "dump_event",
    "dumps_event",
    "find_problems",
    "load_event",
    "loads_event",
    "plot_demand",
    "plot_overflow",
    "plot_programme",
    "plot_tasks",
    "reconcile",
    "reference_event",
    "reference_file",
    "session_demand",
    "simulate",
    "simulate_sweep",
    "summarise",
    "sweep",
    "to_calendar",
    "to_csv",
    "to_frab",
    "to_ics",
    "validate",
    "write_calendars",
    "write_ics",
]
