"""Seating: the delegations of a session placed row by row in UN order.

UN practice (``UN_SEATING_SOURCE``): English alphabetical order of names from
the delegation drawn by lot. Each party takes the seats its audience rule
gives (the UN "1 + 3": four seats), kept together in one row; fixed blocks
(host officials, reporters) follow. A room gives its grid as ``rows`` and
``seats_per_row``; without them the plan cannot be drawn, which is reported
as ``info``.
"""

from __future__ import annotations

from typing import Any

import attrs

from eventplan.capacity.findings import Finding
from eventplan.model.enums import Severity
from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.parties import Parties
from eventplan.model.programme import (
    Session,
)
from eventplan.protocol._common import UN_SEATING_SOURCE, finding_text, un_order


@attrs.frozen
class SeatBlock:
    """Seats ``first``–``last`` of ``row`` (both from 1, row 1 at the front) for one party."""

    party: str  # a delegation id, or a label for a party known only by count or a fixed block
    name: str
    row: int
    first: int
    last: int
    named: bool = True

    @property
    def seats(self) -> int:
        """How many seats the block holds, ``first`` and ``last`` included."""
        return self.last - self.first + 1

    def to_json(self) -> dict[str, Any]:
        """A dict: ``party``, ``name``, ``named`` (false for a party known only by count or a
        fixed block), ``row``, ``first_seat`` and ``last_seat``."""
        return {
            "party": self.party,
            "name": self.name,
            "named": self.named,
            "row": self.row,
            "first_seat": self.first,
            "last_seat": self.last,
        }


@attrs.frozen
class Seating:
    """One session's seating plan: blocks row by row in UN order from ``first``, and findings (a
    room without a grid gets no blocks; parties left without a seat are an error)."""

    event: Event
    session: Session
    first: str
    rows: int | None
    seats_per_row: int | None
    blocks: tuple[SeatBlock, ...]
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        """No finding is an error: everyone has a seat (a room without a grid passes)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """A dict: ``session`` and ``room`` ids, the ``order`` followed (its source), ``first``,
        the grid's ``rows`` and ``seats_per_row`` (``None`` when not given), the ``blocks`` and
        the ``findings``."""
        return {
            "session": self.session.id,
            "room": self.session.room,
            "order": UN_SEATING_SOURCE,
            "first": self.first,
            "rows": self.rows,
            "seats_per_row": self.seats_per_row,
            "blocks": [block.to_json() for block in self.blocks],
            "findings": [f.to_json() for f in self.findings],
        }

    def render_text(self, *, width: int | None = None) -> str:
        """Plain text fitted to ``width`` (the terminal's by default)."""
        lines: list[str | tuple[str, int]] = [
            f"Seating for {self.session.id} in {self.session.room}, UN order from {self.first!r}",
            (f"  {UN_SEATING_SOURCE}", 4),
        ]
        if self.blocks:
            lines.append(f"  {'row':>4}  {'seats':>9}  party")
            lines += [
                (f"  {b.row:>4}  {f'{b.first}–{b.last}':>9}  {b.name}", 19) for b in self.blocks
            ]
        return finding_text(lines, self.findings, width)


def seating(
    event: Event, turnout: str | Turnout | None = None, *, session: str, first: str = "A"
) -> Seating:
    """Seat the parties of ``session`` (an id) in its room, in UN order from ``first`` (a letter drawn by lot)."""
    chosen = event.session(session)
    parties = Parties(event.turnout_of(turnout))
    room = event.room(chosen.room) if chosen.room is not None else None
    rows = room.rows if room is not None else None
    per_row = room.seats_per_row if room is not None else None
    wanted = _wanted(parties, chosen, first)
    if room is None or not rows or not per_row:
        where = chosen.room or "no room"
        finding = Finding(
            "seating-grid-unknown",
            Severity.INFO,
            f"{chosen.id}: {where} gives no rows and seats per row, so its "
            f"{parties.demand(chosen)} seats cannot be laid out",
            (chosen.id, *(() if room is None else (room.id,))),
        )
        return Seating(event, chosen, first, rows, per_row, (), (finding,))
    blocks: list[SeatBlock] = []
    row, seat = 1, 1
    left_out: list[str] = []
    for party, name, seats, named in wanted:
        remaining = seats
        if seats <= per_row and seat + seats - 1 > per_row:
            row, seat = row + 1, 1  # keep a delegation together in one row
        while remaining and row <= rows:
            take = min(remaining, per_row - seat + 1)
            blocks.append(SeatBlock(party, name, row, seat, seat + take - 1, named))
            remaining -= take
            seat += take
            if seat > per_row:
                row, seat = row + 1, 1
        if remaining:
            left_out.append(name)
    findings: list[Finding] = []
    if left_out:
        needed = sum(seats for _, _, seats, _ in wanted)
        findings.append(
            Finding(
                "seating-overflow",
                Severity.ERROR,
                f"{chosen.id}: {needed:,} seats needed, {rows} rows of {per_row} hold "
                f"{rows * per_row:,}; not seated: {', '.join(left_out[:5])}"
                + (f" and {len(left_out) - 5} more" if len(left_out) > 5 else ""),
                (chosen.id, room.id),
            )
        )
    return Seating(event, chosen, first, rows, per_row, tuple(blocks), tuple(findings))


def _wanted(parties: Parties, session: Session, first: str) -> list[tuple[str, str, int, bool]]:
    """(party, name, seats, named) in seating order: named delegations in UN order, then parties
    known only by count, then the press and fixed blocks. Who holds seats, and how many, is
    :meth:`eventplan.model.parties.Parties.attendance`, the one answer the checks read too."""
    attendance = parties.attendance(session)
    seats: dict[str, int] = {}
    counted: list[tuple[str, str, int, bool]] = []
    press: list[tuple[str, str, int, bool]] = []
    for member, weight in attendance.weights.items():
        number = parties.size(member).largest_known
        if member.source == "delegation":
            seats[member.id] = seats.get(member.id, 0) + number * weight
        elif member.source == "cohort":
            cohort = parties.cohorts[member.id]
            words = "reporter" if member.people else cohort.kind.value.replace("_", " ")
            counted += [
                (f"{cohort.id}-{k}", f"{words} {k} ({cohort.id})", weight, False)
                for k in range(1, number + 1)
            ]
        else:
            press.append(("press", "press", number * weight, False))
    blocks = [
        (part.rule.label or "reserved", part.rule.label or "reserved", part.fixed, False)
        for part in attendance.blocks
    ]
    names = {d.id: d.name for d in parties.delegations.values()}
    ordered = un_order(list(seats), name=lambda d: names[d], first=first)
    return [(d, names[d], seats[d], True) for d in ordered] + counted + press + blocks
