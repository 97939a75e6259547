"""Reported figures against the model: disagreements are findings."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from builders import make_event, make_session

from eventplan import Count, Finding, PartyKind, SessionKind, Turnout
from eventplan.capacity import reconcile
from eventplan.capacity.reconciliation import programme_items, reported_interval
from eventplan.model import Cohort, Measure, Qualifier, ReportedFigure, SessionStatus, Severity


def figure(value: int, qualifier: Qualifier = Qualifier.EXACTLY, **fields) -> ReportedFigure:
    fields.setdefault("measure", Measure.NATIONAL_DELEGATIONS)
    fields.setdefault("turnout", "actual")
    return ReportedFigure(
        id=fields.pop("id", "f"), value=value, qualifier=qualifier, sources=("press",), **fields
    )


def event_with(states: Count, *figures: ReportedFigure, signed: int = 0):
    cohort = Cohort(
        id="states", kind=PartyKind.MEMBER_STATE, parties=states, signed_at_plenary=signed
    )
    return make_event(turnouts=(Turnout(name="actual", cohorts=(cohort,)),), reported=figures)


@pytest.mark.parametrize(
    ("qualifier", "value", "interval"),
    [
        (Qualifier.EXACTLY, 72, Count.exactly(72)),
        (Qualifier.ABOUT, 1500, Count(1350, 1650)),
        (Qualifier.NEARLY, 100, Count(90, 100)),
        (Qualifier.MORE_THAN, 2500, Count(2501, None)),
    ],
    ids=["exactly", "about", "nearly", "more_than"],
)
def test_reported_interval_reads_the_qualifier(qualifier, value, interval):
    assert reported_interval(figure(value, qualifier)) == interval


def test_agreeing_figure_is_no_finding():
    assert reconcile(event_with(Count.exactly(110), figure(110))) == ()


@pytest.mark.parametrize(
    ("modelled", "ok"),
    [(90, True), (89, False), (100, True), (101, False)],
    ids=["lowest", "below", "highest", "above"],
)
def test_nearly_boundaries(modelled, ok):
    findings = reconcile(event_with(Count.exactly(modelled), figure(100, Qualifier.NEARLY)))
    assert (findings == ()) is ok


def test_more_than_excludes_the_figure_itself():
    (finding,) = reconcile(event_with(Count.exactly(2500), figure(2500, Qualifier.MORE_THAN)))
    assert finding == Finding(
        "figure-disagrees",
        Severity.WARNING,
        "more than 2,500 national delegations (Wiener Zeitung, 26 Oct 2025), but turnout 'actual' implies 2,500",
        ("f",),
    )


def test_wider_model_range_is_information_not_a_warning():
    (finding,) = reconcile(event_with(Count(100, 120), figure(110)))
    assert finding.code == "figure-unconfirmed"
    assert finding.severity is Severity.INFO


def test_regional_breakdown_that_does_not_add_up_is_a_finding():
    figures = (
        figure(72, id="total", measure=Measure.SIGNATORIES),
        figure(40, id="north", measure=Measure.SIGNATORIES, region="North"),
        figure(31, id="south", measure=Measure.SIGNATORIES, region="South"),
    )
    findings = reconcile(event_with(Count.exactly(80), *figures, signed=72))
    breakdowns = [f for f in findings if f.code == "breakdown-does-not-add-up"]
    assert breakdowns == [
        Finding(
            "breakdown-does-not-add-up",
            Severity.WARNING,
            "signatories by region (40 North + 31 South = 71) do not add up to the 72 reported "
            "(Wiener Zeitung, 26 Oct 2025); the model records no region for 72 of them",
            ("total", "north", "south"),
        )
    ]


def test_breakdown_that_adds_up_is_no_finding():
    figures = (
        figure(71, id="total", measure=Measure.SIGNATORIES),
        figure(40, id="north", measure=Measure.SIGNATORIES, region="North"),
        figure(31, id="south", measure=Measure.SIGNATORIES, region="South"),
    )
    findings = reconcile(event_with(Count.exactly(80), *figures, signed=71))
    assert [f.code for f in findings if f.code == "breakdown-does-not-add-up"] == []


def test_programme_items_fold_continuations_and_skip_cancelled():
    event = make_event(
        sessions=(
            make_session("plenary-1", kind=SessionKind.PLENARY),
            make_session("plenary-2", kind=SessionKind.PLENARY, continues="plenary-1"),
            make_session("plenary-x", kind=SessionKind.PLENARY, status=SessionStatus.CANCELLED),
        )
    )
    assert programme_items(event, SessionKind.PLENARY) == 1


def test_session_count_figure_is_set_against_the_programme():
    reported = figure(
        4,
        measure=Measure.SESSIONS,
        session_kind=SessionKind.ROUNDTABLE,
        turnout=None,
        as_of=dt.date(2025, 10, 6),
    )
    (finding,) = reconcile(make_event(reported=(reported,)))
    assert finding.message == (
        "4 roundtable sessions (Wiener Zeitung, 26 Oct 2025), but the programme implies 0"
    )


def test_figure_for_a_measure_the_turnout_lacks_is_not_modelled():
    (finding,) = reconcile(event_with(Count.exactly(1), figure(400, measure=Measure.REPORTERS)))
    assert (finding.code, finding.severity) == ("figure-not-modelled", Severity.INFO)


def test_breakdown_of_figures_naming_no_turnout_uses_the_default_turnout():
    figures = (
        figure(72, id="total", measure=Measure.SIGNATORIES, turnout=None),
        figure(40, id="north", measure=Measure.SIGNATORIES, region="North", turnout=None),
        figure(31, id="south", measure=Measure.SIGNATORIES, region="South", turnout=None),
    )
    event = attrs.evolve(
        event_with(Count.exactly(80), *figures, signed=72), default_turnout="actual"
    )
    (finding,) = [f for f in reconcile(event) if f.code == "breakdown-does-not-add-up"]
    assert finding.message.endswith("the model records no region for 72 of them")
