"""The manual: its generated pages cannot drift from the model, the JSON Schema of the event
file accepts the shipped files and refuses what the loader refuses, and the README stays short.
(The manual's code blocks themselves run as tests through sybil: see conftest.py.)"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import eventplan
from eventplan.files import schema

ROOT = Path(__file__).resolve().parents[1]


def as_json(value: Any) -> Any:
    """A parsed TOML file as an editor's validator sees it: dates and times as text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def errors(text: str) -> list[str]:
    validator = jsonschema.Draft7Validator(
        json.loads(schema.SCHEMA_FILE.read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
    )
    return [error.message for error in validator.iter_errors(as_json(tomllib.loads(text)))]


def test_the_checked_in_schema_and_key_reference_are_what_the_model_generates():
    for path, text in schema.generated_files(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run python -m eventplan.files.schema"
        )
    assert schema.main(["--check"]) == 0


def test_the_schema_is_a_valid_draft_7_schema_that_draft_4_readers_can_use():
    document = json.loads(schema.SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(document)
    text = schema.SCHEMA_FILE.read_text(encoding="utf-8")
    # taplo reads draft 4: none of the keywords added since
    for later in ('"$defs"', '"const"', '"if"', '"dependentRequired"', '"unevaluated'):
        assert later not in text


@pytest.mark.parametrize(
    "path",
    [ROOT / "seeds" / "hanoi_convention_2025.toml", ROOT / "eventplan" / "data" / "starter.toml"],
    ids=["reference-event", "starter"],
)
def test_the_shipped_files_validate_against_the_schema(path: Path):
    assert errors(path.read_text(encoding="utf-8")) == []


STARTER = (ROOT / "eventplan" / "data" / "starter.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("timezone =", "time_zone ="), "'time_zone' was unexpected"),
        (('layout = "theatre"\nseats', 'layout = "theatre"\nseets'), "'seets' was unexpected"),
        (("start_date = 2026-06-10", 'start_date = "10 June"'), "is not a 'date'"),
        (('kind = "opening"', 'kind = "openning"'), "is not one of"),
        (("parties = { min = 40, max = 50 }", 'parties = "40-50"'), "is not valid under any"),
        (("parties = { min = 40, max = 50 }", "parties = { low = 40 }"), "is not valid under any"),
        (("parties = { min = 40, max = 50 }", "parties = -3"), "is not valid under any"),
        (('id = "my-conference"', 'id = "My Conference"'), "does not match"),
    ],
    ids=[
        "top-level-key",
        "nested-key",
        "date",
        "enum",
        "count-text",
        "count-keys",
        "negative",
        "id",
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(change: tuple[str, str], said: str):
    old, new = change
    assert old in STARTER
    text = STARTER.replace(old, new, 1)
    with pytest.raises(eventplan.errors.EventFileError):
        eventplan.loads_event(text)
    found = errors(text)
    assert any(said in message for message in found), found


def test_every_field_of_every_model_class_is_in_the_key_reference():
    page = (ROOT / "docs" / "reference" / "event-file.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", page, re.S | re.M))
    classes = schema.model_classes()
    assert len(classes) > 20 and set(sections) == {cls.__name__ for cls in classes}
    for cls in classes:
        rows = re.findall(r"^\| `(\w+)` \|", sections[cls.__name__], re.M)
        assert rows == [field.name for field in attrs.fields(cls)], cls.__name__
        for row in re.findall(r"^\| `\w+` \|.*$", sections[cls.__name__], re.M):
            _key, kind, _unit, default, example, _what = row.strip("|").split(" | ")
            assert kind and default and example, row


def test_every_key_of_every_model_class_has_a_description():
    # a field's description is the `#:` comment above it: the reference's "what it is" column
    # and the hover text of editors; a field added without one leaves both empty
    missing = [
        f"{cls.__name__}.{key.name}"
        for cls in schema.model_classes()
        for key in schema.keys(cls)
        if not key.description
    ]
    assert not missing, f"write a #: comment above: {', '.join(missing)}"
    page = (ROOT / "docs" / "reference" / "event-file.md").read_text(encoding="utf-8")
    for row in re.findall(r"^\| `\w+` \|.*$", page, re.M):
        assert not row.endswith("|  |"), row
    document = json.loads(schema.SCHEMA_FILE.read_text(encoding="utf-8"))
    for name, definition in [("Event", document), *document["definitions"].items()]:
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key}"


def test_every_numeric_field_with_a_unit_in_its_name_says_it():
    assert schema.unit(eventplan.model.Room, "floor_area_m2") == "m²"
    assert schema.unit(eventplan.model.Resources, "shuttle_cycle_minutes") == "minutes"
    assert schema.unit(eventplan.model.Resources, "accreditation_hours") == "hours"
    # the explicit table names only fields that exist
    names = {
        (cls.__name__, field.name) for cls in schema.model_classes() for field in attrs.fields(cls)
    }
    assert set(schema._UNITS) <= names
    assert {owner_key for owner_key in schema._EXAMPLES} <= names


def test_the_readme_is_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250, (
        f"README.md has {len(lines)} lines; the manual in docs/ holds the rest"
    )


def fenced_blocks(text: str) -> list[str]:
    """The info string of every fenced code block of a Markdown text."""
    found, fence = [], None
    for line in text.splitlines():
        marker = re.match(r"\s*(`{3,}|~{3,})(.*)", line)
        if marker is None:
            continue
        if fence is None:
            fence = marker.group(1)
            found.append(marker.group(2).strip())
        elif marker.group(1).startswith(fence) and not marker.group(2).strip():
            fence = None
    return found


def test_every_code_block_of_the_manual_and_the_readme_is_one_the_tests_run():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for language in fenced_blocks(text):
            assert language in {"python", "console", "toml", "sh"}, (page, language)
        # a shell block cannot run in the tests (it installs); each is skipped by name
        skips = len(re.findall(r"<!-- skip: next", text))
        assert skips == fenced_blocks(text).count("sh"), page
