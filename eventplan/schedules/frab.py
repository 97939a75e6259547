"""The programme for conference apps: frab/C3VOC ``schedule.json`` and ``schedule.xml``.

Conference apps read ``schedule.xml`` (Giggity and EventFahrplan, as their
sources show), whose format is the C3VOC XSD
(https://c3voc.de/schedule/schema.xsd); ``schedule.json`` follows the C3VOC
JSON schema (https://c3voc.de/schedule/schema.json) and is what the C3VOC
tools read. The XML is written from the JSON document, so the two always say
the same.

Identity is stable across exports: GUIDs are UUIDv5 of the event's and the
session's ids (or the GUID a published schedule gave, when the session came
from one), and each integer ``id`` is derived from the session's GUID alone,
so adding or removing other sessions never renumbers it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pendulum

from eventplan.demand.audiences import Audience, AudienceKind, as_audience, describe, sessions_for
from eventplan.model import arguments as _arguments
from eventplan.model.event import Event
from eventplan.model.listing import Link, Listing
from eventplan.model.organisation import Official
from eventplan.model.participation import Turnout
from eventplan.model.programme import Session
from eventplan.model.venue import Room
from eventplan.schedules.kinds import DEFAULT_KIND, session_kind

if TYPE_CHECKING:  # the XML writer loads with the first schedule.xml
    import xml.etree.ElementTree as ET

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
XSD_URL = "https://c3voc.de/schedule/schema.xsd"
CANCELLED_SUFFIX = " (cancelled)"
NO_ROOM = "(no room)"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://eventplan.invalid/guid")
_SEATING_LAYOUTS = ("fixed", "theatre", "classroom", "banquet", "boardroom", "reception")
#: frab ids are positive and readers hold them in 32-bit signed integers.
ID_SPACE = 2**31 - 1
_HTTP_URL = re.compile(r"https?://\S+", re.IGNORECASE)
#: A link both schemas take: an absolute URI (``ftp://`` too), never one relative to a page.
_ABSOLUTE = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


def guid(*parts: str) -> str:
    """A stable UUID for a thing of an event."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def session_guid(event: Event, session: Session) -> str:
    """The session's GUID: the one a published schedule gave it, else derived from its id."""
    return session.guid or guid(event.id, "session", session.id)


def _session_guids(event: Event) -> dict[str, str]:
    """Each session's GUID, unique: when two sessions carry the same kept GUID (a session
    copied in its file), the first in id order keeps it and the other gets its derived one."""
    taken: set[str] = set()
    guids: dict[str, str] = {}
    for session in sorted(event.sessions, key=lambda s: s.id):
        chosen = session_guid(event, session)
        if chosen.lower() in taken:
            chosen = guid(event.id, "session", session.id)
        taken.add(chosen.lower())
        guids[session.id] = chosen
    return guids


def room_guid(event: Event, room: Room) -> str:
    return room.guid or guid(event.id, "room", room.id)


def frab_numbers(
    keys: Iterable[str], space: int = ID_SPACE, *, taken: Iterable[int] = ()
) -> dict[str, int]:
    """An integer id in ``1..space`` for each key, from a hash of the key alone.

    A number depends on no other key, so it survives sessions being added or
    removed. Two keys that hash alike are resolved stably: in key order, the
    later one takes the next free number. ``taken`` are numbers already held.
    """
    held = set(taken)
    numbers: dict[str, int] = {}
    for key in sorted(set(keys)):
        digest = hashlib.sha256(key.lower().encode("utf-8")).digest()
        number = int.from_bytes(digest[:8], "big") % space + 1
        while number in held:
            number = number % space + 1
        held.add(number)
        numbers[key] = number
    return numbers


