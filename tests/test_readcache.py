"""What the command line read before is kept for its next run, and only ever saves time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import eventplan
from eventplan.cli import main
from eventplan.files import eventfile, readcache

HANOI_TEXT = eventfile.reference_file().read_text(encoding="utf-8")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTPLAN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the event reader parsed."""
    seen: list[str] = []
    loads = eventfile.loads_event

    def counting(text: str, **kwargs: object) -> eventplan.Event:
        seen.append(str(kwargs.get("source")))
        return loads(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(eventfile, "loads_event", counting)
    monkeypatch.setattr("eventplan.schedules.reading.loads_event", counting)
    return seen


def summary_of(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["summary", str(path)]) == 0
    return capsys.readouterr().out


def test_the_second_run_on_a_file_reads_what_the_first_kept(tmp_path, cache, reads, capsys):
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    first = summary_of(path, capsys)
    second = summary_of(path, capsys)
    assert first == second
    assert reads == [str(path)]  # parsed once
    (entry,) = cache.iterdir()
    assert entry.suffix == readcache.SUFFIX
    assert readcache.cached(path, lambda: pytest.fail("read again"), lambda _: True) == (
        eventplan.load_event(path),
        (),
    )


def test_an_edited_file_is_read_again(tmp_path, cache, reads, capsys):
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    summary_of(path, capsys)
    path.write_text(HANOI_TEXT.replace('name = "', 'name = "Edited ', 1), encoding="utf-8")
    assert "Edited " in summary_of(path, capsys)
    assert reads == [str(path), str(path)]


def test_a_schedule_keeps_its_findings(cache, capsys):
    schedule = Path(__file__).parent / "data" / "schedules" / "camp2019.schedule.json"
    for _ in range(2):
        assert main(["check", str(schedule)]) == 0
        assert "info: the schedule says" in capsys.readouterr().err


def test_a_damaged_entry_is_a_miss(tmp_path, cache, reads, capsys):
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    summary_of(path, capsys)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a pickle")
    summary_of(path, capsys)
    assert len(reads) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX ownership")
def test_an_entry_others_can_write_is_never_unpickled(tmp_path, cache, reads, capsys):
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    summary_of(path, capsys)
    (entry,) = cache.iterdir()
    entry.chmod(0o666)
    summary_of(path, capsys)
    assert len(reads) == 2
    assert not entry.stat().st_mode & 0o022  # kept again, privately
    summary_of(path, capsys)
    assert len(reads) == 2
    cache.chmod(0o777)
    entry.chmod(0o600)
    summary_of(path, capsys)
    assert len(reads) == 3


def test_an_empty_setting_turns_it_off(tmp_path, monkeypatch, reads, capsys):
    monkeypatch.setenv("EVENTPLAN_CACHE_DIR", "")
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    summary_of(path, capsys)
    summary_of(path, capsys)
    assert len(reads) == 2
    assert readcache.directory() is None


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("EVENTPLAN_CACHE_DIR", str(blocked / "cache"))
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    assert "national delegations" in summary_of(path, capsys)


def test_only_the_newest_entries_are_kept(tmp_path, cache, monkeypatch, capsys):
    monkeypatch.setattr(readcache, "MAX_ENTRIES", 2)
    for n in range(4):
        path = tmp_path / f"v{n}.toml"
        path.write_text(HANOI_TEXT.replace('name = "', f'name = "V{n} ', 1), encoding="utf-8")
        summary_of(path, capsys)
    assert len(list(cache.iterdir())) == 2


def test_the_default_place_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTPLAN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert readcache.directory() == tmp_path / "eventplan"


def test_a_time_in_the_hour_the_clock_repeats_keeps_its_instant():
    # pendulum's own pickling drops `fold` (python-pendulum/pendulum#908): 02:30 after the clocks
    # went back would come back an hour early, in a kept event and in a process pool's worker
    import pendulum

    from eventplan import _shipping

    first = pendulum.datetime(2025, 10, 26, 0, 30, tz="UTC").in_timezone("Europe/Berlin")
    second = first.add(hours=1)
    assert (first.hour, second.hour, second.fold) == (2, 2, 1)
    for moment in (first, second):
        again = _shipping.loads(_shipping.dumps(moment))
        assert (again.timestamp(), type(again)) == (moment.timestamp(), type(moment))
    unpacked = _shipping.unpack(_shipping.pack([second]))
    assert unpacked[0].timestamp() == second.timestamp()


def only_entry(cache: Path) -> Path:
    (entry,) = cache.iterdir()
    return entry


def test_an_entry_of_the_wrong_type_is_a_miss(tmp_path, cache, reads, capsys):
    from eventplan import _shipping

    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    first = summary_of(path, capsys)
    only_entry(cache).write_bytes(_shipping.dumps(["a valid pickle", "of the wrong type"]))
    assert summary_of(path, capsys) == first
    assert reads == [str(path), str(path)]


def test_a_fifo_planted_as_an_entry_is_a_miss_not_a_hang(tmp_path, cache, reads, capsys):
    import subprocess
    import sys

    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    summary_of(path, capsys)
    entry = only_entry(cache)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    done = subprocess.run(
        [sys.executable, "-m", "eventplan", "summary", str(path)],
        env={**os.environ, "EVENTPLAN_CACHE_DIR": str(cache)},
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_an_entry_that_is_a_link_or_a_directory_is_a_miss(tmp_path, cache, reads, capsys):
    path = tmp_path / "hanoi.toml"
    path.write_text(HANOI_TEXT, encoding="utf-8")
    first = summary_of(path, capsys)
    entry = only_entry(cache)
    kept = tmp_path / "kept.pickle"
    entry.rename(kept)
    entry.symlink_to(kept)
    assert summary_of(path, capsys) == first
    entry.unlink()
    entry.mkdir()
    assert summary_of(path, capsys) == first
    assert reads == [str(path)] * 3


def test_a_file_above_the_size_limit_is_refused_before_it_is_digested(
    tmp_path, cache, monkeypatch, capsys
):
    import hashlib

    digested: list[int] = []
    real = hashlib.blake2b

    class Counting:
        def __init__(self, *args: object, **kwargs: object) -> None:
            self.inner = real(*args, **kwargs)  # type: ignore[arg-type]

        def update(self, data: bytes) -> None:
            digested.append(len(data))
            self.inner.update(data)

        def hexdigest(self) -> str:
            return self.inner.hexdigest()

    monkeypatch.setattr(hashlib, "blake2b", Counting)
    sparse = tmp_path / "sparse.toml"
    with open(sparse, "wb") as file:
        file.truncate(3 * 1024**3)  # 3 GB that take no disk
    assert main(["summary", str(sparse)]) == 2
    assert "too large" in capsys.readouterr().err
    assert sum(digested) < eventplan.limits.MAX_FILE_BYTES
