"""A check's findings, readable as text, in Jupyter, as a DataFrame and as JSON."""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from eventplan import _text
from eventplan._text import plural
from eventplan.capacity.checks import run_checks
from eventplan.capacity.findings import Finding
from eventplan.errors import MissingExtraError
from eventplan.model import arguments as _arguments
from eventplan.model.editing import resolve_turnout
from eventplan.model.enums import Severity
from eventplan.model.event import Event
from eventplan.model.norms import Norm, NormSet
from eventplan.model.participation import Turnout

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
        """The findings that are errors: a shortage even in the optimistic case."""
        return self.having(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings that are warnings: short in the cautious case only."""
        return self.having(Severity.WARNING)

    @property
    def passed(self) -> bool:
        """No finding is an error (warnings fail only in the cautious case)."""
        return not self.errors

    def having(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity, in the order the checks gave them."""
        return tuple(f for f in self.findings if f.severity is severity)

    def tally(self) -> dict[str, int]:
        """How many findings of each severity, every severity listed, zero included."""
        counts = Counter(f.severity for f in self.findings)
        return {severity.value: counts.get(severity, 0) for severity in _ORDER}

    def __str__(self) -> str:
        return self.render_text()

    def headline(self) -> str:
        """``Capacity checks for EVENT, turnout 'NAME': 1 error, 5 warnings, 2 info, 20 ok``."""
        tally = self.tally()
        counts = ", ".join(
            plural(n, severity) if severity in ("error", "warning") else f"{n:,} {severity}"
            for severity, n in tally.items()
        )
        return f"Capacity checks for {self.event}, turnout {self.turnout!r}: {counts}"

    def render_text(
        self, *, show_ok: bool = False, verbose: bool = False, width: int | None = None
    ) -> str:
        """The findings, worst first, fitted to ``width`` (the terminal's by default).

        Each norm is cited once, in a numbered list under the findings that refer to it;
        ``verbose`` prints every norm in full under each finding instead.
        """
        columns = _text.width(width)
        lines: list[str | tuple[str, int]] = [self.headline()]
        numbers: dict[str, int] = {}
        cited: list[Norm] = []
        hang = 11
        for finding in sorted(self.findings, key=lambda f: _ORDER[f.severity]):
            if finding.severity is Severity.OK and not show_ok:
                continue
            line = f"  {finding.severity.value:<8} {finding.message} [{finding.code}]"
            if verbose:
                lines.append((line, hang))
                lines += [(f"{'':<{hang}}norm: {norm}", hang + 6) for norm in finding.norms]
                continue
            for norm in finding.norms:
                if norm.id not in numbers:
                    cited.append(norm)
                    numbers[norm.id] = len(cited)
            refs = [numbers[n.id] for n in dict.fromkeys(finding.norms)]
            if refs:
                line += f" ({'norm' if len(refs) == 1 else 'norms'} {', '.join(map(str, refs))})"
            lines.append((line, hang))
        if cited:
            lines.append("Norms")
            digits = len(str(len(cited)))
            for number, norm in enumerate(cited, start=1):
                lines.append((f"  [{number:>{digits}}] {norm}", digits + 5))
        return _text.fit_all(lines, columns)

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
        title = html.escape(self.headline())
        return f"<p><b>{title}</b></p><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"

    def to_json(self) -> dict[str, Any]:
        """The report as JSON: event, turnout, the tally (``summary``) and every finding."""
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
        return pandas.DataFrame([finding_row(self.turnout, f) for f in self.findings])


#: The columns of a finding's frame row: ``Report.to_frame``, ``compare`` and ``sweep`` share
#: them, and the Monte Carlo frames share ``turnout``, ``code``, ``subjects`` and ``capacity_*``.
FINDING_COLUMNS = (
    "turnout",
    "code",
    "severity",
    "subjects",
    "demand_low",
    "demand_high",
    "capacity_low",
    "capacity_high",
    "margin_cautious",
    "margin_optimistic",
    "norm",
    "message",
)


def finding_values(turnout: str, finding: Finding) -> tuple[Any, ...]:
    """A finding's row in :data:`FINDING_COLUMNS` order: compact to send back from a worker."""
    margin = finding.margin
    return (
        turnout,
        finding.code,
        finding.severity.value,
        ", ".join(finding.subjects),
        finding.demand.low if finding.demand else None,
        finding.demand.high if finding.demand else None,
        finding.capacity.low if finding.capacity else None,
        finding.capacity.high if finding.capacity else None,
        margin.cautious if margin else None,
        margin.optimistic if margin else None,
        finding.norms[0].id if finding.norms else None,
        finding.message,
    )


def finding_row(turnout: str, finding: Finding) -> dict[str, Any]:
    """A finding as a frame row, keyed by :data:`FINDING_COLUMNS`."""
    return dict(zip(FINDING_COLUMNS, finding_values(turnout, finding), strict=True))


def _signed(value: int | None) -> str:
    return "open" if value is None else f"{value:+,}"


def check(
    event: Event, turnout: str | Turnout | None = None, *, norms: NormSet | None = None
) -> Report:
    """Run every capacity check on ``event`` for one turnout (the event's default if unnamed).

    ``norms`` replaces eventplan's norms (see :func:`eventplan.default_norms`);
    by default they apply with the event's own ``norm_overrides``.
    """
    _arguments.event("check", event)
    norms = _arguments.norm_set("check", norms)
    event, chosen = resolve_turnout(event, turnout)
    return Report(event.id, chosen, run_checks(event, chosen, norms))
