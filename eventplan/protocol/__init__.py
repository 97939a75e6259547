"""Protocol planning: speakers' lists, the order of signature, bilateral meetings and seating.

The door to the capability: the front door (:mod:`eventplan`) offers the four plans;
the rest is here. ``speakers`` times each session's list in UN order;
``signing`` gives each signatory a slot; ``place_bilaterals`` places requested
meetings with OR-Tools CP-SAT (the ``solver`` extra) and says why any could
not be placed; ``seating`` seats delegations row by row; ``with_protocol``
turns statements and signing slots into sessions, so calendars show them.
"""

from eventplan.protocol._bilaterals import (
    BilateralPlan,
    Blocker,
    Commitment,
    Placement,
    Unplaced,
    commitments,
    place_bilaterals,
    place_bilaterals_greedy,
)
from eventplan.protocol._calendar import with_protocol
from eventplan.protocol._common import draw_letter, un_order
from eventplan.protocol._seating import SeatBlock, Seating, seating
from eventplan.protocol._signing import Signing, SigningOrder, SigningSlot, signing
from eventplan.protocol._speakers import (
    SessionSpeakers,
    SpeakerOrder,
    Speakers,
    SpeakerSlot,
    speakers,
)

__all__ = [
    "BilateralPlan",
    "Blocker",
    "Commitment",
    "Placement",
    "SeatBlock",
    "Seating",
    "SessionSpeakers",
    "Signing",
    "SigningOrder",
    "SigningSlot",
    "SpeakerOrder",
    "SpeakerSlot",
    "Speakers",
    "Unplaced",
    "commitments",
    "draw_letter",
    "place_bilaterals",
    "place_bilaterals_greedy",
    "seating",
    "signing",
    "speakers",
    "un_order",
    "with_protocol",
]
