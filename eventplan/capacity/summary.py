"""The event at a glance: programme by day, organisation, participation, findings."""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from eventplan import _text
from eventplan.capacity.findings import Finding
from eventplan.capacity.reconciliation import reconcile
from eventplan.demand.counts import NO_REGION, ParticipationCounts, count_participation
from eventplan.demand.items import programme_items
from eventplan.model import arguments as _arguments
from eventplan.model import localtime
from eventplan.model.count import Count
from eventplan.model.editing import resolve_turnout
from eventplan.model.enums import Measure, Qualifier, SessionKind
from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.programme import Session, in_order
from eventplan.model.provenance import ReportedFigure

#: A line of text, or a line and the column its continuation lines start at.
Line = str | tuple[str, int]
#: The width of a session's time span: "20:00–01:30 +1d" and two spaces.
_SPAN = 17


@attrs.frozen
class Summary:
    """The event at a glance for one turnout: who comes (``counts``, ``None`` when the event gives no turnout) and what the reported figures say against the model (``findings``)."""

    event: Event
    counts: ParticipationCounts | None  # None: the event gives no turnout, so nothing is known
    findings: tuple[Finding, ...]

    @property
    def sessions_by_kind(self) -> dict[str, int]:
        """Programme items by kind (see :func:`eventplan.demand.items.programme_items`)."""
        counted = Counter(s.kind.value for s in programme_items(self.event.sessions))
        return dict(sorted(counted.items()))

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON: the event, its programme and participation counts, and the reconciliation findings."""
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
            {
                k: v.to_json() if v is not None and counts.known else None
                for k, v in participation.items()
            },
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

    def __str__(self) -> str:
        return self.render_text()

    def render_text(self, *, width: int | None = None) -> str:
        """The summary as text, fitted to ``width`` (the terminal's by default)."""
        return _text.fit_all(
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
            ],
            _text.width(width),
        )

    def _heading(self) -> list[Line]:
        event = self.event
        place = ", ".join(p for p in (event.host_city, event.host_country) if p)
        where = " · ".join(p for p in (place, _date_range(event), event.timezone) if p)
        lines: list[Line] = [event.name, where]
        for theme in event.themes:
            lines.append((f"Theme: “{theme.text}” ({_cite(event, theme.sources)})", 2))
        return lines

    def _programme(self) -> list[Line]:
        event = self.event
        kinds = ", ".join(
            _text.plural(count, kind.replace("_", " "))
            for kind, count in self.sessions_by_kind.items()
        )
        lines: list[Line] = [(f"Programme ({kinds})", 2)]
        day = None
        for session in _in_order(event.sessions):
            start = localtime.local(session.start, event.timezone)
            end = localtime.local(session.end, event.timezone)
            if start.date() != day:
                day = start.date()
                # strftime, as _date_range: pendulum's format loads its locale files (4 ms)
                lines.append(f"  {start:%A} {start.day} {start:%B %Y}")
            later = (end.date() - start.date()).days
            span = f"{localtime.hour(start, event.timezone)}–{localtime.hour(end, event.timezone)}"
            span += f" +{later}d" if later else ""
            room = event.room(session.room).name if session.room else "no room"
            status = "" if session.status.value == "confirmed" else f" [{session.status.value}]"
            kind = session.kind.replace("_", " ")
            lines.append(
                (f"    {span:<{_SPAN}}{session.title}{status} · {room} · {kind}", 4 + _SPAN)
            )
        return lines

    def _organisation(self) -> list[Line]:
        event = self.event
        organisation = event.organisation
        lines: list[Line] = ["Organisation"]
        committee = organisation.steering_committee
        if committee is not None:
            lines.append(f"  {committee.name}")
            if committee.head:
                lines.append((f"    head: {_person(event, committee.head)}", 6))
            if committee.standing_deputy_head:
                lines.append(
                    (
                        f"    standing deputy head: {_person(event, committee.standing_deputy_head)}",
                        6,
                    )
                )
            for deputy in committee.deputy_heads:
                if deputy != committee.standing_deputy_head:
                    lines.append((f"    deputy head: {_person(event, deputy)}", 6))
            for member in committee.members:
                lines.append((f"    member: {_person(event, member)}", 6))
            if committee.members_note:
                lines.append((f"    members: {committee.members_note}", 6))
        if organisation.secretariat is not None:
            lines.append(f"  ├─ {organisation.secretariat.name}")
        subcommittees = organisation.subcommittees
        for index, subcommittee in enumerate(subcommittees):
            branch = "└─" if index == len(subcommittees) - 1 else "├─"
            lead = _agency_name(event, subcommittee.lead) or "lead not known"
            lines.append((f"  {branch} {subcommittee.name} (lead: {lead})", 7))
        if organisation.tasks:
            lines.append("  Milestones and tasks")
            for task in sorted(organisation.tasks, key=lambda t: (t.due, t.id)):
                owner = f" — {_subcommittee_name(event, task.owner)}" if task.owner else ""
                marker = "◆" if task.milestone else "•"
                lines.append((f"    {marker} {task.due.isoformat()}  {task.title}{owner}", 18))
        return lines

    def _participation(self) -> list[Line]:
        counts = self.counts
        if counts is None:
            return ["Participation: not known (the event gives no turnout)"]
        turnout = self.event.turnout(counts.turnout)
        when = f", as of {turnout.as_of.isoformat()}" if turnout.as_of else ""
        lines: list[Line] = [
            f"Participation (turnout {turnout.name!r}: {turnout.kind.value}{when})"
        ]
        # (label, measure, model's value, whether it belongs to a treaty's signing)
        rows: list[tuple[str, Measure | None, Count | None, bool]] = [
            (
                "national delegations",
                Measure.NATIONAL_DELEGATIONS,
                counts.national_delegations,
                False,
            ),
            ("organisations", Measure.ORGANISATIONS, counts.organisations, False),
            (
                "research institutions",
                Measure.RESEARCH_INSTITUTIONS,
                counts.research_institutions,
                False,
            ),
            ("delegates", Measure.DELEGATES, counts.delegates, False),
            ("reporters", Measure.REPORTERS, counts.reporters, False),
            ("press agencies", Measure.PRESS_AGENCIES, counts.press_agencies, False),
            ("signatories", Measure.SIGNATORIES, counts.signatories, True),
            (
                "  at the plenary",
                Measure.SIGNATORIES_AT_PLENARY,
                counts.signatories_at_plenary,
                True,
            ),
            ("  later", None, counts.signatories_later, True),
        ]
        lines.append(f"  {'':<22} {'model':<18} reported")
        treaty = any(session.kind is SessionKind.SIGNING for session in self.event.sessions)
        for label, measure, value, of_treaty in rows:
            absent = (  # a zero nothing in the event contradicts: a section it does not have
                counts.known
                and value is not None
                and value.high == 0
                and not self._reported(measure)
                and not (of_treaty and treaty)
            )
            if absent:
                continue
            shown = str(value) if value is not None and counts.known else "not known"
            lines.append((f"  {label:<22} {shown:<18} {self._reported(measure)}".rstrip(), 44))
        regions = counts.signatories_by_region
        if regions:
            shown = ", ".join(
                f"{value} {region}" for region, value in regions.items() if region != NO_REGION
            )
            if NO_REGION in regions:
                shown = ", ".join(
                    p for p in (shown, f"{regions[NO_REGION]} with no region recorded") if p
                )
            lines.append((f"  {'signatories by region':<22} {shown}", 25))
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

    def _findings(self) -> list[Line]:
        if not self.findings:
            return ["Reported figures: all agree with the model"]
        lines: list[Line] = [
            f"Reported figures against the model ({_text.plural(len(self.findings), 'finding')})"
        ]
        order = {"error": 0, "warning": 1, "info": 2}
        for finding in sorted(self.findings, key=lambda f: order[f.severity.value]):
            lines.append((f"  {finding.severity.value:<8} {finding.message} [{finding.code}]", 11))
        return lines

    def _repr_html_(self) -> str:
        """The summary in Jupyter: the heading, then the programme and participation as tables."""
        import html  # Jupyter only: the command line never renders HTML

        event, counts = self.event, self.counts
        heading = "".join(
            f"<div>{html.escape(line if isinstance(line, str) else line[0])}</div>"
            for line in self._heading()[1:]
        )
        programme = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (
                    f"{localtime.local(s.start, event.timezone):%a} "
                    + localtime.clock(s.start, event.timezone),
                    localtime.hour(s.end, event.timezone),
                    s.title,
                    event.room(s.room).name if s.room else "no room",
                    s.kind.replace("_", " "),
                    s.status.value,
                )
            )
            + "</tr>"
            for s in _in_order(event.sessions)
        )
        participation = "".join(
            f"<tr><td>{html.escape(label)}</td><td>{html.escape(shown)}</td></tr>"
            for label, shown in (
                (k.replace("_", " "), "not known" if v is None else str(v))
                for k, v in self.to_json()["participation"].items()
                if k != "attendees"
            )
        )
        shown_turnout = f"turnout {counts.turnout!r}" if counts is not None else "not known"
        findings = "".join(
            f"<li><b>{f.severity.value}</b> {html.escape(f.message)} <code>{html.escape(f.code)}</code></li>"
            for f in self.findings
        )
        return (
            f"<h3>{html.escape(event.name)}</h3>{heading}"
            f"<h4>Programme</h4><table><thead><tr><th>start</th><th>end</th><th>title</th>"
            f"<th>room</th><th>kind</th><th>status</th></tr></thead><tbody>{programme}</tbody></table>"
            f"<h4>Participation ({html.escape(shown_turnout)})</h4>"
            f"<table><tbody>{participation}</tbody></table>"
            f"<h4>Reported figures against the model</h4><ul>{findings}</ul>"
        )


def summarise(event: Event, turnout: str | Turnout | None = None) -> Summary:
    """The summary of ``event`` for one turnout (the default one if unnamed)."""
    _arguments.event("summarise", event)
    if turnout is None and not event.turnouts:  # nothing known about who comes: not zero people
        return Summary(event, None, reconcile(event))
    event, name = resolve_turnout(event, turnout)
    return Summary(event, count_participation(event, name), reconcile(event))


def _qualified(figure: ReportedFigure) -> str:
    words = (
        "" if figure.qualifier is Qualifier.EXACTLY else figure.qualifier.replace("_", " ") + " "
    )
    return f"{words}{figure.value:,}"


def _in_order(sessions: tuple[Session, ...]) -> list[Session]:
    return list(in_order(sessions))


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
