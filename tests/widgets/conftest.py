"""Shared by the panel tests: an injected clock and a live store (incidents/ has its own)."""

from __future__ import annotations

import pytest

from console.state import SituationStore, StatePolicy
from tests.console.state.builders import FakeClock, batch, status


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> SituationStore:
    """A store whose CAD and AVL services are live and whose layers never go quiet.

    Staleness in these tests then comes from old position fixes alone, unless a test
    takes a service offline.
    """
    situation = SituationStore(clock=clock, policy=StatePolicy(layer_quiet_s=1e9))
    situation.apply(batch(statuses=[status("cad"), status("avl")]))
    return situation
