"""What a programme item is, once: the checks, the summary and the reconciliation count these.

A session that ``continues`` another (the plenary resumed on day two) is part
of the same item. An item goes ahead while any of its parts does, so
cancelling the day-1 plenary leaves the day-2 continuation, and the item, in
the programme.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from eventplan.model.enums import SessionKind
from eventplan.model.programme import Session


def first_part(session: Session, by_id: dict[str, Session]) -> Session:
    """The session a chain of continuations starts from (a cycle stops where it closes)."""
    seen = {session.id}
    while session.continues is not None and session.continues in by_id:
        session = by_id[session.continues]
        if session.id in seen:
            break
        seen.add(session.id)
    return session


def programme_items(sessions: Iterable[Session]) -> tuple[Session, ...]:
    """One session per programme item that goes ahead: the first part of each item with a part
    that is not cancelled, in programme order."""
    chosen = tuple(sessions)
    by_id = {s.id: s for s in chosen}
    items = dict.fromkeys(first_part(s, by_id).id for s in chosen if not s.is_cancelled)
    return tuple(by_id[item] for item in items)


def opening(
    sessions: Iterable[Session], first_day: Callable[[Session], bool], people: dict[str, int]
) -> Session | None:
    """The session arrivals are screened for: the first day's opening (else any session of the
    first day) with the most people, the earlier one on a tie. ``people`` gives each session's
    people at the optimistic end."""
    on_first_day = [s for s in sessions if not s.is_cancelled and first_day(s)]
    openings = [s for s in on_first_day if s.kind is SessionKind.OPENING] or on_first_day
    return max(openings, key=lambda s: (people[s.id], -s.start.timestamp()), default=None)
