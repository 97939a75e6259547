"""The limits eventplan holds every input to, each stated once.

Each covers any real diplomatic event with room to spare (COP28, among the
largest, had about 85,000 participants over two weeks); beyond it, a value is
a typo or an attack, and it is refused with a problem naming where it is,
before any check, export or Monte Carlo meets a number it cannot compute with.
The README's section on bad input lists them.
"""

from __future__ import annotations

import datetime as dt

#: The largest whole number in an event: any count, seat figure or resource, the people
#: or parties one turnout brings in all, and the seats one session asks for (open ranges
#: by their low end).
MAX_COUNT = 1_000_000
#: The smallest number above zero: a smaller one (``1e-308`` minutes between buses) is a
#: typo, and dividing by it gives no capacity anyone could plan with.
SMALLEST_FRACTION = 1e-6
#: Seats one party holds in one session (``at_table + behind``).
MAX_SEATS_PER_PARTY = 1_000
#: The earliest and latest day an event, a session or a dated figure may fall on:
#: calendars need four-digit years, and time zones are defined from 1900.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)
#: The most days an event may span, from its first day to its last.
MAX_EVENT_DAYS = 366
#: The longest reminder before a session, in minutes: a year, as long as an event may last.
MAX_ALARM_MINUTES = MAX_EVENT_DAYS * 24 * 60
#: The largest event file read by default (``load_event(path, max_bytes=...)`` raises it).
MAX_FILE_BYTES = 10 * 1024 * 1024
#: How deeply tables and arrays of an event file may nest (the deepest real one is 5).
MAX_NESTING = 32
#: The most digits a whole number in a published schedule may have: 18 hold any 64-bit id,
#: as frab's and pretalx's database ids are (Python's ``int`` stops at 4,300).
MAX_NUMBER_DIGITS = 18
#: The largest id a published schedule gave a session or a person (``Listing.number``,
#: ``Official.number``): an identifier, not a count, so any id of those digits is kept.
MAX_SOURCE_ID = 10**MAX_NUMBER_DIGITS - 1
#: Monte Carlo draws one run may take (``simulate``, ``eventplan simulate --draws``).
MAX_DRAWS = 100_000_000
#: The largest seed ``simulate`` takes: numpy seeds are non-negative, and 2**63 - 1 covers any.
MAX_SEED = 2**63 - 1
#: Memory one chunk of Monte Carlo draws may hold; a wider event is drawn in smaller chunks,
#: and any number of draws streams through it.
MAX_SIMULATION_BYTES = 2 * 1024**3
#: The widest turnout spread ``Uncertainty`` takes: twice Hanoi's 0.35, a factor of
#: e^(0.7 x 4) ~ 16 at four standard deviations, so a session's tally of demand stays in memory.
MAX_SIGMA = 0.7
