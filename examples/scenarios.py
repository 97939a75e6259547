"""What if 150 delegations come instead of 110? What if the banquet hall seats 1,000?
A comparison, a sweep and a Monte Carlo.

    python examples/scenarios.py
"""

import eventplan
from eventplan import Scenario
from eventplan.model import Layout
from eventplan.montecarlo import ResizeRoom, SetParties

hanoi = eventplan.reference_event()
table = eventplan.compare(
    hanoi,
    "planned",
    scenarios=[
        Scenario("150 delegations", [SetParties("member_state", 150)]),
        Scenario("banquet hall seats 1,000", [ResizeRoom("banquet-hall", 1000, Layout.BANQUET)]),
    ],
)
problems = table.xs("severity", axis=1, level=1).ne("ok").any(axis=1)
print(table[problems].xs("severity", axis=1, level=1).to_string())
print()

swept = eventplan.sweep(
    hanoi, "planned", grid={"parties:member_state": range(80, 161, 20)}, progress=False
)
failing = swept[swept.severity.isin(["error", "warning"])]
print(
    failing.pivot_table(
        index="parties:member_state", columns="code", values="severity", aggfunc="first"
    )
    .fillna("ok")
    .to_string()
)
print()

print(eventplan.simulate(hanoi, "planned", draws=20_000, seed=1, progress=False).render_text())
