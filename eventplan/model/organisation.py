"""Who organises the event: agencies, officials, committees, tasks and milestones."""

from __future__ import annotations

import datetime as dt

import attrs

from eventplan.model import fields as _fields


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Agency:
    """A ministry, office or organisation that officials belong to and committees report to."""

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    short_name: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Official:
    """A person with a title: "Deputy Prime Minister Bui Thanh Son"."""

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    title: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    agency: str | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class SteeringCommittee:
    """The body that steers the event; members are official ids."""

    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    head: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    standing_deputy_head: str | None = None
    deputy_heads: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    members: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    members_note: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    established_by: str | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Secretariat:
    """The secretariat that serves the steering committee; ``lead`` is an agency id."""

    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    permanent: bool = True
    lead: str | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class SubCommittee:
    """A sub-committee under the steering committee; ``lead`` is an agency id."""

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    lead: str | None = None
    remit: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Task:
    """Work owned by a sub-committee, due by a date; a milestone marks a moment."""

    id: str = attrs.field(validator=_fields.valid_id)
    title: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    due: dt.date
    owner: str | None = None
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    milestone: bool = False
    done: bool = False
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Organisation:
    """Who runs the event: the steering committee, its secretariat, the sub-committees and their
    tasks."""

    steering_committee: SteeringCommittee | None = None
    secretariat: Secretariat | None = None
    subcommittees: tuple[SubCommittee, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    tasks: tuple[Task, ...] = attrs.field(default=(), converter=_fields.to_tuple)
