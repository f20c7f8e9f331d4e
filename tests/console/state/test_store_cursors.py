"""The store says how far its picture goes: each topic's (epoch, seq) of the last batch."""

from __future__ import annotations

from console.state import SituationStore
from tests.console.state.builders import batch, position, unit


def test_cursors_follow_the_batches_and_a_reset_forgets_them() -> None:
    store = SituationStore()
    assert store.cursors == {}
    first = batch(resets={"units": [unit("U-1")]})  # a snapshot: units at seq 1
    store.apply(first)
    assert store.cursors == {"units": ("e-1", 1)}
    later = batch(position("U-1"))
    later.cursors["positions"] = ("e-1", 42)
    store.apply(later)
    assert store.cursors == {"units": ("e-1", 1), "positions": ("e-1", 42)}
    store.apply(batch())  # a batch without cursors moves nothing
    assert store.cursors["positions"] == ("e-1", 42)
    store.reset()
    assert store.cursors == {}
