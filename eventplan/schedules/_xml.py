"""Reading frab/C3VOC ``schedule.xml`` (frab, pretalx, the C3VOC tools) into raw records.

Paths are XPath-like, one-based as XPath counts:
``schedule/day[1]/room[@name='Saal 1']/event[2]/duration``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from eventplan import limits
from eventplan.errors import Problem
from eventplan.schedules._raw import RawItem, RawLink, RawPerson, RawRoom, RawSchedule
from eventplan.schedules.frab import NO_ROOM

#: A frab id: ASCII digits only (``str.isdigit`` takes ``²``, which ``int`` refuses).
_WHOLE = re.compile(rf"[0-9]{{1,{limits.MAX_NUMBER_DIGITS}}}")


def read_xml(text: str) -> RawSchedule:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return RawSchedule.unreadable(Problem("", f"not well-formed XML: {exc}"), "/")
    if root.tag.rsplit("}", 1)[-1].lower() == "icalendar":  # frab's and pretalx's schedule.xcal
        from eventplan.schedules._xcal import read_xcal

        return read_xcal(root)
    if root.tag != "schedule":
        return RawSchedule.unreadable(
            Problem(
                root.tag,
                "not a schedule format eventplan reads: tried frab/C3VOC and pentabarf "
                "schedule.xml (a <schedule> root), frab and pretalx schedule.xcal (an "
                f"<iCalendar> root); its root is <{root.tag}>",
            ),
            "/",
        )
    problems: list[Problem] = []
    conference = root.find("conference")
    if conference is None:
        problems.append(Problem("schedule/conference", "required, but missing"))
        conference = ET.Element("conference")
    rooms: dict[str, RawRoom] = {}
    items: list[RawItem] = []
    for day_index, day in enumerate(root.findall("day"), start=1):
        day_at = f"schedule/day[{day_index}]"
        for room in day.findall("room"):
            name = room.get("name")
            if not name:
                problems.append(Problem(f"{day_at}/room", "a room needs a 'name'"))
                continue
            room_at = f"{day_at}/room[@name={name!r}]"
            rooms.setdefault(name, RawRoom(name, None, room.get("guid"), None, room_at))
            for index, event in enumerate(room.findall("event"), start=1):
                items.append(_item(event, f"{room_at}/event[{index}]", day, name, problems))
        # pentabarf's older files list events under the day, each naming its room
        for index, event in enumerate(day.findall("event"), start=1):
            name = _text(event, "room") or NO_ROOM
            at = f"{day_at}/event[{index}]"
            rooms.setdefault(name, RawRoom(name, None, None, None, at))
            items.append(_item(event, at, day, name, problems))
    return RawSchedule(
        acronym=_text(conference, "acronym"),
        title=_text(conference, "title"),
        start=_text(conference, "start"),
        end=_text(conference, "end"),
        time_zone_name=_text(conference, "time_zone_name"),
        url=_text(conference, "url"),
        base_url=_text(conference, "base_url"),
        city=_text(conference, "city"),
        rooms=tuple(rooms.values()),
        items=tuple(items),
        problems=tuple(problems),
        separator="/",
    )


def _item(
    event: ET.Element, at: str, day: ET.Element, room: str, problems: list[Problem]
) -> RawItem:
    number = _whole(event.get("id"), f"{at}/@id", problems)
    title = _text(event, "title")
    if title is None:
        problems.append(Problem(f"{at}/title", "required, but missing"))
    persons = []
    for index, person in enumerate(event.iterfind("persons/person"), start=1):
        name = (person.text or "").strip()
        person_at = f"{at}/persons/person[{index}]"
        if name:
            person_number = _whole(person.get("id"), f"{person_at}/@id", problems)
            persons.append(RawPerson(name, person.get("guid"), person_at, number=person_number))
    return RawItem(
        path=at,
        day_date=day.get("date"),
        day_start=day.get("start"),
        room=_text(event, "room") or room,
        guid=event.get("guid"),
        number=number,
        code=event.get("code"),
        slug=_text(event, "slug"),
        title=title,
        kind=_text(event, "type"),
        track=_text(event, "track"),
        date=_text(event, "date"),
        start=_text(event, "start"),
        duration=_text(event, "duration"),
        language=_text(event, "language"),
        abstract=_text(event, "abstract"),
        description=_text(event, "description"),
        persons=tuple(persons),
        subtitle=_text(event, "subtitle"),
        url=_text(event, "url"),
        feedback_url=_text(event, "feedback_url"),
        origin_url=_text(event, "origin_url"),
        logo=_text(event, "logo"),
        links=_links(event, "links/link"),
        attachments=_links(event, "attachments/attachment"),
        optout=_boolean(event.find("recording/optout"), f"{at}/recording/optout", problems),
        licence=_text(event, "recording/license"),
    )


def _links(event: ET.Element, path: str) -> tuple[RawLink, ...]:
    """``<link href="...">title</link>``, as frab writes links and attachments."""
    return tuple(
        RawLink(href, node.text if node.text and node.text.strip() else None, node.get("type"))
        for node in event.iterfind(path)
        if (href := (node.get("href") or "").strip())
    )


def _boolean(node: ET.Element | None, at: str, problems: list[Problem]) -> bool | None:
    """An ``xs:boolean``: true, false, 1 or 0."""
    if node is None:
        return None
    text = (node.text or "").strip()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    problems.append(Problem(at, f"expected true or false, got {text!r}"))
    return None


def _whole(text: str | None, at: str, problems: list[Problem]) -> int | None:
    """An id attribute as a number: ASCII digits, at most ``MAX_NUMBER_DIGITS`` of them."""
    if text is None:
        return None
    if _WHOLE.fullmatch(text.strip()):
        return int(text)
    shown = text if len(text) <= 40 else f"{text[:20]}... ({len(text):,} characters)"
    problems.append(
        Problem(
            at,
            f"expected a whole number of at most {limits.MAX_NUMBER_DIGITS} digits "
            f"0-9, got {shown!r}",
        )
    )
    return None


def _text(parent: ET.Element, tag: str) -> str | None:
    node = parent.find(tag)
    if node is None or node.text is None or not node.text.strip():
        return None
    return node.text
