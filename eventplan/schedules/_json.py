"""Reading frab/C3VOC ``schedule.json`` (frab, pretalx, the C3VOC tools) into raw records."""

from __future__ import annotations

import json
import re
from typing import Any

from eventplan import limits
from eventplan.errors import Problem
from eventplan.schedules._raw import RawItem, RawLink, RawPerson, RawRoom, RawSchedule


class _Duplicate(ValueError):
    """A key given twice in one JSON object: which one is meant is not for eventplan to guess."""


class _LongNumber(str):
    """A whole number written with more digits than :data:`~eventplan.limits.MAX_NUMBER_DIGITS`,
    kept as its text so that no int is made of it."""

    def __repr__(self) -> str:
        return f"a number of {len(self.lstrip('-')):,} digits"


def _whole_number(text: str) -> int | _LongNumber:
    if len(text.lstrip("-")) > limits.MAX_NUMBER_DIGITS:
        return _LongNumber(text)
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return found


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_whole_number)
#: A ``\uD800``-``\uDFFF`` escape: only where one is written can a lone surrogate be read.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def decode(text: str) -> tuple[Any, RawSchedule | None]:
    """The JSON document, or (when it cannot be read at all) the unreadable schedule saying why."""
    try:
        document = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        problem = Problem("", f"not valid JSON: {exc.msg} at line {exc.lineno}")
        return None, RawSchedule.unreadable(problem, ".")
    except RecursionError:
        problem = Problem("", "nested too deeply: no schedule nests more than a few levels")
        return None, RawSchedule.unreadable(problem, ".")
    except _Duplicate as exc:
        return None, RawSchedule.unreadable(_duplicate(text, str(exc)), ".")
    if _SURROGATE_ESCAPE.search(text):
        lone = _lone_surrogate(document)
        if lone is not None:
            return None, RawSchedule.unreadable(lone, ".")
    return document, None


def read_frab_json(document: Any) -> RawSchedule:
    """A frab/C3VOC ``schedule.json`` document as raw records."""
    problems: list[Problem] = []
    reader = _Reader(problems)
    schedule = reader.mapping(document, "", "schedule")
    conference = reader.mapping(schedule, "schedule", "conference")
    path = "schedule.conference"
    rooms = [
        RawRoom(
            name=reader.text(room, at, "name") or "",
            slug=reader.optional_text(room, at, "slug"),
            guid=reader.optional_text(room, at, "guid"),
            capacity=reader.optional_int(room, at, "capacity"),
            path=at,
        )
        for at, room in reader.items(conference, path, "rooms", required=False)
    ]
    items: list[RawItem] = []
    for day_at, day in reader.items(conference, path, "days"):
        day_date = reader.optional_text(day, day_at, "date")
        day_start = reader.optional_text(day, day_at, "day_start")
        by_room = reader.mapping(day, day_at, "rooms")
        for room_name, entries in by_room.items():
            room_at = f"{day_at}.rooms[{room_name!r}]"
            if not isinstance(entries, list):
                problems.append(
                    Problem(room_at, f"expected a list of events, got {describe(entries)}")
                )
                continue
            for index, entry in enumerate(entries):
                at = f"{room_at}[{index}]"
                if isinstance(entry, dict):
                    items.append(reader.item(entry, at, day_date, day_start, room_name))
                else:
                    problems.append(Problem(at, f"expected an event, got {describe(entry)}"))
    return RawSchedule(
        acronym=reader.optional_text(conference, path, "acronym"),
        title=reader.optional_text(conference, path, "title"),
        start=reader.optional_text(conference, path, "start"),
        end=reader.optional_text(conference, path, "end"),
        time_zone_name=reader.optional_text(conference, path, "time_zone_name"),
        url=reader.optional_text(conference, path, "url"),
        city=reader.optional_text(conference, path, "city"),
        base_url=reader.optional_text(schedule, "schedule", "base_url")
        or reader.optional_text(conference, path, "base_url"),
        rooms=tuple(rooms),
        items=tuple(items),
        problems=tuple(problems),
    )


