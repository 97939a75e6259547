"""Demand: who attends a session under a turnout, and how many people that is.

:func:`attendance` is the one answer to who attends (parties and seat blocks alike);
:func:`session_demand` is the seats it needs (:func:`programme_demand`, of every session
at once); :func:`count_participation` counts the delegations, delegates and organisations
of a turnout. An :class:`Audience` (a delegation, the press, all delegates, a room, ...)
sees the sessions :func:`sessions_for` gives it, read from the same answer: every
publication (calendars, frab schedules) selects by it. The resource formulas
(``eventplan.demand.formulas``) take numbers and numpy arrays alike, so the checks and
the Monte Carlo share them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventplan._lazy import door as _door
from eventplan.demand.attendance import attendance, programme_demand, session_demand
from eventplan.demand.counts import ParticipationCounts, count_participation

if TYPE_CHECKING:  # pragma: no cover - loads on first use
    from eventplan.demand.audiences import Audience, AudienceKind, every_audience, sessions_for

__getattr__, __dir__ = _door(
    __name__,
    globals(),
    {
        "eventplan.demand.audiences": (
            "Audience",
            "AudienceKind",
            "every_audience",
            "sessions_for",
        ),
    },
)

__all__ = [
    "Audience",
    "AudienceKind",
    "ParticipationCounts",
    "attendance",
    "count_participation",
    "every_audience",
    "programme_demand",
    "session_demand",
    "sessions_for",
]
