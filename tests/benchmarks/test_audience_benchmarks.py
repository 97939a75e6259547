"""Audience resolution in one pass (issue 8, with issue 9): the text of all 1,113 calendars of a
2,000-session, 100-room, 1,000-delegation synthetic event — finding every audience's sessions
included — against one whole-programme export of the same event (files are written by the
calendar benchmarks).

Run both files together, so the two sit side by side in the group ``delegations-1k``:
python -m pytest -o addopts="" tests/benchmarks/test_calendar_benchmarks.py \
    tests/benchmarks/test_audience_benchmarks.py -k "2k or 1113"
Target: all calendars in at most 3× one programme export.
"""

from __future__ import annotations

import pytest
from test_calendar_benchmarks import STAMP, two_thousand

from eventplan.calendars import CalendarWriter
from eventplan.demand.audiences import every_audience

__all__ = ["two_thousand"]  # the fixture the calendar benchmarks share


def every_calendar(event) -> int:
    writer = CalendarWriter(event, stamp=STAMP)
    return sum(len(writer.text(audience)) for audience in every_audience(event))


@pytest.mark.benchmark(group="delegations-1k")
def test_all_1113_calendars_resolved_and_rendered(benchmark, two_thousand):
    assert len(every_audience(two_thousand)) == 1_113
    assert benchmark(every_calendar, two_thousand) > 0
