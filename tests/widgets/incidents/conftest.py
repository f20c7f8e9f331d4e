from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from console.state import SituationStore, StatePolicy
from tests.console.state.builders import FakeClock, batch, status
from widgets.incidents.model import IncidentTableModel


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> SituationStore:
    """A store whose CAD service is live and whose layers never go quiet: staleness in
    these tests comes only from a test taking the CAD service offline."""
    situation = SituationStore(clock=clock, policy=StatePolicy(layer_quiet_s=1e9))
    situation.apply(batch(statuses=[status("cad"), status("avl")]))
    return situation


@pytest.fixture
def make_model(
    qapp: object, store: SituationStore, clock: FakeClock
) -> Iterator[Callable[[], IncidentTableModel]]:
    """Builds models over the test store; each is closed and deleted afterwards."""
    built: list[IncidentTableModel] = []

    def build() -> IncidentTableModel:
        model = IncidentTableModel(store, clock=clock)
        built.append(model)
        return model

    yield build
    for model in built:
        model.close()
        model.deleteLater()
