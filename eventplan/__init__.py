"""eventplan: plan the logistics of large diplomatic events.

Describe an event once — programme, venues, organisation, delegations and
what sources reported — then summarise it, check it and export it.

Layers, each importing only from those above it (or from its own layer;
``tests/test_layers.py`` holds the code to this list):

1. ``_version``, ``errors``, ``enums``, ``count``, ``_fields``, ``_atomic``,
   ``_shipping``, ``_text`` (terminal width, wrapping, plurals), ``intervals``,
   ``limits`` (every bound an input is held to), ``localtime`` (a written time
   placed in the event's zone, gaps and folds refused): vocabulary, values and
   small helpers;
2. the model: ``provenance``, ``venue``, ``programme``, ``organisation``,
   ``participation``, ``resources``, ``norms`` (the sourced planning
   figures), ``meetings`` (bilateral requests), ``event`` (frozen attrs
   classes, no I/O);
3. demand: ``_arguments`` (public functions' argument checks, which read the
   model's types), ``parties`` (who a selector names, in one place), ``formulas``
   (each resource formula once, numbers and numpy arrays alike), ``items``
   (what a programme item is), ``demand`` and ``counts``;
4. the domain: ``bounds`` (every value of an event held to the limits),
   ``validation``, ``editing`` (events changed in code, each checked whole: the
   model itself never validates), ``findings``, ``reconciliation``,
   ``summary``, ``checks`` and ``report`` (pure functions over an event),
   ``scenarios`` and ``montecarlo`` (what-ifs, sweeps, Monte Carlo on numpy),
   ``protocol/`` (``speakers``, ``signing``, ``bilaterals`` with the CP-SAT
   solver, ``seating``, ``calendar``: protocol items as sessions);
5. the boundary: ``eventfile`` (TOML in and out), ``calendars`` (iCalendar,
   with ``audiences``, ``changes`` and the low-level ``_ical``), ``frab``
   (schedule.json and schedule.xml out), ``schedules`` (schedule.json and
   schedule.xml in, from pretalx, frab and the C3VOC tools), ``spreadsheets``
   (CSV, Excel), ``plots`` (matplotlib), ``testing``, ``readcache`` (what the
   command line read before, kept for its next run), ``_outputs`` (which files an
   export may write: never its input, never another's file unforced);
6. ``cli`` and ``__main__``.

Users import from here only; the modules are private. Names from the heavier
modules (calendars, audiences, changes, montecarlo, plots, checks, scenarios,
protocol, frab, schedules, spreadsheets) load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from eventplan._version import __version__ as __version__
from eventplan.count import Count
from eventplan.counts import ParticipationCounts, count_participation
from eventplan.demand import attendance, session_demand
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
    SpeakerLevel,
)
from eventplan.errors import (
    ArgumentTypeError,
    CalendarError,
    EventFileError,
    EventPlanError,
    ForeignFileError,
    InvalidArgumentError,
    InvalidEventError,
    MissingExtraError,
    Problem,
    ResourceLimitError,
    UnknownNameError,
)
from eventplan.event import Event, Instrument, Organiser, Theme
from eventplan.eventfile import (
    dump_event,
    dumps_event,
    load_event,
    loads_event,
    reference_event,
    reference_file,
)
from eventplan.findings import Finding, Margin
from eventplan.meetings import BilateralRequest
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
from eventplan.programme import AudienceRule, Session, SpeakersList, Statement, StatementCount
from eventplan.provenance import ReportedFigure, Source
from eventplan.reconciliation import reconcile
from eventplan.resources import Resources
from eventplan.summary import Summary, summarise
from eventplan.validation import find_problems, validate
from eventplan.venue import Room, SeatCount, Venue

if TYPE_CHECKING:  # pragma: no cover - the names below load on first use (see _LAZY)
    from eventplan.audiences import Audience, AudienceKind
    from eventplan.calendars import (
        CalendarWriter,
        Published,
        to_calendar,
        to_ics,
        write_calendars,
        write_ics,
    )
    from eventplan.changes import Move, ProgrammeChanges, diff
    from eventplan.frab import to_frab, to_frab_xml
    from eventplan.montecarlo import Risk, Simulation, Uncertainty, simulate, simulate_sweep
    from eventplan.plots import (
        plot_demand,
        plot_overflow,
        plot_programme,
        plot_seating,
        plot_tasks,
    )
    from eventplan.protocol import (
        BilateralPlan,
        Blocker,
        Placement,
        Seating,
        Signing,
        SigningOrder,
        SpeakerOrder,
        Speakers,
        Unplaced,
        draw_letter,
        place_bilaterals,
        place_bilaterals_greedy,
        seating,
        signing,
        speakers,
        with_protocol,
    )
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
    from eventplan.schedules import (
        ScheduleImport,
        load_schedule,
        loads_schedule,
        read_event_or_schedule,
        read_schedule,
    )
    from eventplan.spreadsheets import to_csv, to_xlsx

# Names whose modules import ics (calendars), numpy (montecarlo, plots) or much of the
# library (checks, scenarios, protocol) load on first use: `import eventplan` and a
# summary stay fast.
_LAZY_MODULES = {
    # audiences and changes serve calendars and diffs only; a summary never reads them
    "eventplan.audiences": ("Audience", "AudienceKind"),
    "eventplan.changes": ("Move", "ProgrammeChanges", "diff"),
    "eventplan.calendars": (
        "CalendarWriter",
        "Published",
        "to_calendar",
        "to_ics",
        "write_calendars",
        "write_ics",
    ),
    "eventplan.schedules": (
        "ScheduleImport",
        "load_schedule",
        "loads_schedule",
        "read_event_or_schedule",
        "read_schedule",
    ),
    "eventplan.frab": ("to_frab", "to_frab_xml"),
    "eventplan.spreadsheets": ("to_csv", "to_xlsx"),
    "eventplan.montecarlo": ("Risk", "Simulation", "Uncertainty", "simulate", "simulate_sweep"),
    "eventplan.plots": (
        "plot_demand",
        "plot_overflow",
        "plot_programme",
        "plot_seating",
        "plot_tasks",
    ),
    "eventplan.protocol": (
        "BilateralPlan",
        "Blocker",
        "Placement",
        "Seating",
        "Signing",
        "SigningOrder",
        "SpeakerOrder",
        "Speakers",
        "Unplaced",
        "draw_letter",
        "place_bilaterals",
        "place_bilaterals_greedy",
        "seating",
        "signing",
        "speakers",
        "with_protocol",
    ),
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


__all__ = [
    "AddSession",
    "Agency",
    "ArgumentTypeError",
    "Audience",
    "AudienceKind",
    "AudienceRule",
    "BilateralPlan",
    "BilateralRequest",
    "Blocker",
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
    "ForeignFileError",
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
    "Organiser",
    "ParticipationCounts",
    "PartyKind",
    "Placement",
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
    "ScheduleImport",
    "SeatCount",
    "Seating",
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
    "Signing",
    "SigningOrder",
    "Simulation",
    "Source",
    "SpeakerLevel",
    "SpeakerOrder",
    "Speakers",
    "SpeakersList",
    "Statement",
    "StatementCount",
    "SteeringCommittee",
    "SubCommittee",
    "Summary",
    "Task",
    "Theme",
    "Turnout",
    "TurnoutKind",
    "Uncertainty",
    "UnknownNameError",
    "Unplaced",
    "Venue",
    "attendance",
    "check",
    "compare",
    "count_participation",
    "default_norms",
    "diff",
    "draw_letter",
    "dump_event",
    "dumps_event",
    "find_problems",
    "load_event",
    "load_schedule",
    "loads_event",
    "loads_schedule",
    "place_bilaterals",
    "place_bilaterals_greedy",
    "plot_demand",
    "plot_overflow",
    "plot_programme",
    "plot_seating",
    "plot_tasks",
    "read_event_or_schedule",
    "read_schedule",
    "reconcile",
    "reference_event",
    "reference_file",
    "seating",
    "session_demand",
    "signing",
    "simulate",
    "simulate_sweep",
    "speakers",
    "summarise",
    "sweep",
    "to_calendar",
    "to_csv",
    "to_frab",
    "to_frab_xml",
    "to_ics",
    "to_xlsx",
    "validate",
    "with_protocol",
    "write_calendars",
    "write_ics",
]
