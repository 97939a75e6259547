"""What a placement returns: the placed event, what moved, what could not be placed and why."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from eventplan import _text
from eventplan.model import localtime
from eventplan.model.event import Event


@attrs.frozen
class Reason:
    """One rule that keeps a session out, in the event's words.

    ``rule`` names the kind of rule: ``room-capacity`` (no room seats it), ``day-hours``
    (longer than the hours a day or its window leaves), ``window``, ``room-bookings`` (the
    rooms that seat it are taken), ``person`` (someone it needs is elsewhere), ``order``,
    ``same-day``, ``adjacent`` (one session right after another in its room), ``apart`` (a
    series that may not run in parallel), ``rooms-full`` (more sessions than their rooms
    hold), ``interpretation-booths``, ``interpreters`` and ``shared-resource`` (the cars,
    screening lanes or shuttle buses it needs are busy, or fewer than it needs). ``ids`` are
    the sessions, rooms, people and resources the rule is about.
    """

    rule: str
    text: str
    ids: tuple[str, ...] = ()


@attrs.frozen
class Unplaced:
    """A session that could not be placed; it stays as it came in, and ``reasons`` say why
    (together: lifting any one of them would let it in, unless ``combined``)."""

    session: str
    reasons: tuple[Reason, ...]


@attrs.frozen
class Move:
    """A session whose room or time differs from the published programme's."""

    session: str
    was_room: str | None
    was_start: pendulum.DateTime
    room: str | None
    start: pendulum.DateTime
    calendars: int  # how many audiences' calendars show the session
    why: str


@attrs.frozen
class ProgrammePlan:
    """The placed programme: a new :class:`~eventplan.Event` that checks, calendars and
    schedule exports read unchanged, what moved against the published programme, what was
    left out and why, the objective's parts and the solver's status."""

    event: Event
    placed: tuple[str, ...]
    unplaced: tuple[Unplaced, ...]
    moves: tuple[Move, ...]
    objective: dict[str, int]
    status: str
    gap: float | None  # relative gap to the solver's bound; 0 when proven best
    seconds: float
    #: What a planner should know about the plan: sessions in rooms whose seats are not known.
    notes: tuple[str, ...] = ()
    #: Whether the same input, seed, workers and limits give this plan again: false when
    #: the clock stopped the search before it finished or reached its work limit.
    repeatable: bool = True

    @property
    def passed(self) -> bool:
        """Whether every session asked for was placed."""
        return not self.unplaced

    def to_json(self) -> dict[str, Any]:
        """A dict: ``status``, ``gap``, ``seconds``, ``placed`` (ids), ``unplaced`` with their
        ``reasons``, ``moves`` and the ``objective``'s parts."""
        return {
            "status": self.status,
            "gap": self.gap,
            "repeatable": self.repeatable,
            "seconds": round(self.seconds, 3),
            "placed": list(self.placed),
            "unplaced": [
                {"session": u.session, "reasons": [attrs.asdict(r) for r in u.reasons]}
                for u in self.unplaced
            ],
            "moves": [
                {
                    "session": m.session,
                    "from": {"room": m.was_room, "start": m.was_start.isoformat()},
                    "to": {"room": m.room, "start": m.start.isoformat()},
                    "calendars": m.calendars,
                    "why": m.why,
                }
                for m in self.moves
            ],
            "objective": dict(self.objective),
            "notes": list(self.notes),
        }

    def render_text(self, *, width: int | None = None) -> str:
        """Plain text fitted to ``width`` (the terminal's by default)."""
        zone = self.event.timezone
        asked = len(self.placed) + len(self.unplaced)
        if self.status == "first-fit":
            how = "first fit"
        else:
            gap = "" if self.gap is None or self.status == "optimal" else f", gap {self.gap:.1%}"
            how = f"CP-SAT, {self.status}{gap}"
        lines: list[str | tuple[str, int]] = [
            f"Programme placement ({how}): {len(self.placed)} of "
            f"{_text.plural(asked, 'session')} placed in {self.seconds:.1f} s"
        ]
        if self.objective.get("preferences"):
            lines.append(
                f"preferences met: {self.objective['preferences_met']} of "
                f"{self.objective['preferences']}"
            )
        balance = {
            "spread_over": "sessions of a spread series beyond an even share of a day",
            "load_over": "sessions of one person beyond their even share of a day",
            "makespan_minutes": "minutes of people's days, first start to last end",
        }
        for part, what in balance.items():
            if part in self.objective:
                lines.append(f"balance: {self.objective[part]} {what}")
        if self.moves:
            lines.append(f"{_text.plural(len(self.moves), 'session')} moved:")
        else:  # nothing to compare with, or nothing moved: where each placed session is
            lines.extend(
                (f"  {when}  {room}  {session}", 4) for when, room, session in self._rows()
            )
        for m in self.moves:
            was = f"{m.was_room or 'no room'} {localtime.clock(m.was_start, zone)}"
            now = f"{m.room or 'no room'} {localtime.clock(m.start, zone)}"
            lines.append(
                (
                    f"  {m.session}: {was} -> {now} ({_text.plural(m.calendars, 'calendar')}; {m.why})",
                    4,
                )
            )
        lines.extend((f"  note: {note}", 8) for note in self.notes)
        for u in self.unplaced:
            lines.append(f"  not placed: {u.session}")
            lines.extend((f"    {r.text} [{r.rule}]", 6) for r in u.reasons)
        return _text.fit_all(lines, _text.width(width))

    def _rows(self) -> list[tuple[str, str, str]]:
        """Each placed session's local span, room and id, in time order."""
        placed = set(self.placed)
        held = sorted(
            (s for s in self.event.sessions if s.id in placed),
            key=lambda s: (s.start, s.room or "", s.id),
        )
        return [
            (localtime.span(s.start, s.end, self.event.timezone), s.room or "no room", s.id)
            for s in held
        ]

    def _repr_html_(self) -> str:
        """The plan as a table in a notebook: each placed session's day, time and room."""
        import html

        rows = [
            f"<tr><td>{html.escape(when)}</td><td>{html.escape(room)}</td>"
            f"<td>{html.escape(session)}</td></tr>"
            for when, room, session in self._rows()
        ]
        left = "".join(
            f"<li>{html.escape(u.session)}: "
            + "; ".join(html.escape(r.text) for r in u.reasons)
            + "</li>"
            for u in self.unplaced
        )
        return (
            f"<p>{html.escape(self.render_text(width=1000).splitlines()[0])}</p>"
            "<table><thead><tr><th>when</th><th>room</th><th>session</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            + (f"<p>Not placed:</p><ul>{left}</ul>" if left else "")
        )
