"""Calendars: the programme as iCalendar, one file per audience, and what changed.

An :class:`Audience` (from :mod:`eventplan.demand`, which every publication selects by)
names who a calendar is for (the whole programme, the delegates, one delegation, the
press, ...); :func:`to_ics` writes one calendar and
:func:`write_calendars` every audience's, atomically and with stable UIDs, so a
re-published calendar updates events in place. :func:`diff` says what moved between
two versions of an event.
"""

from eventplan.calendars.changes import Move, ProgrammeChanges, diff
from eventplan.calendars.writer import (
    CalendarWriter,
    Published,
    to_calendar,
    to_ics,
    write_calendars,
    write_ics,
)
from eventplan.demand.audiences import Audience, AudienceKind, every_audience

__all__ = [
    "Audience",
    "AudienceKind",
    "CalendarWriter",
    "Move",
    "ProgrammeChanges",
    "Published",
    "diff",
    "every_audience",
    "to_calendar",
    "to_ics",
    "write_calendars",
    "write_ics",
]
