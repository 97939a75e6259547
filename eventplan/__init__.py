"""eventplan: plan the logistics of large diplomatic events.

Describe an event once — programme, venues, organisation, delegations and
what sources reported — then summarise it, check it and export it.

Layers, each importing only from those above it:

1. ``errors``, ``enums``, ``count``, ``_fields``, ``limits`` (every bound an input is held
   to), ``_arguments`` (public functions' argument checks): vocabulary and values;
2. the model: ``provenance``, ``venue``, ``programme``, ``organisation``,
   ``participation``, ``event`` (frozen attrs classes, no I/O);
3. the domain: ``validation``, ``counts``, ``findings``, ``reconciliation``,
   ``summary``, ``demand``, ``intervals``, ``checks`` and ``report`` (pure
   functions over an event; ``norms`` holds the sourced planning figures;
   ``bounds`` holds every value of an event to ``limits``),
   ``scenarios`` and ``simulate`` (what-ifs, sweeps, Monte Carlo on numpy);
4. the boundary: ``eventfile`` (TOML in and out), ``calendars`` (iCalendar,
   with ``audiences``, ``changes`` and the low-level ``_ical``), ``frab``
   (schedule.json, CSV), ``plots`` (matplotlib), ``testing``;
5. ``cli``.

Users import from here only; the modules are private.
"""

from importlib.metadata import PackageNotFoundError, version

from eventplan.audiences import Audience, AudienceKind
from eventplan.calendars import (
    CalendarError,
    CalendarWriter,
    Published,
    to_calendar,
    to_ics,
    write_calendars,
    write_ics,
)
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
    ArgumentTypeError,
    EventFileError,
    EventPlanError,
    InvalidArgumentError,
    InvalidEventError,
    MissingExtraError,
    Problem,
    ResourceLimitError,
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
from eventplan.plots import plot_demand, plot_overflow, plot_programme, plot_tasks
from eventplan.programme import AudienceRule, Session
from eventplan.provenance import ReportedFigure, Source
from eventplan.reconciliation import reconcile
from eventplan.report import Report, check
from eventplan.resources import Resources
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
from eventplan.summary import Summary, summarise
from eventplan.validation import find_problems, validate
from eventplan.venue import Room, SeatCount, Venue

try:
    __version__ = version("eventplan")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0+unknown"

__all__ = [
    "AddSession",
    "Agency",
    "ArgumentTypeError",
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
    "InvalidArgumentError",
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
    "ResourceLimitError",
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