class _Reader:
    """Typed access to the parsed JSON that records, rather than raises, what is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def mapping(self, parent: Any, path: str, key: str) -> dict[str, Any]:
        value = parent.get(key) if isinstance(parent, dict) else None
        where = _join(path, key) if path else key
        if isinstance(value, dict):
            return value
        self.problems.append(
            Problem(
                where,
                "required, but missing"
                if value is None
                else f"expected an object, got {describe(value)}",
            )
        )
        return {}

    def items(
        self, parent: dict[str, Any], path: str, key: str, *, required: bool = True
    ) -> list[tuple[str, dict[str, Any]]]:
        value = parent.get(key)
        where = _join(path, key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.problems.append(
                Problem(
                    where,
                    "required, but missing"
                    if value is None
                    else f"expected a list, got {describe(value)}",
                )
            )
            return []
        found = []
        for index, element in enumerate(value):
            if isinstance(element, dict):
                found.append((f"{where}[{index}]", element))
            else:
                self.problems.append(
                    Problem(f"{where}[{index}]", f"expected an object, got {describe(element)}")
                )
        return found

    def text(self, parent: dict[str, Any], path: str, key: str) -> str | None:
        value = parent.get(key)
        if isinstance(value, str) and value.strip():
            return value
        self.problems.append(
            Problem(
                _join(path, key),
                "required, but missing"
                if value in (None, "")
                else f"expected text, got {describe(value)}",
            )
        )
        return None

    def optional_text(self, parent: dict[str, Any], path: str, key: str) -> str | None:
        value = parent.get(key)
        if value is None or isinstance(value, str):
            return value or None
        if isinstance(value, dict):  # pretalx writes some texts per language: {"en": ...}
            texts = [v for v in value.values() if isinstance(v, str) and v]
            return texts[0] if texts else None
        self.problems.append(Problem(_join(path, key), f"expected text, got {describe(value)}"))
        return None

    def optional_int(self, parent: dict[str, Any], path: str, key: str) -> int | None:
        value = parent.get(key)
        if value is None:
            return None
        if isinstance(value, _LongNumber):
            self.problems.append(
                Problem(
                    _join(path, key),
                    f"a whole number of {len(value.lstrip('-')):,} digits; "
                    f"at most {limits.MAX_NUMBER_DIGITS} are read",
                )
            )
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        self.problems.append(
            Problem(_join(path, key), f"expected a whole number, got {describe(value)}")
        )
        return None

    def item(
        self,
        entry: dict[str, Any],
        at: str,
        day_date: str | None,
        day_start: str | None,
        room: str,
    ) -> RawItem:
        persons = []
        for person_at, person in self.items(entry, at, "persons", required=False):
            name = (
                self.optional_text(person, person_at, "public_name")
                or self.optional_text(person, person_at, "name")
                or self.optional_text(person, person_at, "full_public_name")
            )
            name = name.strip() if name else None  # the XML's person text is read stripped too
            if not name:
                self.problems.append(Problem(person_at, "a person needs a 'name' or 'public_name'"))
                continue
            persons.append(
                RawPerson(
                    name,
                    self.optional_text(person, person_at, "guid"),
                    person_at,
                    number=self.optional_int(person, person_at, "id"),
                    code=self.optional_text(person, person_at, "code"),
                )
            )
        return RawItem(
            path=at,
            day_date=day_date,
            day_start=day_start,
            room=self.optional_text(entry, at, "room") or room,
            guid=self.optional_text(entry, at, "guid"),
            number=self.optional_int(entry, at, "id"),
            code=self.optional_text(entry, at, "code"),
            slug=self.optional_text(entry, at, "slug"),
            title=self.text(entry, at, "title"),
            kind=self.optional_text(entry, at, "type"),
            track=self.optional_text(entry, at, "track"),
            date=self.optional_text(entry, at, "date"),
            start=self.optional_text(entry, at, "start"),
            duration=self.optional_text(entry, at, "duration"),
            language=self.optional_text(entry, at, "language"),
            abstract=self.optional_text(entry, at, "abstract"),
            description=self.optional_text(entry, at, "description"),
            persons=tuple(persons),
            subtitle=self.optional_text(entry, at, "subtitle"),
            url=self.optional_text(entry, at, "url"),
            feedback_url=self.optional_text(entry, at, "feedback_url"),
            origin_url=self.optional_text(entry, at, "origin_url"),
            logo=self.optional_text(entry, at, "logo"),
            links=self.links(entry, at, "links"),
            attachments=self.links(entry, at, "attachments"),
            optout=self.optional_bool(entry, at, "do_not_record"),
            licence=self.optional_text(entry, at, "recording_license"),
        )

    def links(self, entry: dict[str, Any], at: str, key: str) -> tuple[RawLink, ...]:
        """Links as frab writes them (``{"url", "title", "type"}``), or as bare URLs."""
        value = entry.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problems.append(Problem(f"{at}.{key}", f"expected a list, got {describe(value)}"))
            return ()
        found = []
        for index, link in enumerate(value):
            link_at = f"{at}.{key}[{index}]"
            if isinstance(link, str) and link.strip():
                found.append(RawLink(link, None, None))
            elif isinstance(link, dict) and (url := self.text(link, link_at, "url")):
                title = self.optional_text(link, link_at, "title")
                found.append(RawLink(url, title, self.optional_text(link, link_at, "type")))
            elif not isinstance(link, dict):
                self.problems.append(Problem(link_at, f"expected a link, got {describe(link)}"))
        return tuple(found)

    def optional_bool(self, parent: dict[str, Any], path: str, key: str) -> bool | None:
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.problems.append(
            Problem(_join(path, key), f"expected true or false, got {describe(value)}")
        )
        return None


def describe(value: Any) -> str:
    """A value as a problem shows it: its type and the start of its text."""
    text = repr(value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"{type(value).__name__} {shown}"


def _duplicate(text: str, key: str) -> Problem:
    """The problem of a key given twice, with the lines where it is given."""
    lines = [
        text.count("\n", 0, found.start()) + 1
        for found in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)
    ]
    where = f" (lines {', '.join(map(str, lines[:5]))}{', ...' if len(lines) > 5 else ''})"
    return Problem(
        "",
        f"the key {key!r} is given twice in one object{where if len(lines) > 1 else ''}; "
        "JSON readers disagree on which one counts, so eventplan reads neither",
    )


def _lone_surrogate(document: Any) -> Problem | None:
    """The first text, key or value, holding half a surrogate pair, with its path."""
    pending: list[tuple[str, Any]] = [("", document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            for character in value:
                if "\ud800" <= character <= "\udfff":
                    return Problem(
                        path,
                        f"not valid Unicode: a lone surrogate U+{ord(character):04X} "
                        "(half of a pair, written as an escape) has no UTF-8 form",
                    )
        elif isinstance(value, dict):
            for key, inner in value.items():
                shown = key.encode("utf-8", "backslashreplace").decode()  # safe to print
                pending.append((f"{path}[{shown!r}]", key))
                pending.append((f"{path}.{shown}" if path else shown, inner))
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", inner) for index, inner in enumerate(value))
    return None


def _join(path: str, key: str) -> str:
    """A key's path below ``path``; a key at the top is its own path."""
    return f"{path}.{key}" if path else key
