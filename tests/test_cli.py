"""The ``eventplan`` command: output on stdout, problems on stderr, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import DATA

from eventplan.cli import main


def test_summary_of_the_reference_event_by_default(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Signing ceremony of the United Nations Convention against Cybercrime\n")
    assert "  national delegations   110" in out
    assert (
        "  └─ Media – Culture Sub-committee (lead: Ministry of Foreign Affairs of Viet Nam)" in out
    )
    assert "[breakdown-does-not-add-up]" in out


def test_summary_json_has_the_documented_keys(capsys):
    assert main(["summary", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {"sessions_by_kind", "subcommittees", "participation", "findings"} <= set(summary)
    participation = summary["participation"]
    assert participation["national_delegations"] == 110
    assert participation["research_institutions"] == {"min": 51, "max": 60}
    assert participation["signatories"] == 72
    assert participation["signatories_at_plenary"] == 64
    assert {
        "name": "Protocol Sub-committee",
        "lead": "Ministry of Foreign Affairs of Viet Nam",
    }.items() <= (
        next(s for s in summary["subcommittees"] if s["name"] == "Protocol Sub-committee").items()
    )
    assert all(set(f) >= {"code", "severity", "message"} for f in summary["findings"])


def test_summary_for_another_turnout(capsys):
    assert main(["summary", "--turnout", "planned", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["turnout"] == "planned"


def test_bad_file_lists_its_problems_on_stderr_and_exits_2(capsys):
    path = DATA / "invalid" / "several_problems.toml"
    assert main(["summary", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    expected = (path.with_suffix(".problems")).read_text(encoding="utf-8").splitlines()
    assert captured.err.splitlines() == [
        f"eventplan: {path}: 3 problems:",
        *(f"  {p}" for p in expected),
    ]


def test_unknown_turnout_exits_2_naming_the_choices(capsys):
    assert main(["summary", "--turnout", "forecast"]) == 2
    assert capsys.readouterr().err == (
        "eventplan: unknown turnout 'forecast'; one of: 2025-10-06, 2025-10-14, planned, actual\n"
    )


def test_missing_file_exits_2(capsys, tmp_path: Path):
    assert main(["summary", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "eventplan", "summary", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["participation"]["press_agencies"] == 189


@pytest.mark.parametrize(
    "argv",
    [[], ["frobnicate"], ["summary", "--format", "xml"]],
    ids=["none", "unknown", "bad-format"],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2


def test_ics_to_standard_output(capsys):
    assert main(["ics", "--for", "room:main-hall"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")
    assert out.count("BEGIN:VEVENT") == 5


def test_ics_for_all_writes_one_file_per_audience(tmp_path: Path, capsys):
    assert main(["ics", "--for", "all", "--out-dir", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert (
        "programme.ics" in names
        and "subcommittee-protocol.ics" in names
        and "room-main-hall.ics" in names
    )
    assert (
        f"{tmp_path / 'programme.ics'}: 20 items for programme (20 new)" in capsys.readouterr().err
    )
    assert main(["ics", "--for", "all", "--out-dir", str(tmp_path)]) == 0
    assert (
        f"{tmp_path / 'programme.ics'}: 20 items for programme (no changes)"
        in capsys.readouterr().err
    )


def test_ics_for_all_skips_party_kinds_with_no_parties(tmp_path: Path, capsys):
    # issue 10: `--for all` wrote calendars for party kinds with no parties
    assert main(["ics", "--for", "all", "--out-dir", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "delegates.ics",
        "kind-member_state.ics",
        "kind-organisations.ics",
        "kind-press.ics",
        "kind-research_institution.ics",
        "programme.ics",
        "room-banquet-hall.ics",
        "room-exhibition-floor.ics",
        "room-lobby.ics",
        "room-main-hall.ics",
        "room-press-conference-room.ics",
        "room-side-hall-a.ics",
        "room-side-hall-b.ics",
        "room-side-hall-c.ics",
        "subcommittee-content.ics",
        "subcommittee-high-level-diplomacy-advocacy.ics",
        "subcommittee-media-culture.ics",
        "subcommittee-protocol.ics",
    ]
    assert "private_sector" not in capsys.readouterr().err


def test_ics_for_all_still_rewrites_a_calendar_it_would_not_write_now(tmp_path: Path, capsys):
    written = tmp_path / "kind-private_sector.ics"
    assert main(["ics", "--for", "kind:private_sector", "-o", str(written)]) == 0
    capsys.readouterr()
    assert main(["ics", "--for", "all", "--out-dir", str(tmp_path)]) == 0
    assert f"{written}: 17 items for kind:private_sector (no changes)" in capsys.readouterr().err
    assert len(list(tmp_path.iterdir())) == 19


def test_ics_for_all_needs_a_directory(capsys):
    assert main(["ics", "--for", "all"]) == 2
    assert (
        capsys.readouterr().err
        == "eventplan: --for all writes one file per audience: give --out-dir DIR\n"
    )


def test_ics_for_an_unknown_sub_committee_exits_2(capsys):
    assert main(["ics", "--for", "subcommittee:catering"]) == 2
    assert capsys.readouterr().err.startswith(
        "eventplan: unknown sub-committee 'catering'; one of: content, "
    )


def test_frab_and_csv_write_files(tmp_path: Path):
    assert main(["frab", "-o", str(tmp_path / "schedule.json")]) == 0
    assert (
        json.loads((tmp_path / "schedule.json").read_text(encoding="utf-8"))["schedule"][
            "conference"
        ]["acronym"]
        == "hanoi_convention_2025"
    )
    assert main(["csv", "-o", str(tmp_path / "programme.csv")]) == 0
    assert (tmp_path / "programme.csv").read_text(encoding="utf-8").startswith("id,date,start,end,")


def test_check_exits_1_when_a_finding_is_an_error(capsys):
    assert main(["check", "--turnout", "actual"]) == 1
    assert capsys.readouterr().out.startswith(
        "Capacity checks for hanoi-convention-2025, turnout 'actual': 4 error"
    )


def test_check_exits_0_for_the_plan_it_was_made_for(capsys):
    assert main(["check", "--turnout", "planned", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"error": 0, "warning": 1, "info": 1, "ok": 36}


def test_check_bad_file_exits_2(capsys):
    assert main(["check", str(DATA / "invalid" / "unknown_room.toml")]) == 2


def test_negative_alarm_exits_2(capsys):
    assert main(["ics", "--alarm", "-5"]) == 2
    assert (
        capsys.readouterr().err
        == "eventplan: --alarm takes minutes before the session, 0 to 527,040 (a year): -5\n"
    )


def test_schema_writes_the_shipped_schema_and_keeps_other_files(tmp_path, capsys):
    from eventplan.files.schema import SCHEMA_FILE

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == SCHEMA_FILE.read_text(encoding="utf-8")
    target = tmp_path / "event.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert main(["schema", "-o", str(target)]) == 0  # its own file, replaced
    assert target.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")
    foreign = tmp_path / "other.json"
    foreign.write_text('{"title": "someone else\'s schema"}', encoding="utf-8")
    assert main(["schema", "-o", str(foreign)]) == 2
    assert "not an event-file schema written by eventplan" in capsys.readouterr().err
    assert foreign.read_text(encoding="utf-8") == '{"title": "someone else\'s schema"}'
    assert main(["schema", "-o", str(foreign), "--force"]) == 0


def test_what_the_command_line_says_shows_control_characters_escaped(capsys):
    """Every message of the command line goes through one edge, which escapes what a terminal
    would run (an ESC from a file name or a value read), and keeps tabs and line breaks."""
    from eventplan.cli import commands

    commands._say("sessions.x: unknown room 'hall\x1b[2J'\n\tsecond line")
    assert capsys.readouterr().err == (
        "eventplan: sessions.x: unknown room 'hall\\x1b[2J'\n\tsecond line\n"
    )
