"""What-ifs and uncertainty: scenarios, sweeps and the Monte Carlo.

A :class:`Scenario` is a list of changes (:class:`ScaleCohort`, :class:`CloseRoom`, ...)
applied to an event; :func:`compare` and :func:`sweep` check each against the baseline.
:func:`simulate` draws turnouts from their ranges (:class:`Uncertainty`) on numpy and
says how often each resource runs short (:class:`Risk`); :func:`simulate_sweep` does it
for a grid of scenarios, on a process pool when asked.
"""

from eventplan.montecarlo.scenarios import (
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
from eventplan.montecarlo.simulation import (
    Risk,
    Simulation,
    Uncertainty,
    simulate,
    simulate_sweep,
)

__all__ = [
    "AddSession",
    "CancelSession",
    "CloseRoom",
    "MoveSession",
    "ResizeRoom",
    "Risk",
    "ScaleCohort",
    "Scenario",
    "SetCohort",
    "SetNorm",
    "SetParties",
    "SetResource",
    "Simulation",
    "Uncertainty",
    "compare",
    "simulate",
    "simulate_sweep",
    "sweep",
]
