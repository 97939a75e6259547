"""What the protocol tools share: UN order of names, times in the event's zone, a speaker's name."""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import pendulum

from eventplan import _text
from eventplan.capacity.findings import Finding
from eventplan.model import localtime
from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.programme import DELEGATION_PREFIX

T = TypeVar("T")

#: UN practice for seating (and the default order of signature): English alphabetical order of
#: names, starting from the state drawn by lot. United Nations, Dag Hammarskjöld Library, "How are
#: UN Member States seated in the General Assembly?" (Ask DAG, 2024), after A/RES/71/323 para. 42.
UN_SEATING_SOURCE = (
    "United Nations, Dag Hammarskjöld Library, 'How are UN Member States seated in the General "
    "Assembly?' (2024): English alphabetical order from the delegation drawn by lot; "
    "https://ask.un.org/faq/14612"
)


def draw_letter(seed: int) -> str:
    """The letter the order starts from, drawn by lot with ``seed`` (the same seed, the same letter)."""
    return random.Random(seed).choice(string.ascii_uppercase)


def un_order(items: Sequence[T], *, name: Callable[[T], str], first: str = "A") -> list[T]:
    """``items`` in English alphabetical order of their names, starting at the first name not
    before ``first`` (a letter drawn by lot, or a whole name) and wrapping round."""
    ordered = sorted(items, key=lambda item: (name(item).casefold(), name(item)))
    start = first.casefold()
    split = next((i for i, item in enumerate(ordered) if name(item).casefold() >= start), 0)
    return ordered[split:] + ordered[:split]


def party_names(event: Event, turnout: str | Turnout | None = None) -> dict[str, str]:
    """Display names of every party a protocol item can name: officials, and ``delegation:<id>``."""
    names = {official.id: official.name for official in event.officials}
    for plan in event.turnouts:
        for delegation in plan.delegations:
            names.setdefault(f"{DELEGATION_PREFIX}{delegation.id}", delegation.name)
    chosen = event.turnout_of(turnout)
    for delegation in chosen.delegations if chosen is not None else ():
        names[f"{DELEGATION_PREFIX}{delegation.id}"] = delegation.name
    return names


def local_span(event: Event, start: pendulum.DateTime, end: pendulum.DateTime) -> str:
    """``25 Oct 14:06–14:09`` on the event's clocks (:mod:`eventplan.model.localtime`)."""
    return localtime.span(start, end, event.timezone)


def minutes(value: float) -> dt.timedelta:
    return dt.timedelta(seconds=round(value * 60))


def runs(items: Sequence[T], joins: Callable[[T, T], bool]) -> list[tuple[int, int]]:
    """Index ranges (first, last) of consecutive items where each ``joins`` the one before:
    a timetable prints a run of unnamed slots on one line."""
    found: list[tuple[int, int]] = []
    for index, item in enumerate(items):
        if found and joins(items[index - 1], item):
            found[-1] = (found[-1][0], index)
        else:
            found.append((index, index))
    return found


def finding_text(
    lines: Iterable[str | tuple[str, int]], findings: Sequence[Finding], width: int | None
) -> str:
    """A protocol tool's lines and then its findings, fitted to ``width`` (the terminal's by
    default); a finding's continuation lines hang under its message."""
    body = list(lines)
    if findings:
        body.append("")
        body += [(str(f), len(f.severity.value) + 2) for f in findings]
    return _text.fit_all(body, _text.width(width))
