"""Who organises the event: agencies, officials, committees, tasks and milestones."""

from __future__ import annotations

import datetime as dt

import attrs

from eventplan.model import fields as _fields


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Agency:
    """A ministry, office or organisation that officials belong to and committees report to."""

    #: A short id for the agency, which officials and committees name.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The agency's full name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: Its usual abbreviation (`MOFA`).
    short_name: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Official:
    """A person with a title: "Deputy Prime Minister Bui Thanh Son"."""

    #: A short id for the person, which sessions, committees and requests name.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The person's name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: Their title or post ("Deputy Prime Minister").
    title: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The agency (id) they belong to.
    agency: str | None = None
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)
    #: The GUID a published schedule gave the person, kept so apps keep recognising them.
    guid: str | None = attrs.field(default=None, kw_only=True, validator=_fields.uuid_text)
    #: The integer id a published schedule gave the person (frab `id`).
    number: int | None = attrs.field(default=None, kw_only=True, validator=_fields.non_negative)
    #: The short code a published schedule gave the person (pretalx `code`).
    code: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class SteeringCommittee:
    """The body that steers the event; members are official ids."""

    #: The committee's full name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The official (id) who heads it.
    head: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The official (id) who is its standing deputy head.
    standing_deputy_head: str | None = None
    #: The officials (ids) who are its deputy heads.
    deputy_heads: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The officials (ids) who are its members.
    members: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Who the members are, in words, where they are not named one by one.
    members_note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The official (id) who set the committee up.
    established_by: str | None = None
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Secretariat:
    """The secretariat that serves the steering committee; ``lead`` is an agency id."""

    #: The secretariat's full name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: Whether it is a standing (permanent) secretariat.
    permanent: bool = True
    #: The agency (id) that leads it.
    lead: str | None = None
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class SubCommittee:
    """A sub-committee under the steering committee; ``lead`` is an agency id."""

    #: A short id for the sub-committee, which sessions and tasks name.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The sub-committee's full name.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The agency (id) that leads it.
    lead: str | None = None
    #: What it is responsible for, in a sentence.
    remit: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Task:
    """Work owned by a sub-committee, due by a date; a milestone marks a moment."""

    #: A short id for the task, which other tasks' `depends_on` name.
    id: str = attrs.field(validator=_fields.valid_id)
    #: What is to be done, or the moment a milestone marks.
    title: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: The date it is due by (a milestone's own date).
    due: dt.date
    #: The sub-committee (id) that owns it; that sub-committee's calendar shows it.
    owner: str | None = None
    #: The tasks (ids) that must be done first.
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Whether it marks a moment rather than a stretch of work.
    milestone: bool = False
    #: Whether it is done.
    done: bool = False
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Organisation:
    """Who runs the event: the steering committee, its secretariat, the sub-committees and their
    tasks."""

    #: The body that steers the event.
    steering_committee: SteeringCommittee | None = None
    #: The secretariat that serves the steering committee.
    secretariat: Secretariat | None = None
    #: The sub-committees under the steering committee.
    subcommittees: tuple[SubCommittee, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The work and milestones to be done before and during the event.
    tasks: tuple[Task, ...] = attrs.field(default=(), converter=_fields.to_tuple)
