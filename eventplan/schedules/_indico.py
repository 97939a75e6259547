"""Reading Indico's HTTP API exports into raw records.

Indico (and Indico.UN, where the UN Secretariat runs its conferences) publishes a
programme two ways:

- the event export, ``/export/event/ID.json?detail=contributions``: ``results`` is
  a list holding the event, its ``contributions`` each with ``startDate`` and
  ``endDate`` as ``{"date", "time", "tz"}``, ``room``, ``speakers`` (or the newer
  ``personLinks``), ``track``, ``session`` and ``type``;
- the timetable export, ``/export/timetable/ID.json``: ``results`` maps the event's
  id to its days (``"20251025"``), each mapping entry ids (``s12`` a session block,
  ``c45`` a contribution, ``b6`` a break) to entries with ``entryType``; a block's
  own ``entries`` hold its contributions, and it names its ``conveners`` (the older
  serializer, with ``slotTitle``) or ``personLinks``.

A contribution the timetable has not placed (no ``startDate``) is left out, and
counted in the import's note. An event export without ``contributions`` (Indico's
default ``detail=events``) is read as one session, the event itself, and the note says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventplan.errors import Problem
from eventplan.schedules._json import _Reader, describe
from eventplan.schedules._raw import RawItem, RawLink, RawPerson, RawSchedule
from eventplan.schedules.frab import NO_ROOM, duration_text, minutes_between


def read_indico(document: dict[str, Any]) -> RawSchedule:
    """An Indico event or timetable export as raw records."""
    problems: list[Problem] = []
    reader = _Reader(problems)
    results = document.get("results")
    if isinstance(results, list):
        return _event_export(results, reader, problems)
    if isinstance(results, dict):
        return _timetable_export(results, reader, problems)
    problems.append(
        Problem("results", f"expected the event (a list) or its timetable, got {describe(results)}")
    )
    return RawSchedule.unreadable(problems[0], ".")


def _event_export(results: list[Any], reader: _Reader, problems: list[Problem]) -> RawSchedule:
    if not results or not isinstance(results[0], dict):
        problem = Problem("results", "an Indico event export holds the event: none found")
        return RawSchedule.unreadable(problem, ".")
    event = results[0]
    zone = _zone_of(event)
    items: list[RawItem] = []
    skipped = 0
    if "contributions" not in event:  # detail=events: the meeting is the programme
        whole = _item(event, "results[0]", reader, zone, track=None)
        return _schedule(
            event, "results[0]", reader, zone, [whole] if whole else [], problems, 0, whole=True
        )
    for at, contribution in reader.items(event, "results[0]", "contributions", required=False):
        item = _item(contribution, at, reader, zone, track=_name(contribution.get("track")))
        if item is None:
            skipped += 1
        else:
            items.append(item)
    return _schedule(event, "results[0]", reader, zone, items, problems, skipped)


def _timetable_export(
    results: dict[str, Any], reader: _Reader, problems: list[Problem]
) -> RawSchedule:
    if len(results) != 1:
        problem = Problem(
            "results", f"an Indico timetable export holds one event, got {len(results)}"
        )
        return RawSchedule.unreadable(problem, ".")
    ((event_id, days),) = results.items()
    items: list[RawItem] = []
    zone: str | None = None
    if not isinstance(days, dict):
        problem = Problem(f"results.{event_id}", f"expected days, got {describe(days)}")
        return RawSchedule.unreadable(problem, ".")
    for day, entries in sorted(days.items()):
        if not isinstance(entries, dict):
            problems.append(
                Problem(f"results.{event_id}.{day}", f"expected entries, got {describe(entries)}")
            )
            continue
        for entry_id, entry in sorted(entries.items(), key=lambda pair: _sort_key(pair[1])):
            at = f"results.{event_id}.{day}.{entry_id}"
            if not isinstance(entry, dict):
                problems.append(Problem(at, f"expected an entry, got {describe(entry)}"))
                continue
            zone = zone or _tz(entry.get("startDate"))
            inner = entry.get("entries")
            if entry.get("entryType") == "Session" and isinstance(inner, dict) and inner:
                block = _block_title(entry)
                for child_id, child in sorted(inner.items(), key=lambda pair: _sort_key(pair[1])):
                    if isinstance(child, dict):
                        found = _item(child, f"{at}.entries.{child_id}", reader, zone, track=block)
                        if found is not None:
                            items.append(found)
                continue
            block = _block_title(entry) if entry.get("entryType") == "Session" else None
            found = _item(entry, at, reader, zone, track=block)
            if found is not None:
                items.append(found)
    return RawSchedule(
        acronym=None,
        title=f"Indico event {event_id}",  # a timetable export names no title
        start=None,
        end=None,
        time_zone_name=zone,
        url=None,
        rooms=(),
        items=tuple(items),
        problems=tuple(problems),
    )


def _schedule(
    event: dict[str, Any],
    at: str,
    reader: _Reader,
    zone: str | None,
    items: list[RawItem],
    problems: list[Problem],
    skipped: int,
    *,
    whole: bool = False,
) -> RawSchedule:
    start, end = _when(event.get("startDate"), zone), _when(event.get("endDate"), zone)
    return RawSchedule(
        acronym=None,
        title=reader.optional_text(event, at, "title"),
        start=start[:10] if start else None,
        end=end[:10] if end else None,
        time_zone_name=zone,
        url=reader.optional_text(event, at, "url"),
        rooms=(),
        items=tuple(items),
        problems=tuple(problems),
        unscheduled=skipped,
        whole_event=whole,
    )


def _item(
    entry: dict[str, Any], at: str, reader: _Reader, zone: str | None, *, track: str | None
) -> RawItem | None:
    """One contribution, break or block as an item; ``None`` when it has no time."""
    start = _when(entry.get("startDate"), zone)
    end = _when(entry.get("endDate"), zone)
    if start is None:
        return None
    minutes = minutes_between(dt.datetime.fromisoformat(start), _instant(end))
    if minutes is None and isinstance(entry.get("duration"), int):
        minutes = entry["duration"]
    duration = duration_text(minutes)
    kind = _name(entry.get("type")) or _entry_kind(entry)
    number = entry.get("db_id") if isinstance(entry.get("db_id"), int) else None
    if number is None and isinstance(entry.get("contributionId"), int):
        number = entry["contributionId"]
    item = RawItem(
        path=at,
        day_date=None,
        room=_room(entry),
        guid=None,
        number=number,
        code=None,
        slug=None,
        title=_title(entry) or reader.text(entry, at, "title"),
        kind=kind,
        track=track or _name(entry.get("session")),
        date=start,
        start=None,
        duration=duration or reader.optional_text(entry, at, "duration"),
        language=None,
        abstract=None,
        description=reader.optional_text(entry, at, "description"),
        persons=tuple(_persons(entry, at)),
        url=reader.optional_text(entry, at, "url"),
        links=tuple(
            RawLink(ref["url"], ref.get("type"), None)
            for ref in entry.get("references") or ()
            if isinstance(ref, dict) and isinstance(ref.get("url"), str)
        ),
        attachments=tuple(_attachments(entry)),
    )
    return item


def _attachments(entry: dict[str, Any]) -> list[RawLink]:
    """The files of the entry's material folders (``folders[].attachments[]``), by their
    download URLs; a link attachment (``type: link``) by its ``link_url``."""
    found = []
    for folder in entry.get("folders") or ():
        if not isinstance(folder, dict):
            continue
        for attachment in folder.get("attachments") or ():
            if not isinstance(attachment, dict):
                continue
            url = attachment.get("download_url") or attachment.get("link_url")
            if isinstance(url, str) and url:
                title = attachment.get("title")
                found.append(RawLink(url, title if isinstance(title, str) else None, None))
    return found


def _persons(entry: dict[str, Any], at: str) -> list[RawPerson]:
    """Speakers first: ``speakers`` (event export), ``presenters`` (timetable), the block's
    ``conveners``, the newer ``personLinks``, or an event's ``chairs``."""
    found = []
    for key in ("speakers", "presenters", "conveners", "personLinks", "chairs"):
        people = entry.get(key)
        if not isinstance(people, list):
            continue
        for index, person in enumerate(people):
            if not isinstance(person, dict):
                continue
            name = _person_name(person)
            if name:
                number = next(
                    (
                        person[k]
                        for k in ("person_id", "db_id", "id")
                        if isinstance(person.get(k), int)
                    ),
                    None,
                )
                found.append(RawPerson(name, None, f"{at}.{key}[{index}]", number=number))
        if found:
            break
    return found


