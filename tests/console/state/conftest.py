from __future__ import annotations

import pytest

from console.state import SituationStore
from tests.console.state.builders import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> SituationStore:
    return SituationStore(clock=clock)
