"""Output for an 80-column terminal, and the everyday commands: validate, diff, init, norms."""

from __future__ import annotations

import json
import re

import pytest
from builders import DATA

import eventplan
from eventplan import _text
from eventplan.cli import main
from eventplan.model import editing

HANOI = eventplan.reference_event()
COMMANDS = {
    "summary": ["summary"],
    "summary-planned": ["summary", "--turnout", "planned"],
    "check": ["check"],
    "check-all": ["check", "--all"],
    "check-planned-all": ["check", "--turnout", "planned", "--all"],
    "simulate": ["simulate", "--draws", "2000"],
    "norms": ["norms"],
    "speakers": ["speakers"],
    "signing": ["signing"],
    "bilaterals": ["bilaterals"],
    "seating": ["seating", "--session", "opening"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_no_line_is_wider_than_80_columns(name, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    main(COMMANDS[name])
    lines = capsys.readouterr().out.splitlines()
    # a web address is never broken, so that it can be copied; nothing else may overflow
    assert [line for line in lines if len(line) > 80 and not line.strip().startswith("http")] == []


@pytest.mark.parametrize("columns", [60, 100])
def test_text_follows_the_terminal_width(columns, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(columns))
    main(["check", "--all"])
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert max(len(line) for line in lines) > columns - 10  # it uses the width it has


def test_each_norm_is_cited_once_in_a_numbered_list(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    main(["check", "--all"])
    out = capsys.readouterr().out
    findings, norms = out.split("\nNorms\n")
    listed = [int(n) for n in re.findall(r"^  \[ ?(\d+)\] ", norms, flags=re.MULTILINE)]
    cited = {norm.id for finding in eventplan.check(HANOI).findings for norm in finding.norms}
    assert listed == list(range(1, len(cited) + 1))
    referred = {
        int(n)
        for refs in re.findall(r"\(norms?\s+([\d,\s]+)\)", findings)
        for n in re.findall(r"\d+", refs)
    }
    assert referred == set(listed)
    assert "norm: " not in findings


def test_verbose_check_prints_each_norm_under_its_finding(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    main(["check", "--verbose"])
    out = capsys.readouterr().out
    assert "\nNorms\n" not in out
    report = eventplan.check(HANOI)
    shown = [f for f in report.findings if f.severity.value != "ok"]
    assert out.count("norm: ") == sum(len(f.norms) for f in shown)


def test_counts_read_in_the_right_number():
    assert [_text.plural(n, w) for n, w in ((1, "error"), (8, "error"), (2, "ceremony"))] == [
        "1 error",
        "8 errors",
        "2 ceremonies",
    ]
    headline = eventplan.check(HANOI).headline()
    assert re.search(r": \d+ errors?, \d+ warnings?, \d+ info, \d+ ok$", headline)
    assert "1 items" not in eventplan.summarise(HANOI).render_text()


def test_an_overnight_session_stays_in_its_columns():
    from builders import at, make_event, make_session

    event = editing.with_session(
        make_event(), make_session("dinner", title="Dinner", start=at(25, 20), end=at(26, 1, 30))
    )
    lines = eventplan.summarise(event).render_text(width=80).splitlines()
    dinner = next(line for line in lines if "Dinner" in line)
    opening = next(line for line in lines if "Opening" in line)
    assert dinner.startswith("    20:00–01:30 +1d  Dinner")
    assert dinner.index("Dinner") == opening.index("Opening")


def test_summary_prints_as_text_and_as_html():
    summary = eventplan.summarise(HANOI)
    assert str(summary) == summary.render_text()
    page = summary._repr_html_()
    assert page.startswith("<h3>Signing ceremony of the United Nations Convention")
    assert "<td>national delegations</td><td>110</td>" in page
    assert "<div>Theme: “Combating Cybercrime – Sharing Responsibility" in page
    assert "', 2)" not in page


def test_validate_says_ok_with_the_counts_on_one_line(capsys):
    path = eventplan.files.reference_file()
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"ok: {path}: 20 sessions, 11 rooms, 4 turnouts, 11 party groups, 6 tasks, "
        "31 reported figures, 34 sources\n"
    )


def test_validate_lists_problems_and_exits_2(capsys):
    path = DATA / "invalid" / "several_problems.toml"
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"eventplan: {path}: 3 problems:\n")


def test_init_writes_a_starter_that_checks_cleanly_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "x.toml"
    assert main(["init", str(path)]) == 0
    assert main(["validate", str(path)]) == 0
    assert main(["check", str(path)]) == 0
    report = eventplan.check(eventplan.load_event(path))
    assert (report.errors, report.warnings) == ((), ())
    before = path.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["init", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"eventplan: {path}: already exists; init never overwrites a file\n"
    )
    assert path.read_text(encoding="utf-8") == before


def test_diff_is_the_same_as_eventplan_diff(tmp_path, capsys):
    old = tmp_path / "old.toml"
    new = tmp_path / "new.toml"
    main(["init", str(old)])
    text = old.read_text(encoding="utf-8")
    new.write_text(
        text.replace('title = "Closing session"', 'title = "Closing and adoption"').replace(
            "end = 2026-06-11T12:00:00", "end = 2026-06-11T12:30:00"
        ),
        encoding="utf-8",
    )
    expected = eventplan.diff(eventplan.load_event(old), eventplan.load_event(new))
    capsys.readouterr()
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == str(expected) + "\n"
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected.to_json()
    assert [m["session"] for m in expected.to_json()["moved"]] == ["closing"]


def test_norms_lists_every_norm_with_range_basis_and_source(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["norms"]) == 0
    out = capsys.readouterr().out
    norms = eventplan.default_norms()
    for norm in norms.values():
        assert f"\n{norm.id}: " in "\n" + out
    assert out.count("    source: ") == len(norms)
    assert main(["norms", "--format", "json"]) == 0
    assert [n["id"] for n in json.loads(capsys.readouterr().out)] == list(norms)


def test_a_single_calendar_item_reads_in_the_singular(tmp_path, capsys):
    assert main(["ics", "--for", "room:banquet-hall", "-o", str(tmp_path / "banquet.ics")]) == 0
    assert capsys.readouterr().err == (
        f"{tmp_path / 'banquet.ics'}: 1 item for room:banquet-hall (1 new)\n"
    )


def test_the_summary_leaves_out_what_the_event_does_not_have():
    """The starter event has no treaty and no organisations: no such lines, where the
    reference event, which has both, shows them."""
    from eventplan import loads_event, reference_event, summarise
    from eventplan.files.eventfile import starter_text

    starter = summarise(loads_event(starter_text())).render_text(width=100)
    hanoi = summarise(reference_event()).render_text(width=100)
    for label in ("signatories", "at the plenary", "organisations", "research institutions"):
        assert f"  {label} " not in starter
        assert f"  {label} " in hanoi
    assert "  reporters              not known" in starter  # an unknown is not an absence
