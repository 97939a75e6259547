"""Writing every audience's calendar to disk, side by side with one programme export.

Run: python -m pytest -o addopts="" tests/benchmarks/test_file_benchmarks.py
Target (issue 9): all 1,113 calendars of a 2,000-session, 100-room,
1,000-delegation event written, into a fresh directory and over the files of
the previous run, in at most 3× one whole-programme export (in memory).
Compare the means of the group. The fourth benchmark writes the same files
one at a time, each flushed on its own: the cost the batched write removes.
Two more show where the time goes: the same calendars made in memory only, and
the disk's floor, the same bytes (made beforehand) written by the plainest
durable loop (temporary file, one flush for all, rename) with no checks.
Every round writes a fresh copy of the event (``attrs.evolve``), so nothing
derived from it is kept from the round before.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import tempfile
from pathlib import Path

import attrs
import pytest

from eventplan import _atomic, to_ics, write_calendars
from eventplan.calendars import CalendarWriter
from eventplan.demand.audiences import every_audience
from eventplan.model import editing
from eventplan.testing import synthetic_event

STAMP = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)
ROUNDS = 5


@pytest.fixture(scope="module")
def two_thousand():
    return synthetic_event(sessions=2_000, rooms=100, delegations=1_000, seed=2)


@pytest.fixture(scope="module")
def audiences(two_thousand):
    found = every_audience(two_thousand)
    assert len(found) == 1_113
    return found


@pytest.fixture
def scratch():
    folder = Path(tempfile.mkdtemp(prefix="eventplan-bench-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.benchmark(group="calendars-1113")
def test_one_programme_export_of_2k_sessions(benchmark, two_thousand):
    text = benchmark.pedantic(
        to_ics, setup=lambda: ((attrs.evolve(two_thousand),), {"stamp": STAMP}), rounds=ROUNDS
    )
    assert text.count("BEGIN:VEVENT") == 2_000


@pytest.mark.benchmark(group="calendars-1113")
def test_all_1113_calendars_into_a_fresh_directory(benchmark, two_thousand, audiences, scratch):
    fresh = (scratch / f"run-{n}" for n in itertools.count())

    def setup():
        return (attrs.evolve(two_thousand),), {
            "directory": next(fresh),
            "audiences": audiences,
            "stamp": STAMP,
        }

    written = benchmark.pedantic(write_calendars, setup=setup, rounds=ROUNDS)
    assert len(written) == 1_113


@pytest.mark.benchmark(group="calendars-1113")
def test_all_1113_calendars_over_the_previous_run(benchmark, two_thousand, audiences, scratch):
    # as a scheduled rerun: nothing changed, and each run is stamped later than the one before
    write_calendars(two_thousand, directory=scratch, audiences=audiences, stamp=STAMP)
    later = (STAMP + dt.timedelta(hours=n) for n in itertools.count(1))

    def setup():
        return (attrs.evolve(two_thousand),), {
            "directory": scratch,
            "audiences": audiences,
            "stamp": next(later),
        }

    written = benchmark.pedantic(write_calendars, setup=setup, rounds=ROUNDS)
    assert len(written) == 1_113 and not any(p.changed or p.new for p in written)


@pytest.mark.benchmark(group="calendars-1113")
def test_all_1113_calendars_after_one_session_moved(benchmark, two_thousand, audiences, scratch):
    # the previous run is written afresh before each round (not timed); the timed run moves one
    # session to another room, later, so its room's, its audience's and the programme's change
    session = two_thousand.sessions[0]
    rooms = [r.id for v in two_thousand.venues for r in v.rooms]
    elsewhere = next(r for r in rooms if r != session.room)
    moved = editing.replace_session(two_thousand, attrs.evolve(session, room=elsewhere))
    later = STAMP + dt.timedelta(days=1)

    def setup():
        shutil.rmtree(scratch, ignore_errors=True)
        write_calendars(two_thousand, directory=scratch, audiences=audiences, stamp=STAMP)
        return (attrs.evolve(moved),), {
            "directory": scratch,
            "audiences": audiences,
            "stamp": later,
        }

    written = benchmark.pedantic(write_calendars, setup=setup, rounds=ROUNDS)
    assert 0 < sum(1 for p in written if p.changed or p.withdrawn) < 1_113


def one_file_at_a_time(event, folder: Path, audiences) -> int:
    """The same calendars, each written and flushed on its own (the cost before batching)."""
    writer = CalendarWriter(event, stamp=STAMP)
    folder.mkdir()
    for audience in audiences:
        _atomic.write_text(folder / f"{audience.file_stem}.ics", writer.text(audience), newline="")
    return len(audiences)


@pytest.mark.benchmark(group="calendars-1113")
def test_all_1113_calendars_flushed_one_at_a_time(benchmark, two_thousand, audiences, scratch):
    fresh = (scratch / f"run-{n}" for n in itertools.count())

    def setup():
        return (attrs.evolve(two_thousand), next(fresh), audiences), {}

    assert benchmark.pedantic(one_file_at_a_time, setup=setup, rounds=ROUNDS) == 1_113


def all_calendars_in_memory(event, audiences) -> list[str]:
    writer = CalendarWriter(event, stamp=STAMP)
    return [writer.text(audience) for audience in audiences]


@pytest.mark.benchmark(group="calendars-1113")
def test_all_1113_calendars_made_in_memory_only(benchmark, two_thousand, audiences):
    made = benchmark.pedantic(
        all_calendars_in_memory,
        setup=lambda: ((attrs.evolve(two_thousand), audiences), {}),
        rounds=ROUNDS,
    )
    assert len(made) == 1_113


def plain_durable_writes(folder: Path, files: list[tuple[str, bytes]]) -> int:
    """The least a writer that keeps every file whole must do: write each to a temporary
    name, flush them all at once, rename each into place, flush the directory."""
    folder.mkdir()
    directory = os.open(folder, os.O_RDONLY)
    try:
        for name, data in files:
            descriptor = os.open(folder / f".{name}.tmp", os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            os.write(descriptor, data)
            os.close(descriptor)
        syncfs = _atomic._find_syncfs()
        if syncfs is None or not syncfs(directory):
            os.sync()
        for name, _ in files:
            os.replace(folder / f".{name}.tmp", folder / name)
        os.fsync(directory)
    finally:
        os.close(directory)
    return len(files)


@pytest.mark.benchmark(group="calendars-1113")
def test_disk_floor_the_same_1113_files_written_plainly(
    benchmark, two_thousand, audiences, scratch
):
    texts = all_calendars_in_memory(two_thousand, audiences)
    files = [(f"{a.file_stem}.ics", t.encode()) for a, t in zip(audiences, texts, strict=True)]
    fresh = (scratch / f"run-{n}" for n in itertools.count())

    def setup():
        return (next(fresh), files), {}

    assert benchmark.pedantic(plain_durable_writes, setup=setup, rounds=ROUNDS) == 1_113
