"""A Report reads as text, renders in Jupyter, converts to pandas and serialises to JSON."""

from __future__ import annotations

import json

import pytest

import eventplan
from eventplan import check

REPORT = check(eventplan.reference_event(), "actual")


def test_report_text_opens_with_the_tally_and_lists_problems_with_norms():
    lines = REPORT.render_text(width=200).splitlines()
    assert (
        lines[0]
        == "Capacity checks for hanoi-convention-2025, turnout 'actual': 4 errors, 3 warnings, 0 info, 31 ok"
    )
    assert lines[1].startswith("  error    signing: 64 signatories at 2–4 min each")
    assert lines[1].endswith("[signing-time] (norm 1)")
    assert lines[lines.index("Norms") + 1].startswith(
        "  [ 1] minutes per state signing at a treaty signing session: 2–4 min/signatory"
    )
    assert not any(line.startswith("  ok") for line in lines)
    assert (
        sum(
            line.startswith("  ok")
            for line in REPORT.render_text(show_ok=True, width=200).splitlines()
        )
        == 31
    )
    verbose = REPORT.render_text(verbose=True, width=200).splitlines()
    assert verbose[2].startswith(
        "           norm: minutes per state signing at a treaty signing session: 2–4 min/signatory"
    )


def test_report_json_has_numbers_and_norm_sources():
    data = json.loads(json.dumps(REPORT.to_json()))
    hotel = next(f for f in data["findings"] if f["code"] == "hotel-rooms")
    assert hotel["demand"] == {"min": 2490, "max": 3500}
    assert hotel["capacity"] == 2000
    assert hotel["margin"] == {"cautious": -1500, "optimistic": -490}
    assert hotel["norm"]["source"].startswith("ADB Annual Meeting Green Book §6.1")
    assert set(hotel) >= {
        "code",
        "severity",
        "message",
        "subjects",
        "demand",
        "capacity",
        "margin",
        "norm",
    }


def test_report_renders_as_an_html_table():
    page = REPORT._repr_html_()
    assert page.count("<tr>") == len(REPORT.findings) + 1
    assert "&#x27;actual&#x27;" in page


def test_report_to_frame_has_a_row_per_finding():
    pandas = pytest.importorskip("pandas")
    frame = REPORT.to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(REPORT.findings)
    hotel = frame[frame.code == "hotel-rooms"].iloc[0]
    assert (hotel.margin_cautious, hotel.margin_optimistic) == (-1500, -490)
