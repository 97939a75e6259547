"""The signing: the order of signature, each signatory's slot, and whether the window holds them.

The default order is the UN's seating order: English alphabetical order of
names from a letter drawn by lot (see ``UN_SEATING_SOURCE``). The
alternatives: by level of the head of delegation (heads of state first), or
by order of arrival (a list of delegation ids). Signatories known only as a
count (a cohort's ``signed_at_plenary``) follow the named ones.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import attrs
import pendulum

from eventplan.capacity.checks import Context, check_signing
from eventplan.capacity.findings import Finding
from eventplan.model.editing import resolve_turnout
from eventplan.model.enums import HeadRank, SessionKind, Severity, SignatoryStatus
from eventplan.model.event import Event
from eventplan.model.norms import Norm, NormSet
from eventplan.model.participation import Delegation, Turnout
from eventplan.model.programme import order_key
from eventplan.protocol._common import (
    UN_SEATING_SOURCE,
    finding_text,
    local_span,
    minutes,
    runs,
    un_order,
)

_RANK = {rank: index for index, rank in enumerate(HeadRank)}


class SigningOrder(enum.StrEnum):
    """The order delegations sign in: UN seating order (the default), by level or by arrival."""

    #: English alphabetical order from a letter drawn by lot, as the UN seats states (the default)
    UN_SEATING = "un_seating"
    #: heads of state first, then heads of government, ministers…; UN order within a level
    LEVEL = "level"
    #: the order delegations arrive in (``arrival``); the others after, in UN order
    ARRIVAL = "arrival"


@attrs.frozen
class SigningSlot:
    """One signatory's turn: its place in the order, and when and where it signs; ``delegation``
    is ``None`` for a signatory known only by count."""

    position: int
    label: str
    start: pendulum.DateTime
    end: pendulum.DateTime
    session: str
    room: str | None
    delegation: str | None = None  # None for a signatory known only by count

    def to_json(self) -> dict[str, Any]:
        """A dict: ``position``, ``delegation`` (``None`` when counted), ``label``, ``session``,
        ``room`` (``None`` when the session has none), and ISO ``start`` and ``end``."""
        return {
            "position": self.position,
            "delegation": self.delegation,
            "label": self.label,
            "session": self.session,
            "room": self.room,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@attrs.frozen
class Signing:
    """The timetable of signature, planned at the cautious minutes per signature."""

    event: Event
    order: SigningOrder
    first: str
    slots: tuple[SigningSlot, ...]
    late: tuple[SigningSlot, ...]  # slots that run past the last signing session
    findings: tuple[Finding, ...]
    norm: Norm

    @property
    def passed(self) -> bool:
        """No finding is an error: the signatures fit their sessions in the best case."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """A dict: ``order``, ``first``, the ``order_source``, the ``norm`` applied, the
        ``slots``, the positions of the ``late`` ones, and the ``findings``."""
        return {
            "order": self.order.value,
            "first": self.first,
            "order_source": UN_SEATING_SOURCE,
            "norm": self.norm.to_json(),
            "slots": [slot.to_json() for slot in self.slots],
            "late": [slot.position for slot in self.late],
            "findings": [f.to_json() for f in self.findings],
        }

    def render_text(self, *, width: int | None = None) -> str:
        """Plain text fitted to ``width`` (the terminal's by default)."""
        header = [
            f"Order of signature: {self.order.value.replace('_', ' ')}, from {self.first!r}",
            f"  {UN_SEATING_SOURCE}" if self.order is not SigningOrder.ARRIVAL else "",
            f"  {self.norm}",
        ]
        lines: list[str | tuple[str, int]] = [(line, 4) for line in header if line]
        late = set(self.late)

        def joins(before: SigningSlot, slot: SigningSlot) -> bool:
            unnamed = before.delegation is None and slot.delegation is None
            return unnamed and before.session == slot.session and (before in late) == (slot in late)

        for first, last in runs(self.slots, joins):
            slot, end = self.slots[first], self.slots[last]
            positions = f"{slot.position}" if first == last else f"{slot.position}–{end.position}"
            count = last - first + 1
            label = slot.label if first == last else f"{count} signatories (names not known)"
            after = "  (after the signing window)" if slot in late else ""
            when = f"{positions:>7}  {local_span(self.event, slot.start, end.end)}  "
            lines.append((f"{when}{label}{after}", len(when)))
        return finding_text(lines, self.findings, width)


def signing(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    order: SigningOrder = SigningOrder.UN_SEATING,
    first: str = "A",
    arrival: Sequence[str] = (),
    norms: NormSet | None = None,
) -> Signing:
    """Each signatory's slot across the signing sessions, in ``order`` starting from ``first``
    (a letter drawn by lot, see :func:`eventplan.protocol.draw_letter`, or a name)."""
    chosen = event.planning_norms(norms)
    norm = chosen["signing.minutes_per_signature"]
    plan = event.turnout_of(turnout)
    if plan is None:
        return Signing(event, order, first, (), (), (), norm)
    named = [d for d in plan.delegations if d.signatory is SignatoryStatus.AT_PLENARY]
    ordered = _ordered(named, order, first, arrival)
    counted = sum(c.signed_at_plenary for c in plan.cohorts)
    sessions = sorted(
        (s for s in event.sessions if s.kind is SessionKind.SIGNING and not s.is_cancelled),
        key=order_key,
    )
    step = minutes(norm.cautious_value)
    signatories: list[tuple[str, str | None]] = [(d.name, d.id) for d in ordered]
    signatories += [(f"signatory {len(ordered) + k + 1}", None) for k in range(counted)]
    slots: list[SigningSlot] = []
    late: list[SigningSlot] = []
    if sessions:
        which, clock_at = 0, sessions[0].start
        for position, (label, delegation) in enumerate(signatories, start=1):
            while which + 1 < len(sessions) and clock_at + step > sessions[which].end:
                which += 1
                clock_at = max(clock_at, sessions[which].start)
            session = sessions[which]
            slot = SigningSlot(
                position, label, clock_at, clock_at + step, session.id, session.room, delegation
            )
            slots.append(slot)
            if slot.end > session.end:
                late.append(slot)
            clock_at = slot.end
    context = Context(*resolve_turnout(event, plan), chosen)  # the checks see this turnout too
    findings = tuple(check_signing(context))
    return Signing(event, order, first, tuple(slots), tuple(late), findings, norm)


def _ordered(
    named: list[Delegation], order: SigningOrder, first: str, arrival: Sequence[str]
) -> list[Delegation]:
    alphabetical = un_order(named, name=lambda d: d.name, first=first)
    if order is SigningOrder.LEVEL:
        position = {d.id: i for i, d in enumerate(alphabetical)}
        return sorted(
            alphabetical,
            key=lambda d: (
                _RANK.get(d.head_rank, len(_RANK)) if d.head_rank else len(_RANK),
                position[d.id],
            ),
        )
    if order is SigningOrder.ARRIVAL:
        rank = {delegation_id: i for i, delegation_id in enumerate(arrival)}
        return sorted(alphabetical, key=lambda d: rank.get(d.id, len(rank)))
    return alphabetical
