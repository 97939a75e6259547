"""Every norm says what its source says; norms can be replaced for an event or a scenario."""

from __future__ import annotations

import pytest

from eventplan import default_norms
from eventplan.errors import UnknownNameError
from eventplan.model.norms import Basis, Confidence

FT2 = 0.0929  # m² per square foot, as capacity_norms.md converts

# (norm, low, high, unit, words its source must contain, confidence): read off capacity_norms.md
SOURCED = [
    ("area.theatre", 10 * FT2, 11 * FT2, "m²/person", "Convention Industry Council", "medium"),
    ("area.classroom", 17 * FT2, 22 * FT2, "m²/person", "Convention Industry Council", "medium"),
    ("area.banquet", 12.5 * FT2, 13.5 * FT2, "m²/person", "Ewald", "medium"),
    ("area.reception", 9 * FT2, 10 * FT2, "m²/person", "Convention Industry Council", "medium"),
    ("area.boardroom", 40 * FT2, 40 * FT2, "m²/person", "40 ft²", "low"),
    ("code.chairs", 0.65, 0.65, "m²/person", "IBC Table 1004.1.2", "high"),
    ("code.standing", 0.46, 0.46, "m²/person", "5 ft²", "high"),
    ("code.tables", 1.39, 1.39, "m²/person", "15 ft²", "high"),
    ("code.classroom", 1.86, 1.86, "m²/person", "20 ft²", "high"),
    (
        "code.exhibition",
        1.5,
        2.79,
        "m²/person",
        "Michigan",
        "medium",
    ),  # 30 ft², as the notes convert it
    ("interpretation.un_team", 14, 14, "interpreters", "UN Careers", "high"),
    ("interpretation.per_booth", 2, 2, "interpreters/booth", "AIIC Canada", "high"),
    ("interpretation.long_day_hours", 3.5, 4, "h", "AIIC Canada", "high"),
    ("interpretation.booths_per_language", 1, 1, "booths/language", "AIIC", "high"),
    ("signing.minutes_per_signature", 2, 4, "min/signatory", "No published figure found", "low"),
    ("screening.lane_rate", 100, 200, "people/h/lane", "ACRP Report 25", "high"),
    ("arrival.window_minutes", 45, 45, "min", "45 minutes", "low"),
    ("arrival.share_in_window", 0.6, 0.7, "share", "60–70 %", "low"),
    ("accreditation.desk_rate", 100, 130, "people/h/desk", "RegToEvent", "low"),
    ("banquet.seats_per_table", 10, 11, "seats/table", "72-in rounds seat 10–11", "medium"),
    ("banquet.overset_large", 0.03, 0.04, "share", "3–4 %", "medium"),
    ("banquet.overset_small", 0.10, 0.10, "share", "10 %", "medium"),
    ("bilateral.turnaround_minutes", 15, 15, "min", "APEC 2018", "high"),
    ("bilateral.bookable_hours", 12, 12, "h/day", "08:00–20:00", "high"),
    ("bilateral.slot_minutes", 30, 45, "min", "Nuclear Security Summit 2016", "low"),
    ("turnover.same_layout_minutes", 15, 15, "min", "15 min turnover", "high"),
    ("turnover.reset_minutes", 120, 240, "min", "No published reset time", "low"),
    ("transfer.same_venue_minutes", 10, 15, "min", "1.2 m/s", "low"),
    ("transfer.other_venue_minutes", 30, 60, "min", "Assumed", "low"),
    ("hotel.rooms_per_delegate", 790 / 800, 1.0, "rooms/delegate", "Green Book §6.1", "medium"),
    ("cars.per_head_of_delegation", 1, 1, "cars/head", "Green Book §16.1", "high"),
    ("bus.capacity", 55, 55, "people/bus", "up to 55", "medium"),
    ("bus.load_factor", 0.36, 1.0, "share", "36 %", "medium"),
    ("exhibition.peak_share", 0.3, 0.5, "share", "No published figure found", "low"),
    (
        "press.workplaces_per_reporter",
        0.1,
        0.25,
        "workplaces/reporter",
        "240 LAN workstations",
        "low",
    ),
    ("statement.minutes", 4, 5, "min/statement", "five minutes for all statements", "high"),
    ("statement.changeover_minutes", 0.5, 1, "min/statement", "No published figure", "low"),
]


@pytest.mark.parametrize(
    ("norm_id", "low", "high", "unit", "words", "confidence"),
    SOURCED,
    ids=[row[0] for row in SOURCED],
)
def test_norm_is_what_its_source_says(norm_id, low, high, unit, words, confidence):
    norm = default_norms()[norm_id]
    assert (norm.low, norm.high) == (pytest.approx(low, abs=0.001), pytest.approx(high, abs=0.001))
    assert norm.unit == unit
    assert words in norm.source
    assert norm.confidence is Confidence(confidence)


def test_every_shipped_norm_is_tested_above():
    assert sorted(default_norms()) == sorted(row[0] for row in SOURCED)


def test_norms_without_a_source_say_they_are_assumptions():
    unsourced = [
        n.id
        for n in default_norms().values()
        if "No published" in n.source or n.source.startswith("Assumed")
    ]
    assert all(default_norms()[i].basis is Basis.ASSUMPTION for i in unsourced)
    assert all(default_norms()[i].confidence is Confidence.LOW for i in unsourced)


def test_replacing_a_norm_keeps_the_rest_and_records_why():
    norms = default_norms().replace("screening.lane_rate", 150, source="measured at the rehearsal")
    assert (norms["screening.lane_rate"].low, norms["screening.lane_rate"].high) == (150, 150)
    assert norms["screening.lane_rate"].source == "measured at the rehearsal"
    assert norms["area.theatre"] == default_norms()["area.theatre"]
    assert default_norms()["screening.lane_rate"].low == 100  # the shipped set is unchanged


def test_unknown_norm_lists_the_known_ones():
    with pytest.raises(
        UnknownNameError,
        match=r"unknown norm 'screening\.rate'; one of: accreditation\.desk_rate, ",
    ):
        default_norms()["screening.rate"]


def test_cautious_end_is_the_safer_one():
    norms = default_norms()
    assert (
        norms["area.theatre"].cautious_value == norms["area.theatre"].high
    )  # more room per person
    assert norms["screening.lane_rate"].cautious_value == 100  # fewer screened per hour


def test_every_norm_cites_a_publication_or_says_it_is_an_assumption():
    from eventplan import default_norms

    unsourced = [
        norm.id
        for norm in default_norms().values()
        if not (norm.publication and norm.publisher and norm.url)
        and not (norm.basis.value == "assumption" and "ssum" in norm.source)
    ]
    assert unsourced == []


def test_nothing_shipped_refers_to_notes_that_do_not_ship():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    shipped = [
        *sorted((root / "eventplan").rglob("*.py")),
        *(root / "eventplan" / "data").iterdir(),
    ]
    shipped.append(root / "seeds" / "hanoi_convention_2025.toml")
    mentions = [
        str(path.relative_to(root))
        for path in shipped
        if path.is_file()
        and any(
            word in path.read_text(encoding="utf-8")
            for word in ("capacity_norms", "research notes", "shared notes")
        )
    ]
    assert mentions == []


def test_a_norms_json_says_which_end_is_cautious():
    """Without it a reader of `eventplan norms --format json` cannot tell the cautious case."""
    norms = default_norms()
    for norm in norms.values():
        data = norm.to_json()
        assert data["cautious"] == norm.cautious.value
        assert data[data["cautious"]] == norm.cautious_value
