"""What a published schedule says of a session beyond what eventplan plans with.

A programme imported from frab, pretalx or the C3VOC tools carries the source's own
identity (its integer ``id``, pretalx ``code``, ``slug`` and ``type``), its links and
texts (subtitle, abstract and description apart) and whether the speakers agreed to be
recorded. eventplan keeps all of it, so a schedule it exports says what came in:
nothing a video team or an app relies on is lost on the way through.
"""

from __future__ import annotations

from typing import Any

import attrs

from eventplan.model import fields as _fields
from eventplan.model.enums import SessionKind


def _text() -> Any:
    return attrs.field(default=None, converter=_fields.one_newline, validator=_fields.printable)


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Link:
    """A link a schedule gives a session: slides, a paper, a related page, an attachment."""

    #: Where it points, as published.
    url: str = attrs.field(validator=_fields.not_blank)
    #: What it is called, as published.
    title: str | None = _text()
    #: What kind of link the schedule says it is (`slides`, `paper`, `web`, ...).
    type: str | None = None


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Recording:
    """Whether a session may be recorded, and under which licence.

    ``optout`` is the speakers' no: frab's ``<recording><optout>``, pretalx's
    ``do_not_record``. Every export carries it, and the checks warn when a session
    that opted out is held in a room that is recorded.
    """

    #: True when the speakers asked not to be recorded or streamed, false when they agreed;
    #: left out, not known.
    optout: bool | None = None
    #: The licence recordings are published under (`CC BY 4.0`), as the schedule gives it.
    licence: str | None = _text()

    @property
    def words(self) -> str:
        """What a video team reads: "not to be recorded (the speakers opted out)"."""
        if self.optout:
            return "not to be recorded (the speakers opted out)"
        if self.optout is None:
            licence = f" (recordings under {self.licence})" if self.licence else ""
            return f"not known whether it may be recorded{licence}"
        return f"may be recorded ({self.licence})" if self.licence else "may be recorded"


@attrs.frozen(kw_only=True, field_transformer=_fields.typed)
class Listing:
    """How a published schedule listed the session, kept so an export writes it back.

    eventplan's own fields (the kind, the description, the languages interpreted) are
    what it plans with; these are the source's words beside them. An export writes the
    source's ``type`` while the session keeps the kind that type was read as, and its
    abstract and description while the session's description is still what was read.
    """

    #: The integer id the source gave (frab `id`), written back when it is unique.
    number: int | None = attrs.field(default=None, validator=_fields.non_negative)
    #: The source's short code for the submission (pretalx `code`).
    code: str | None = None
    #: The source's slug for the session (frab `slug`).
    slug: str | None = None
    #: The source's type, in its own words (`lecture`, `Talk 30 min`); the session's `kind` is
    #: what eventplan read it as.
    type: str | None = _text()
    #: The kind eventplan read `type` as; while the session keeps that kind, exports write `type`.
    read_as: SessionKind | None = None
    #: The GUID the source gave when it is not a UUID (a UUID is kept as the session's `guid`).
    guid: str | None = None
    #: The language field as published (`en`, `en, de`).
    language: str | None = None
    #: The subtitle as published.
    subtitle: str | None = _text()
    #: The abstract as published.
    abstract: str | None = _text()
    #: The description as published.
    description: str | None = _text()
    #: The session's own page at the source.
    url: str | None = None
    #: Where attendees leave feedback on it.
    feedback_url: str | None = None
    #: Its page at the system the schedule was first published by.
    origin_url: str | None = None
    #: Its logo or picture, as published (a URL, or a path relative to the schedule's base URL).
    logo: str | None = None
    #: Links the source gives (slides, papers, related pages).
    links: tuple[Link, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    #: Files the source attaches.
    attachments: tuple[Link, ...] = attrs.field(default=(), converter=_fields.to_tuple)
