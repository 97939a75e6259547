// Reads iCalendar files with ical.js (the parser inside Thunderbird) and prints
// what it understood as JSON: one object per file, with every VEVENT and VTODO.
// Usage: node read_ics.mjs FILE...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function read(path) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  const calendar = {
    prodid: text(root, "prodid"),
    method: text(root, "method"),
    name: text(root, "x-wr-calname"),
    timezone: text(root, "x-wr-timezone"),
    components: root.getAllSubcomponents().map((c) => c.name),
    events: [],
    todos: [],
  };
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const geo = vevent.getFirstPropertyValue("geo");
    calendar.events.push({
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      start: event.startDate.toUnixTime(),
      end: event.endDate.toUnixTime(),
      status: text(vevent, "status"),
      sequence: event.sequence,
      categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues()),
      geo: geo === null ? null : geo.map(Number),
      alarms: vevent.getAllSubcomponents("valarm").map((a) => String(a.getFirstPropertyValue("trigger"))),
      properties: vevent.getAllProperties().map((p) => p.name),
    });
  }
  for (const vtodo of root.getAllSubcomponents("vtodo")) {
    calendar.todos.push({
      uid: text(vtodo, "uid"),
      summary: text(vtodo, "summary"),
      due: text(vtodo, "due"),
      status: text(vtodo, "status"),
      sequence: Number(text(vtodo, "sequence")),
    });
  }
  return calendar;
}

process.stdout.write(JSON.stringify(process.argv.slice(2).map(read)));
