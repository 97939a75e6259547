"""Requests for bilateral meetings: who wants to meet whom, for how long, how urgently, and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pendulum

from eventplan.model import fields as _fields


def _two_parties(
    instance: BilateralRequest, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    if len(value) != 2 or value[0] == value[1]:
        raise ValueError(f"'parties' must name two different parties: {list(value)}")


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 1:
        raise ValueError(f"'{attribute.name}' must be >= 1: {value}")


def _sizes(
    instance: BilateralRequest, attribute: attrs.Attribute[Any], value: tuple[int, ...]
) -> None:
    if value and (len(value) != 2 or any(size < 1 for size in value)):
        raise ValueError(
            f"'sizes' gives the seats each of the two parties needs, each >= 1: {list(value)}"
        )


def _latest_after_earliest(
    instance: BilateralRequest, attribute: attrs.Attribute[Any], value: pendulum.DateTime | None
) -> None:
    if value is None:
        return
    _fields.aware(instance, attribute, value)
    if instance.earliest is not None:
        room = (value - instance.earliest).total_seconds() / 60
        if room < instance.minutes:
            raise ValueError(
                f"'latest' must leave {instance.minutes} min after 'earliest' "
                f"({instance.earliest.isoformat()}): {value.isoformat()}"
            )


def _aware_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _fields.aware(instance, attribute, value)


@attrs.frozen(kw_only=True)
class BilateralRequest:
    """One meeting asked for between two parties: officials by id, delegations as ``delegation:<id>``.

    ``earliest`` and ``latest`` bound the meeting (it starts no earlier and
    ends no later); ``sizes`` gives the seats each side needs (default: one
    for an official, the delegation's size for a delegation).
    """

    #: A short id for the request.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The two sides: officials by id, delegations as `delegation:<id>`.
    parties: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=_two_parties)
    #: How long the meeting lasts.
    minutes: int = attrs.field(validator=_positive)
    #: How much it matters (1 or more); higher ones are placed first.
    priority: int = attrs.field(default=1, validator=_positive)
    #: The meeting starts no earlier than this; left out, no bound.
    earliest: pendulum.DateTime | None = attrs.field(default=None, validator=_aware_or_none)
    #: The meeting ends no later than this; left out, no bound.
    latest: pendulum.DateTime | None = attrs.field(default=None, validator=_latest_after_earliest)
    #: Seats each side needs, in the order of `parties`; left out, one for an official, the
    #: delegation's size for a delegation.
    sizes: tuple[int, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_sizes)
    #: What calendars call the meeting; left out, "Bilateral:" and the two sides.
    title: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)

    @property
    def duration(self) -> dt.timedelta:
        """How long the meeting lasts: ``minutes`` as a timedelta."""
        return dt.timedelta(minutes=self.minutes)
