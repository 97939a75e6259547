"""The closed vocabularies of the model: session kinds, party kinds, statuses."""

from __future__ import annotations

import enum


class SessionKind(enum.StrEnum):
    """What a programme item is, from the opening ceremony to a break: the checks and plans
    read it (the signing plan fills the signing sessions; calendars show an exhibition as free
    time)."""

    CEREMONY = "ceremony"
    OPENING = "opening"
    PLENARY = "plenary"
    SIGNING = "signing"
    HIGH_LEVEL_DISCUSSION = "high_level_discussion"
    ROUNDTABLE = "roundtable"
    SIDE_EVENT = "side_event"
    WORKSHOP = "workshop"
    GALA_DINNER = "gala_dinner"
    RECEPTION = "reception"
    EXHIBITION = "exhibition"
    PRESS_CONFERENCE = "press_conference"
    BILATERAL = "bilateral"
    CLOSING = "closing"
    BREAK = "break"
    REHEARSAL = "rehearsal"


class SessionStatus(enum.StrEnum):
    """How firm a session is; a cancelled one stays in the programme (its calendar entry says
    so) but the checks and plans leave it out."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class Layout(enum.StrEnum):
    """How a room is set; seat counts depend on it."""

    THEATRE = "theatre"
    CLASSROOM = "classroom"
    BANQUET = "banquet"
    RECEPTION = "reception"
    BOARDROOM = "boardroom"
    FIXED = "fixed"


class PartyKind(enum.StrEnum):
    """What sends a delegation.

    ``organisations`` is for sources that count international, regional and
    private organisations together without saying how many of each.
    """

    MEMBER_STATE = "member_state"
    INTERGOVERNMENTAL_ORGANISATION = "intergovernmental_organisation"
    PRIVATE_SECTOR = "private_sector"
    ORGANISATIONS = "organisations"
    RESEARCH_INSTITUTION = "research_institution"
    MEDIA_OUTLET = "media_outlet"


ORGANISATION_KINDS = frozenset(
    {
        PartyKind.INTERGOVERNMENTAL_ORGANISATION,
        PartyKind.PRIVATE_SECTOR,
        PartyKind.ORGANISATIONS,
    }
)


class HeadRank(enum.StrEnum):
    """The rank of whoever heads a delegation, highest first: signing by level follows it."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    DEPUTY_HEAD_OF_GOVERNMENT = "deputy_head_of_government"
    MINISTER = "minister"
    DEPUTY_MINISTER = "deputy_minister"
    AMBASSADOR = "ambassador"
    SENIOR_OFFICIAL = "senior_official"
    HEAD_OF_ORGANISATION = "head_of_organisation"
    OTHER = "other"


class SignatoryStatus(enum.StrEnum):
    """Whether a delegation signs the instrument at the plenary, later in the event, or not."""

    AT_PLENARY = "at_plenary"
    LATER = "later"
    NOT_SIGNED = "not_signed"


class Qualifier(enum.StrEnum):
    """How a source qualified a figure: "more than 2,500", "about 1,500"."""

    EXACTLY = "exactly"
    ABOUT = "about"
    NEARLY = "nearly"
    MORE_THAN = "more_than"


class Severity(enum.StrEnum):
    """How much a finding matters: an error breaks the plan even in the best case,
    a warning breaks it in the cautious case, ``ok`` records a check that passed."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OK = "ok"


class Measure(enum.StrEnum):
    """What a reported figure counts, so it can be set against the model."""

    NATIONAL_DELEGATIONS = "national_delegations"
    ORGANISATIONS = "organisations"
    RESEARCH_INSTITUTIONS = "research_institutions"
    DELEGATES = "delegates"
    REPORTERS = "reporters"
    ATTENDEES = "attendees"
    PRESS_AGENCIES = "press_agencies"
    SIGNATORIES = "signatories"
    SIGNATORIES_AT_PLENARY = "signatories_at_plenary"
    SESSIONS = "sessions"
    STATEMENTS = "statements"


class SpeakerLevel(enum.StrEnum):
    """A speaker's level of representation, highest first: the UN orders its lists of speakers by it."""

    HEAD_OF_STATE_OR_GOVERNMENT = "head_of_state_or_government"
    MINISTER = "minister"
    VICE_MINISTER = "vice_minister"
    HEAD_OF_DELEGATION = "head_of_delegation"
    OBSERVER = "observer"
