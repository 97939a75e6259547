"""Files: the event file (TOML) in and out, and the spreadsheets.

:func:`load_event` reads and checks an event file, reporting every problem at once
with its path; :func:`dump_event` writes one back, atomically; :func:`reference_event`
is the shipped Hanoi event. :func:`to_csv` and :func:`to_xlsx` write the programme
for spreadsheets (they load on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventplan._lazy import door as _door
from eventplan.files.eventfile import (
    dump_event,
    dumps_event,
    load_event,
    loads_event,
    reference_event,
    reference_file,
)

if TYPE_CHECKING:  # pragma: no cover - loads on first use
    from eventplan.files.spreadsheets import to_csv, to_xlsx

__getattr__, __dir__ = _door(
    __name__, globals(), {"eventplan.files.spreadsheets": ("to_csv", "to_xlsx")}
)

__all__ = [
    "dump_event",
    "dumps_event",
    "load_event",
    "loads_event",
    "reference_event",
    "reference_file",
    "to_csv",
    "to_xlsx",
]
