"""The iCalendar text layer: folding, UTC offsets and VTIMEZONEs from the tz database."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventplan
from eventplan import EventFileError
from eventplan.calendars import _ical


def fold_by_characters(line: str) -> str:
    """RFC 5545 §3.1 folding the slow and obvious way, one character at a time."""
    pieces, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74
        current += char
        size += width
    return "\r\n ".join([*pieces, current])


TEXT = st.text(
    alphabet=st.sampled_from("ab ,;\\é–ệ中𝄞") | st.characters(blacklist_categories=("Cs",)),
    max_size=400,
).map(lambda text: text.replace("\r", "").replace("\n", ""))


@given(st.lists(TEXT, min_size=1, max_size=5))
def test_folding_cuts_at_75_octets_between_characters(lines):
    assert _ical.lines(*lines) == "".join(fold_by_characters(line) + "\r\n" for line in lines)
    for line in lines:
        folded = _ical.fold(line)
        assert folded == fold_by_characters(line)
        assert list(_ical.unfold(folded)) == ([line] if line else [])
        assert max(len(part.encode("utf-8")) for part in folded.split("\r\n")) <= 75


@pytest.mark.parametrize(
    ("offset", "text"),
    [
        pytest.param(dt.timedelta(hours=7), "+0700", id="hanoi"),
        pytest.param(dt.timedelta(hours=-3, minutes=-30), "-0330", id="newfoundland"),
        pytest.param(dt.timedelta(), "+0000", id="utc"),
        pytest.param(dt.timedelta(hours=1, seconds=1172), "+011932", id="lmt-seconds"),
    ],
)
def test_utc_offsets(offset, text):
    assert _ical.utc_offset(offset) == text


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_a_zone_without_changes_has_one_observance_from_its_last_change():
    (only,) = _ical.observances("Asia/Ho_Chi_Minh", utc(2025, 10, 24), utc(2025, 10, 27))
    assert only == _ical.Observance(
        utc(1975, 6, 12, 16), dt.timedelta(hours=8), dt.timedelta(hours=7), False, "+07"
    )


def test_a_southern_zone_with_half_hour_summer_time():
    """Lord Howe Island moves its clocks by 30 minutes; its summer is the northern winter."""
    found = _ical.observances("Australia/Lord_Howe", utc(2025, 3, 1), utc(2025, 10, 31))
    assert [
        (o.onset, _ical.utc_offset(o.offset_from), _ical.utc_offset(o.offset_to), o.daylight)
        for o in found
    ] == [
        (utc(2024, 10, 5, 15, 30), "+1030", "+1100", True),
        (utc(2025, 4, 5, 15), "+1100", "+1030", False),
        (utc(2025, 10, 4, 15, 30), "+1030", "+1100", True),
    ]


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Africa/Casablanca"]
)
def test_every_hour_of_a_year_reads_back_with_the_zones_own_offset(zone):
    """The VTIMEZONE agrees with the tz database at every hour of its span."""
    first, last = utc(2025, 1, 1), utc(2026, 1, 1)
    found = _ical.observances(zone, first, last)
    info = zoneinfo.ZoneInfo(zone)
    moment = first
    while moment < last:
        rule = [o for o in found if o.onset <= moment][-1]
        assert rule.offset_to == moment.astimezone(info).utcoffset(), moment
        moment += dt.timedelta(hours=1)


def test_a_time_that_happens_twice_is_written_in_utc():
    times = _ical.Times("Europe/Berlin")
    assert times.property("DTSTART", utc(2025, 10, 26, 0, 30)) == "DTSTART:20251026T003000Z"
    assert times.property("DTSTART", utc(2025, 10, 26, 1, 30)) == "DTSTART:20251026T013000Z"
    assert (
        times.property("DTSTART", utc(2025, 10, 26, 2, 30))
        == "DTSTART;TZID=Europe/Berlin:20251026T033000"
    )
    assert _ical.Times().property("DTEND", utc(2025, 10, 26, 2, 30)) == "DTEND:20251026T023000Z"


@pytest.mark.parametrize(
    ("line", "instant"),
    [
        ("DTSTART:20251026T003000Z", utc(2025, 10, 26, 0, 30)),
        ("DTSTART;TZID=Europe/Berlin:20251027T090000", utc(2025, 10, 27, 8)),
        ('DTEND;TZID="Asia/Ho_Chi_Minh":20251025T090000', utc(2025, 10, 25, 2)),
        ("DUE;VALUE=DATE:20251024", None),
        ("DTSTART;TZID=Mars/Olympus:20251027T090000", None),
        ("DTSTART:20251027T090000", None),  # floating: no instant
    ],
)
def test_reading_back_a_date_time(line, instant):
    head, value = line.rsplit(":", 1)
    assert _ical.read_datetime(head, value) == instant


def test_importing_eventplan_loads_no_ics():
    """ics (and arrow under it) load only when to_calendar needs them."""
    code = "import sys, eventplan; print(sorted({'ics', 'arrow'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_an_organiser_with_a_bad_address_is_reported_with_its_path():
    text = eventplan.files.dumps_event(eventplan.reference_event()) + (
        '\n[organiser]\nname = "Protocol"\nemail = "protocol at example.org"\n'
    )
    with pytest.raises(EventFileError) as raised:
        eventplan.loads_event(text, source="event.toml")
    assert [str(p) for p in raised.value.problems] == [
        "organiser: 'email' must be an e-mail address such as "
        "'protocol@example.org': 'protocol at example.org'"
    ]
