"""Placement: the programme written by eventplan, each session in a room and at a time the
checks pass, with reasons for what does not fit and a re-plan that moves little.

:func:`place_programme` takes an event, a turnout and :class:`PlacementRules` (what is fixed,
windows, order, series held apart; preferences, series spread and the :class:`Weights` of
balance) and returns a :class:`ProgrammePlan` whose ``event``
goes unchanged into checks, calendars and schedule exports. It needs OR-Tools CP-SAT, the
``solver`` extra, except first-fit (``method="first-fit"``), the baseline without a solver.
"""

from eventplan.placement.plan import Move, ProgrammePlan, Reason, Unplaced
from eventplan.placement.rules import PlacementRules, Preference, Weights, Window
from eventplan.placement.solver import METHODS, calendars, place_programme

__all__ = [
    "METHODS",
    "Move",
    "PlacementRules",
    "Preference",
    "ProgrammePlan",
    "Reason",
    "Unplaced",
    "Weights",
    "Window",
    "calendars",
    "place_programme",
]
