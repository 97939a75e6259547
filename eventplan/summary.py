"""The event at a glance: programme by day, organisation, participation, findings."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from eventplan import _arguments
from eventplan.count import Count
from eventplan.counts import NO_REGION, ParticipationCounts, count_participation
from eventplan.enums import Measure, Qualifier
from eventplan.event import Event
from eventplan.findings import Finding
from eventplan.programme import Session
from eventplan.provenance import ReportedFigure
from eventplan.reconciliation import reconcile


@attrs.frozen
class Summary:
    event: Event
    counts: ParticipationCounts | None  # None: the event gives no turnout, so nothing is known
    findings: tuple[Finding, ...]

    @property
    def sessions_by_kind(self) -> dict[str, int]:
        """Programme items by kind; a continued session counts once, cancelled ones not at all."""
        items = Counter(
            s.kind.value for s in self.event.sessions if not s.is_cancelled and s.continues is None
        )
        return dict(sorted(items.items()))

    def to_json(self) -> dict[str, Any]:
        counts = self.counts
        if counts is None:
            return self._json(None, None, {})
        participation = {
            "national_delegations": counts.national_delegations,
            "organisations": counts.organisations,
            "research_institutions": counts.research_institutions,
            "delegates": counts.delegates,
            "reporters": counts.reporters,
            "press_agencies": counts.press_agencies,
            "attendees": counts.attendees,
            "signatories": counts.signatories,
            "signatories_at_plenary": counts.signatories_at_plenary,
            "signatories_later": counts.signatories_later,
        }
        return self._json(
            counts.turnout,
            {k: v.to_json() if v is not None else None for k, v in participation.items()},
            {k: v.to_json() for k, v in counts.signatories_by_region.items()},
        )

    def _json(
        self, turnout: str | None, participation: Any, signatories_by_region: dict[str, Any]
    ) -> dict[str, Any]:
        event = self.event
        return {
            "event": {
                "id": event.id,
                "name": event.name,
                "short_name": event.short_name,
                "host_city": event.host_city,
                "timezone": event.timezone,
                "start_date": event.start_date.isoformat(),
                "end_date": event.end_date.isoformat(),
                "themes": [theme.text for theme in event.themes],
            },
            "turnout": turnout,
            "sessions_by_kind": self.sessions_by_kind,
            "programme": [_session_json(event, s) for s in _in_order(event.sessions)],
            "subcommittees": [
                {"id": c.id, "name": c.name, "lead": _agency_name(event, c.lead)}
                for c in event.organisation.subcommittees
            ],
            "participation": participation,
            "signatories_by_region": signatories_by_region,
            "findings": [finding.to_json() for finding in self.findings],
        }

    def render_text(self) -> str:
        return "\n".join(
            [
                *self._heading(),
                "",
                *self._programme(),
                "",
                *self._organisation(),
                "",
                *self._participation(),
                "",
                *self._findings(),
            ]
        )

    def _heading(self) -> list[str]:
        event = self.event
        place = ", ".join(p for p in (event.host_city, event.host_country) if p)
        lines = [event.name, f"{place} · {_date_range(event)} · {event.timezone}"]
        for theme in event.themes:
            lines.append(f"Theme: “{theme.text}” ({_cite(event, theme.sources)})")
        return lines

    def _programme(self) -> list[str]:
        event = self.event
        kinds = ", ".join(
            f"{count} {kind.replace('_', ' ')}" for kind, count in self.sessions_by_kind.items()
        )
        lines = [f"Programme ({kinds})"]
        day = None
        for session in _in_order(event.sessions):
            start = session.start.in_timezone(event.timezone)
            end = session.end.in_timezone(event.timezone)
            if start.date() != day:
                day = start.date()
                lines.append(f"  {start.format('dddd D MMMM YYYY')}")
            until = end.format("HH:mm") if end.date() == start.date() else end.format("D MMM HH:mm")
            span = f"{start.format('HH:mm')}–{until}"
            room = event.room(session.room).name if session.room else "(no room)"
            status = "" if session.status.value == "confirmed" else f" [{session.status.value}]"
            lines.append(
                f"    {span:<11}  {_clip(room, 24):<24}  "
                f"{session.kind.replace('_', ' '):<21}  {session.title}{status}"
            )
        return lines

    def _organisation(self) -> list[str]:
        event = self.event
        organisation = event.organisation
        lines = ["Organisation"]
        committee = organisation.steering_committee
        if committee is not None:
            lines.append(f"  {committee.name}")
            if committee.head:
                lines.append(f"    head: {_person(event, committee.head)}")
            if committee.standing_deputy_head:
                lines.append(
                    f"    standing deputy head: {_person(event, committee.standing_deputy_head)}"
                )
            for deputy in committee.deputy_heads:
                if deputy != committee.standing_deputy_head:
                    lines.append(f"    deputy head: {_person(event, deputy)}")
            for member in committee.members:
                lines.append(f"    member: {_person(event, member)}")
            if committee.members_note:
                lines.append(f"    members: {committee.members_note}")
        if organisation.secretariat is not None:
            lines.append(f"  ├─ {organisation.secretariat.name}")
        subcommittees = organisation.subcommittees
        for index, subcommittee in enumerate(subcommittees):
            branch = "└─" if index == len(subcommittees) - 1 else "├─"
            lead = _agency_name(event, subcommittee.lead) or "lead not known"
            lines.append(f"  {branch} {subcommittee.name} (lead: {lead})")
        if organisation.tasks:
            lines.append("  Milestones and tasks")
            for task in sorted(organisation.tasks, key=lambda t: (t.due, t.id)):
                owner = f" — {_subcommittee_name(event, task.owner)}" if task.owner else ""
                marker = "◆" if task.milestone else "•"
                lines.append(f"    {marker} {task.due.isoformat()}  {task.title}{owner}")
        return lines

    def _participation(self) -> list[str]:
        counts = self.counts
        if counts is None:
            return ["Participation: not known (the event gives no turnout)"]
        turnout = self.event.turnout(counts.turnout)
        when = f", as of {turnout.as_of.isoformat()}" if turnout.as_of else ""
        lines = [f"Participation (turnout {turnout.name!r}: {turnout.kind.value}{when})"]
        rows: list[tuple[str, Measure | None, Count | None]] = [
            ("national delegations", Measure.NATIONAL_DELEGATIONS, counts.national_delegations),
            ("organisations", Measure.ORGANISATIONS, counts.organisations),
            ("research institutions", Measure.RESEARCH_INSTITUTIONS, counts.research_institutions),
            ("delegates", Measure.DELEGATES, counts.delegates),
            ("reporters", Measure.REPORTERS, counts.reporters),
            ("press agencies", Measure.PRESS_AGENCIES, counts.press_agencies),
            ("signatories", Measure.SIGNATORIES, counts.signatories),
            ("  at the plenary", Measure.SIGNATORIES_AT_PLENARY, counts.signatories_at_plenary),
            ("  later", None, counts.signatories_later),
        ]
        lines.append(f"  {'':<22} {'model':<18} reported")
        for label, measure, value in rows:
            shown = str(value) if value is not None else "not modelled"
            lines.append(f"  {label:<22} {shown:<18} {self._reported(measure)}".rstrip())
        regions = counts.signatories_by_region
        if regions:
            shown = ", ".join(
                f"{value} {region}" for region, value in regions.items() if region != NO_REGION
            )
            if NO_REGION in regions:
                shown = ", ".join(
                    p for p in (shown, f"{regions[NO_REGION]} with no region recorded") if p
                )
            lines.append(f"  {'signatories by region':<22} {shown}")
        return lines

    def _reported(self, measure: Measure | None) -> str:
        """What sources reported for this measure and turnout: "more than 2,500 (Dan Tri, 26 Oct 2025)"."""
        figures = [
            f
            for f in self.event.reported
            if f.measure is measure
            and f.region is None
            and self.counts is not None
            and f.turnout == self.counts.turnout
        ]
        return "; ".join(f"{_qualified(f)} ({_cite(self.event, f.sources[:1])})" for f in figures)

    def _findings(self) -> list[str]:
        if not self.findings:
            return ["Reported figures: all agree with the model"]
        lines = [f"Reported figures against the model ({len(self.findings)} findings)"]
        order = {"error": 0, "warning": 1, "info": 2}
        for finding in sorted(self.findings, key=lambda f: order[f.severity.value]):
            lines.append(f"  {finding.severity.value:<8} {finding.message} [{finding.code}]")
        return lines


def summarise(event: Event, turnout: str | None = None) -> Summary:
    """The summary of ``event`` for one turnout (the default one if unnamed)."""
    _arguments.event("summarise", event)
    _arguments.turnout("summarise", turnout)
    if turnout is None and not event.turnouts:  # nothing known about who comes: not zero people
        return Summary(event, None, reconcile(event))
    return Summary(event, count_participation(event, turnout), reconcile(event))


def _qualified(figure: ReportedFigure) -> str:
    words = (
        "" if figure.qualifier is Qualifier.EXACTLY else figure.qualifier.replace("_", " ") + " "
    )
    return f"{words}{figure.value:,}"


def _in_order(sessions: tuple[Session, ...]) -> list[Session]:
    return sorted(sessions, key=lambda s: (s.start, s.end, s.id))


def _session_json(event: Event, session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "title": session.title,
        "kind": session.kind.value,
        "status": session.status.value,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "room": session.room,
        "continues": session.continues,
    }


def _date_range(event: Event) -> str:
    start, end = event.start_date, event.end_date
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _cite(event: Event, source_ids: tuple[str, ...]) -> str:
    known = {source.id: str(source) for source in event.sources}
    return "; ".join(known.get(s, s) for s in source_ids) or "no source given"


def _person(event: Event, official_id: str) -> str:
    official = next((o for o in event.officials if o.id == official_id), None)
    if official is None:
        return official_id
    return f"{official.name}, {official.title}" if official.title else official.name


def _agency_name(event: Event, agency_id: str | None) -> str | None:
    if agency_id is None:
        return None
    agency = next((a for a in event.agencies if a.id == agency_id), None)
    return agency.name if agency else agency_id


def _subcommittee_name(event: Event, subcommittee_id: str) -> str:
    found = next((c for c in event.organisation.subcommittees if c.id == subcommittee_id), None)
    return found.name if found else subcommittee_id


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
