"""Spreadsheets read the programme as the model says: CSV, CSV for Excel, and the workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from builders import at, make_event, make_session

import eventplan
from eventplan import Event, SessionKind, reference_event, to_csv, to_xlsx
from eventplan.cli import main
from eventplan.errors import MissingExtraError
from eventplan.files.spreadsheets import COLUMNS, programme_table
from eventplan.model import AudienceRule, Official, SessionStatus

HANOI = reference_event()
HOSTILE = ('=HYPERLINK("http://x.invalid","click")', "+1+1", "-2+3", "@SUM(A1:A2)")


def vietnamese_event() -> Event:
    """Vietnamese names, a session past midnight, and titles a spreadsheet would run."""
    sessions = [
        make_session(
            "khai-mac",
            title="Phiên khai mạc – Văn hoá",
            chairs=("son",),
            speakers=("son", "lan"),
            languages=("vi", "en"),
            audience=(AudienceRule(parties=("member_state", "press"), at_table=1, behind=3),),
        ),
        make_session(
            "gala",
            title="Tiệc chiêu đãi",
            kind=SessionKind.GALA_DINNER,
            start=at(25, 21),
            end=at(26, 1, 30),
            room="hall-b",
            status=SessionStatus.TENTATIVE,
        ),
    ]
    sessions += [
        make_session(f"hostile-{i}", title=title, start=at(26, 9 + i), end=at(26, 10 + i))
        for i, title in enumerate(HOSTILE)
    ]
    return make_event(
        sessions=tuple(sessions),
        officials=(
            Official(id="son", name="Bùi Thanh Sơn"),
            Official(id="lan", name="Nguyễn Thị Lan"),
        ),
    )


EVENT = vietnamese_event()


def test_every_row_of_the_table_is_as_the_model_says():
    rows = {row.id: row for row in programme_table(EVENT)}
    assert list(rows) == ["khai-mac", "gala", *(f"hostile-{i}" for i in range(4))]
    opening = rows["khai-mac"]
    assert opening.values() == (
        "khai-mac",
        dt.date(2025, 10, 25),
        dt.datetime(2025, 10, 25, 9, 0),
        dt.datetime(2025, 10, 25, 10, 0),
        "Europe/Vienna",
        "Hall A",
        "Hofburg",
        "opening",
        "confirmed",
        "Phiên khai mạc – Văn hoá",
        "Bùi Thanh Sơn",
        "Bùi Thanh Sơn; Nguyễn Thị Lan",
        "vi en",
        "member states, press (1 + 3 each)",
        None,  # the event gives no turnout: the seats are not known, never 0
        None,
        "",
        "",
        "",  # nobody said whether it may be recorded: not known
        "",
    )
    assert (rows["gala"].end, rows["gala"].status) == (
        dt.datetime(2025, 10, 26, 1, 30),
        "tentative",
    )


def test_csv_rows_are_the_table_with_formulas_neutralised():
    rows = list(csv.reader(io.StringIO(to_csv(EVENT), newline="")))
    assert tuple(rows[0]) == COLUMNS
    by_id = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert (by_id["gala"]["date"], by_id["gala"]["start"], by_id["gala"]["end"]) == (
        "2025-10-25",
        "21:00",
        "2025-10-26 01:30",
    )
    assert by_id["khai-mac"]["title"] == "Phiên khai mạc – Văn hoá"
    assert [by_id[f"hostile-{i}"]["title"] for i in range(4)] == [f"'{t}" for t in HOSTILE]


def test_csv_for_excel_is_utf8_with_a_byte_order_mark(tmp_path: Path):
    path = tmp_path / "programme.csv"
    assert main(["csv", "--excel", "-o", str(path)]) == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,date,start,end,")
    assert data.decode("utf-8-sig") == to_csv(HANOI)
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert list(frame.columns) == list(COLUMNS) and len(frame) == len(HANOI.sessions)


def test_csv_for_excel_to_standard_output(capfdbinary):
    assert main(["csv", "--excel"]) == 0
    assert capfdbinary.readouterr().out == b"\xef\xbb\xbf" + to_csv(HANOI).encode()


def workbook(event: Event) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(event)))


def test_workbook_cells_are_as_the_model_says():
    book = workbook(EVENT)
    assert book.sheetnames == ["Programme", "2025-10-25", "2025-10-26"]
    sheet = book["Programme"]
    cells = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert cells[0] == COLUMNS
    assert cells[1:] == [
        tuple(_empty_as_none(v) for v in row.values()) for row in programme_table(EVENT)
    ]
    titles = [row[COLUMNS.index("title")] for row in cells[1:]]
    assert titles[2:] == list(HOSTILE)  # the text exactly, not a formula and not prefixed


def _empty_as_none(value: object) -> object:
    """What a spreadsheet holds for the value: no empty strings, and a date is midnight."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return None if value == "" else value


