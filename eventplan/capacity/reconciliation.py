"""Set what sources reported against what the model implies.

Each reported figure is read as the interval its qualifier allows ("more
than 2,500" is 2,501 or more; "about 1,500" is within 10 %; "nearly 100" is
90 to 100) and compared with the model's count for the same turnout. A
figure the model contradicts is a warning; one it can neither confirm nor
contradict (the model's range is wider) is information. Figures that break
a total down by region are also added up and set against the total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from eventplan.capacity.findings import Finding
from eventplan.demand import items
from eventplan.demand.counts import NO_REGION, ParticipationCounts, count_turnout
from eventplan.model import arguments as _arguments
from eventplan.model.count import Count
from eventplan.model.enums import Measure, Qualifier, SessionKind, Severity
from eventplan.model.event import Event
from eventplan.model.provenance import ReportedFigure

#: How far "about" may stray, either way.
ABOUT_TOLERANCE = 0.10
#: How far below its figure "nearly" may be.
NEARLY_TOLERANCE = 0.10


def reported_interval(figure: ReportedFigure) -> Count:
    """The values a reported figure admits, given its qualifier."""
    value = figure.value
    match figure.qualifier:
        case Qualifier.EXACTLY:
            return Count.exactly(value)
        case Qualifier.ABOUT:
            return Count(_ceil(value * (1 - ABOUT_TOLERANCE)), int(value * (1 + ABOUT_TOLERANCE)))
        case Qualifier.NEARLY:
            return Count(_ceil(value * (1 - NEARLY_TOLERANCE)), value)
        case Qualifier.MORE_THAN:
            return Count(value + 1, None)
    raise AssertionError(figure.qualifier)  # pragma: no cover


def _ceil(value: float) -> int:
    whole = int(value)
    return whole if whole == value else whole + 1


def programme_items(event: Event, kind: SessionKind | None = None) -> int:
    """Programme items that go ahead (see :func:`eventplan.demand.items.programme_items`)."""
    return sum(1 for item in items.programme_items(event.sessions) if kind in (None, item.kind))


def listed_statements(event: Event) -> Count | None:
    """Statements the speakers' lists of the sessions that go ahead hold; ``None`` without lists."""
    lists = [s.speakers_list for s in event.sessions if not s.is_cancelled and s.speakers_list]
    if not lists:
        return None
    return Count.exactly(sum(speakers.statements for speakers in lists))


def reconcile(event: Event) -> tuple[Finding, ...]:
    """Every disagreement between the reported figures and the model, as findings."""
    _arguments.event("reconcile", event)
    counts = {turnout.name: count_turnout(turnout) for turnout in event.turnouts}
    findings = [finding for figure in event.reported for finding in _figure(event, figure, counts)]
    findings += _breakdowns(event, counts)
    return tuple(findings)


def _figure(
    event: Event, figure: ReportedFigure, counts: dict[str, ParticipationCounts]
) -> Iterator[Finding]:
    said = f"{figure.describe()} ({_cite(event, figure)})"
    if figure.measure is Measure.SESSIONS:
        modelled: Count | None = Count.exactly(programme_items(event, figure.session_kind))
        where = "the programme"
    elif figure.measure is Measure.STATEMENTS:
        modelled = listed_statements(event)
        where = "the sum of the speakers' lists"
    else:
        turnout = figure.turnout or event.default_turnout
        if turnout is None or turnout not in counts:
            yield Finding(
                "figure-without-turnout",
                Severity.INFO,
                f"{said} names no turnout, so it cannot be set against the model",
                (figure.id,),
            )
            return
        modelled = counts[turnout].measure(figure.measure, figure.region)
        where = f"turnout {turnout!r}"
    if modelled is None:
        yield Finding(
            "figure-not-modelled",
            Severity.INFO,
            f"{said}: {where} does not model this",
            (figure.id,),
        )
        return
    admitted = reported_interval(figure)
    if _disjoint(modelled, admitted):
        yield Finding(
            "figure-disagrees",
            Severity.WARNING,
            f"{said}, but {where} implies {modelled}",
            (figure.id,),
        )
    elif not _within(modelled, admitted):
        yield Finding(
            "figure-unconfirmed",
            Severity.INFO,
            f"{said}: {where} implies {modelled}, which neither confirms nor contradicts it",
            (figure.id,),
        )


def _breakdowns(event: Event, counts: dict[str, ParticipationCounts]) -> Iterator[Finding]:
    parts: dict[tuple[Measure, str | None], list[ReportedFigure]] = defaultdict(list)
    totals: dict[tuple[Measure, str | None], list[ReportedFigure]] = defaultdict(list)
    for figure in event.reported:
        key = (figure.measure, figure.turnout or event.default_turnout)
        (parts if figure.region is not None else totals)[key].append(figure)
    for key, regional in parts.items():
        if any(f.qualifier is not Qualifier.EXACTLY for f in regional):
            continue
        added = sum(f.value for f in regional)
        terms = " + ".join(f"{f.value:,} {f.region}" for f in regional)
        for whole in totals.get(key, []):
            if whole.qualifier is not Qualifier.EXACTLY or whole.value == added:
                continue
            measure, turnout = key
            message = (
                f"{measure.replace('_', ' ')} by region ({terms} = {added:,}) do not add up "
                f"to the {whole.value:,} reported ({_cite(event, whole)})"
            )
            modelled = counts.get(turnout) if turnout is not None else None
            unplaced = _unplaced(modelled, measure)
            if unplaced:
                message += f"; the model records no region for {unplaced} of them"
            yield Finding(
                "breakdown-does-not-add-up",
                Severity.WARNING,
                message,
                (whole.id, *(f.id for f in regional)),
            )


def _unplaced(counts: ParticipationCounts | None, measure: Measure) -> Count | None:
    if counts is None:
        return None
    by_region = {
        Measure.SIGNATORIES: counts.signatories_by_region,
        Measure.NATIONAL_DELEGATIONS: counts.parties_by_region,
    }.get(measure, {})
    return by_region.get(NO_REGION)


def _cite(event: Event, figure: ReportedFigure) -> str:
    known = {source.id: source for source in event.sources}
    names = [str(known[s]) if s in known else s for s in figure.sources]
    if not names:
        return "no source given"
    return "; ".join(dict.fromkeys(names))


def _disjoint(a: Count, b: Count) -> bool:
    return (a.high is not None and a.high < b.low) or (b.high is not None and b.high < a.low)


def _within(inner: Count, outer: Count) -> bool:
    if inner.low < outer.low:
        return False
    if outer.high is None:
        return True
    return inner.high is not None and inner.high <= outer.high
