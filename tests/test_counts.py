"""Participation counts: named delegations and cohorts feed the same totals."""

from __future__ import annotations

from builders import make_event

from eventplan import Count, Delegation, PartyKind, Turnout, count_participation, summarise
from eventplan.capacity import reconcile
from eventplan.demand.counts import NO_REGION
from eventplan.model import Cohort, PressCorps, Qualifier, ReportedFigure, Severity, SignatoryStatus
from eventplan.model.enums import Measure


def turnout_event():
    turnout = Turnout(
        name="planned",
        delegations=(
            Delegation(
                id="at",
                name="Austria",
                kind=PartyKind.MEMBER_STATE,
                region="Western European and Others",
                size=Count(8, 10),
                signatory=SignatoryStatus.AT_PLENARY,
            ),
            Delegation(
                id="unodc",
                name="UNODC",
                kind=PartyKind.INTERGOVERNMENTAL_ORGANISATION,
                size=Count.exactly(5),
            ),
            Delegation(id="orf", name="ORF", kind=PartyKind.MEDIA_OUTLET, size=Count.exactly(6)),
        ),
        cohorts=(
            Cohort(
                id="states",
                kind=PartyKind.MEMBER_STATE,
                parties=Count.exactly(40),
                delegates_per_party=Count(3, 5),
                signed_at_plenary=30,
                signed_later=5,
            ),
            Cohort(
                id="firms",
                kind=PartyKind.PRIVATE_SECTOR,
                parties=Count(10, 20),
                delegates_per_party=Count.exactly(2),
            ),
            Cohort(id="institutes", kind=PartyKind.RESEARCH_INSTITUTION, parties=Count(51, None)),
        ),
        press=PressCorps(reporters=Count(401, None), agencies=Count.exactly(188)),
    )
    return make_event(turnouts=(turnout,))


def test_counts_add_named_delegations_and_cohorts():
    counts = count_participation(turnout_event())
    assert counts.national_delegations == Count.exactly(41)
    assert counts.organisations == Count(11, 21)
    assert counts.research_institutions == Count(51, None)


def test_delegates_are_ranges_where_sizes_are_ranges():
    counts = count_participation(turnout_event())
    # 8–10 + 5 + 40 × 3–5 + 10–20 × 2 + 51+ × 1
    assert counts.delegates == Count(8 + 5 + 120 + 20 + 51, None)


def test_media_outlets_count_as_press_not_delegates():
    counts = count_participation(turnout_event())
    assert counts.reporters == Count(407, None)
    assert counts.press_agencies == Count.exactly(189)


def test_signatories_by_when_and_region():
    counts = count_participation(turnout_event())
    assert (counts.signatories, counts.signatories_at_plenary, counts.signatories_later) == (
        Count.exactly(36),
        Count.exactly(31),
        Count.exactly(5),
    )
    assert counts.signatories_by_region == {
        "Western European and Others": Count.exactly(1),
        NO_REGION: Count.exactly(35),
    }


def test_regional_measure_widens_by_parties_with_no_region():
    counts = count_participation(turnout_event())
    assert counts.measure(Measure.SIGNATORIES, region="Western European and Others") == Count(1, 36)
    assert counts.measure(Measure.SIGNATORIES, region="African") == Count(0, 35)


def test_turnout_without_press_does_not_model_reporters():
    counts = count_participation(make_event())
    assert (counts.reporters, counts.press_agencies, counts.attendees) == (None, None, None)
    assert counts.delegates == Count.zero()


def reported(measure: Measure, value: int, qualifier: Qualifier, turnout: str):
    return ReportedFigure(
        id=measure.value,
        measure=measure,
        value=value,
        qualifier=qualifier,
        turnout=turnout,
        sources=("press",),
    )


def press_without_agencies_event(*figures):
    turnout = Turnout(
        name="actual",
        cohorts=(Cohort(id="states", kind=PartyKind.MEMBER_STATE, parties=Count.exactly(10)),),
        press=PressCorps(reporters=Count(401, None)),
    )
    return make_event(turnouts=(turnout,), reported=figures)


def test_press_agencies_not_given_are_not_known_not_zero():
    # issue 10: "Press agencies not given read 0"
    event = press_without_agencies_event()
    counts = count_participation(event)
    assert counts.reporters == Count(401, None)
    assert counts.press_agencies is None
    assert counts.measure(Measure.PRESS_AGENCIES) is None
    summary = summarise(event)
    assert summary.to_json()["participation"]["press_agencies"] is None
    rows = [line for line in str(summary).splitlines() if "press agencies" in line]
    assert rows == ["  press agencies         not known"]


def test_media_outlets_without_a_press_corps_are_the_agencies():
    outlet = Delegation(id="orf", name="ORF", kind=PartyKind.MEDIA_OUTLET, size=Count(2, 3))
    counts = count_participation(make_event(turnouts=(Turnout(name="t", delegations=(outlet,)),)))
    assert (counts.reporters, counts.press_agencies) == (Count(2, 3), Count.exactly(1))


def test_reported_agencies_against_agencies_not_given_is_information():
    figure = reported(Measure.PRESS_AGENCIES, 189, Qualifier.EXACTLY, "actual")
    findings = reconcile(press_without_agencies_event(figure))
    assert [(f.code, f.severity) for f in findings] == [("figure-not-modelled", Severity.INFO)]
    assert findings[0].message == (
        "189 press agencies (Wiener Zeitung, 26 Oct 2025): turnout 'actual' does not model this"
    )


def test_a_turnout_that_names_no_one_has_no_known_figure():
    # an imported schedule's turnout: its counts are not known, not 0
    event = make_event(
        reported=(reported(Measure.DELEGATES, 2500, Qualifier.MORE_THAN, "planned"),)
    )
    counts = count_participation(event)
    assert counts.known is False
    assert [counts.measure(m) for m in Measure if m.value != "sessions"] == [None] * (
        len(Measure) - 1
    )
    summary = summarise(event)
    assert set(summary.to_json()["participation"].values()) == {None}
    text = str(summary).split("Participation (turnout 'planned': forecast)\n")[1]
    labels = (
        "national delegations",
        "organisations",
        "research institutions",
        "delegates",
        "reporters",
        "press agencies",
        "signatories",
        "  at the plenary",
        "  later",
    )
    rows = [row for row in text.splitlines() if row[2:24].rstrip() in labels]
    assert [row[:34] for row in rows] == [f"  {label:<22} not known" for label in labels]
    ((code, severity),) = [(f.code, f.severity) for f in reconcile(event)]
    assert (code, severity) == ("figure-not-modelled", Severity.INFO)


def test_a_turnout_finds_a_named_delegation_by_id_or_says_none():
    from eventplan.testing import synthetic_event

    turnout = synthetic_event(sessions=4, rooms=2, delegations=3, seed=1).turnout(None)
    assert [turnout.delegation(d.id) for d in turnout.delegations] == list(turnout.delegations)
    assert len(turnout.delegations) == 3
    assert turnout.delegation("no-such-delegation") is None
