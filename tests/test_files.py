"""Files are never clobbered: modes, links, pipes, long names, debris, foreign and stale calendars."""

from __future__ import annotations

import datetime as dt
import errno
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from builders import at, make_event, make_session
from calendar_readers import read_with_icalendar

from eventplan import (
    Delegation,
    Event,
    PartyKind,
    SessionKind,
    Turnout,
    _atomic,
    dump_event,
    reference_event,
    write_calendars,
)
from eventplan.calendars import write_ics
from eventplan.calendars.writer import session_uid
from eventplan.cli import main
from eventplan.demand.audiences import every_audience
from eventplan.errors import CalendarError, ForeignFileError
from eventplan.files import reference_file
from eventplan.model import AudienceRule

STAMP = dt.datetime(2030, 9, 1, tzinfo=dt.UTC)
HANOI = reference_event()
DENTIST = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
    "BEGIN:VEVENT\r\nUID:3F2A@example.com\r\nDTSTAMP:20251001T080000Z\r\n"
    "DTSTART:20251025T080000Z\r\nDTEND:20251025T090000Z\r\nSUMMARY:Dentist\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- modes ---------------------------------------------------------------------------------


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask_022: None):
    _atomic.write_text(tmp_path / "a.txt", "a\n")
    assert mode(tmp_path / "a.txt") == 0o644
    os.umask(0o027)
    _atomic.write_text(tmp_path / "b.txt", "b\n")
    assert mode(tmp_path / "b.txt") == 0o640


def test_every_command_writes_new_files_0644_under_umask_022(tmp_path: Path, umask_022: None):
    for argv in (
        ["ics", "-o", str(tmp_path / "programme.ics")],
        ["ics", "--for", "all", "--out-dir", str(tmp_path / "calendars")],
        ["frab", "-o", str(tmp_path / "schedule.json")],
        ["csv", "-o", str(tmp_path / "programme.csv")],
        ["csv", "--excel", "-o", str(tmp_path / "excel.csv")],
        ["xlsx", "-o", str(tmp_path / "programme.xlsx")],
    ):
        assert main(argv) == 0, argv
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 5 + len(every_audience(HANOI))
    assert {p.name: mode(p) for p in written} == {p.name: 0o644 for p in written}


@pytest.mark.parametrize("kept", [0o644, 0o664, 0o600, 0o640])
def test_rewriting_keeps_the_mode_of_the_file_there(tmp_path: Path, umask_022: None, kept: int):
    path = tmp_path / "programme.ics"
    write_ics(HANOI, path=path, stamp=STAMP)
    path.chmod(kept)
    write_ics(HANOI, path=path, stamp=STAMP + dt.timedelta(days=1))
    assert mode(path) == kept
    assert main(["ics", "--for", "all", "--out-dir", str(tmp_path)]) == 0
    assert mode(path) == kept