def _person_name(person: dict[str, Any]) -> str | None:
    for key in ("fullName", "name"):
        value = person.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    parts = [
        person.get(k)
        for k in ("first_name", "firstName", "last_name", "familyName")
        if isinstance(person.get(k), str) and person.get(k)
    ]
    return " ".join(parts) or None  # type: ignore[arg-type]


def _when(value: Any, zone: str | None) -> str | None:
    """An Indico ``{"date", "time", "tz"}`` as an ISO date-time: local text where its zone
    is the event's, else with the offset of its own zone."""
    if not isinstance(value, dict):
        return None
    date, time = value.get("date"), value.get("time")
    if not isinstance(date, str) or not isinstance(time, str):
        return None
    text = f"{date}T{time}"
    own = value.get("tz")
    if isinstance(own, str) and own and own != zone:
        import zoneinfo

        try:
            aware = dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(own))
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            return text
        return aware.isoformat()
    return text


def _instant(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _tz(value: Any) -> str | None:
    return value.get("tz") if isinstance(value, dict) and isinstance(value.get("tz"), str) else None


def _zone_of(event: dict[str, Any]) -> str | None:
    zone = event.get("timezone")
    return zone if isinstance(zone, str) and zone else _tz(event.get("startDate"))


def _room(entry: dict[str, Any]) -> str:
    for key in ("room", "roomFullname", "location"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return NO_ROOM


def _name(value: Any) -> str | None:
    """A track, session or type, given as its name or as ``{"title"|"name": ...}``."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        for key in ("title", "name"):
            if isinstance(value.get(key), str) and value[key]:
                return str(value[key])
    return None


def _entry_kind(entry: dict[str, Any]) -> str | None:
    kind = entry.get("entryType")
    return kind if isinstance(kind, str) else None


def _title(entry: dict[str, Any]) -> str | None:
    title = entry.get("title")
    return title if isinstance(title, str) and title.strip() else None


def _block_title(entry: dict[str, Any]) -> str | None:
    """A session block's name: the session's title, with its slot's title where it has one."""
    title, slot = _title(entry), entry.get("slotTitle")
    if isinstance(slot, str) and slot.strip() and slot.strip() != title:
        return f"{title}: {slot.strip()}" if title else slot.strip()
    return title


def _sort_key(entry: Any) -> tuple[str, str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("startDate"), dict):
        return ("", "")
    start = entry["startDate"]
    return (str(start.get("date", "")), str(start.get("time", "")))
