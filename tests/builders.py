"""Small real events for tests, built in code: no mocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pendulum

from eventplan import Event, Room, Session, SessionKind, Turnout, Venue
from eventplan.model import AudienceRule, Layout, SeatCount, Source

DATA = Path(__file__).parent / "data"
#: The doors: every subpackage of eventplan, each with its __init__ (the tests read them all).
DOORS = tuple(
    sorted(
        p.name
        for p in (Path(__file__).resolve().parents[1] / "eventplan").iterdir()
        if (p / "__init__.py").is_file()
    )
)
ZONE = "Europe/Vienna"


def at(day: int, hour: int, minute: int = 0, zone: str = ZONE) -> pendulum.DateTime:
    """A time in October 2025, in Vienna unless told otherwise."""
    return pendulum.datetime(2025, 10, day, hour, minute, tz=zone)


def make_session(id: str = "opening", **overrides: Any) -> Session:
    fields: dict[str, Any] = dict(
        id=id,
        title=id.replace("-", " ").capitalize(),
        kind=SessionKind.OPENING,
        start=at(25, 9),
        end=at(25, 10),
        room="hall-a",
        audience=(AudienceRule(parties=("member_state",), at_table=1, behind=3),),
    )
    fields.update(overrides)
    return Session(**fields)


def make_event(**overrides: Any) -> Event:
    """A two-day event in Vienna with one venue, two rooms and one session."""
    fields: dict[str, Any] = dict(
        id="mini",
        name="Mini summit",
        timezone=ZONE,
        start_date=dt.date(2025, 10, 25),
        end_date=dt.date(2025, 10, 26),
        venues=(
            Venue(
                id="hofburg",
                name="Hofburg",
                rooms=(
                    Room(
                        id="hall-a",
                        name="Hall A",
                        seat_counts=(SeatCount(layout=Layout.THEATRE, seats=500),),
                    ),
                    Room(
                        id="hall-b",
                        name="Hall B",
                        seat_counts=(SeatCount(layout=Layout.BANQUET, seats=200),),
                    ),
                ),
            ),
        ),
        sessions=(make_session(),),
        sources=(Source(id="press", outlet="Wiener Zeitung", published=dt.date(2025, 10, 26)),),
        turnouts=(Turnout(name="planned"),),
    )
    fields.update(overrides)
    return Event(**fields)


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into parsed TOML data (keys and list indexes), the root's ``()`` first."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += places(value, (*path, index))
    return found


def parent_at(data: Any, path: tuple[Any, ...]) -> Any | None:
    """The table or array holding ``path``'s last step, or ``None`` if an earlier change
    removed it or replaced a parent by a scalar."""
    parent = data
    try:
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]]
    except (KeyError, IndexError, TypeError):
        return None
    return parent if isinstance(parent, dict | list) else None
