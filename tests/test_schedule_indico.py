"""Indico's HTTP API exports in: the event export with contributions, and the timetable.

The documents here are written in the shapes Indico's serializers give (its
legacy ``TimetableSerializer`` and the HTTP API's event export), small enough to
read; they are not published files, but for one real export of indico.cern.ch
(``tests/data/schedules/indico-cern-845049.event.json``).
"""

from __future__ import annotations

import json

import pytest
from test_frab import xsd_errors

from eventplan import check
from eventplan.errors import EventFileError
from eventplan.schedules import read_schedule, reads_schedule, to_frab_xml

ZONE = "Asia/Ho_Chi_Minh"


def _at(date: str, time: str, tz: str = ZONE) -> dict[str, str]:
    return {"date": date, "time": time, "tz": tz}


EVENT_EXPORT = {
    "count": 1,
    "_type": "HTTPAPIResult",
    "results": [
        {
            "_type": "Conference",
            "id": "1234",
            "title": "Signing ceremony of the Convention",
            "timezone": ZONE,
            "url": "https://indico.example.org/event/1234/",
            "startDate": _at("2025-10-25", "08:00:00"),
            "endDate": _at("2025-10-26", "18:00:00"),
            "contributions": [
                {
                    "_type": "Contribution",
                    "id": "1",
                    "db_id": 501,
                    "friendly_id": 1,
                    "title": "Opening session",
                    "startDate": _at("2025-10-25", "09:00:00"),
                    "endDate": _at("2025-10-25", "10:00:00"),
                    "room": "Main conference hall",
                    "description": "Opening of the signing ceremony.",
                    "speakers": [
                        {
                            "_type": "ContributionParticipation",
                            "fullName": "GUTERRES, António",
                            "first_name": "António",
                            "last_name": "Guterres",
                            "person_id": 7,
                        }
                    ],
                    "session": "Plenary",
                    "type": {"name": "Opening"},
                    "url": "https://indico.example.org/event/1234/contributions/501/",
                },
                {
                    "_type": "Contribution",
                    "id": "2",
                    "db_id": 502,
                    "title": "Signing of the Convention",
                    "startDate": _at("2025-10-25", "04:00:00", "UTC"),  # in another zone
                    "endDate": _at("2025-10-25", "05:00:00", "UTC"),
                    "room": "Main conference hall",
                    "speakers": [],
                    "type": "Signing",
                },
                {
                    "_type": "Contribution",
                    "id": "3",
                    "db_id": 503,
                    "title": "A poster",
                    "startDate": None,
                    "endDate": None,
                    "speakers": [],
                },
            ],
        }
    ],
}

TIMETABLE_EXPORT = {
    "count": 1,
    "results": {
        "1234": {
            "20251025": {
                "s10": {
                    "entryType": "Session",
                    "title": "High-level discussion",
                    "slotTitle": "Part 1",
                    "startDate": _at("2025-10-25", "14:00:00"),
                    "endDate": _at("2025-10-25", "16:00:00"),
                    "room": "Room 1",
                    "conveners": [{"firstName": "Bui", "familyName": "Thanh Son"}],
                    "entries": {
                        "c21": {
                            "entryType": "Contribution",
                            "title": "Cooperation against cybercrime",
                            "startDate": _at("2025-10-25", "14:00:00"),
                            "endDate": _at("2025-10-25", "15:00:00"),
                            "room": "Room 1",
                            "presenters": [{"name": "Ghada Waly"}],
                            "contributionId": 21,
                        },
                        "c22": {
                            "entryType": "Contribution",
                            "title": "Electronic evidence",
                            "startDate": _at("2025-10-25", "15:00:00"),
                            "endDate": _at("2025-10-25", "16:00:00"),
                            "room": "Room 1",
                            "presenters": [],
                            "contributionId": 22,
                        },
                    },
                },
                "b3": {
                    "entryType": "Break",
                    "title": "Coffee break",
                    "startDate": _at("2025-10-25", "16:00:00"),
                    "endDate": _at("2025-10-25", "16:30:00"),
                    "room": "Foyer",
                },
            }
        }
    },
}


