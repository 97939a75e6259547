"""Reading the xCal schedules frab and pretalx publish (``schedule.xcal``) into raw records.

Their shape is pentabarf's: an ``<iCalendar>`` root, a ``<vcalendar>`` named by
``<x-wr-calname>``, and a ``<vevent>`` per session whose ``pentabarf:`` elements give
the frab id, slug, title, subtitle and language, beside ``dtstart``/``dtend`` (local
times without a zone), ``location`` (the room), ``category`` (the type), ``url``,
``description`` and an ``attendee`` per speaker. Element names are read without
their namespace, as the two publishers write different prefixes.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from eventplan.errors import Problem
from eventplan.schedules._raw import RawItem, RawPerson, RawRoom, RawSchedule
from eventplan.schedules.frab import CANCELLED_SUFFIX, NO_ROOM, duration_text, minutes_between

_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")


def read_xcal(root: ET.Element) -> RawSchedule:
    """An xCal document (its parsed root) as raw records."""
    problems: list[Problem] = []
    calendar = _child(root, "vcalendar")
    if calendar is None:
        problem = Problem("iCalendar/vcalendar", "required, but missing")
        return RawSchedule.unreadable(problem, "/")
    items = []
    rooms: dict[str, RawRoom] = {}
    for index, event in enumerate(_children(calendar, "vevent"), start=1):
        at = f"iCalendar/vcalendar/vevent[{index}]"
        start, end = _when(_text(event, "dtstart")), _when(_text(event, "dtend"))
        if start is None:
            problems.append(
                Problem(f"{at}/dtstart", "expected a date-time such as 20150811T160000")
            )
            continue
        room = _text(event, "location") or NO_ROOM
        rooms.setdefault(room, RawRoom(room, None, None, None, at))
        title = _text(event, "title") or _text(event, "summary")
        if (_text(event, "status") or "").upper() == "CANCELLED" and title:
            title += CANCELLED_SUFFIX
        number = _text(event, "event-id")
        items.append(
            RawItem(
                path=at,
                day_date=None,
                room=room,
                guid=None,
                number=int(number) if number and number.isascii() and number.isdigit() else None,
                code=None,
                slug=_text(event, "event-slug"),
                title=title,
                kind=_text(event, "category"),
                track=_text(event, "track"),
                date=start.isoformat(),
                start=None,
                duration=duration_text(minutes_between(start, end)),
                language=_text(event, "language-code"),
                abstract=None,
                description=_text(event, "description"),
                persons=tuple(
                    RawPerson(name, None, f"{at}/attendee[{n}]")
                    for n, node in enumerate(_children(event, "attendee"), start=1)
                    if (name := (node.text or "").strip())
                ),
                subtitle=_text(event, "subtitle"),
                url=_text(event, "url"),
            )
        )
    return RawSchedule(
        acronym=None,
        title=_text(calendar, "x-wr-calname") or "xCal schedule",
        start=None,
        end=None,
        time_zone_name=None,
        url=None,
        rooms=tuple(rooms.values()),
        items=tuple(items),
        problems=tuple(problems),
        separator="/",
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _children(parent: ET.Element, name: str) -> list[ET.Element]:
    return [node for node in parent if _local(node.tag) == name]


def _child(parent: ET.Element, name: str) -> ET.Element | None:
    found = _children(parent, name)
    return found[0] if found else None


def _text(parent: ET.Element, name: str) -> str | None:
    node = _child(parent, name)
    if node is None or not (node.text or "").strip():
        return None
    return node.text


def _when(text: str | None) -> dt.datetime | None:
    """``20150811T160000`` (local) or ``…Z`` (UTC) as a date-time."""
    found = _STAMP.fullmatch((text or "").strip())
    if found is None:
        return None
    year, month, day, hour, minute, second, utc = found.groups()
    try:
        when = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        return None
    return when.replace(tzinfo=dt.UTC) if utc else when
