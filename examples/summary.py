"""The shipped Hanoi 2025 event at a glance, and the same for your own file.

python examples/summary.py [EVENT.toml]
"""

import sys

import eventplan

event = eventplan.load_event(sys.argv[1]) if len(sys.argv) > 1 else eventplan.reference_event()
summary = eventplan.summarise(event, "actual" if len(sys.argv) == 1 else None)
print(summary.render_text())
