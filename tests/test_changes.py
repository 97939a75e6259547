"""diff: what changed in the programme between two revisions."""

from __future__ import annotations

import attrs
from builders import at, make_event, make_session

from eventplan import diff
from eventplan.calendars import ProgrammeChanges
from eventplan.model import SessionStatus, editing


def two_revisions():
    old = make_event(
        sessions=(
            make_session("opening"),
            make_session("panel", start=at(25, 11), end=at(25, 12)),
            make_session("lunch", start=at(25, 12), end=at(25, 13), room="hall-b"),
            make_session("dropped", start=at(25, 14), end=at(25, 15)),
        )
    )
    new = attrs.evolve(
        old,
        sessions=(
            make_session("opening", title="Opening ceremony"),
            make_session("panel", start=at(25, 11, 30), end=at(25, 12, 30)),
            make_session(
                "lunch",
                start=at(25, 12),
                end=at(25, 13),
                room="hall-b",
                status=SessionStatus.CANCELLED,
            ),
            make_session("press", start=at(25, 16), end=at(25, 17)),
        ),
    )
    return old, new


def test_diff_lists_added_cancelled_moved_and_retitled():
    old, new = two_revisions()
    changes = diff(old, new)
    assert changes.added == ("press",)
    assert changes.cancelled == ("lunch", "dropped")
    assert [m.session for m in changes.moved] == ["panel"]
    assert changes.retitled == (("opening", "Opening", "Opening ceremony"),)


def test_diff_reads_as_a_list_of_changes():
    old, new = two_revisions()
    assert str(diff(old, new)).splitlines() == [
        "added: press",
        "cancelled: lunch",
        "cancelled: dropped",
        "moved: panel: 25 Oct 11:00–12:00 → 25 Oct 11:30–12:30",
        "retitled: opening: 'Opening' → 'Opening ceremony'",
    ]


def test_room_change_is_a_move():
    old = make_event()
    new = attrs.evolve(old, sessions=(attrs.evolve(old.sessions[0], room="hall-b"),))
    (move,) = diff(old, new).moved
    assert str(move) == "opening: room hall-a → hall-b"


def test_same_programme_has_no_changes():
    event = make_event()
    assert diff(event, event) == ProgrammeChanges()
    assert not diff(event, event)
    assert str(diff(event, event)) == "no changes to the programme"


def test_a_moved_session_reads_the_same_in_diff_speakers_and_check():
    """One clock: a session moved in code, with its times in UTC, is shown on the event's
    clocks by diff, by the speakers' lists and by the checks alike (issue 20, point 2)."""
    import re

    import attrs
    import pendulum

    from eventplan import check, reference_event
    from eventplan.calendars.changes import diff
    from eventplan.protocol import speakers

    hanoi = reference_event()
    plenary = hanoi.session("plenary")
    later = pendulum.datetime(2025, 10, 25, 8, 30, tz="UTC")  # 15:30 in Hanoi
    moved = attrs.evolve(plenary, start=later, end=later.add(hours=2))
    revised = editing.replace_session(hanoi, moved)
    line = str(diff(hanoi, revised))
    assert "moved: plenary: 25 Oct 14:00–" in line and "→ 25 Oct 15:30–17:30" in line
    lists = speakers(revised).render_text(width=200)
    assert re.search(r"plenary: .*, 25 Oct 15:30–17:30, \d+ statements", lists), lists
    clash = attrs.evolve(moved, id="clash", title="Clash", speakers_list=None)
    report = check(editing.with_session(revised, clash)).render_text(width=200)
    assert "(25 Oct 15:30–17:30) and " in report or "and clash (25 Oct 15:30–17:30)" in report