def ascii_url(url: str) -> str:
    """``url`` in the ASCII a URI is written in (RFC 3986): an international host name in
    its IDNA form (``zügli.app`` → ``xn--zgli-0ra.app``), other letters percent-encoded;
    an ASCII URL is given back as it is."""
    if url.isascii():
        return url
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:
        return quote(url, safe=":/?#[]@!$&'()*+,;=%")
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = f"{quote(parts.username)}@{netloc}"
    safe = "/?#[]@!$&'()*+,;=%:~"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def duration_text(minutes: int | None) -> str | None:
    """frab's ``HH:MM`` for a length in minutes; ``None`` for a missing or negative one."""
    if minutes is None or minutes < 0:
        return None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_between(start: dt.datetime | None, end: dt.datetime | None) -> int | None:
    """Whole minutes from ``start`` to ``end``; ``None`` when either is missing, or one has an
    offset and the other none (they are then no two instants to subtract)."""
    if start is None or end is None or (start.tzinfo is None) != (end.tzinfo is None):
        return None
    return int((end - start).total_seconds() // 60)


def http_url(value: str | None) -> str | None:
    """``value`` if it is an absolute http(s) URL, else ``None``: no URL is ever made up."""
    return value if value is not None and _HTTP_URL.fullmatch(value) else None


def acronym(event_id: str) -> str:
    """frab's acronym: lower-case letters, digits and '_' (the schema forbids '-' and '.')."""
    text = "".join(c if c.isalnum() and c.isascii() else "_" for c in event_id.lower())
    return text if len(text) >= 4 else text.ljust(4, "_")


def slug_part(session_id: str) -> str:
    """The session's part of its slug, as the C3VOC schemas allow: no '.', at least 4
    characters, ending in a letter or digit. Ids that already fit are kept as they are,
    so reading the schedule back gives the same id."""
    text = session_id.replace(".", "_")
    if not text[-1].isalnum():
        text += "0"
    return text if len(text) >= 4 else f"item-{text}"


def to_frab(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    audience: Audience | str | None = None,
) -> dict[str, Any]:
    """The programme of ``audience`` (the whole programme by default) as a frab/C3VOC
    ``schedule.json`` document.

    An audience (``"delegation:vn"``, ``"kind:press"``, ...) sees the sessions its
    calendar shows, under ``turnout``: who attends is the demand layer's one answer. A
    session keeps its GUID and ``id`` in every audience's schedule. Valid against the
    C3VOC JSON schema when the event has an http(s) ``url`` (the schema wants a URL on
    every session, and eventplan invents none); the C3VOC tools turn it into XML that is
    valid against the XSD.
    """
    _arguments.event("to_frab", event)
    _arguments.turnout("to_frab", turnout)
    chosen = as_audience(audience)
    zone = event.zone
    slugs = _slugs(event)
    # ties broken by slug, which survives a round trip where an id may not
    sessions = sorted(
        sessions_for(event, turnout, audience=chosen), key=lambda s: (s.start, s.end, slugs[s.id])
    )
    days: dict[dt.date, list[Session]] = defaultdict(list)
    for session in sessions:
        days[session.start.in_timezone(zone).date()].append(session)
    dates = [
        event.start_date + dt.timedelta(days=n)
        for n in range((event.end_date - event.start_date).days + 1)
    ]
    dates = sorted(set(dates) | set(days))
    officials = {o.id: o for o in event.officials}
    room_names = {r.id: r.name for r in event.rooms}
    guids = _session_guids(event)
    numbers = _numbers(event, guids)
    url = http_url(event.url)

    def frab_event(session: Session) -> dict[str, Any]:
        start = session.start.in_timezone(zone)
        minutes = int(session.duration.total_seconds() // 60)
        people = list(dict.fromkeys([*session.chairs, *session.speakers]))
        listing = session.listing or _NO_LISTING
        abstract, description = _texts(session, listing)
        own_url = http_url(listing.url) or url
        item: dict[str, Any] = {
            "guid": guids[session.id],
            "id": numbers[session.id],
            **({"code": listing.code} if is_code(listing.code) else {}),
            "date": start.isoformat(),
            "start": start.format("HH:mm"),
            "duration": duration_text(minutes),
            "room": room_names.get(session.room or "", NO_ROOM),
            "slug": slugs[session.id],
            **({"url": own_url} if own_url else {}),
            "title": session.title + (CANCELLED_SUFFIX if session.is_cancelled else ""),
            "subtitle": listing.subtitle,
            "track": session.series,
            "type": _type(session, listing),
            "language": listing.language or (session.languages[0] if session.languages else None),
            "abstract": abstract,
            "description": description,
            **_recording(session),
            "persons": [_person(officials.get(p), p) for p in people],
            "links": [_reference(link) for link in listing.links if _ABSOLUTE.match(link.url)],
            **_optional_urls(listing),
            **_attachments(listing),
        }
        return item

    frab_days = []
    for index, date in enumerate(dates, start=1):
        by_room: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for session in days.get(date, []):
            by_room[room_names.get(session.room or "", NO_ROOM)].append(frab_event(session))
        day_sessions = days.get(date, [])
        start = min((s.start for s in day_sessions), default=None)
        end = max((s.end for s in day_sessions), default=None)
        frab_days.append(
            {
                "index": index,
                "date": date.isoformat(),
                "day_start": (start or _midnight(date, event)).in_timezone(zone).isoformat(),
                "day_end": (end or _midnight(date, event).add(days=1))
                .in_timezone(zone)
                .isoformat(),
                "rooms": dict(by_room),
            }
        )
    slots = [int(s.duration.total_seconds() // 60) for s in sessions] or [15]
    step = min(15, *slots)
    title = event.name
    if chosen.kind is not AudienceKind.PROGRAMME:
        title += f" — {describe(event, chosen, turnout)}"
    conference = {
        "acronym": acronym(event.id),
        "title": title,
        "start": event.start_date.isoformat(),
        "end": event.end_date.isoformat(),
        "daysCount": len(dates),
        "timeslot_duration": f"00:{step:02d}",
        **({"time_zone_name": event.timezone} if named_zone(event.timezone) else {}),
        **({"url": url} if url else {}),
        "rooms": [
            {
                "name": room.name,
                "slug": _slug(room.id),
                "guid": room_guid(event, room),
                "capacity": _capacity(room),
            }
            for room in event.rooms
        ],
        "days": frab_days,
    }
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": "eventplan"},
        "schedule": {"version": _version(conference), "conference": conference},
    }


#: The C3VOC schema's pattern for ``time_zone_name``, searched as JSON Schema does: a region's
#: zone (``Europe/Berlin``) or UTC, not an offset's ``Etc/GMT-1``.
_NAMED_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def named_zone(zone: str) -> bool:
    """Whether a schedule may name ``zone`` as its ``time_zone_name``. An offset's zone (a
    schedule that gave only offsets) is left unnamed: every date written carries its offset,
    so nothing is lost, and a reader finds the same zone in them again."""
    return _NAMED_ZONE.search(zone) is not None


def to_frab_xml(
    event: Event,
    turnout: str | Turnout | None = None,
    *,
    audience: Audience | str | None = None,
) -> str:
    """The programme of ``audience`` as a frab/C3VOC ``schedule.xml``, valid against the
    C3VOC XSD.

    Written from :func:`to_frab`'s document, element by element as the XSD
    orders them, so JSON and XML never disagree.
    """
    _arguments.event("to_frab_xml", event)
    import xml.etree.ElementTree as ET  # loaded here: only the XML export needs it

    document = to_frab(event, turnout, audience=audience)
    schedule, conference = document["schedule"], document["schedule"]["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=document["generator"]["name"])
    _text(root, "version", schedule["version"])
    head = ET.SubElement(root, "conference")
    for key in ("acronym", "title", "start", "end"):
        _text(head, key, conference[key])
    _text(head, "days", str(conference["daysCount"]))
    for key in ("timeslot_duration", "time_zone_name", "url"):
        if key in conference:
            _text(head, key, conference[key])
    rooms = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_node = ET.SubElement(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room_name, items in day["rooms"].items():
            room_node = ET.SubElement(day_node, "room", name=room_name)
            if room_name in rooms:
                room_node.set("guid", rooms[room_name])
            for item in items:
                _xml_event(room_node, item)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml_event(parent: ET.Element, item: dict[str, Any]) -> None:
    import xml.etree.ElementTree as ET

    node = ET.SubElement(parent, "event", id=str(item["id"]), guid=item["guid"])
    if "code" in item:
        node.set("code", item["code"])
    for key in _XML_REQUIRED:
        _text(node, key, item[key] or "")
    for key in _XML_OPTIONAL:
        if item.get(key) is not None:
            _text(node, key, item[key])
    if item.get("do_not_record") is not None:  # the XSD's recording needs its optout
        recording = ET.SubElement(node, "recording")
        _text(recording, "license", item.get("recording_license", ""))
        _text(recording, "optout", "true" if item["do_not_record"] else "false")
    persons = ET.SubElement(node, "persons")
    for person in item["persons"]:
        shown = _text(persons, "person", person["public_name"])
        for attribute in ("id", "guid"):
            if attribute in person:
                shown.set(attribute, str(person[attribute]))
    links = ET.SubElement(node, "links")
    for link in item["links"]:
        _reference_node(links, "link", link)
    if item.get("attachments"):
        attachments = ET.SubElement(node, "attachments")
        for attachment in item["attachments"]:
            _reference_node(attachments, "attachment", attachment)
    for key in _XML_URLS:
        if item.get(key) is not None:
            _text(node, key, item[key])


def _reference_node(parent: ET.Element, tag: str, reference: dict[str, str]) -> None:
    node = _text(parent, tag, reference.get("title", ""))
    node.set("href", reference["url"])
    if "type" in reference:
        node.set("type", reference["type"])


#: The event's elements the XSD requires (empty allowed), and those it allows.
_XML_REQUIRED = ("room", "title", "type", "date", "start", "duration", "abstract", "track")
_XML_OPTIONAL = ("subtitle", "slug", "logo", "language", "description")
_XML_URLS = ("url", "feedback_url", "origin_url")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    import xml.etree.ElementTree as ET

    node = ET.SubElement(parent, tag)
    node.text = text
    return node


def _version(conference: dict[str, Any]) -> str:
    """A version that changes exactly when the programme does, so apps know to reload.

    It digests what ``schedule.xml`` carries too (not the room list with its capacities,
    nor persons' pretalx codes, which only the JSON has), so both formats give the same
    version.
    """
    shown = {key: value for key, value in conference.items() if key != "rooms"}
    shown["days"] = [
        {
            **day,
            "rooms": {
                room: [
                    {
                        **item,
                        "persons": [
                            {k: v for k, v in person.items() if k != "code"}
                            for person in item["persons"]
                        ],
                    }
                    for item in items
                ]
                for room, items in day["rooms"].items()
            },
        }
        for day in conference["days"]
    ]
    canonical = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _slugs(event: Event) -> dict[str, str]:
    """The slug the session was published with, else ``<acronym>-<session>``; unique (a clash
    gets ``-2``, ``-3``… in id order)."""
    prefix = acronym(event.id)
    slugs: dict[str, str] = {}
    used: set[str] = set()
    published = {
        s.id: s.listing.slug for s in event.sessions if s.listing and valid_slug(s.listing.slug)
    }
    for session_id in sorted(s.id for s in event.sessions):
        base = published.get(session_id) or f"{prefix}-{slug_part(session_id)}"
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        slugs[session_id] = slug
    return slugs


def _capacity(room: Room) -> int | None:
    """The most cautious published seat count, in the first layout the room has."""
    for layout in _SEATING_LAYOUTS:
        seats = [
            s.seats for s in room.seat_counts if s.layout.value == layout and s.seats is not None
        ]
        if seats:
            return min(seats)
    return None


def _midnight(date: dt.date, event: Event) -> pendulum.DateTime:
    return pendulum.datetime(date.year, date.month, date.day, tz=event.timezone)


def _slug(text: str) -> str:
    """A room's slug as the C3VOC schema takes it: two characters at least, ending in one
    that is a letter or digit (a room whose id is ``0`` gets ``room-0``)."""
    slug = "".join(c if (c.isalnum() and c.isascii()) or c == "_" else "-" for c in text.lower())
    slug = slug.strip("-_")
    return slug if len(slug) >= 2 else f"room-{slug or 'x'}"


_NO_LISTING = Listing()
#: A slug both C3VOC schemas take: the JSON schema's pattern and the XSD's ``voc-slug-new``.
_SLUG_JSON = re.compile(r"[a-z0-9_-]+[a-z0-9]")
_SLUG_XSD = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")


def valid_slug(text: str | None) -> bool:
    """Whether a published slug can be written back as it is: both C3VOC schemas take it."""
    return text is not None and bool(_SLUG_JSON.fullmatch(text) and _SLUG_XSD.fullmatch(text))


def is_code(text: str | None) -> bool:
    """Whether ``text`` is a pretalx submission code (``MJA8QY``)."""
    return text is not None and _CODE.fullmatch(text) is not None


#: A pretalx submission code, as the C3VOC schemas take it.
_CODE = re.compile(r"[0-9A-Z]{6}")
#: The kinds of link the C3VOC schema names.
_REFERENCE_TYPES = frozenset(
    {"slides", "paper", "web", "blog", "article", "media", "related", "activitypub"}
)


def _numbers(event: Event, guids: dict[str, str]) -> dict[str, int]:
    """Each session's integer id: the one its source gave, while no other session holds it,
    else one derived from its GUID that no kept id takes."""
    given: dict[int, list[str]] = defaultdict(list)
    for session in event.sessions:
        number = session.listing.number if session.listing else None
        if number is not None and 1 <= number <= ID_SPACE:
            given[number].append(session.id)
    kept = {ids[0]: number for number, ids in given.items() if len(ids) == 1}
    derived = frab_numbers(
        (guids[s.id] for s in event.sessions if s.id not in kept), taken=set(kept.values())
    )
    return {s.id: kept[s.id] if s.id in kept else derived[guids[s.id]] for s in event.sessions}


def _texts(session: Session, listing: Listing) -> tuple[str | None, str | None]:
    """The abstract and description as published while the session's description is still
    what was read from them; else the session's description, in both."""
    if listing is not _NO_LISTING and session.description == merged_description(
        listing.abstract, listing.description
    ):
        return listing.abstract, listing.description
    return session.description, session.description


def merged_description(abstract: str | None, description: str | None) -> str | None:
    """The abstract and the description, once each: what a session imported from a schedule
    shows as its description (eventplan's own exports write the same text to both)."""
    parts = [text.strip() for text in (abstract, description) if text and text.strip()]
    return "\n\n".join(dict.fromkeys(parts)) or None


def _type(session: Session, listing: Listing) -> str:
    """The source's type while the session keeps the kind it was read as; else the kind."""
    if not listing.type:
        return session.kind.value
    read_as = listing.read_as or session_kind(listing.type, track=session.series) or DEFAULT_KIND
    if read_as is session.kind:
        return listing.type
    return session.kind.value


def _recording(session: Session) -> dict[str, Any]:
    if session.recording is None:
        return {}
    licence = session.recording.licence
    return {
        "recording_license": licence or "",
        "do_not_record": session.recording.optout,
    }


def _person(official: Official | None, official_id: str) -> dict[str, Any]:
    """A person as the C3VOC schema takes it: exactly one of its frab form (``id`` and
    ``public_name``) and its pretalx form (``name``)."""
    name = official.name if official is not None else official_id
    person: dict[str, Any] = {"name": name, "public_name": name}
    if official is not None:
        if official.number is not None and official.number >= 1:
            del person["name"]
            person["id"] = official.number
        if official.guid is not None:
            person["guid"] = official.guid
        if is_code(official.code):
            person["code"] = official.code
    return person


def _reference(link: Link) -> dict[str, str]:
    reference = {"url": ascii_url(link.url)}
    if link.title:
        reference["title"] = link.title
    if link.type in _REFERENCE_TYPES:
        reference["type"] = link.type
    return reference


def _attachments(listing: Listing) -> dict[str, list[dict[str, str]]]:
    found = [_reference(a) for a in listing.attachments if _ABSOLUTE.match(a.url)]
    return {"attachments": found} if found else {}


def _optional_urls(listing: Listing) -> dict[str, str]:
    found = {
        "logo": http_url(listing.logo),
        "feedback_url": http_url(listing.feedback_url),
        "origin_url": http_url(listing.origin_url),
    }
    return {key: value for key, value in found.items() if value}
