"""A published programme as read, before it becomes an event: one shape for JSON and XML.

Each reader (``_json``, ``_xml``) fills these plain records and notes every
structural problem with the path where it sits in the file, so that building
the event (``_build``) is written once for both formats.
"""

from __future__ import annotations

import attrs

from eventplan.errors import Problem


@attrs.frozen
class RawPerson:
    name: str
    guid: str | None
    path: str
    number: int | None = None
    code: str | None = None


@attrs.frozen
class RawLink:
    """A link or an attachment as published: where, what it is called, what kind."""

    url: str
    title: str | None
    type: str | None


@attrs.frozen
class RawRoom:
    name: str
    slug: str | None
    guid: str | None
    capacity: int | None
    path: str


@attrs.frozen
class RawItem:
    """One programme item (frab's ``event``) with the text of each field as published."""

    path: str
    day_date: str | None
    room: str
    guid: str | None
    number: int | None
    code: str | None
    slug: str | None
    title: str | None
    kind: str | None
    track: str | None
    date: str | None
    start: str | None
    duration: str | None
    language: str | None
    abstract: str | None
    description: str | None
    persons: tuple[RawPerson, ...]
    subtitle: str | None = None
    url: str | None = None
    feedback_url: str | None = None
    origin_url: str | None = None
    logo: str | None = None
    links: tuple[RawLink, ...] = ()
    attachments: tuple[RawLink, ...] = ()
    #: The speakers' no to recording, as published; ``None`` when the schedule does not say.
    optout: bool | None = None
    licence: str | None = None
    #: When the item's day begins (frab's ``day_start``): a clock time before it is the next
    #: calendar day, as the sessions after midnight of a congress are.
    day_start: str | None = None


@attrs.frozen
class RawSchedule:
    acronym: str | None
    title: str | None
    start: str | None
    end: str | None
    time_zone_name: str | None
    url: str | None
    rooms: tuple[RawRoom, ...]
    items: tuple[RawItem, ...]
    problems: tuple[Problem, ...]
    #: How a field is joined to a path: ``.`` in JSON, ``/`` in XML.
    separator: str = "."
    #: What relative links (logos, attachments) are relative to.
    base_url: str | None = None
    #: The city the schedule names (pentabarf's ``<city>``), to find its zone by.
    city: str | None = None
    #: Items the source lists without a time (Indico's unscheduled contributions): left out.
    unscheduled: int = 0
    #: The source lists no items of its own (Indico's event export without its contributions):
    #: the event itself is its one item.
    whole_event: bool = False
    #: False when the file could not be parsed at all: its one problem is all there is to say.
    readable: bool = True

    def at(self, path: str, field: str) -> str:
        return f"{path}{self.separator}{field}"

    @classmethod
    def unreadable(cls, problem: Problem, separator: str) -> RawSchedule:
        """A file that could not be parsed at all: nothing but the problem."""
        return cls(
            None, None, None, None, None, None, (), (), (problem,), separator, readable=False
        )
