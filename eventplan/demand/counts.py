"""Participation counts for a turnout: parties by kind and region, delegates, press, signatories."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

import attrs

from eventplan.model import arguments as _arguments
from eventplan.model.count import Count, total
from eventplan.model.editing import checked_turnout
from eventplan.model.enums import ORGANISATION_KINDS, Measure, PartyKind, SignatoryStatus
from eventplan.model.event import Event
from eventplan.model.participation import Turnout
from eventplan.model.parties import Parties

#: The key for parties whose region the model does not record.
NO_REGION = "(region not recorded)"


@attrs.frozen
class ParticipationCounts:
    """What one turnout adds up to. Ranges stay ranges; ``None`` means not modelled.

    ``known`` is false when the turnout names no one (see :attr:`Parties.known`): then
    every figure is not known, and :meth:`measure` gives ``None`` for each.
    """

    turnout: str
    parties_by_kind: dict[PartyKind, Count]
    parties_by_region: dict[str, Count]
    delegates: Count
    reporters: Count | None
    press_agencies: Count | None
    signatories_at_plenary: Count
    signatories_later: Count
    signatories_by_region: dict[str, Count]
    known: bool = True

    @property
    def national_delegations(self) -> Count:
        """The member-state parties, named or in cohorts (exactly 0 when there are none)."""
        return self.parties_by_kind.get(PartyKind.MEMBER_STATE, Count.zero())

    @property
    def organisations(self) -> Count:
        """The intergovernmental, private-sector and mixed ``organisations`` parties in one count,
        as sources report them."""
        return total(
            self.parties_by_kind.get(kind, Count.zero()) for kind in sorted(ORGANISATION_KINDS)
        )

    @property
    def research_institutions(self) -> Count:
        """The research institutions taking part (exactly 0 when there are none)."""
        return self.parties_by_kind.get(PartyKind.RESEARCH_INSTITUTION, Count.zero())

    @property
    def signatories(self) -> Count:
        """The parties that sign, at the plenary or later."""
        return self.signatories_at_plenary + self.signatories_later

    @property
    def attendees(self) -> Count | None:
        """Delegates and reporters together; ``None`` while the reporters are not modelled."""
        return None if self.reporters is None else self.delegates + self.reporters

    def measure(self, measure: Measure, region: str | None = None) -> Count | None:
        """The model's value for a reported measure; ``None`` where it holds none or the
        turnout names no one.

        By region, parties whose region is not recorded widen the range: they
        may belong to the region or not.
        """
        if not self.known:
            return None
        if region is not None:
            by_region = {
                Measure.SIGNATORIES: self.signatories_by_region,
                Measure.NATIONAL_DELEGATIONS: self.parties_by_region,
            }.get(measure)
            if by_region is None:
                return None
            known = by_region.get(region, Count.zero())
            unknown = by_region.get(NO_REGION, Count.zero())
            return Count(
                known.low,
                None if known.high is None or unknown.high is None else known.high + unknown.high,
            )
        values: dict[Measure, Count | None] = {
            Measure.NATIONAL_DELEGATIONS: self.national_delegations,
            Measure.ORGANISATIONS: self.organisations,
            Measure.RESEARCH_INSTITUTIONS: self.research_institutions,
            Measure.DELEGATES: self.delegates,
            Measure.REPORTERS: self.reporters,
            Measure.ATTENDEES: self.attendees,
            Measure.PRESS_AGENCIES: self.press_agencies,
            Measure.SIGNATORIES: self.signatories,
            Measure.SIGNATORIES_AT_PLENARY: self.signatories_at_plenary,
        }
        return values.get(measure)


def count_participation(event: Event, turnout: str | Turnout | None = None) -> ParticipationCounts:
    """Add up the named delegations, cohorts and press of one turnout (the default one if unnamed)."""
    _arguments.event("count_participation", event)
    return count_turnout(checked_turnout(event, turnout))


def count_turnout(turnout: Turnout) -> ParticipationCounts:
    by_kind: dict[PartyKind, list[Count]] = defaultdict(list)
    by_region: dict[str, list[Count]] = defaultdict(list)
    signed_by_region: dict[str, list[Count]] = defaultdict(list)
    at_plenary = later = 0

    for delegation in turnout.delegations:
        one = Count.exactly(1)
        by_kind[delegation.kind].append(one)
        region = delegation.region or NO_REGION
        if delegation.kind is PartyKind.MEMBER_STATE:
            by_region[region].append(one)
        if delegation.signatory is not SignatoryStatus.NOT_SIGNED:
            signed_by_region[region].append(one)
            at_plenary += delegation.signatory is SignatoryStatus.AT_PLENARY
            later += delegation.signatory is SignatoryStatus.LATER

    for cohort in turnout.cohorts:
        by_kind[cohort.kind].append(cohort.parties)
        region = cohort.region or NO_REGION
        if cohort.kind is PartyKind.MEMBER_STATE:
            by_region[region].append(cohort.parties)
        signed = cohort.signed_at_plenary + cohort.signed_later
        if signed:
            signed_by_region[region].append(Count.exactly(signed))
        at_plenary += cohort.signed_at_plenary
        later += cohort.signed_later

    outlets = by_kind.get(PartyKind.MEDIA_OUTLET, [])
    press = turnout.press
    parties = Parties(turnout)
    reporters = parties.reporters()
    # a press corps whose agencies are not given leaves them not known, never 0
    corps_agencies = Count.zero() if press is None else press.agencies
    agencies = (
        None if reporters is None or corps_agencies is None else total(outlets) + corps_agencies
    )
    return ParticipationCounts(
        turnout=turnout.name,
        parties_by_kind={kind: parties.count(kind.value) for kind in by_kind},
        parties_by_region=_totals(by_region),
        delegates=parties.delegate_count(),
        reporters=reporters,
        press_agencies=agencies,
        signatories_at_plenary=Count.exactly(at_plenary),
        signatories_later=Count.exactly(later),
        signatories_by_region=_totals(signed_by_region),
        known=parties.known,
    )


K = TypeVar("K")


def _totals(groups: dict[K, list[Count]]) -> dict[K, Count]:
    return {key: total(values) for key, values in groups.items()}
