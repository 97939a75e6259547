"""Who a selector names in one turnout: the one place a selector becomes its members.

A selector is a party kind (``member_state``: every party of that kind), a
group or ``delegation:ID``:

- ``all_delegations``: every party that is not a media outlet;
- ``all_organisations``: every party of an organisation kind;
- ``press``: the reporters. That is the press corps' accredited reporters
  plus every person of a media-outlet delegation or cohort, each reporter a
  party of one (so a rule's ``at_table`` seats each reporter).

A member is a named delegation, a cohort or the press corps, taken either as
parties (a delegation is one party, a cohort its number of parties) or, for
the press, as people. A rule that names a party twice (``member_state`` and
``all_delegations``; ``media_outlet`` and ``press``) seats it once: its
members are a set.

Who attends a session is :meth:`Parties.attendance`: the members each audience
rule seats, the fixed blocks and the parties a block is drawn from, and the
seats they take. Counts, session demand, calendar audiences, the checks, the
Monte Carlo and the protocol plans all read it; none walks the rules itself.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import attrs

from eventplan.model.count import Count, total
from eventplan.model.enums import ORGANISATION_KINDS, PartyKind
from eventplan.model.participation import Turnout
from eventplan.model.programme import (
    ALL_DELEGATIONS,
    ALL_ORGANISATIONS,
    DELEGATION_PREFIX,
    PRESS,
    AudienceRule,
    Session,
)

_MEDIA = PartyKind.MEDIA_OUTLET
_ORGANISATIONS = frozenset(kind.value for kind in ORGANISATION_KINDS)


@attrs.frozen
class Member:
    """One named delegation (``"delegation"``), cohort (``"cohort"``) or the press corps
    (``"press"``), counted as parties or, with ``people``, as people (the press)."""

    source: str
    id: str
    people: bool = False


PRESS_CORPS = Member("press", "", people=True)


@attrs.frozen
class Part:
    """One audience rule of a session, resolved in a turnout: the members it seats (none for a
    fixed block) and the seats each member's every party or person takes."""

    rule: AudienceRule
    members: tuple[Member, ...]

    @property
    def is_block(self) -> bool:
        return self.rule.seats is not None

    @property
    def per_member(self) -> int:
        """Seats for each party (or reporter) of a member: the rule's ``at_table + behind``."""
        return 0 if self.is_block else self.rule.seats_per_party

    @property
    def fixed(self) -> int:
        """The seats of a fixed block, whoever comes; 0 for a rule that seats parties."""
        return self.rule.seats or 0


@attrs.frozen
class Attendance:
    """Who holds seats in one session under one turnout: the one answer to "who attends".

    Its seats are linear in the members' sizes, ``fixed + sum(weight * size)``,
    so the checks (with ranges) and the Monte Carlo (with drawn numbers) read
    the same formula from :attr:`weights`.
    """

    session: Session
    parts: tuple[Part, ...]

    @property
    def fixed(self) -> int:
        """Seats of the fixed blocks (hosts, staff, a press block)."""
        return sum(part.fixed for part in self.parts)

    @property
    def weights(self) -> dict[Member, int]:
        """Seats per party (or person, for the press) of each member seated, summed over rules."""
        found: dict[Member, int] = {}
        for part in self.parts:
            for member in part.members:
                found[member] = found.get(member, 0) + part.per_member
        return found

    @property
    def members(self) -> tuple[Member, ...]:
        """Every delegation, cohort and press corps holding seats, each once, in rule order."""
        return tuple(dict.fromkeys(m for part in self.parts for m in part.members))

    @property
    def delegation_ids(self) -> tuple[str, ...]:
        """The named delegations seated (as parties or as reporters)."""
        return tuple(m.id for m in self.members if m.source == "delegation")

    @property
    def named(self) -> tuple[str, ...]:
        """The delegations the session seats by id (``delegation:vn``), seated or not."""
        return tuple(
            dict.fromkeys(
                selector.removeprefix(DELEGATION_PREFIX)
                for part in self.parts
                for selector in part.rule.parties
                if selector.startswith(DELEGATION_PREFIX)
            )
        )

    @property
    def blocks(self) -> tuple[Part, ...]:
        return tuple(part for part in self.parts if part.is_block)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The party kinds (and ``press``) the session is for as a whole: seated by kind or
        group, or a block drawn from them. A party named by id does not make its kind's."""
        return tuple(
            dict.fromkeys(
                kind
                for part in self.parts
                for selector in (*part.rule.parties, *part.rule.drawn_from)
                for kind in kinds_of(selector)
            )
        )


