"""Speakers' lists: who speaks when, in UN order, and whether the list fits its session.

The order follows UN practice: level of representation first (heads of state
or government, then ministers, vice-ministers, heads of delegation), then the
order of inscription, observers after states. United Nations, Summit for
Refugees and Migrants, "Registration of delegates" (2016): "the speaking order
will follow the customary protocol order ... precedence will be accorded to
representatives at the Heads of State or Government and Ministerial levels";
UN Human Rights Council, modalities of the high-level segment (2006): the list
"in chronological order of receipt of requests and due consideration will be
given to the level", organisations "after States representatives".
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum

from eventplan.capacity.checks import verdict
from eventplan.capacity.findings import Finding
from eventplan.capacity.reconciliation import reconcile
from eventplan.model.count import Count
from eventplan.model.enums import Measure, Severity, SpeakerLevel
from eventplan.model.event import Event
from eventplan.model.norms import Norm, NormSet
from eventplan.model.participation import Turnout
from eventplan.model.programme import Session, Statement
from eventplan.protocol._common import (
    finding_text,
    local_span,
    minutes,
    party_names,
    runs,
)

SPEAKER_ORDER_SOURCE = (
    "United Nations, Summit for Refugees and Migrants, 'Registration of delegates' (2016): "
    "customary protocol order, heads of state or government and ministers first; "
    "https://refugeesmigrants.un.org/registration-delegates"
)
_LEVEL_RANK = {level: rank for rank, level in enumerate(SpeakerLevel)}


class SpeakerOrder(enum.StrEnum):
    """How a speakers' list is ordered."""

    #: level of representation, then order of inscription, observers last (the default)
    UN_PRACTICE = "un_practice"
    #: order of inscription only: first come, first served
    INSCRIPTION = "inscription"


