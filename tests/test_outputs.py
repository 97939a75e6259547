"""No command writes over its own input, and no export replaces a file it did not write
without --force: one rule (eventplan.cli._outputs) for every format the command line writes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from eventplan._atomic import write_bytes
from eventplan.cli import main
from eventplan.files import reference_file

#: Each command that writes a file, as (argv after the input, the file it writes).
WRITERS = {
    "frab-json": (["frab"], "out.json"),
    "frab-xml": (["frab", "--format", "xml"], "out.xml"),
    "csv": (["csv"], "out.csv"),
    "csv-excel": (["csv", "--excel"], "out.csv"),
    "xlsx": (["xlsx"], "out.xlsx"),
    "ics": (["ics"], "out.ics"),
    "bilaterals": (["bilaterals", "--greedy"], "out.toml"),
}


@pytest.fixture
def event_file(tmp_path: Path) -> Path:
    path = tmp_path / "event.toml"
    path.write_bytes(reference_file().read_bytes())
    return path


def run(command: list[str], event: Path, output: Path, *more: str) -> int:
    return main([command[0], str(event), *command[1:], "-o", str(output), *more])


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize("force", [False, True], ids=["plain", "forced"])
def test_no_command_writes_over_its_own_input(name: str, force: bool, event_file: Path, capsys):
    command, _ = WRITERS[name]
    before = event_file.read_bytes()
    assert run(command, event_file, event_file, *(["--force"] if force else [])) == 2
    assert event_file.read_bytes() == before
    err = capsys.readouterr().err
    assert err.startswith(f"eventplan: {event_file}: is this command's input")
    assert err.count("\n") == 1


@pytest.mark.parametrize("name", WRITERS)
def test_the_input_by_another_name_is_still_the_input(name: str, event_file: Path, capsys):
    command, _ = WRITERS[name]
    hard, soft = event_file.with_name("hard.toml"), event_file.with_name("soft.toml")
    os.link(event_file, hard)
    soft.symlink_to(event_file.name)
    before = event_file.read_bytes()
    assert run(command, event_file, hard, "--force") == 2
    assert run(command, soft, event_file, "--force") == 2
    assert event_file.read_bytes() == before


def test_the_shipped_reference_event_is_an_input_too(capsys):
    before = reference_file().read_bytes()
    assert main(["frab", "-o", str(reference_file()), "--force"]) == 2
    assert reference_file().read_bytes() == before


@pytest.mark.parametrize("name", WRITERS)
def test_a_file_eventplan_did_not_write_is_refused_then_forced(
    name: str, event_file: Path, tmp_path: Path, capsys
):
    command, target = WRITERS[name]
    output = tmp_path / target
    foreign = b"somebody's notes\n"
    output.write_bytes(foreign)
    assert run(command, event_file, output) == 2
    assert output.read_bytes() == foreign
    err = capsys.readouterr().err
    assert f"eventplan: {output}: not " in err and "--force" in err and err.count("\n") == 1
    assert run(command, event_file, output, "--force") in (0, 1)  # bilaterals: 1 with findings
    assert output.read_bytes() != foreign


@pytest.mark.parametrize("name", WRITERS)
def test_a_file_eventplan_wrote_is_rewritten(name: str, event_file: Path, tmp_path: Path):
    command, target = WRITERS[name]
    output = tmp_path / target
    assert run(command, event_file, output) in (0, 1)
    output.chmod(0o640)
    first = output.read_bytes()
    assert run(command, event_file, output) in (0, 1)
    assert output.stat().st_mode & 0o777 == 0o640
    assert len(output.read_bytes()) > 0 and (name == "xlsx" or output.read_bytes() == first)


def test_a_schedule_of_another_format_is_not_taken_for_ours(event_file: Path, tmp_path: Path):
    output = tmp_path / "out.json"
    assert main(["csv", str(event_file), "-o", str(output)]) == 0
    assert main(["frab", str(event_file), "-o", str(output)]) == 2


def test_a_workbook_someone_saved_since_is_theirs(event_file: Path, tmp_path: Path):
    import openpyxl

    output = tmp_path / "out.xlsx"
    assert main(["xlsx", str(event_file), "-o", str(output)]) == 0
    book = openpyxl.load_workbook(output)
    book.properties.lastModifiedBy = "A. Planner"
    book.save(output)
    assert main(["xlsx", str(event_file), "-o", str(output)]) == 2


def test_an_empty_file_and_a_device_are_written(event_file: Path, tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.touch()
    assert main(["csv", str(event_file), "-o", str(empty)]) == 0
    assert main(["csv", str(event_file), "-o", os.devnull]) == 0


def test_a_full_disk_names_the_file(event_file: Path, capsys):
    assert main(["csv", str(event_file), "-o", "/dev/full"]) == 2
    assert capsys.readouterr().err == "eventplan: /dev/full: No space left on device\n"


def test_a_full_disk_names_the_file_not_the_temporary_one(tmp_path: Path, monkeypatch):
    def full(descriptor: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError) as raised:
        write_bytes(tmp_path / "programme.csv", b"x")
    assert raised.value.filename == str(tmp_path / "programme.csv")
    assert [p.name for p in tmp_path.iterdir()] == []


def test_closed_standard_output_is_one_line(event_file: Path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout", None)
    assert main(["ics", str(event_file)]) == 2
    assert main(["summary", str(event_file)]) == 2
    assert capsys.readouterr().err.count("standard output is closed") == 2


def test_closed_standard_output_from_a_shell(event_file: Path):
    import subprocess
    import sys

    done = subprocess.run(
        f"{sys.executable} -m eventplan ics {event_file} >&-",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "EVENTPLAN_CACHE_DIR": ""},
    )
    assert done.returncode == 2
    assert done.stderr == "eventplan: standard output is closed: give -o FILE, or run without >&-\n"


def test_a_csv_written_before_the_seats_columns_is_still_ours(tmp_path):
    from eventplan.cli import _outputs
    from eventplan.files.spreadsheets import COLUMNS, WRITTEN_HEADERS

    earlier = ",".join(WRITTEN_HEADERS[2]).encode() + b"\r\nopening,2025-10-25\r\n"
    assert "seats_low" not in WRITTEN_HEADERS[2] and "seats_low" in COLUMNS
    assert _outputs._csv(earlier)
    before_recording = ",".join(WRITTEN_HEADERS[1]).encode() + b"\r\nopening,2025-10-25\r\n"
    assert "recording" not in WRITTEN_HEADERS[1] and "recording" in COLUMNS
    assert _outputs._csv(before_recording)
    assert not _outputs._csv(b"id,date,start\r\n")
