import pytest
from builders import make_event

from eventplan import Event


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
