"""Reads iCalendar files with libical (the parser of Evolution and KDE) and prints what it
understood as JSON: one object per file, with every VEVENT and VTODO and every error
libical reported, on parsing and in its own RFC 5546 restriction check.

It runs under the system Python, which has libical's GObject bindings (Debian's
python3-gi and gir1.2-ical-3.0), not under the project's virtual environment:
    /usr/bin/python3 tests/libical/read_ics.py FILE...
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

Kind = ICalGLib.ComponentKind
PropertyKind = ICalGLib.PropertyKind


def _each(first, following, kind):
    found = []
    item = first(kind)
    while item is not None:
        found.append(item)
        item = following(kind)
    return found


def properties(component, kind):
    return _each(component.get_first_property, component.get_next_property, kind)


def children(component, kind):
    return _each(component.get_first_component, component.get_next_component, kind)


def errors(component):
    """Every X-LIC-ERROR libical put into the component or its children."""
    found = [p.get_xlicerror() for p in properties(component, PropertyKind.XLICERROR_PROPERTY)]
    for child in children(component, Kind.ANY_COMPONENT):
        found += errors(child)
    return found


def text(component, kind):
    prop = component.get_first_property(kind)
    return None if prop is None else _unescaped(prop)


def _unescaped(prop):
    # get_value_as_string gives the escaped form; the typed getters give the text itself.
    getter = {
        PropertyKind.SUMMARY_PROPERTY: prop.get_summary,
        PropertyKind.LOCATION_PROPERTY: prop.get_location,
        PropertyKind.DESCRIPTION_PROPERTY: prop.get_description,
        PropertyKind.UID_PROPERTY: prop.get_uid,
    }.get(prop.isa())
    return getter() if getter is not None else prop.get_value_as_string()


def instant(component, kind):
    """Seconds since the epoch of a DTSTART, DTEND or DUE, through its TZID's VTIMEZONE."""
    getter = {
        PropertyKind.DTSTART_PROPERTY: component.get_dtstart,
        PropertyKind.DTEND_PROPERTY: component.get_dtend,
        PropertyKind.DUE_PROPERTY: component.get_due,
    }[kind]
    value = getter()
    if value is None or value.is_null_time():
        return None
    if value.is_date():
        return value.as_ical_string()
    return value.as_timet_with_zone(value.get_timezone())


def read(path):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    root = ICalGLib.Component.new_from_string(source)
    if root is None:
        return {"parsed": False, "errors": ["libical could not parse the file"]}
    parse_errors = errors(root)
    method = root.get_first_property(PropertyKind.METHOD_PROPERTY)
    # libical checks the RFC 5546 restrictions of the calendar's METHOD (none without METHOD).
    restrictions_hold = root.check_restrictions()
    calendar = {
        "parsed": True,
        "method": None if method is None else method.get_value_as_string(),
        "restrictions_hold": bool(restrictions_hold),
        "errors": parse_errors + [e for e in errors(root) if e not in parse_errors],
        "timezones": [
            text(tz, PropertyKind.TZID_PROPERTY) for tz in children(root, Kind.VTIMEZONE_COMPONENT)
        ],
        "events": [],
        "todos": [],
    }
    for vevent in children(root, Kind.VEVENT_COMPONENT):
        geo = vevent.get_first_property(PropertyKind.GEO_PROPERTY)
        categories = [
            prop.get_categories() for prop in properties(vevent, PropertyKind.CATEGORIES_PROPERTY)
        ]
        organizer = vevent.get_first_property(PropertyKind.ORGANIZER_PROPERTY)
        calendar["events"].append(
            {
                "uid": text(vevent, PropertyKind.UID_PROPERTY),
                "summary": text(vevent, PropertyKind.SUMMARY_PROPERTY),
                "location": text(vevent, PropertyKind.LOCATION_PROPERTY),
                "description": text(vevent, PropertyKind.DESCRIPTION_PROPERTY),
                "start": instant(vevent, PropertyKind.DTSTART_PROPERTY),
                "end": instant(vevent, PropertyKind.DTEND_PROPERTY),
                "status": text(vevent, PropertyKind.STATUS_PROPERTY),
                "sequence": vevent.get_sequence(),
                "categories": categories,
                "geo": None if geo is None else [geo.get_geo().get_lat(), geo.get_geo().get_lon()],
                "organizer": None if organizer is None else organizer.get_organizer(),
                "alarms": [
                    text(alarm, PropertyKind.TRIGGER_PROPERTY)
                    for alarm in children(vevent, Kind.VALARM_COMPONENT)
                ],
            }
        )
    for vtodo in children(root, Kind.VTODO_COMPONENT):
        calendar["todos"].append(
            {
                "uid": text(vtodo, PropertyKind.UID_PROPERTY),
                "summary": text(vtodo, PropertyKind.SUMMARY_PROPERTY),
                "due": instant(vtodo, PropertyKind.DUE_PROPERTY),
                "status": text(vtodo, PropertyKind.STATUS_PROPERTY),
                "sequence": vtodo.get_sequence(),
                "alarms": len(children(vtodo, Kind.VALARM_COMPONENT)),
            }
        )
    return calendar


if __name__ == "__main__":
    json.dump([read(path) for path in sys.argv[1:]], sys.stdout)
