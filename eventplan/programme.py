"""Sessions, the items of a programme, and who holds seats in them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import pendulum

from eventplan import _fields
from eventplan.enums import Layout, PartyKind, SessionKind, SessionStatus

#: Audience selectors besides the party kinds and ``delegation:<id>``.
ALL_DELEGATIONS = "all_delegations"
ALL_ORGANISATIONS = "all_organisations"
PRESS = "press"
GROUP_SELECTORS = (ALL_DELEGATIONS, ALL_ORGANISATIONS, PRESS)
DELEGATION_PREFIX = "delegation:"

_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _check_rule(instance: AudienceRule, attribute: attrs.Attribute[Any], value: Any) -> None:
    if bool(instance.parties) == (instance.seats is not None):
        raise ValueError(
            "an audience rule gives either 'parties' (seats per party) or 'seats' (a fixed block)"
        )


def _check_selectors(
    instance: AudienceRule, attribute: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    kinds = {kind.value for kind in PartyKind}
    for selector in value:
        if selector in kinds or selector in GROUP_SELECTORS:
            continue
        if selector.startswith(DELEGATION_PREFIX) and selector != DELEGATION_PREFIX:
            continue
        choices = ", ".join([*sorted(kinds), *GROUP_SELECTORS, "delegation:<id>"])
        raise ValueError(f"unknown party {selector!r}; one of: {choices}")


@attrs.frozen(field_transformer=_fields.typed)
class AudienceRule:
    """Who holds seats in a session, and how many each.

    ``parties`` selects delegations by kind (``member_state``), by group
    (``all_delegations``, ``all_organisations``, ``press`` — each reporter one
    party) or by id (``delegation:vn``); each selected party takes
    ``at_table + behind`` seats: the UN "1 + 3". ``seats`` instead reserves a
    fixed block (hosts, staff) named by ``label``.
    """

    parties: tuple[str, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, validator=_check_selectors
    )
    at_table: int = attrs.field(default=1, validator=_fields.non_negative)
    behind: int = attrs.field(default=0, validator=_fields.non_negative)
    seats: int | None = attrs.field(default=None, validator=[_fields.non_negative, _check_rule])
    label: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )

    @property
    def seats_per_party(self) -> int:
        return self.at_table + self.behind


def _end_after_start(
    instance: Session, attribute: attrs.Attribute[Any], value: pendulum.DateTime
) -> None:
    if value <= instance.start:
        raise ValueError(
            f"'end' must be after 'start' ({instance.start.isoformat()}): {value.isoformat()}"
        )


def _languages(instance: Session, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for language in value:
        if not _LANGUAGE.match(language):
            raise ValueError(f"languages are ISO 639 codes such as 'en' or 'vi': {language!r}")


@attrs.frozen(field_transformer=_fields.typed)
class Session:
    """One item of the programme, breaks included.

    ``continues`` names the session this one carries on (the plenary resumed on
    day two), so the pair counts as one item; ``series`` groups distinct items
    (the four high-level discussions).
    """

    id: str = attrs.field(validator=_fields.valid_id)
    title: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    kind: SessionKind
    start: pendulum.DateTime = attrs.field(validator=_fields.aware)
    end: pendulum.DateTime = attrs.field(validator=[_fields.aware, _end_after_start])
    room: str | None = None
    status: SessionStatus = SessionStatus.CONFIRMED
    layout: Layout | None = None
    chairs: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    speakers: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    languages: tuple[str, ...] = attrs.field(
        default=(), converter=_fields.to_tuple, validator=_languages
    )
    broadcast: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    subcommittee: str | None = None
    series: str | None = None
    continues: str | None = None
    audience: tuple[AudienceRule, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    description: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)

    @property
    def duration(self) -> dt.timedelta:
        """How long the session lasts (a length, not the interval itself)."""
        return dt.timedelta(seconds=(self.end - self.start).total_seconds())

    @property
    def is_cancelled(self) -> bool:
        return self.status is SessionStatus.CANCELLED
