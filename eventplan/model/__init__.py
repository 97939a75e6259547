"""The model: an event and everything in it, as frozen attrs classes with no I/O.

Values (:class:`Count`, the enums), the venue, the programme, the organisation, who takes
part (:class:`Delegation`, :class:`Turnout`), the reported figures with their sources and
the planning norms, joined in :class:`Event`. The rules between objects (an unknown room,
a duplicate id) are :func:`find_problems` and :func:`validate`; the model runs them only
through its edges: loading a file, and the editing helpers here (``with_session`` and its
kin), which return a new event checked whole.
"""

from eventplan.model.count import Count
from eventplan.model.editing import (
    replace_delegation,
    replace_room,
    replace_session,
    with_delegation,
    with_room,
    with_session,
    with_turnout,
    without_delegation,
    without_room,
    without_session,
)
from eventplan.model.enums import (
    HeadRank,
    Layout,
    Measure,
    PartyKind,
    Qualifier,
    SessionKind,
    SessionStatus,
    Severity,
    SignatoryStatus,
    SpeakerLevel,
)
from eventplan.model.event import Event, Instrument, Organiser, Theme
from eventplan.model.listing import Link, Listing, Recording
from eventplan.model.meetings import BilateralRequest
from eventplan.model.norms import Basis, Confidence, End, Norm, NormOverride, NormSet, default_norms
from eventplan.model.organisation import (
    Agency,
    Official,
    Organisation,
    Secretariat,
    SteeringCommittee,
    SubCommittee,
    Task,
)
from eventplan.model.participation import Cohort, Delegation, PressCorps, Turnout, TurnoutKind
from eventplan.model.programme import (
    AudienceRule,
    Session,
    SpeakersList,
    Statement,
    StatementCount,
)
from eventplan.model.provenance import ReportedFigure, Source
from eventplan.model.resources import Resources
from eventplan.model.validation import find_problems, validate
from eventplan.model.venue import Room, SeatCount, Venue

__all__ = [
    "Agency",
    "AudienceRule",
    "Basis",
    "BilateralRequest",
    "Cohort",
    "Confidence",
    "Count",
    "Delegation",
    "End",
    "Event",
    "HeadRank",
    "Instrument",
    "Layout",
    "Link",
    "Listing",
    "Measure",
    "Norm",
    "NormOverride",
    "NormSet",
    "Official",
    "Organisation",
    "Organiser",
    "PartyKind",
    "PressCorps",
    "Qualifier",
    "Recording",
    "ReportedFigure",
    "Resources",
    "Room",
    "SeatCount",
    "Secretariat",
    "Session",
    "SessionKind",
    "SessionStatus",
    "Severity",
    "SignatoryStatus",
    "Source",
    "SpeakerLevel",
    "SpeakersList",
    "Statement",
    "StatementCount",
    "SteeringCommittee",
    "SubCommittee",
    "Task",
    "Theme",
    "Turnout",
    "TurnoutKind",
    "Venue",
    "default_norms",
    "find_problems",
    "replace_delegation",
    "replace_room",
    "replace_session",
    "validate",
    "with_delegation",
    "with_room",
    "with_session",
    "with_turnout",
    "without_delegation",
    "without_room",
    "without_session",
]