@attrs.frozen
class SpeakerSlot:
    """One statement's place and estimated time, planned at the statement limit plus changeover."""

    position: int
    label: str
    level: SpeakerLevel
    start: pendulum.DateTime
    end: pendulum.DateTime
    speaker: str | None = (
        None  # an official's id or ``delegation:<id>``; None for counted statements
    )

    def to_json(self) -> dict[str, Any]:
        """A dict: ``position``, ``speaker`` (``None`` when counted), ``label``, ``level``, and
        ISO ``start`` and ``end``."""
        return {
            "position": self.position,
            "speaker": self.speaker,
            "label": self.label,
            "level": self.level.value,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@attrs.frozen
class SessionSpeakers:
    """One session's speakers' list, timed: each speaker's slot, and the minutes the list
    needs (optimistic to cautious) against the minutes the session has."""

    session: Session
    slots: tuple[SpeakerSlot, ...]
    needed: Count  # minutes the list needs: optimistic, cautious

    @property
    def available(self) -> int:
        """The session's length in whole minutes: what the list has to fit in."""
        return int(self.session.duration.total_seconds() // 60)

    @property
    def not_speaking(self) -> tuple[SpeakerSlot, ...]:
        """The speakers whose estimated end falls after the session's end."""
        return tuple(slot for slot in self.slots if slot.end > self.session.end)


@attrs.frozen
class Speakers:
    """Every session's timed speakers' list, with the findings about them."""

    event: Event
    sessions: tuple[SessionSpeakers, ...]
    findings: tuple[Finding, ...]
    norms: tuple[Norm, ...]

    @property
    def passed(self) -> bool:
        """No finding is an error: every list fits its session in the best case."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """A dict: the ``norms`` applied, the ``order`` followed (its source), each session's id,
        ISO ``start`` and ``end``, ``statements``, ``minutes_available``, ``minutes_needed``
        (as ``Count.to_json``) and ``speakers``, and the ``findings``."""
        return {
            "norms": [norm.to_json() for norm in self.norms],
            "order": SPEAKER_ORDER_SOURCE,
            "sessions": [
                {
                    "session": item.session.id,
                    "start": item.session.start.isoformat(),
                    "end": item.session.end.isoformat(),
                    "statements": len(item.slots),
                    "minutes_available": item.available,
                    "minutes_needed": item.needed.to_json(),
                    "speakers": [slot.to_json() for slot in item.slots],
                }
                for item in self.sessions
            ],
            "findings": [finding.to_json() for finding in self.findings],
        }

    def render_text(self, *, width: int | None = None) -> str:
        """Plain text fitted to ``width`` (the terminal's by default)."""
        lines: list[str | tuple[str, int]] = [
            "Speakers' lists, each speaker planned at the statement limit plus changeover:"
        ]
        lines += [(f"  {norm}", 4) for norm in self.norms]
        lines.append((f"  order: {SPEAKER_ORDER_SOURCE}", 4))
        for item in self.sessions:
            session = item.session
            lines.append("")
            lines.append(
                f"{session.id}: {session.title}, "
                f"{local_span(self.event, session.start, session.end)}, {len(item.slots)} statements"
            )
            lines += [(f"  {row}", 2 + hang) for row, hang in _runs(self.event, item.slots)]
        return finding_text(lines, self.findings, width)


def _runs(event: Event, slots: tuple[SpeakerSlot, ...]) -> Iterator[tuple[str, int]]:
    """One line per named speaker, one per run of counted statements of one level, with the
    column its label starts at."""

    def joins(before: SpeakerSlot, slot: SpeakerSlot) -> bool:
        return before.speaker is None and slot.speaker is None and before.level is slot.level

    for first, last in runs(slots, joins):
        slot, end = slots[first], slots[last]
        positions = f"{slot.position}" if first == last else f"{slot.position}–{end.position}"
        words = slot.level.replace("_", " ")
        count = last - first + 1
        label = slot.label if first == last else f"{count} × {words} (names not known)"
        when = f"{positions:>7}  {local_span(event, slot.start, end.end)}  "
        yield f"{when}{label}", len(when)


def order_entries(
    entries: tuple[Statement, ...], order: SpeakerOrder = SpeakerOrder.UN_PRACTICE
) -> list[Statement]:
    """Entries in speaking order; an entry without ``inscribed`` keeps its place in the list."""
    inscribed = {
        id(entry): (entry.inscribed if entry.inscribed is not None else position + 1, position)
        for position, entry in enumerate(entries)
    }
    if order is SpeakerOrder.INSCRIPTION:
        return sorted(entries, key=lambda entry: inscribed[id(entry)])
    return sorted(entries, key=lambda entry: (_LEVEL_RANK[entry.level], inscribed[id(entry)]))


def speakers(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    order: SpeakerOrder = SpeakerOrder.UN_PRACTICE,
    norms: NormSet | None = None,
) -> Speakers:
    """Time every session's speakers' list and say which lists do not fit their session.

    Counted statements (names not known) follow the named entries of the same
    level. ``turnout`` names the delegations (for their names).
    """
    chosen = event.planning_norms(norms)
    limit, changeover = chosen["statement.minutes"], chosen["statement.changeover_minutes"]
    names = party_names(event, turnout)
    results: list[SessionSpeakers] = []
    findings: list[Finding] = []
    step = minutes(limit.cautious_value + changeover.cautious_value)
    for session in event.sessions:
        if session.is_cancelled or session.speakers_list is None:
            continue
        listed = session.speakers_list
        rows: list[tuple[SpeakerLevel, str | None, str]] = []
        ordered = order_entries(listed.entries, order)
        counted = sorted(listed.counts, key=lambda c: _LEVEL_RANK[c.level])
        for level in SpeakerLevel if order is SpeakerOrder.UN_PRACTICE else (None,):
            for entry in ordered:
                if level is None or entry.level is level:
                    rows.append(
                        (entry.level, entry.speaker, names.get(entry.speaker, entry.speaker))
                    )
            for count in counted:
                if level is None or count.level is level:
                    words = count.level.replace("_", " ")
                    rows += [(count.level, None, words)] * count.statements
        slots = tuple(
            SpeakerSlot(
                position + 1,
                label if speaker is not None else f"{label} {position + 1}",
                level,
                session.start + step * position,
                session.start + step * (position + 1),
                speaker,
            )
            for position, (level, speaker, label) in enumerate(rows)
        )
        total = len(slots)
        needed = Count(
            int(total * (limit.optimistic_value + changeover.optimistic_value) // 1),
            -int(-total * (limit.cautious_value + changeover.cautious_value) // 1),
        )
        item = SessionSpeakers(session, slots, needed)
        results.append(item)
        findings.append(_fit(event, item, (limit, changeover)))
    reported = {r.id for r in event.reported if r.measure is Measure.STATEMENTS}
    statements = [f for f in reconcile(event) if reported & set(f.subjects)]
    return Speakers(event, tuple(results), (*findings, *statements), (limit, changeover))


def _fit(event: Event, item: SessionSpeakers, norms: tuple[Norm, Norm]) -> Finding:
    session, needed = item.session, item.needed
    available = Count.exactly(item.available)
    severity = verdict(needed, available)
    what = (
        f"{session.id}: {len(item.slots)} statements at {norms[0].low:g}–{norms[0].high:g} min "
        f"plus {norms[1].low:g}–{norms[1].high:g} min changeover need {needed} min, "
        f"the session has {item.available} min"
    )
    if severity is Severity.OK:
        message = f"{what}; fits"
    else:
        late = item.not_speaking
        over = (needed.high or 0) - item.available
        optimistic = needed.low - item.available
        message = f"{what}; over by {over} min at the limit" + (
            f" ({optimistic} min even at the optimistic end)" if optimistic > 0 else ""
        )
        if late:
            who = (
                ", ".join(slot.label for slot in late)
                if len(late) <= 5
                else f"speakers {late[0].position}–{late[-1].position}"
            )
            message += f"; {len(late)} would not speak in time: {who}"
    return Finding(
        "speakers-overrun" if severity is not Severity.OK else "speakers-fit",
        severity,
        message,
        (session.id,),
        needed,
        available,
        norms,
    )
