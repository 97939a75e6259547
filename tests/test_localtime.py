"""Instants on a zone's clocks: eventplan's conversions give what pendulum's give."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from eventplan.model import localtime

#: Zones with a clock change, a half-hour change (Lord Howe), a southern one, none, and UTC.
ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Ho_Chi_Minh",
    "UTC",
]
zones = st.one_of(
    st.sampled_from(ZONES).map(pendulum.timezone),
    st.integers(-14 * 60, 14 * 60).map(lambda minutes: pendulum.FixedTimezone(minutes * 60)),
)
#: Instants in 2024, to the minute, so every clock change of the year is among them.
instants = st.integers(0, 366 * 24 * 60).map(
    lambda minutes: pendulum.datetime(2024, 1, 1, tz="UTC").add(minutes=minutes)
)


def _same(ours: dt.datetime, theirs: dt.datetime) -> None:
    assert type(ours) is type(theirs) is pendulum.DateTime
    assert ours == theirs
    assert ours.isoformat() == theirs.isoformat()
    assert ours.fold == theirs.fold
    assert ours.tzinfo is theirs.tzinfo


@settings(max_examples=400, deadline=None)
@given(instants, zones, zones)
def test_local_is_pendulums_in_timezone(instant, source, target):
    moment = instant.in_timezone(source)
    _same(localtime.local(moment, target), moment.in_timezone(target))


@settings(max_examples=400, deadline=None)
@given(instants, zones, st.integers(1, 36 * 60))
def test_after_is_elapsed_time_as_pendulum_adds_it(instant, zone, minutes):
    moment = instant.in_timezone(zone)
    length = dt.timedelta(minutes=minutes)
    _same(localtime.after(moment, length), moment + length)


def test_local_takes_a_plain_datetime_and_a_zone_name():
    plain = dt.datetime(2025, 10, 25, 2, 0, tzinfo=dt.UTC)
    shown = localtime.local(plain, "Asia/Ho_Chi_Minh")
    assert shown.isoformat() == "2025-10-25T09:00:00+07:00"
    assert shown.tzinfo is pendulum.timezone("Asia/Ho_Chi_Minh")


def test_after_crosses_the_clock_change_by_elapsed_time():
    """Berlin's clocks went back on 27 Oct 2024 at 03:00: two hours from 01:30 is 02:30
    of the second pass, not 03:30."""
    start = pendulum.datetime(2024, 10, 27, 1, 30, tz="Europe/Berlin")
    end = localtime.after(start, dt.timedelta(hours=2))
    assert end.isoformat() == "2024-10-27T02:30:00+01:00"


@settings(max_examples=400, deadline=None)
@given(instants, instants, zones, zones)
def test_elapsed_is_the_exact_difference(first, second, one, other):
    start, end = first.in_timezone(one), second.in_timezone(other)
    found = localtime.elapsed(start, end)
    assert type(found) is dt.timedelta
    assert found == dt.timedelta(seconds=(end - start).total_seconds())
