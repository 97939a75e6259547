"""What changed in a programme between two revisions of an event."""

from __future__ import annotations

from typing import Any

import attrs

from eventplan.model import arguments as _arguments
from eventplan.model import localtime
from eventplan.model.event import Event
from eventplan.model.programme import Session


@attrs.frozen
class Move:
    """A session that changed time or room: before and after."""

    session: str
    before: Session
    after: Session
    #: The zone its times are shown in: the event's.
    zone: str = attrs.field(default="UTC", kw_only=True)

    def __str__(self) -> str:
        changes = []
        if (self.before.start, self.before.end) != (self.after.start, self.after.end):
            before = localtime.span(self.before.start, self.before.end, self.zone)
            changes.append(
                f"{before} → {localtime.span(self.after.start, self.after.end, self.zone)}"
            )
        if self.before.room != self.after.room:
            changes.append(f"room {self.before.room} → {self.after.room}")
        return f"{self.session}: {'; '.join(changes)}"


@attrs.frozen
class ProgrammeChanges:
    """Sessions added, cancelled (or removed), moved in time or room, and retitled."""

    added: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    moved: tuple[Move, ...] = ()
    retitled: tuple[tuple[str, str, str], ...] = ()  # (session, old title, new title)

    def __bool__(self) -> bool:
        return bool(self.added or self.cancelled or self.moved or self.retitled)

    def to_json(self) -> dict[str, Any]:
        """A dict: ``added`` and ``cancelled`` session ids, ``moved`` as ``{session, before,
        after}`` with each side's ISO ``start`` and ``end`` and its ``room``, ``retitled`` as
        ``{session, before, after}`` titles."""
        return {
            "added": list(self.added),
            "cancelled": list(self.cancelled),
            "moved": [
                {
                    "session": move.session,
                    "before": _place(move.before),
                    "after": _place(move.after),
                }
                for move in self.moved
            ],
            "retitled": [
                {"session": session, "before": old, "after": new}
                for session, old, new in self.retitled
            ],
        }

    def __str__(self) -> str:
        if not self:
            return "no changes to the programme"
        lines = [f"added: {s}" for s in self.added]
        lines += [f"cancelled: {s}" for s in self.cancelled]
        lines += [f"moved: {move}" for move in self.moved]
        lines += [f"retitled: {s}: {old!r} → {new!r}" for s, old, new in self.retitled]
        return "\n".join(lines)


def diff(old: Event, new: Event) -> ProgrammeChanges:
    """How the programme of ``new`` differs from that of ``old``, session by session."""
    _arguments.event("diff", old, "old")
    _arguments.event("diff", new, "new")
    before = {s.id: s for s in old.sessions}
    after = {s.id: s for s in new.sessions}
    added = tuple(i for i, s in after.items() if i not in before and not s.is_cancelled)
    cancelled = tuple(
        [
            i
            for i, s in after.items()
            if s.is_cancelled and i in before and not before[i].is_cancelled
        ]
        + [i for i, s in before.items() if i not in after and not s.is_cancelled]
    )
    moved, retitled = [], []
    for session_id, now in after.items():
        was = before.get(session_id)
        if was is None or now.is_cancelled:
            continue
        if (was.start, was.end, was.room) != (now.start, now.end, now.room):
            moved.append(Move(session_id, was, now, zone=new.timezone))
        if was.title != now.title:
            retitled.append((session_id, was.title, now.title))
    return ProgrammeChanges(added, cancelled, tuple(moved), tuple(retitled))


def _place(session: Session) -> dict[str, str | None]:
    return {
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "room": session.room,
    }
