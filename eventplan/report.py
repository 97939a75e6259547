"""A check's findings, readable as text, in Jupyter, as a DataFrame and as JSON."""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from eventplan import _arguments
from eventplan.checks import run_checks
from eventplan.enums import Severity
from eventplan.errors import MissingExtraError
from eventplan.event import Event
from eventplan.findings import Finding
from eventplan.norms import NormSet

if TYPE_CHECKING:  # pragma: no cover
    import pandas

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.OK: 3}


@attrs.frozen
class Report:
    """What :func:`eventplan.check` found for one event and turnout."""

    event: str
    turnout: str
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return self.having(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return self.having(Severity.WARNING)

    @property
    def passed(self) -> bool:
        """No finding is an error (warnings fail only in the cautious case)."""
        return not self.errors

    def having(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def tally(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {severity.value: counts.get(severity, 0) for severity in _ORDER}

    def __str__(self) -> str:
        return self.render_text()

    def render_text(self, *, show_ok: bool = False) -> str:
        tally = self.tally()
        lines = [
            f"Capacity checks for {self.event}, turnout {self.turnout!r}: "
            + ", ".join(f"{n} {severity}" for severity, n in tally.items())
        ]
        for finding in sorted(self.findings, key=lambda f: _ORDER[f.severity]):
            if finding.severity is Severity.OK and not show_ok:
                continue
            lines.append(f"  {finding.severity.value:<8} {finding.message} [{finding.code}]")
            for norm in finding.norms:
                lines.append(f"           norm: {norm}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for finding in sorted(self.findings, key=lambda f: _ORDER[f.severity]):
            margin = finding.margin
            cells = [
                finding.severity.value,
                finding.code,
                finding.message,
                str(finding.demand) if finding.demand else "",
                str(finding.capacity) if finding.capacity else "",
                ""
                if margin is None
                else f"{_signed(margin.cautious)} / {_signed(margin.optimistic)}",
                "; ".join(f"{n.name} ({n.source})" for n in finding.norms),
            ]
            rows.append(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"
            )
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "severity",
                "code",
                "finding",
                "demand",
                "capacity",
                "margin (cautious / optimistic)",
                "norms",
            )
        )
        title = html.escape(self.render_text().splitlines()[0])
        return f"<p><b>{title}</b></p><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"

    def to_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "turnout": self.turnout,
            "summary": self.tally(),
            "findings": [finding.to_json() for finding in self.findings],
        }

    def to_frame(self) -> pandas.DataFrame:
        """One row per finding, with demand, capacity and margins at both ends (needs pandas)."""
        try:
            import pandas
        except ImportError:
            raise MissingExtraError("Report.to_frame", "notebooks") from None
        rows = []
        for finding in self.findings:
            margin = finding.margin
            rows.append(
                {
                    "turnout": self.turnout,
                    "code": finding.code,
                    "severity": finding.severity.value,
                    "subjects": ", ".join(finding.subjects),
                    "demand_low": finding.demand.low if finding.demand else None,
                    "demand_high": finding.demand.high if finding.demand else None,
                    "capacity_low": finding.capacity.low if finding.capacity else None,
                    "capacity_high": finding.capacity.high if finding.capacity else None,
                    "margin_cautious": margin.cautious if margin else None,
                    "margin_optimistic": margin.optimistic if margin else None,
                    "norm": finding.norms[0].id if finding.norms else None,
                    "message": finding.message,
                }
            )
        return pandas.DataFrame(rows)


def _signed(value: int | None) -> str:
    return "open" if value is None else f"{value:+,}"


def check(event: Event, turnout: str | None = None, norms: NormSet | None = None) -> Report:
    """Run every capacity check on ``event`` for one turnout (the event's default if unnamed).

    ``norms`` replaces eventplan's norms (see :func:`eventplan.default_norms`);
    by default they apply with the event's own ``norm_overrides``.
    """
    _arguments.event("check", event)
    _arguments.turnout("check", turnout)
    norms = _arguments.norm_set("check", norms)
    chosen = event.turnout(turnout).name
    return Report(event.id, chosen, run_checks(event, chosen, norms))
