"""Write the programme and one calendar per audience; run it twice and nothing changes,
move a session and only its SEQUENCE rises.

    python examples/calendars.py [OUT_DIR]
"""

import sys
from pathlib import Path

import attrs

import eventplan

out = Path(sys.argv[1] if len(sys.argv) > 1 else "calendars")
hanoi = eventplan.reference_event()
audiences = [
    "programme",
    "kind:member_state",
    "kind:press",
    "subcommittee:protocol",
    "room:main-hall",
]
for published in eventplan.write_calendars(hanoi, directory=out, audiences=audiences):
    print(
        f"{published.path}: {published.events} items, {len(published.new)} new, {len(published.changed)} changed"
    )

banquet = hanoi.session("state-banquet")
later = attrs.evolve(banquet, start=banquet.start.add(minutes=30), end=banquet.end.add(minutes=30))
moved = attrs.evolve(
    hanoi, sessions=tuple(later if s.id == banquet.id else s for s in hanoi.sessions)
)
print(eventplan.diff(hanoi, moved))
published = eventplan.calendars.write_ics(moved, path=out / "programme.ics")
print(f"{published.path}: SEQUENCE raised for {', '.join(published.changed)}")
