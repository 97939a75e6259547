"""eventplan: plan the logistics of large diplomatic events.

Describe an event once — programme, venues, organisation, delegations and
what sources reported — then summarise it, check it and export it.

Here are the names of day one. Each capability has its own door, a subpackage whose
``__init__`` lists what it offers, and ``eventplan.<door>`` loads it on first use:

- ``eventplan.model``: the event and everything in it, the editing helpers, validation;
- ``eventplan.demand``: who attends a session, how many, and what each audience sees;
- ``eventplan.capacity``: the checks and their findings, reconciliation, the summary;
- ``eventplan.montecarlo``: scenarios, sweeps and the Monte Carlo;
- ``eventplan.protocol``: speakers' lists, signing, bilaterals, seating;
- ``eventplan.placement``: the programme placed in rooms and times, re-planned with little change;
- ``eventplan.files``: the event file, spreadsheets;
- ``eventplan.calendars``: iCalendar per audience, and what changed;
- ``eventplan.schedules``: frab, C3VOC and pretalx schedules in and out;
- ``eventplan.plots``, ``eventplan.testing``, ``eventplan.errors``.

Layers, each importing only from those above it (or from its own layer;
``tests/test_layers.py`` holds the code to this list, and fails on any import circle):

1. ``_version``, ``errors``, ``limits`` (every bound an input is held to), ``_text``
   (terminal width, wrapping, plurals, control characters), ``_atomic`` (atomic writes),
   ``_shipping`` (an object pickled once for a process pool), ``_lazy`` (names that load
   on first use): vocabulary and small helpers;
2. ``model/``: values (``count``, ``enums``, ``intervals``, ``localtime``), the classes
   (``venue``, ``listing``, ``programme``, ``organisation``, ``participation``, ``resources``,
   ``norms``, ``meetings``, ``provenance``, ``event``), who a selector names
   (``parties``), the edges that check them (``fields``, ``arguments``, ``bounds``,
   ``validation``, ``editing``), and ``kept`` (what is derived from a frozen event, kept
   beside it);
3. ``demand/``: ``attendance`` (who attends, the one answer), ``audiences`` (the
   sessions each audience of a publication sees), ``counts``, ``items``
   (what a programme item is), ``formulas`` (each resource formula once, numbers and
   numpy arrays alike);
4. ``capacity/``: ``findings``, ``checks`` and ``report`` (pure functions over an
   event), ``reconciliation``, ``summary``;
5. ``montecarlo/`` (``scenarios``, ``simulation``), ``protocol/`` (speakers,
   signing, bilaterals with the CP-SAT solver, seating, protocol items as sessions) and
   ``placement/`` (``rules``, ``plan``, ``problem``, ``greedy`` (first fit and compaction),
   ``solver``: the programme placed with CP-SAT);
6. the boundary: ``files/`` (``eventfile``, ``readcache``, ``spreadsheets``),
   ``calendars/`` (``writer``, ``changes``, the low-level ``_ical``),
   ``schedules/`` (frab, C3VOC and pretalx in; ``frab`` out), ``plots`` (matplotlib),
   ``testing``;
7. ``cli/`` (``commands``, and ``_outputs``: which files an export may write) and
   ``__main__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventplan._lazy import door as _door
from eventplan._version import __version__ as __version__
from eventplan.capacity import Finding, summarise
from eventplan.demand import attendance, count_participation
from eventplan.errors import EventFileError, EventPlanError, InvalidEventError
from eventplan.files import dump_event, load_event, loads_event, reference_event
from eventplan.model import (
    Cohort,
    Count,
    Delegation,
    Event,
    Layout,
    NormSet,
    PartyKind,
    Room,
    SeatCount,
    Session,
    SessionKind,
    Turnout,
    Venue,
    default_norms,
    with_session,
)

if TYPE_CHECKING:  # pragma: no cover - the names below load on first use
    from eventplan import calendars as calendars
    from eventplan import capacity as capacity
    from eventplan import cli as cli
    from eventplan import demand as demand
    from eventplan import errors as errors
    from eventplan import files as files
    from eventplan import model as model
    from eventplan import montecarlo as montecarlo
    from eventplan import placement as placement
    from eventplan import plots as plots
    from eventplan import protocol as protocol
    from eventplan import schedules as schedules
    from eventplan import testing as testing
    from eventplan.calendars import Audience, diff, to_ics, write_calendars
    from eventplan.capacity import Report, check
    from eventplan.files import to_csv, to_xlsx
    from eventplan.montecarlo import ScaleCohort, Scenario, compare, simulate, sweep
    from eventplan.placement import place_programme
    from eventplan.protocol import place_bilaterals, seating, signing, speakers
    from eventplan.schedules import load_schedule

# Names whose doors import ics (calendars), numpy (montecarlo, plots) or much of the
# library (checks, scenarios, protocol) load on first use: `import eventplan` and a
# summary stay fast. A door itself (eventplan.calendars) loads when it is first named.
__getattr__, __dir__ = _door(
    __name__,
    globals(),
    {
        "eventplan.calendars": ("Audience", "diff", "to_ics", "write_calendars"),
        "eventplan.capacity": ("Report", "check"),
        "eventplan.files": ("to_csv", "to_xlsx"),
        "eventplan.montecarlo": ("ScaleCohort", "Scenario", "compare", "simulate", "sweep"),
        "eventplan.placement": ("place_programme",),
        "eventplan.protocol": ("place_bilaterals", "seating", "signing", "speakers"),
        "eventplan.schedules": ("load_schedule",),
    },
    doors=(
        "calendars",
        "capacity",
        "cli",
        "demand",
        "errors",
        "files",
        "model",
        "montecarlo",
        "placement",
        "plots",
        "protocol",
        "schedules",
        "testing",
    ),
)

__all__ = [
    "Audience",
    "Cohort",
    "Count",
    "Delegation",
    "Event",
    "EventFileError",
    "EventPlanError",
    "Finding",
    "InvalidEventError",
    "Layout",
    "NormSet",
    "PartyKind",
    "Report",
    "Room",
    "ScaleCohort",
    "Scenario",
    "SeatCount",
    "Session",
    "SessionKind",
    "Turnout",
    "Venue",
    "attendance",
    "check",
    "compare",
    "count_participation",
    "default_norms",
    "diff",
    "dump_event",
    "load_event",
    "load_schedule",
    "loads_event",
    "place_bilaterals",
    "place_programme",
    "reference_event",
    "seating",
    "signing",
    "simulate",
    "speakers",
    "summarise",
    "sweep",
    "to_csv",
    "to_ics",
    "to_xlsx",
    "with_session",
    "write_calendars",
]