@functools.cache
def kinds_of(selector: str) -> tuple[str, ...]:
    """The party kinds a selector takes in whole, with ``press`` for media outlets and reporters."""
    found = [kind.value for kind in PartyKind if selects_kind(selector, kind.value)]
    if selects_kind(selector, _MEDIA.value):
        found.append(PRESS)
    return tuple(found)


def selects_kind(selector: str, kind: str) -> bool:
    """Whether ``selector`` takes in every party of ``kind`` (as parties or as reporters)."""
    if selector == kind:
        return True
    if selector == ALL_DELEGATIONS:
        return kind != _MEDIA.value
    if selector == ALL_ORGANISATIONS:
        return kind in _ORGANISATIONS
    return selector == PRESS and kind == _MEDIA.value


def covers(selector: str, other: str, kind_of: dict[str, str]) -> bool:
    """Whether every party ``other`` names is also named by ``selector``, in any turnout.

    ``kind_of`` gives the kind of each named delegation (from any turnout).
    """
    if selector == other:
        return True
    if other.startswith(DELEGATION_PREFIX):
        kind = kind_of.get(other.removeprefix(DELEGATION_PREFIX))
        return kind is not None and selects_kind(selector, kind)
    if other == ALL_ORGANISATIONS:
        return selector == ALL_DELEGATIONS
    if other in (ALL_DELEGATIONS, PRESS) or selector.startswith(DELEGATION_PREFIX):
        return False
    return selects_kind(selector, other)


def redundant_selectors(rule: AudienceRule, kind_of: dict[str, str]) -> list[tuple[str, str]]:
    """Each selector of ``rule`` whose parties another selector of it already names, with that
    other selector: ``[("member_state", "all_delegations")]``."""
    found = []
    for index, selector in enumerate(rule.parties):
        for other_index, other in enumerate(rule.parties):
            if other_index == index:
                continue
            if covers(other, selector, kind_of) and not (
                covers(selector, other, kind_of) and other_index > index
            ):
                found.append((selector, other))
                break
    return found


