"""The shipped Hanoi 2025 event holds what the public sources say, each fact with its source."""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest

from eventplan import (
    Count,
    Delegation,
    Room,
    Session,
    Turnout,
    count_participation,
    reference_event,
    summarise,
)
from eventplan.model import Cohort, Layout, PressCorps, SeatCount, SubCommittee, Task
from eventplan.model.fields import walk as _walk

EVENT = reference_event()


def test_reference_event_is_the_hanoi_signing_ceremony():
    assert (EVENT.host_city, EVENT.timezone) == ("Hanoi", "Asia/Ho_Chi_Minh")
    assert (EVENT.start_date, EVENT.end_date) == (dt.date(2025, 10, 25), dt.date(2025, 10, 26))


def test_actual_turnout_counts_match_the_post_event_figures():
    counts = count_participation(EVENT, "actual")
    assert counts.national_delegations == Count.exactly(110)
    assert counts.organisations == Count.exactly(150)
    assert counts.research_institutions == Count(51, 60)
    assert counts.delegates.low > 2500
    assert counts.reporters == Count(401, 500)
    assert counts.press_agencies == Count.exactly(189)
    assert counts.signatories == Count.exactly(72)
    assert counts.signatories_at_plenary == Count.exactly(64)


def test_turnouts_hold_the_forecasts_and_the_outcome():
    assert {t.name: t.as_of for t in EVENT.turnouts} == {
        "2025-10-06": dt.date(2025, 10, 6),
        "2025-10-14": dt.date(2025, 10, 14),
        "planned": dt.date(2025, 10, 23),
        "actual": dt.date(2025, 10, 26),
    }


def test_six_subcommittees_with_their_lead_ministries():
    leads = {
        c.name: EVENT.agency(c.lead).short_name for c in EVENT.organisation.subcommittees if c.lead
    }
    assert leads == {
        "Content Sub-committee": "MPS",
        "Finance and Logistics Sub-committee": "MPS",
        "Security – Health Sub-committee": "MPS",
        "High-level Diplomacy and Advocacy Sub-committee": "MOFA",
        "Protocol Sub-committee": "MOFA",
        "Media – Culture Sub-committee": "MOFA",
    }


def test_programme_has_the_items_of_facts_p1():
    by_kind = summarise(EVENT).sessions_by_kind
    p1 = {
        "opening": 1,
        "closing": 1,
        "plenary": 1,
        "high_level_discussion": 4,
        "roundtable": 4,
        "gala_dinner": 1,
        "exhibition": 1,
    }
    assert {kind: by_kind.get(kind) for kind in p1} == p1


def test_signing_starts_at_ten_in_the_main_hall():
    signing = next(s for s in EVENT.sessions if s.kind == "signing")
    assert signing.start.format("YYYY-MM-DD HH:mm") == "2025-10-25 10:00"
    assert signing.start.timezone_name == "Asia/Ho_Chi_Minh"


def test_regional_breakdown_71_against_72_is_a_finding():
    findings = [f for f in summarise(EVENT).findings if f.code == "breakdown-does-not-add-up"]
    assert len(findings) == 1
    assert "= 71) do not add up to the 72 reported" in findings[0].message


def test_main_hall_keeps_all_three_published_seat_counts():
    hall = EVENT.room("main-hall")
    published = sorted((s.seats, s.sources) for s in hall.seat_counts if s.layout is Layout.THEATRE)
    assert [seats for seats, _ in published] == [3500, 3747, 3800]
    assert all(sources for _, sources in published)
    assert hall.seats(Layout.THEATRE) == Count(3500, 3800)


def test_both_theme_wordings_are_kept_with_their_sources():
    assert [(len(t.text) > 0, bool(t.sources)) for t in EVENT.themes] == [
        (True, True),
        (True, True),
    ]
    assert len({t.text for t in EVENT.themes}) == 2


FIGURE_BEARING = (
    SeatCount,
    Room,
    Session,
    Cohort,
    Delegation,
    PressCorps,
    Turnout,
    SubCommittee,
    Task,
)


@pytest.mark.parametrize("kind", FIGURE_BEARING, ids=lambda k: k.__name__)
def test_every_figure_carries_a_source_or_says_it_is_an_assumption(kind):
    unsourced = [
        path
        for path, obj in _walk(EVENT, "")
        if isinstance(obj, kind) and not obj.sources and not obj.assumption
    ]
    assert unsourced == []


def test_every_reported_figure_and_fact_names_a_source():
    facts = [*EVENT.reported, *EVENT.themes, *EVENT.officials, *EVENT.agencies]
    assert [f for f in facts if not f.sources] == []


def test_every_source_is_cited_somewhere():
    cited = {
        s for _, obj in _walk(EVENT, "") for s in getattr(obj, "sources", ()) if isinstance(s, str)
    }
    text = " ".join(
        [*EVENT.notes, *(str(getattr(obj, "assumption", "") or "") for _, obj in _walk(EVENT, ""))]
    )
    uncited = [s.id for s in EVENT.sources if s.id not in cited and s.id not in text]
    assert uncited == []


def test_assumptions_are_plain_sentences():
    assumptions = [
        obj.assumption for _, obj in _walk(EVENT, "") if getattr(obj, "assumption", None)
    ]
    assert assumptions, "the reference event marks its assumptions"
    # a sentence a reader can check: several words, ending as a sentence does, no placeholder
    not_sentences = [
        a
        for a in assumptions
        if len(a.split()) < 6
        or not a.rstrip().endswith((".", ")"))
        or re.search(r"\b(TODO|TBD|FIXME|XXX|lorem)\b", a, re.I)
    ]
    assert not_sentences == []


def test_walk_reaches_nested_objects():
    kinds = {type(obj) for _, obj in _walk(EVENT, "")}
    assert set(FIGURE_BEARING) - {Delegation} <= kinds  # the sources name no single delegation
    assert all(attrs.has(k) for k in kinds)