def test_an_indico_event_export_is_read_with_its_contributions():
    opened = reads_schedule(json.dumps(EVENT_EXPORT))
    event = opened.event
    assert (event.name, event.timezone) == ("Signing ceremony of the Convention", ZONE)
    by_title = {s.title: s for s in event.sessions}
    opening = by_title["Opening session"]
    assert opening.start.isoformat() == "2025-10-25T09:00:00+07:00"
    assert opening.kind.value == "opening" and opening.series == "Plenary"
    assert [event.official(p).name for p in opening.speakers] == ["GUTERRES, António"]
    assert opening.listing is not None and opening.listing.number == 501
    assert opening.listing.url == "https://indico.example.org/event/1234/contributions/501/"
    # a time given in another zone is the same instant
    assert by_title["Signing of the Convention"].start.isoformat() == "2025-10-25T11:00:00+07:00"
    notes = {f.code: f.message for f in opened.findings}
    assert notes["schedule-unscheduled"] == (
        "1 contribution without a time in the source's timetable: left out"
    )
    assert xsd_errors(to_frab_xml(event)) == []
    assert check(event).findings  # it checks like any programme


def test_an_indico_timetable_export_gives_blocks_contributions_and_breaks():
    event = reads_schedule(json.dumps(TIMETABLE_EXPORT)).event
    rows = [(s.title, s.start.strftime("%H:%M"), s.series, s.kind.value) for s in event.sessions]
    assert rows == [
        # a contribution's kind from its block's words, as a frab track's
        (
            "Cooperation against cybercrime",
            "14:00",
            "High-level discussion: Part 1",
            "high_level_discussion",
        ),
        ("Electronic evidence", "15:00", "High-level discussion: Part 1", "high_level_discussion"),
        ("Coffee break", "16:00", None, "break"),
    ]
    speakers = [event.official(p).name for p in event.sessions[0].speakers]
    assert speakers == ["Ghada Waly"]
    assert xsd_errors(to_frab_xml(event)) == []


def test_an_indico_file_is_told_apart_by_content(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(TIMETABLE_EXPORT), encoding="utf-8")
    assert len(read_schedule(path).event.sessions) == 3


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"results": 3}, "results: expected the event (a list) or its timetable, got int 3"),
        ({"results": []}, "results: an Indico event export holds the event: none found"),
    ],
)
def test_a_broken_indico_export_says_where(document, message):
    with pytest.raises(EventFileError) as caught:
        reads_schedule(json.dumps(document))
    assert str(caught.value.problems[0]) == message


def test_a_real_event_export_without_contributions_is_the_meeting_itself():
    """indico.cern.ch's export of a meeting at the default ``detail=events``: no
    contributions, so the event is its one session, with its room, chairs, material and
    references; the note says why and how to get the programme."""
    from builders import DATA

    imported = read_schedule(DATA / "schedules" / "indico-cern-845049.event.json")
    (session,) = imported.event.sessions
    assert (session.title, session.room) == ("test_folders", "4-2-037")
    assert [r.name for r in imported.event.rooms] == ["4/2-037"]
    assert session.start.isoformat() == "2019-08-30T17:00:00+02:00"
    assert session.end.isoformat() == "2019-08-30T19:00:00+02:00"
    assert imported.event.timezone == "Europe/Zurich"
    names = {o.id: o.name for o in imported.event.officials}
    assert [names[s] for s in session.speakers] == ["Fokianos, Pamfilos", "Mr Koutsakis, Ilias"]
    assert [(a.url, a.title) for a in session.listing.attachments] == [
        (
            "https://indico.cern.ch/event/845049/attachments/1900364/3136666/img_2.png",
            "img_2.png",
        )
    ]
    # the "Local" reference has no URL: nothing to link to
    assert [(link.url, link.title) for link in session.listing.links] == [
        ("https://edms.cern.ch/document/edmsID", "EDMS")
    ]
    notes = {f.code: f.message for f in imported.findings}
    assert "detail=contributions" in notes["schedule-event-as-session"]
    assert xsd_errors(to_frab_xml(imported.event)) == []