class Parties:
    """The members of every selector in one turnout, resolved once for many sessions."""

    def __init__(self, turnout: Turnout | None) -> None:
        delegations = turnout.delegations if turnout is not None else ()
        cohorts = turnout.cohorts if turnout is not None else ()
        self.turnout = turnout
        self.delegations = {d.id: d for d in delegations}
        self.cohorts = {c.id: c for c in cohorts}
        self.kind_of = {d.id: d.kind.value for d in delegations}
        by_kind: dict[str, list[Member]] = {}
        self._named = {d.id: (Member("delegation", d.id),) for d in delegations}
        for delegation in delegations:
            by_kind.setdefault(delegation.kind.value, []).extend(self._named[delegation.id])
        for cohort in cohorts:
            by_kind.setdefault(cohort.kind.value, []).append(Member("cohort", cohort.id))
        self._by_kind = by_kind
        self._groups = {
            ALL_DELEGATIONS: self._of_kinds(k.value for k in PartyKind if k is not _MEDIA),
            ALL_ORGANISATIONS: self._of_kinds(sorted(_ORGANISATIONS)),
            PRESS: (
                *(attrs.evolve(m, people=True) for m in by_kind.get(_MEDIA.value, ())),
                *((PRESS_CORPS,) if turnout is not None and turnout.press is not None else ()),
            ),
        }
        self._selections: dict[tuple[str, ...], tuple[Member, ...]] = {}
        self._sizes: dict[tuple[str, ...], Count] = {}
        self._delegates = tuple(attrs.evolve(m, people=True) for m in self._groups[ALL_DELEGATIONS])

    def _of_kinds(self, kinds: Iterable[str]) -> tuple[Member, ...]:
        return tuple(member for kind in kinds for member in self._by_kind.get(kind, ()))

    def members(self, selector: str) -> tuple[Member, ...]:
        """The delegations, cohorts and press corps ``selector`` names in this turnout."""
        if selector.startswith(DELEGATION_PREFIX):
            return self._named.get(selector.removeprefix(DELEGATION_PREFIX), ())
        if selector in self._groups:
            return self._groups[selector]
        return tuple(self._by_kind.get(selector, ()))

    def selection(self, selectors: tuple[str, ...]) -> tuple[Member, ...]:
        """The members of several selectors, each party once: a party named as a reporter (by
        ``press``) is not seated again as a party."""
        found = self._selections.get(selectors)
        if found is None:
            chosen = dict.fromkeys(m for s in selectors for m in self.members(s))
            as_people = {(m.source, m.id) for m in chosen if m.people}
            if as_people:
                found = tuple(m for m in chosen if m.people or (m.source, m.id) not in as_people)
            else:
                found = tuple(chosen)
            self._selections[selectors] = found
        return found

    def size(self, member: Member) -> Count:
        """Parties a member stands for, or people when taken as people (the press)."""
        if member.source == "press":
            press = self.turnout.press if self.turnout is not None else None
            return press.reporters if press is not None else Count.zero()
        if member.source == "delegation":
            return self.delegations[member.id].size if member.people else Count.exactly(1)
        cohort = self.cohorts[member.id]
        return cohort.delegates if member.people else cohort.parties

    def selected(self, selectors: tuple[str, ...]) -> Count:
        """How many parties several selectors name together, each once (reporters for ``press``)."""
        found = self._sizes.get(selectors)
        if found is None:
            found = self._sizes[selectors] = total(self.size(m) for m in self.selection(selectors))
        return found

    def count(self, selector: str) -> Count:
        """How many parties ``selector`` names (reporters for ``press``)."""
        return self.selected((selector,))

    def attendance(self, session: Session) -> Attendance:
        """Who holds seats in ``session``: each audience rule's members, blocks included."""
        return Attendance(
            session,
            tuple(
                Part(rule, () if rule.seats is not None else self.selection(rule.parties))
                for rule in session.audience
            ),
        )

    def demand(self, session: Session) -> Count:
        """People a session must hold: its fixed blocks plus each seated member's size times its
        seats (:attr:`Attendance.weights`)."""
        found = self.attendance(session)
        return total((found.fixed, *(self.size(m) * weight for m, weight in found.weights.items())))

    @property
    def heads(self) -> Count:
        """Heads of delegation: one per party that is not a media outlet."""
        return self.count(ALL_DELEGATIONS)

    @property
    def delegates(self) -> tuple[Member, ...]:
        """The people of every party that is not a media outlet, as members."""
        return self._delegates

    @property
    def known(self) -> bool:
        """Whether the turnout says who comes; when it does not, counts of people are not known."""
        return self.turnout is not None and self.turnout.says_who_comes

    def demand_known(self, session: Session) -> bool:
        """Whether :meth:`demand` is known: the turnout says who comes, or every audience rule
        of the session seats a fixed number."""
        return self.known or (
            bool(session.audience) and all(rule.seats is not None for rule in session.audience)
        )

    @property
    def has_press(self) -> bool:
        """Whether the turnout says anything about the press (a corps or media outlets)."""
        return bool(self._groups[PRESS])

    def delegate_count(self) -> Count:
        return total(self.size(m) for m in self.delegates)

    def reporters(self) -> Count | None:
        """Reporters (``press``), ``None`` when the turnout says nothing about the press."""
        return self.count(PRESS) if self.has_press else None
