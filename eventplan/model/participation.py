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

    #: A short id for the delegation, unique in the turnout; audiences and requests name it as
    #: `delegation:<id>`.
    id: str = attrs.field(validator=_fields.valid_id)
    #: The delegation's name: the state or organisation it comes from.
    name: str = attrs.field(converter=_fields.one_newline, validator=_fields.not_blank)
    #: What sends it; audience rules select delegations by it.
    kind: PartyKind
    #: How many people it brings: counted as delegates (badges, hotel rooms) or, for a media outlet,
    #: as reporters.
    size: Count = Count.exactly(1)
    #: The region it comes from, for counts and reported figures by region.
    region: str | None = None
    #: Who heads it.
    head: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The rank of whoever heads it; the signing plan orders signatories by it.
    head_rank: HeadRank | None = None
    #: Whether its state signs the instrument at the plenary, later in the event, or not.
    signatory: SignatoryStatus = SignatoryStatus.NOT_SIGNED
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
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

    #: A short id for the cohort, unique among the turnout's delegations and cohorts.
    id: str = attrs.field(validator=_fields.valid_id)
    #: What kind of party its members are; audience rules select them by it.
    kind: PartyKind
    #: How many parties it stands for.
    parties: Count
    #: How many people each of its parties brings.
    delegates_per_party: Count = Count.exactly(1)
    #: The region its parties come from, for counts and reported figures by region.
    region: str | None = None
    #: The rank of whoever heads each of its parties.
    head_rank: HeadRank | None = None
    #: How many of its parties sign the instrument at the plenary.
    signed_at_plenary: int = attrs.field(default=0, validator=_fields.non_negative)
    #: How many sign later in the event; with `signed_at_plenary`, at most `parties` (its lower
    #: end).
    signed_later: int = attrs.field(default=0, validator=[_fields.non_negative, _signatories_fit])
    #: Who the cohort is, in a sentence.
    description: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)

    @property
    def delegates(self) -> Count:
        """The cohort's delegates: its parties times the delegates each sends (a range if either
        is)."""
        return self.parties * self.delegates_per_party


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class PressCorps:
    """Accredited reporters and the agencies they come from."""

    #: Accredited reporters; the `press` audience selector seats each as a party of one.
    reporters: Count
    #: The press agencies the reporters come from; left out, not known.
    agencies: Count | None = None
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
    assumption: str | None = attrs.field(default=None, kw_only=True)


class TurnoutKind(enum.StrEnum):
    """Whether a turnout is a forecast of who will come or the outcome: who came."""

    FORECAST = "forecast"
    OUTCOME = "outcome"


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Turnout:
    """Who comes, as forecast on a date or as it turned out."""

    #: A short name for the turnout (`planned`, `actual`), which `default_turnout`, reported figures
    #: and checks use.
    name: str = attrs.field(validator=_fields.valid_id)
    #: Whether it forecasts who will come or records who came.
    kind: TurnoutKind = TurnoutKind.FORECAST
    #: The date the forecast or count was made.
    as_of: dt.date | None = None
    #: What it is, in a sentence ("Confirmations as of 6 Oct").
    description: str | None = attrs.field(
        default=None, converter=_fields.one_newline, validator=_fields.printable
    )
    #: The delegations known by name, one table each.
    delegations: tuple[Delegation, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The parties known only by how many there are.
    cohorts: tuple[Cohort, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: The accredited press; left out, reporters are not known unless media outlets are listed.
    press: PressCorps | None = None
    #: Ids of the sources (`[[sources]]` entries) that give these facts.
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, kw_only=True)
    #: What the facts given here rest on where no source gives them, in your own words.
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