def test_workbook_has_filters_frozen_headers_and_a_sheet_per_day():
    book = workbook(EVENT)
    for name, ids in (
        ("Programme", ["khai-mac", "gala", *(f"hostile-{i}" for i in range(4))]),
        ("2025-10-25", ["khai-mac", "gala"]),
        ("2025-10-26", [f"hostile-{i}" for i in range(4)]),
    ):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        (table,) = sheet.tables.values()
        assert table.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}{len(ids) + 1}"
        assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ids
    start = book["Programme"]["C2"]
    assert (start.number_format, book["Programme"]["B2"].number_format) == ("hh:mm", "yyyy-mm-dd")
    assert book["Programme"]["D3"].number_format == "yyyy-mm-dd hh:mm"  # the gala ends next day


def test_workbook_text_cells_never_run_as_formulas():
    data = to_xlsx(EVENT)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    sheet = workbook(EVENT)["Programme"]
    hostile = [sheet.cell(row, COLUMNS.index("title") + 1) for row in range(4, 8)]
    assert [(c.data_type, c.quotePrefix) for c in hostile] == [("s", True)] * 4
    assert sheet.cell(2, COLUMNS.index("title") + 1).quotePrefix is False


def test_pandas_reads_the_workbook_as_the_model_says():
    frame = pd.read_excel(io.BytesIO(to_xlsx(EVENT)), sheet_name="Programme", keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    table = programme_table(EVENT)
    assert list(frame["title"]) == [row.title for row in table]
    assert list(frame["speakers"]) == [row.speakers for row in table]
    assert [t.to_pydatetime() for t in frame["start"]] == [row.start for row in table]
    assert [t.to_pydatetime() for t in frame["end"]] == [row.end for row in table]
    days = pd.read_excel(io.BytesIO(to_xlsx(EVENT)), sheet_name=None)
    assert {name: len(f) for name, f in days.items()} == {
        "Programme": 6,
        "2025-10-25": 2,
        "2025-10-26": 4,
    }


def test_the_reference_programme_workbook(tmp_path: Path):
    path = tmp_path / "programme.xlsx"
    assert main(["xlsx", "-o", str(path)]) == 0
    frame = pd.read_excel(path, sheet_name="Programme", keep_default_na=False)
    assert list(frame["id"]) == [row.id for row in programme_table(HANOI)]
    assert set(frame["room"]) <= {r.name for r in HANOI.rooms} | {""}


def test_workbook_without_openpyxl_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError) as caught:
        to_xlsx(EVENT)
    assert str(caught.value) == (
        "the Excel workbook needs the 'xlsx' extra: pip install \"eventplan[xlsx]\""
    )


def test_libreoffice_reads_the_workbook_text_as_text(tmp_path: Path):
    """LibreOffice Calc opens the workbook: Vietnamese intact, formula-like titles not run.
    The README's test command installs it; CI (EVENTPLAN_REQUIRE_LIBREOFFICE=1) requires it."""
    if shutil.which("soffice") is None:
        if os.environ.get("EVENTPLAN_REQUIRE_LIBREOFFICE"):
            pytest.fail(
                "LibreOffice (soffice) is required here: apt-get install libreoffice-calc-nogui"
            )
        pytest.skip("LibreOffice is not installed")
    book = tmp_path / "programme.xlsx"
    book.write_bytes(to_xlsx(EVENT))
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", utf8_csv, "--outdir", str(tmp_path), str(book)],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},  # a fresh profile, no stale lock
    )
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "programme-Programme.csv").read_text("utf-8")))
    )
    assert [r["title"] for r in rows] == [row.title for row in programme_table(EVENT)]
    assert rows[0]["speakers"] == "Bùi Thanh Sơn; Nguyễn Thị Lan"


def test_the_seats_columns_count_the_turnout_asked_for():
    hanoi = eventplan.reference_event()
    rows = {r.id: r for r in programme_table(hanoi, "planned")}
    needed = eventplan.demand.session_demand(hanoi, "planned", session="opening")
    assert (rows["opening"].seats_low, rows["opening"].seats_high) == (needed.low, needed.high)
    actual = {r.id: r for r in programme_table(hanoi, "actual")}
    assert (actual["opening"].seats_low, actual["opening"].seats_high) != (
        needed.low,
        needed.high,
    )
    by_id = {row[0]: row for row in csv.reader(io.StringIO(to_csv(hanoi, "planned")))}
    low, high = COLUMNS.index("seats_low"), COLUMNS.index("seats_high")
    assert (by_id["opening"][low], by_id["opening"][high]) == (str(needed.low), str(needed.high))


def test_seats_not_known_are_empty_cells_not_zero():
    rows = list(csv.reader(io.StringIO(to_csv(EVENT), newline="")))
    low, high = COLUMNS.index("seats_low"), COLUMNS.index("seats_high")
    assert {(row[low], row[high]) for row in rows[1:]} == {("", "")}