# --- links, pipes, directories -----------------------------------------------------------------


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path):
    feeds = tmp_path / "srv"
    feeds.mkdir()
    (feeds / "programme.ics").write_text("", encoding="utf-8")
    link = tmp_path / "programme.ics"
    link.symlink_to(feeds / "programme.ics")
    assert main(["ics", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(feeds / "programme.ics")
    assert (feeds / "programme.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programme.ics", "srv"]


def test_a_dangling_link_creates_its_target(tmp_path: Path):
    link = tmp_path / "schedule.json"
    link.symlink_to(tmp_path / "real.json")
    assert main(["frab", "-o", str(link)]) == 0
    assert link.is_symlink() and (tmp_path / "real.json").read_text(encoding="utf-8")[0] == "{"


def through_fifo(folder: Path, write: Callable[[Path], object]) -> bytes:
    """What a reader of a FIFO at ``folder/pipe`` receives while ``write`` writes to it."""
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write(fifo)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in folder.iterdir()) == ["pipe"]
    return received[0]


def test_a_fifo_is_written_to_and_never_replaced(tmp_path: Path):
    data = through_fifo(tmp_path, lambda fifo: main(["csv", "-o", str(fifo)]))
    assert data.decode("utf-8").startswith("id,date,start,end,")


def test_a_calendar_into_a_fifo_is_the_whole_calendar(tmp_path: Path):
    # nothing is read back from a pipe: that would block
    data = through_fifo(tmp_path, lambda fifo: write_ics(HANOI, path=fifo, stamp=STAMP))
    assert data.decode("utf-8").count("BEGIN:VEVENT") == len(HANOI.sessions)


def test_a_directory_as_output_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["csv", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"eventplan: {tmp_path}: is a directory, not a file\n"


# --- names, batches, debris ------------------------------------------------------------------


@pytest.mark.parametrize("length", [236, 244, 251])
def test_temporary_names_fit_the_limit_however_long_the_id(tmp_path: Path, length: int):
    room_id = ("r" * length)[: length - len("room-.ics")]
    target = tmp_path / f"room-{room_id}.ics"
    assert len(target.name) == length
    assert len(_atomic.temporary_name(target).name.encode()) <= 255
    _atomic.write_text(target, "x\n")
    assert target.read_text(encoding="utf-8") == "x\n"
    long_vietnamese = tmp_path / ("Phiên khai mạc " * 20)[:120]  # 2 or 3 bytes a letter
    assert len(long_vietnamese.name.encode()) > 130
    assert len(_atomic.temporary_name(long_vietnamese).name.encode()) <= 255
    _atomic.write_text(long_vietnamese, "y\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, long_vietnamese.name])


def test_a_batch_that_fails_writes_nothing(tmp_path: Path):
    (tmp_path / "a.txt").write_text("old a\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        _atomic.write_many(
            [
                (tmp_path / "a.txt", b"new a\n"),
                (tmp_path / "b.txt", b"new b\n"),
                (tmp_path / "missing" / "c.txt", b"new c\n"),
            ]
        )
    assert listing(tmp_path) == {"a.txt": b"old a\n"}


def counting_fsyncs(monkeypatch) -> list[int]:
    flushed: list[int] = []
    fsync = os.fsync
    monkeypatch.setattr(_atomic.os, "fsync", lambda fd: flushed.append(fd) or fsync(fd))
    return flushed


@pytest.mark.skipif(_atomic._find_syncfs() is None, reason="no syncfs that reports errors here")
def test_a_batch_is_flushed_once_for_all_its_files(tmp_path: Path, monkeypatch):
    flushed = counting_fsyncs(monkeypatch)
    synced: list[int] = []
    syncfs = _atomic._find_syncfs()
    monkeypatch.setattr(_atomic, "_find_syncfs", lambda: lambda fd: synced.append(fd) or syncfs(fd))
    _atomic.write_many([(tmp_path / f"{n}.txt", b"x") for n in range(5)])
    # the file system, then the directory with the journal in it, then with the files
    assert len(synced) == 1 and len(flushed) == 2
    _atomic.write_text(tmp_path / "one.txt", "y")
    assert len(synced) == 1 and len(flushed) == 4  # a single file: its own flush, no journal


def test_without_syncfs_each_file_of_a_batch_is_flushed(tmp_path: Path, monkeypatch):
    flushed = counting_fsyncs(monkeypatch)
    monkeypatch.setattr(_atomic, "_find_syncfs", lambda: lambda fd: False)  # refused
    _atomic.write_many([(tmp_path / f"{n}.txt", b"x") for n in range(5)])
    assert len(flushed) == 5 + 1 + 2  # the files and the journal, then the directory twice
    assert listing(tmp_path) == {f"{n}.txt": b"x" for n in range(5)}


def test_a_batch_whose_flush_fails_writes_nothing(tmp_path: Path, monkeypatch):
    (tmp_path / "a.txt").write_bytes(b"old a\n")

    def failing(descriptor: int) -> bool:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(_atomic, "_find_syncfs", lambda: failing)
    with pytest.raises(OSError, match="Input/output error"):
        _atomic.write_many([(tmp_path / "a.txt", b"new a\n"), (tmp_path / "b.txt", b"b\n")])
    assert listing(tmp_path) == {"a.txt": b"old a\n"}


def test_a_batch_that_names_one_file_twice_is_refused(tmp_path: Path):
    (tmp_path / "link").symlink_to(tmp_path / "a.txt")
    with pytest.raises(ValueError, match=r"a\.txt: written twice in one batch"):
        _atomic.write_many([(tmp_path / "a.txt", b"1"), (tmp_path / "link", b"2")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link"]


def finished_process_id() -> int:
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(process.stdout)


def test_debris_of_a_killed_run_is_removed_by_the_next(tmp_path: Path):
    killed = f".programme.ics.{finished_process_id()}-0badc0de{_atomic.TEMPORARY_SUFFIX}"
    running = f".programme.ics.{os.getppid()}-0badc0de{_atomic.TEMPORARY_SUFFIX}"
    unrelated = ".programme.ics.notes.tmp"
    for name in (killed, running, unrelated):
        (tmp_path / name).write_bytes(b"")
    assert main(["ics", "--for", "all", "--out-dir", str(tmp_path)]) == 0
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == sorted([running, unrelated])  # a running writer's file is left alone


def test_a_write_killed_midway_leaves_the_previous_file_whole(tmp_path: Path):
    path = tmp_path / "programme.ics"
    write_ics(HANOI, path=path, stamp=STAMP)
    before = path.read_bytes()
    script = (
        "import os, sys\n"
        "from eventplan import _atomic\n"
        "_atomic.os.replace = lambda *a: os.kill(os.getpid(), 9)\n"
        f"_atomic.write_text({str(path)!r}, 'half')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    process = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert process.returncode == -9
    assert path.read_bytes() == before
    (debris,) = [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    write_ics(HANOI, path=path, stamp=STAMP)
    assert not debris.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["programme.ics"]


# --- foreign calendars -------------------------------------------------------------------------


def test_a_foreign_calendar_is_refused_and_left_as_it_was(tmp_path: Path, capsys):
    path = tmp_path / "programme.ics"
    path.write_text(DENTIST, encoding="utf-8", newline="")
    with pytest.raises(ForeignFileError) as caught:
        write_ics(HANOI, path=path, stamp=STAMP)
    assert str(caught.value) == (
        f"{path}: not an eventplan calendar of this event "
        "(a calendar made by '-//Apple Inc.//macOS 14.0//EN'); nothing was written. "
        "Move it away, or overwrite it with --force (force=True)"
    )
    assert main(["ics", "-o", str(path)]) == 2
    assert capsys.readouterr().err == f"eventplan: {caught.value}\n"
    assert listing(tmp_path) == {"programme.ics": DENTIST.encode()}


def test_another_events_calendar_is_refused(tmp_path: Path):
    path = tmp_path / "programme.ics"
    write_ics(make_event(), path=path, stamp=STAMP)
    before = path.read_bytes()
    with pytest.raises(
        ForeignFileError,
        match=r"an eventplan calendar of another event: VEVENT 'opening\.mini@eventplan'",
    ):
        write_ics(HANOI, path=path, stamp=STAMP)
    assert path.read_bytes() == before


def test_force_overwrites_a_foreign_calendar_without_merging_it(tmp_path: Path):
    path = tmp_path / "programme.ics"
    path.write_text(DENTIST, encoding="utf-8", newline="")
    assert main(["ics", "-o", str(path), "--force"]) == 0
    records = read_with_icalendar(path.read_text(encoding="utf-8"))
    assert "3F2A@example.com" not in records
    assert {r.sequence for r in records.values()} == {0}


def test_a_foreign_calendar_in_the_out_dir_stops_the_whole_run(tmp_path: Path):
    (tmp_path / "room-main-hall.ics").write_text(DENTIST, encoding="utf-8", newline="")
    with pytest.raises(ForeignFileError, match=r"room-main-hall\.ics"):
        write_calendars(HANOI, directory=tmp_path, audiences=every_audience(HANOI), stamp=STAMP)
    assert listing(tmp_path) == {"room-main-hall.ics": DENTIST.encode()}


def test_foreign_files_beside_the_calendars_are_left_alone(tmp_path: Path):
    (tmp_path / "room-old-hall.ics").write_text(DENTIST, encoding="utf-8", newline="")
    (tmp_path / "notes.ics").write_text("shopping list\n", encoding="utf-8")
    write_calendars(HANOI, directory=tmp_path, audiences=every_audience(HANOI), stamp=STAMP)
    assert (tmp_path / "room-old-hall.ics").read_bytes() == DENTIST.encode()
    assert (tmp_path / "notes.ics").read_text(encoding="utf-8") == "shopping list\n"


# --- stale calendars in --out-dir --------------------------------------------------------------


def move(event: Event, session_id: str, room: str) -> Event:
    sessions = tuple(
        attrs.evolve(s, room=room) if s.id == session_id else s for s in event.sessions
    )
    return attrs.evolve(event, sessions=sessions)


def run_all(event: Event, folder: Path, event_file: Path) -> None:
    dump_event(event, path=event_file)
    assert main(["ics", str(event_file), "--for", "all", "--out-dir", str(folder)]) == 0


def test_a_session_moved_out_of_its_only_room_is_cancelled_there(tmp_path: Path):
    folder, event_file = tmp_path / "calendars", tmp_path / "event.toml"
    run_all(HANOI, folder, event_file)
    banquet = folder / "room-banquet-hall.ics"
    uid = session_uid(HANOI, HANOI.session("state-banquet"))
    assert read_with_icalendar(banquet.read_text(encoding="utf-8"))[uid].status == "CONFIRMED"

    moved = move(HANOI, "state-banquet", "main-hall")
    assert "room:banquet-hall" not in {str(a) for a in every_audience(moved)}
    run_all(moved, folder, event_file)
    record = read_with_icalendar(banquet.read_text(encoding="utf-8"))[uid]
    assert (record.status, record.sequence) == ("CANCELLED", 1)
    main_hall = read_with_icalendar((folder / "room-main-hall.ics").read_text(encoding="utf-8"))
    assert (main_hall[uid].status, main_hall[uid].sequence) == ("CONFIRMED", 0)

    run_all(moved, folder, event_file)  # cancelled once: the next run changes nothing
    record = read_with_icalendar(banquet.read_text(encoding="utf-8"))[uid]
    assert (record.status, record.sequence) == ("CANCELLED", 1)


def test_a_session_moved_out_of_a_busy_room_is_cancelled_there(tmp_path: Path):
    folder, event_file = tmp_path / "calendars", tmp_path / "event.toml"
    run_all(HANOI, folder, event_file)
    uid = session_uid(HANOI, HANOI.session("opening"))
    run_all(move(HANOI, "opening", "side-hall-c"), folder, event_file)
    old = read_with_icalendar((folder / "room-main-hall.ics").read_text(encoding="utf-8"))
    assert (old[uid].status, old[uid].sequence) == ("CANCELLED", 1)


def delegations_event(*delegations: str) -> Event:
    names = {"at": "Austria", "vn": "Viet Nam"}
    parties = tuple(
        Delegation(id=d, name=names[d], kind=PartyKind.MEMBER_STATE) for d in delegations
    )
    bilateral = make_session(
        "bilateral",
        kind=SessionKind.BILATERAL,
        start=at(25, 11),
        end=at(25, 12),
        audience=(AudienceRule(parties=tuple(f"delegation:{d}" for d in delegations), behind=2),),
    )
    return make_event(
        sessions=(make_session("plenary", kind=SessionKind.PLENARY), bilateral),
        turnouts=(Turnout(name="planned", delegations=parties),),
    )


def test_a_delegation_dropped_from_the_turnout_gets_its_sessions_cancelled(tmp_path: Path):
    folder, event_file = tmp_path / "calendars", tmp_path / "event.toml"
    before = delegations_event("at", "vn")
    run_all(before, folder, event_file)
    viet_nam = folder / "delegation-vn.ics"
    first = read_with_icalendar(viet_nam.read_text(encoding="utf-8"))
    assert {r.status for r in first.values()} == {"CONFIRMED"} and len(first) == 2

    run_all(delegations_event("at"), folder, event_file)
    text = viet_nam.read_bytes().decode("utf-8")
    after = read_with_icalendar(text)
    assert set(after) == set(first)
    assert {(r.status, r.sequence) for r in after.values()} == {("CANCELLED", 1)}
    assert "X-WR-CALNAME:Mini summit — Viet Nam\r\n" in text  # the name it had

    run_all(delegations_event("at"), folder, event_file)
    again = read_with_icalendar(viet_nam.read_text(encoding="utf-8"))
    assert {(r.status, r.sequence) for r in again.values()} == {("CANCELLED", 1)}


def test_for_all_into_a_fresh_directory_skips_audiences_with_nothing(tmp_path: Path):
    run_all(delegations_event("at", "vn"), tmp_path / "calendars", tmp_path / "event.toml")
    assert sorted(p.name for p in (tmp_path / "calendars").iterdir()) == [
        "delegates.ics",
        "delegation-at.ics",
        "delegation-vn.ics",
        "kind-member_state.ics",
        "programme.ics",
        "room-hall-a.ics",
    ]


def test_a_missing_directory_is_named_in_the_error(tmp_path: Path, capsys):
    target = tmp_path / "missing" / "programme.csv"
    assert main(["csv", "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"eventplan: {target}: No such file or directory\n"
    assert list(tmp_path.iterdir()) == []


def test_a_calendar_that_fails_midway_through_out_dir_writes_none(tmp_path: Path):
    write_calendars(HANOI, directory=tmp_path, audiences=["room:lobby"], stamp=STAMP)
    lobby = tmp_path / "room-lobby.ics"
    broken = lobby.read_bytes().replace(b"SEQUENCE:0", b"SEQUENCE:x")
    lobby.write_bytes(broken)
    with pytest.raises(CalendarError, match=r"SEQUENCE of .* is not a whole number: 'x'"):
        write_calendars(HANOI, directory=tmp_path, audiences=every_audience(HANOI), stamp=STAMP)
    assert listing(tmp_path) == {"room-lobby.ics": broken}  # nothing else, no temporary files


def test_a_name_too_long_for_the_file_system_stops_the_batch_first(tmp_path: Path):
    too_long = tmp_path / ("delegation-" + "x" * 250 + ".ics")
    with pytest.raises(OSError, match="File name too long") as caught:
        _atomic.write_many([(tmp_path / "programme.ics", b"a"), (too_long, b"b")])
    assert caught.value.filename == str(too_long)
    assert list(tmp_path.iterdir()) == []


def test_a_device_given_to_o_is_written_to_and_stays_a_device(tmp_path: Path):
    # A private copy of the null device (char 1:3), so that a regression replaces this node,
    # never the machine's /dev/null. Making a device node needs root.
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    assert main(["ics", "-o", str(device)]) == 0
    assert main(["frab", "-o", str(device)]) == 0
    assert main(["csv", "-o", str(device)]) == 0
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert os.major(device.lstat().st_rdev) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


# --- a set killed among its renames ------------------------------------------------------------

KILL_AFTER_FIRST_RENAME = """
import os, signal, sys
real = os.replace
def replace(source, target):
    real(source, target)
    if str(target).endswith(".ics"):
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer or a power cut would
os.replace = replace
from eventplan.cli import main
main(sys.argv[1:])
"""


def test_a_set_killed_among_its_renames_is_completed_and_reported_by_the_next_run(
    tmp_path: Path,
):
    out = tmp_path / "feeds"
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    text = reference_file().read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace('title = "', 'title = "Revised: '), encoding="utf-8")
    env = {**os.environ, "EVENTPLAN_CACHE_DIR": ""}

    def eventplan(*argv: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
        command = ["-c", code, *argv] if code else ["-m", "eventplan", *argv]
        return subprocess.run(
            [sys.executable, *command], env=env, capture_output=True, text=True, timeout=120
        )

    assert eventplan("ics", str(old), "--for", "all", "--out-dir", str(out)).returncode == 0
    before = listing(out)
    killed = eventplan(
        "ics", str(new), "--for", "all", "--out-dir", str(out), code=KILL_AFTER_FIRST_RENAME
    )
    assert killed.returncode == -signal.SIGKILL
    assert (out / _atomic.JOURNAL).exists()  # the marker of a set half published
    half = listing(out)
    changed = [name for name in before if half.get(name) != before[name]]
    assert len(changed) == 1  # one new calendar among the old ones

    again = eventplan("ics", str(new), "--for", "all", "--out-dir", str(out))
    assert again.returncode == 0, again.stderr
    first_line = again.stderr.splitlines()[0]
    assert first_line.startswith(f"eventplan: {out}: an earlier run stopped while publishing")
    assert "renamed into place" in first_line
    assert not (out / _atomic.JOURNAL).exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    assert all("(no changes)" in line for line in again.stderr.splitlines()[1:])
    assert all("Revised: " in body.decode() for body in listing(out).values())
