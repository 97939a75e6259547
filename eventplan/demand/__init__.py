"""Demand: who attends a session under a turnout, and how many people that is.

:func:`attendance` is the one answer to who attends (parties and seat blocks alike);
:func:`session_demand` is the seats it needs (:func:`programme_demand`, of every session at once); :func:`count_participation` counts the
delegations, delegates and organisations of a turnout. The resource formulas
(``eventplan.demand.formulas``) take numbers and numpy arrays alike, so the checks and
the Monte Carlo share them.
"""

from eventplan.demand.attendance import attendance, programme_demand, session_demand
from eventplan.demand.counts import ParticipationCounts, count_participation

__all__ = [
    "ParticipationCounts",
    "attendance",
    "count_participation",
    "programme_demand",
    "session_demand",
]
