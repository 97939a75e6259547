"""Any change to the reference file loads, or fails with EventFileError: never a crash."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from typing import Any

import tomli_w
from builders import parent_at, places
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan import EventFileError, loads_event
from eventplan.files import reference_file

REFERENCE = tomllib.loads(reference_file().read_text(encoding="utf-8"))

scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "member_state",
            "plenery",
            "main-hall",
            "hall-z",
            "planned",
            "Asia/Hanoi",
            "Europe/Vienna",
        ]
    ),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


PLACES = places(REFERENCE)[1:]


def mutate(data: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PLACES))
        parent = parent_at(data, path)
        if parent is None:
            continue  # an earlier mutation removed it
        action = draw(st.sampled_from(["replace", "delete", "rename", "duplicate"]))
        key = path[-1]
        if action == "replace":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif action == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(key)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_reference_file_loads_or_raises_event_file_error(data):
    mutated = mutate(copy.deepcopy(REFERENCE), data.draw)
    try:
        text = tomli_w.dumps(mutated)
    except (TypeError, ValueError):
        return  # not expressible as TOML at all
    try:
        loads_event(text)
    except EventFileError as error:
        assert error.problems, "an EventFileError always lists its problems"
        assert all(str(problem) for problem in error.problems)
