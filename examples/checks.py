"""Would the plan made for the forecast of 23 October have held on the day?

python examples/checks.py
"""

import eventplan

hanoi = eventplan.reference_event()
for turnout in ("planned", "actual"):
    report = eventplan.check(hanoi, turnout)
    print(report.render_text())
    print()
