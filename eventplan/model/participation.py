"""Who comes: named delegations, cohorts known only by counts, the press, per turnout."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any

import attrs

from eventplan.model import fields as _fields
from eventplan.model.count import Count
from eventplan.model.enums import HeadRank, PartyKind, SignatoryStatus


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Delegation:
    """A named delegation: a state, an organisation, an institute, a media outlet."""

    id: str = attrs.field(validator=_fields.valid_id)
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    kind: PartyKind
    size: Count = Count.exactly(1)
    region: str | None = None
    head: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    head_rank: HeadRank | None = None
    signatory: SignatoryStatus = SignatoryStatus.NOT_SIGNED
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


def _signatories_fit(instance: Cohort, attribute: attrs.Attribute[Any], value: int) -> None:
    signed = instance.signed_at_plenary + value
    if signed > instance.parties.low:
        raise ValueError(
            f"'signed_at_plenary' + 'signed_later' ({signed}) must not exceed "
            f"the parties in the cohort ({instance.parties.low})"
        )


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Cohort:
    """Parties known only by how many there are: "150 organisations, 4 to 6 each".

    ``signed_at_plenary`` and ``signed_later`` count the parties of the cohort
    that signed, at the plenary or later in the event.
    """

    id: str = attrs.field(validator=_fields.valid_id)
    kind: PartyKind
    parties: Count
    delegates_per_party: Count = Count.exactly(1)
    region: str | None = None
    head_rank: HeadRank | None = None
    signed_at_plenary: int = attrs.field(default=0, validator=_fields.non_negative)
    signed_later: int = attrs.field(default=0, validator=[_fields.non_negative, _signatories_fit])
    description: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)

    @property
    def delegates(self) -> Count:
        """The cohort's delegates: its parties times the delegates each sends (a range if either
        is)."""
        return self.parties * self.delegates_per_party


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class PressCorps:
    """Accredited reporters and the agencies they come from."""

    reporters: Count
    agencies: Count | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)


class TurnoutKind(enum.StrEnum):
    """Whether a turnout is a forecast of who will come or the outcome: who came."""

    FORECAST = "forecast"
    OUTCOME = "outcome"


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Turnout:
    """Who comes, as forecast on a date or as it turned out."""

    name: str = attrs.field(validator=_fields.valid_id)
    kind: TurnoutKind = TurnoutKind.FORECAST
    as_of: dt.date | None = None
    description: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    delegations: tuple[Delegation, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    cohorts: tuple[Cohort, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    press: PressCorps | None = None
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    assumption: str | None = attrs.field(default=None, kw_only=True)

    @functools.cached_property
    def _delegations_by_id(self) -> dict[str, Delegation]:
        return {d.id: d for d in self.delegations}

    def delegation(self, delegation_id: str) -> Delegation | None:
        """The named delegation with this id, or ``None``: found at once, however many come."""
        return self._delegations_by_id.get(delegation_id)

    @property
    def says_who_comes(self) -> bool:
        """Whether the turnout names anyone: a delegation, a cohort or a press corps.

        One that names no one (an imported published schedule) leaves every count of
        people not known, never 0.
        """
        return bool(self.delegations or self.cohorts or self.press is not None)
