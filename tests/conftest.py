import os
import shutil
import tempfile

import pytest
from builders import make_event

from eventplan import Event

# what the command line keeps between runs goes to a scratch directory, never the user's home
# (set before any test runs, so the processes tests start inherit it)
_CACHE = tempfile.mkdtemp(prefix="eventplan-test-cache-")
os.environ["EVENTPLAN_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture
def event() -> Event:
    return make_event()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The larger fuzzing budget runs only when asked for with ``-m fuzz``."""
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="the larger fuzzing budget: run it with -m fuzz")
    for item in items:
        if "fuzz" in item.keywords:
            item.add_marker(skip)
