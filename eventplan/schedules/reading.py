"""Reading a published schedule: ``schedule.json`` or ``schedule.xml`` into an
:class:`~eventplan.Event`.

Problems in the file are reported all at once, each with its path, as for TOML
(:class:`~eventplan.EventFileError`): ``schedule.conference.days[0].rooms['Saal 1'][2].duration``
in JSON, ``schedule/day[1]/room[@name='Saal 1']/event[3]/duration`` in XML.
What eventplan had to decide while reading comes back as findings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import attrs

from eventplan.capacity.findings import Finding
from eventplan.errors import Problem
from eventplan.files.eventfile import loads_event, read_text
from eventplan.model import fields as _fields
from eventplan.model.enums import SessionKind
from eventplan.model.event import Event
from eventplan.schedules import _json
from eventplan.schedules._build import build_event
from eventplan.schedules._indico import read_indico
from eventplan.schedules._pretalx import read_pretalx_widget
from eventplan.schedules._raw import RawSchedule
from eventplan.schedules._xml import read_xml
from eventplan.schedules.kinds import kind_mapping

Path_ = str | os.PathLike[str]


#: The JSON formats eventplan reads, each by the top-level key that tells it apart.
JSON_FORMATS: dict[str, str] = {
    "schedule": "frab/C3VOC schedule.json (pretalx, frab, the C3VOC tools)",
    "results": "Indico's event or timetable export (/export/event/ID.json, /export/timetable/ID.json)",
    "talks": "pretalx's widget schedule (/schedule/widgets/schedule.json)",
}


def _read_json(text: str) -> RawSchedule:
    """A JSON schedule of any format eventplan reads, told apart by its top-level keys."""
    document, unreadable = _json.decode(text)
    if unreadable is not None:
        return unreadable
    if isinstance(document, dict) and "schedule" in document:
        return _json.read_frab_json(document)
    if isinstance(document, dict) and "results" in document:
        return read_indico(document)
    if isinstance(document, dict) and "talks" in document:
        return read_pretalx_widget(document)
    tried = "; ".join(f"{name} (a top-level {key!r})" for key, name in JSON_FORMATS.items())
    found = (
        "its top-level keys are " + ", ".join(map(repr, list(document)[:6]))
        if isinstance(document, dict) and document
        else f"it is {_json.describe(document)}"
    )
    return RawSchedule.unreadable(
        Problem("", f"not a schedule format eventplan reads: tried {tried}; {found}"), "."
    )


@attrs.frozen
class ScheduleImport:
    """An event read from a file, and the findings reading it gave (unknown types, a guessed zone)."""

    event: Event
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_fields.to_tuple)


#: A user's mapping of whole published types to session kinds: ``{"DJ Set": "reception"}``.
Kinds = Mapping[str, SessionKind | str] | None


def reads_schedule(text: str, *, source: str = "<string>", kinds: Kinds = None) -> ScheduleImport:
    """Read ``schedule.json`` or ``schedule.xml`` text (told apart by content).

    ``kinds`` maps whole types to session kinds ahead of eventplan's own words
    (:data:`eventplan.schedules.KIND_WORDS`); one finding says how each type was read.
    """
    mapping = kind_mapping("reads_schedule", kinds)
    raw = read_xml(text) if text.lstrip().startswith("<") else _read_json(text)
    event, findings = build_event(raw, source, kinds=mapping)
    return ScheduleImport(event, findings)


def loads_schedule(text: str, *, source: str = "<string>", kinds: Kinds = None) -> Event:
    """The event in ``schedule.json`` or ``schedule.xml`` text."""
    return reads_schedule(text, source=source, kinds=kinds).event


def read_schedule(path: Path_, *, kinds: Kinds = None) -> ScheduleImport:
    """Read a ``schedule.json`` or ``schedule.xml`` file, with the findings reading it gave."""
    text = read_text(path).removeprefix("\ufeff")
    return reads_schedule(text, source=os.fspath(path), kinds=kinds)


def load_schedule(path: Path_, *, kinds: Kinds = None) -> Event:
    """The event in a frab/C3VOC ``schedule.json`` or ``schedule.xml`` file."""
    return read_schedule(path, kinds=kinds).event


def read_event_or_schedule(path: Path_) -> ScheduleImport:
    """An eventplan TOML file or a published schedule, told apart by extension
    (``.toml``, ``.json``, ``.xml``) or, failing that, by content."""
    text = read_text(path).removeprefix("\ufeff")
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".xml") or (suffix != ".toml" and text.lstrip()[:1] in ("{", "<")):
        return reads_schedule(text, source=os.fspath(path))
    return ScheduleImport(loads_event(text, source=os.fspath(path)))
