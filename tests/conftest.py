import pytest
from builders import make_event

from eventplan import Event


@pytest.fixture
def event() -> Event:
    return make_event()
