"""synthetic_event builds valid events of any size, the same for the same seed."""

from __future__ import annotations

import itertools

import pytest

from eventplan import count_participation
from eventplan.model import find_problems
from eventplan.testing import synthetic_event


@pytest.mark.parametrize(
    ("sessions", "rooms", "delegations"),
    [(0, 1, 0), (1, 1, 1), (100, 10, 50), (2_000, 40, 1_000)],
    ids=["empty", "one", "small", "large"],
)
def test_synthetic_event_is_valid_and_sized_as_asked(sessions, rooms, delegations):
    event = synthetic_event(sessions=sessions, rooms=rooms, delegations=delegations, seed=7)
    assert find_problems(event) == ()
    assert (len(event.sessions), len(event.rooms)) == (sessions, rooms)
    assert len(event.turnout("planned").delegations) == delegations


def test_synthetic_event_is_reproducible():
    assert synthetic_event(seed=5) == synthetic_event(seed=5)
    assert synthetic_event(seed=5) != synthetic_event(seed=6)


def test_synthetic_sessions_run_in_parallel_without_double_booking():
    event = synthetic_event(sessions=500, rooms=20, seed=1)
    by_room: dict[str, list] = {}
    for session in event.sessions:
        by_room.setdefault(session.room, []).append((session.start, session.end))
    for bookings in by_room.values():
        bookings.sort()
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(bookings))
    starts = {session.start for session in event.sessions}
    assert len(starts) < len(event.sessions)  # several sessions share a start: parallel tracks
    assert event.end_date > event.start_date


def test_synthetic_turnouts_have_cohorts_and_press():
    counts = count_participation(synthetic_event(seed=2), "actual")
    assert (
        counts.reporters is not None and counts.reporters.low >= 120
    )  # press corps plus media outlets
    assert counts.national_delegations.low > 0


def test_synthetic_event_needs_rooms_for_sessions():
    with pytest.raises(ValueError, match="sessions need at least one room"):
        synthetic_event(sessions=5, rooms=0)
