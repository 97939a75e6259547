"""Who organises the event: agencies, officials, committees, tasks and milestones."""

from __future__ import annotations

import datetime as dt

import attrs

from eventplan import _fields


@attrs.frozen
class Agency:
    """A ministry, office or organisation that officials belong to and committees report to."""

    id: str = _fields.ident()
    name: str = _fields.text()
    short_name: str | None = None
    sources: tuple[str, ...] = _fields.sources()


@attrs.frozen
class Official:
    """A person with a title: "Deputy Prime Minister Bui Thanh Son"."""

    id: str = _fields.ident()
    name: str = _fields.text()
    title: str | None = None
    agency: str | None = None
    sources: tuple[str, ...] = _fields.sources()


@attrs.frozen
class SteeringCommittee:
    """The body that steers the event; members are official ids."""

    name: str = _fields.text()
    head: str | None = None
    standing_deputy_head: str | None = None
    deputy_heads: tuple[str, ...] = _fields.items()
    members: tuple[str, ...] = _fields.items()
    members_note: str | None = None
    established_by: str | None = None
    sources: tuple[str, ...] = _fields.sources()


@attrs.frozen
class Secretariat:
    name: str = _fields.text()
    permanent: bool = True
    lead: str | None = None
    sources: tuple[str, ...] = _fields.sources()


@attrs.frozen
class SubCommittee:
    """A sub-committee under the steering committee; ``lead`` is an agency id."""

    id: str = _fields.ident()
    name: str = _fields.text()
    lead: str | None = None
    remit: str | None = None
    sources: tuple[str, ...] = _fields.sources()
    assumption: str | None = _fields.assumption()


@attrs.frozen
class Task:
    """Work owned by a sub-committee, due by a date; a milestone marks a moment."""

    id: str = _fields.ident()
    title: str = _fields.text()
    due: dt.date
    owner: str | None = None
    depends_on: tuple[str, ...] = _fields.items()
    milestone: bool = False
    done: bool = False
    sources: tuple[str, ...] = _fields.sources()
    assumption: str | None = _fields.assumption()


@attrs.frozen
class Organisation:
    steering_committee: SteeringCommittee | None = None
    secretariat: Secretariat | None = None
    subcommittees: tuple[SubCommittee, ...] = _fields.items()
    tasks: tuple[Task, ...] = _fields.items()
