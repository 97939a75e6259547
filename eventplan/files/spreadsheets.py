"""The programme for spreadsheets: CSV, and an Excel workbook (the ``xlsx`` extra).

Both come from one table (:func:`programme_table`), so they always agree.
Times are local to the event's zone, the way protocol offices read them.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (OWASP, "CSV Injection"), and a session title is free text: in CSV
such a cell gets a leading apostrophe, which spreadsheets take as "text"; in
the workbook it is stored as a string with Excel's quote prefix, so its text
is exactly the model's and still cannot run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING

import attrs

from eventplan.calendars.writer import audience_words
from eventplan.demand.attendance import programme_demand
from eventplan.errors import MissingExtraError
from eventplan.model import arguments as _arguments
from eventplan.model import localtime
from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.programme import in_order

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: The creator every workbook names: the command line writes over a workbook only when it is this.
CREATOR = "eventplan"
#: The columns of the programme table, in order.
COLUMNS = (
    "id",
    "date",
    "start",
    "end",
    "timezone",
    "room",
    "venue",
    "kind",
    "status",
    "title",
    "chairs",
    "speakers",
    "languages",
    "audience",
    "seats_low",
    "seats_high",
    "subcommittee",
    "series",
    "recording",
    "recording_licence",
)
_BEFORE_RECORDING = COLUMNS[: COLUMNS.index("recording")]
#: Every header row a version of eventplan has written: a file with one of them is ours.
WRITTEN_HEADERS = (
    COLUMNS,
    _BEFORE_RECORDING,  # before the recording opt-out
    tuple(c for c in _BEFORE_RECORDING if c not in ("seats_low", "seats_high")),  # the seats
)
#: The recording column: the speakers' no, their yes, or nothing said (not known).
_RECORDING = {True: "opted out", False: "allowed", None: ""}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "hh:mm"
_LONG_FORMAT = "yyyy-mm-dd hh:mm"


@attrs.frozen
class Row:
    """One session as a spreadsheet row: local date and times, names instead of ids."""

    id: str
    date: dt.date
    start: dt.datetime  # local, without zone
    end: dt.datetime
    timezone: str
    room: str
    venue: str
    kind: str
    status: str
    title: str
    chairs: str
    speakers: str
    languages: str
    audience: str
    # the seats the session needs under the turnout: a range, its high end None when open;
    # both None when the turnout does not say who comes (not known, never 0)
    seats_low: int | None
    seats_high: int | None
    subcommittee: str
    series: str
    # "opted out" (the speakers said no), "allowed", or empty: not known
    recording: str
    recording_licence: str

    def values(self) -> tuple[object, ...]:
        return attrs.astuple(self, recurse=False)


def programme_table(event: Event, turnout: str | Turnout | None = None) -> tuple[Row, ...]:
    """Every session in time order, as the spreadsheets show it, with the seats each needs
    under ``turnout`` (the event's default, or a :class:`Turnout` built in code)."""
    zone = event.timezone
    seats = programme_demand(event, turnout)
    places = {r.id: (r.name, v.name) for v in event.venues for r in v.rooms}
    names = {o.id: o.name for o in event.officials}
    committees = {c.id: c.name for c in event.organisation.subcommittees}
    rows = []
    for session in in_order(event.sessions):
        start, end = _local(session.start, zone), _local(session.end, zone)
        room, venue = places.get(session.room or "", (session.room or "", ""))
        rows.append(
            Row(
                id=session.id,
                date=start.date(),
                start=start,
                end=end,
                timezone=event.timezone,
                room=room,
                venue=venue,
                kind=session.kind.value,
                status=session.status.value,
                title=session.title,
                chairs="; ".join(names.get(c, c) for c in session.chairs),
                speakers="; ".join(names.get(s, s) for s in session.speakers),
                languages=" ".join(session.languages),
                audience="; ".join(audience_words(rule) for rule in session.audience),
                seats_low=None if (needed := seats[session.id]) is None else needed.low,
                seats_high=None if needed is None else needed.high,
                subcommittee=committees.get(session.subcommittee or "", session.subcommittee or ""),
                series=session.series or "",
                recording=_RECORDING[session.recording.optout] if session.recording else "",
                recording_licence=(session.recording.licence or "") if session.recording else "",
            )
        )
    return tuple(rows)


def neutralise(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(event: Event, turnout: str | Turnout | None = None) -> str:
    """The programme as CSV (RFC 4180, CRLF), one row per session in time order.

    Write it as UTF-8 with a byte-order mark for Excel and LibreOffice, which
    otherwise read it in the local code page (``eventplan csv --excel``).
    """
    _arguments.event("to_csv", event)
    _arguments.turnout("to_csv", turnout)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in programme_table(event, turnout):
        writer.writerow([_csv_cell(c, v, row) for c, v in zip(COLUMNS, row.values(), strict=True)])
    return out.getvalue()


def to_xlsx(event: Event, turnout: str | Turnout | None = None) -> bytes:
    """The programme as an Excel workbook: one table of every session, then one sheet per day.

    Each sheet is an Excel table (filter buttons on every column) with its
    header row frozen; dates and times are real date and time cells.
    Needs openpyxl: ``pip install "eventplan[xlsx]"``.
    """
    _arguments.event("to_xlsx", event)
    _arguments.turnout("to_xlsx", turnout)
    try:
        from openpyxl import Workbook
    except ImportError:
        raise MissingExtraError("the Excel workbook", "xlsx") from None
    rows = programme_table(event, turnout)
    workbook = Workbook()
    workbook.properties.title = f"{event.name} — programme"
    workbook.properties.creator = CREATOR  # how the command line knows a workbook it wrote
    _fill(workbook.active, "Programme", "Programme", rows)
    for day in sorted({row.date for row in rows}):
        _fill(
            workbook.create_sheet(),
            day.isoformat(),
            f"Day_{day:%Y%m%d}",
            [row for row in rows if row.date == day],
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _fill(
    sheet: Worksheet | None, title: str, table_name: str, rows: list[Row] | tuple[Row, ...]
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = title
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row.values()])
        line = sheet.max_row
        for index, (column, value) in enumerate(zip(COLUMNS, row.values(), strict=True), start=1):
            cell = sheet.cell(line, index)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl takes a leading '=' for a formula
                if value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
            elif isinstance(value, dt.datetime):
                next_day = column == "end" and row.end.date() != row.start.date()
                cell.number_format = _LONG_FORMAT if next_day else _TIME_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = _DATE_FORMAT
    last = f"{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 2)}"
    table = Table(displayName=table_name, ref=f"A1:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = "A2"
    widths = [len(name) for name in COLUMNS]
    for row in rows:
        widths = [max(w, len(_shown(v))) for w, v in zip(widths, row.values(), strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)


def _local(moment: dt.datetime, zone: str) -> dt.datetime:
    """The wall-clock time in ``zone``, as a plain datetime (spreadsheets have no zones)."""
    shown = localtime.local(moment, zone)
    return dt.datetime(shown.year, shown.month, shown.day, shown.hour, shown.minute, shown.second)


def _csv_cell(column: str, value: object, row: Row) -> str:
    if value is None:
        return ""  # not known, or an open end: never 0
    if isinstance(value, dt.datetime):
        next_day = column == "end" and row.end.date() != row.start.date()
        return f"{value:%Y-%m-%d %H:%M}" if next_day else f"{value:%H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def _xlsx_value(value: object) -> object:
    """Text that XML cannot hold (control characters) shown as U+FFFD; the rest as it is."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _shown(value: object) -> str:
    if value is None:
        return ""
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.date) else str(value)
