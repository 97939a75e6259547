"""Reading pretalx's widget JSON (``/schedule/widgets/schedule.json``) into raw records.

The widget's document lists ``talks`` (each with its ``code``, ``title``, ``start``
and ``end`` with their offsets, ``room`` and ``track`` by id, ``speakers`` by code,
``abstract``, ``do_not_record``), and beside them the ``rooms``, ``tracks`` and
``speakers`` those ids name; names may be given per language (``{"en": ...}``).
A break is a talk without a code, with ``slot_type: "break"``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventplan.errors import Problem
from eventplan.schedules._json import _Reader
from eventplan.schedules._raw import RawItem, RawPerson, RawRoom, RawSchedule
from eventplan.schedules.frab import NO_ROOM, duration_text, minutes_between


def read_pretalx_widget(document: dict[str, Any]) -> RawSchedule:
    """A pretalx widget schedule as raw records."""
    problems: list[Problem] = []
    reader = _Reader(problems)
    rooms = {
        entry.get("id"): (reader.optional_text(entry, at, "name") or f"room {entry.get('id')}", at)
        for at, entry in reader.items(document, "", "rooms", required=False)
    }
    tracks = {
        entry.get("id"): reader.optional_text(entry, at, "name")
        for at, entry in reader.items(document, "", "tracks", required=False)
    }
    speakers = {
        entry.get("code"): reader.optional_text(entry, at, "name")
        for at, entry in reader.items(document, "", "speakers", required=False)
    }
    items = []
    for at, talk in reader.items(document, "", "talks"):
        start = reader.optional_text(talk, at, "start")
        end = reader.optional_text(talk, at, "end")
        items.append(
            RawItem(
                path=at,
                day_date=None,
                room=rooms.get(talk.get("room"), (NO_ROOM, ""))[0],
                guid=None,
                number=reader.optional_int(talk, at, "id"),
                code=reader.optional_text(talk, at, "code"),
                slug=None,
                title=reader.optional_text(talk, at, "title") or reader.text(talk, at, "title"),
                kind=reader.optional_text(talk, at, "slot_type") or "talk",
                track=tracks.get(talk.get("track")),
                date=start,
                start=None,
                duration=_duration(start, end),
                language=reader.optional_text(talk, at, "content_locale"),
                abstract=reader.optional_text(talk, at, "abstract"),
                description=reader.optional_text(talk, at, "description"),
                persons=tuple(
                    RawPerson(name, None, f"{at}.speakers[{index}]", code=code)
                    for index, code in enumerate(talk.get("speakers") or ())
                    if isinstance(code, str) and (name := speakers.get(code))
                ),
                optout=talk.get("do_not_record")
                if isinstance(talk.get("do_not_record"), bool)
                else None,
            )
        )
    return RawSchedule(
        acronym=None,
        title=reader.optional_text(document, "", "title") or "pretalx schedule",
        start=reader.optional_text(document, "", "event_start"),
        end=reader.optional_text(document, "", "event_end"),
        time_zone_name=reader.optional_text(document, "", "timezone"),
        url=reader.optional_text(document, "", "url"),
        rooms=tuple(RawRoom(name, None, None, None, at) for name, at in rooms.values()),
        items=tuple(items),
        problems=tuple(problems),
    )


def _duration(start: str | None, end: str | None) -> str | None:
    """``HH:MM`` from two ISO date-times with offsets; ``None`` when either cannot be read."""
    try:
        begins = dt.datetime.fromisoformat((start or "").replace("Z", "+00:00"))
        ends = dt.datetime.fromisoformat((end or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return duration_text(minutes_between(begins, ends))
