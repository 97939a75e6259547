"""Schedules: programmes that come in from pretalx, frab and the C3VOC tools, and go out
to them.

:func:`load_schedule` reads a ``schedule.json`` or ``schedule.xml`` into an
:class:`~eventplan.Event`; :func:`read_schedule` also returns what eventplan had to decide
while reading, as findings (:class:`ScheduleImport`). Problems in the file are reported all
at once, each with its path, as for TOML. :func:`to_frab` and :func:`to_frab_xml` write the
programme back out for the frab and C3VOC tools: the whole programme, or one audience's
(``audience="kind:press"``), the sessions its calendar shows.
"""

from eventplan.schedules.frab import to_frab, to_frab_xml
from eventplan.schedules.kinds import DEFAULT_KIND, KIND_WORDS, KindReading, read_kind, session_kind
from eventplan.schedules.reading import (
    ScheduleImport,
    load_schedule,
    loads_schedule,
    read_event_or_schedule,
    read_schedule,
    reads_schedule,
)

__all__ = [
    "DEFAULT_KIND",
    "KIND_WORDS",
    "KindReading",
    "ScheduleImport",
    "load_schedule",
    "loads_schedule",
    "read_event_or_schedule",
    "read_kind",
    "read_schedule",
    "reads_schedule",
    "session_kind",
    "to_frab",
    "to_frab_xml",
]
