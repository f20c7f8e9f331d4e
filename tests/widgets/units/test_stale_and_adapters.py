from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import T0, FakeClock, batch, position, status, unit
from widgets.common.adapters import subscribe_until_destroyed
from widgets.units.stale import StaleTracker


class Counting:
    """Counts the store's ``is_stale`` calls."""

    def __init__(self, store: SituationStore, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original = store.is_stale

        def is_stale(collection: str, key: str, now: float | None = None) -> bool:
            self.calls += 1
            return original(collection, key, now)

        monkeypatch.setattr(store, "is_stale", is_stale)


def test_a_fix_turns_stale_on_the_tick_after_the_threshold(
    store: SituationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.apply(batch(unit("U-1"), position("U-1", fix_s=0), unit("U-2"), position("U-2")))
    tracker = StaleTracker(store)
    for key in ("U-1", "U-2"):
        assert not tracker.update(key, T0)
    assert tracker.tick(T0, ["U-1", "U-2"]) == set()  # first tick: layers noted
    counting = Counting(store, monkeypatch)
    assert tracker.tick(T0 + 30, ["U-1", "U-2"]) == set()
    assert counting.calls == 0  # nothing due: no unit is asked about
    store.apply(batch(position("U-2", fix_s=30, version=1)))
    tracker.update("U-2", T0 + 30)
    assert tracker.tick(T0 + 60, ["U-1", "U-2"]) == set()  # 60 s is not past 60 s
    assert tracker.tick(T0 + 61, ["U-1", "U-2"]) == {"U-1"}
    assert "U-1" in tracker
    assert "U-2" not in tracker
    assert tracker.tick(T0 + 90.5, ["U-1", "U-2"]) == {"U-2"}
    assert tracker.tick(T0 + 500, ["U-1", "U-2"]) == set()


def test_a_layer_flip_or_a_clock_going_back_rechecks_everything(store: SituationStore) -> None:
    store.apply(batch(unit("U-1"), position("U-1", fix_s=0), unit("U-2")))
    tracker = StaleTracker(store)
    keys = ["U-1", "U-2"]
    assert tracker.tick(T0 + 1, keys) == set()
    store.apply(batch(statuses=[status("cad", "offline")]))
    assert tracker.tick(T0 + 2, keys) == {"U-1", "U-2"}
    store.apply(batch(statuses=[status("cad")]))
    assert tracker.tick(T0 + 3, keys) == {"U-1", "U-2"}
    assert tracker.tick(T0 + 100, keys) == {"U-1"}  # the fix aged
    assert tracker.tick(T0 + 10, keys) == {"U-1"}  # a replay seek back: fresh again
    tracker.forget("U-1")
    assert "U-1" not in tracker


def test_update_many_answers_as_the_store_does(store: SituationStore) -> None:
    """The batch path inlines SituationStore.is_stale's rule: every combination of layer
    states, fix ages (fresh, exactly at the threshold, past it) and no position agrees."""
    fixes = {"U-1": 0.0, "U-2": 40.0, "U-3": 100.0}
    store.apply(
        batch(
            *(unit(key) for key in [*fixes, "U-4"]),
            *(position(key, fix_s=fix_s) for key, fix_s in fixes.items()),
            statuses=[status("cad"), status("avl")],
            received={"units": 0.0, "positions": 0.0},
        )
    )
    keys = ["U-1", "U-2", "U-3", "U-4"]
    tracker = StaleTracker(store)
    checked = 0
    for cad, avl in (("live", "live"), ("offline", "live"), ("live", "offline")):
        store.apply(batch(statuses=[status("cad", cad), status("avl", avl)]))
        for now in (T0 + 1, T0 + 60, T0 + 100, T0 + 101, T0 + 160.5):
            store.apply(batch(received={"units": now - T0, "positions": now - T0}))
            before = {key for key in keys if key in tracker}
            flipped = tracker.update_many(keys, now)
            expected = {key for key in keys if store.is_stale("units", key, now)}
            assert {key for key in keys if key in tracker} == expected
            assert set(flipped) == before ^ expected
            checked += len(flipped)
    assert checked > 4  # the cases did flip units both ways


def test_signal_emits_keep_the_reference_count_of_true(qtbot: QtBot) -> None:
    """PySide6 6.12.0 dropped a reference to True per emit and aborted the interpreter
    after a few thousand; pyproject excludes it. This fails on such a release."""

    class Source(QObject):
        pinged = Signal(int)

    source = Source()
    received: list[int] = []
    source.pinged.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(500):
        source.pinged.emit(value)
    assert abs(sys.getrefcount(True) - before) < 50  # other threads may hold a few
    assert len(received) == 500


def test_a_destroyed_owner_unsubscribes(
    qtbot: QtBot, store: SituationStore, clock: FakeClock
) -> None:
    heard: list[object] = []
    owner = QWidget()
    unsubscribe = subscribe_until_destroyed(owner, store, heard.append)
    store.apply(batch(unit("U-1")))
    assert len(heard) == 1
    shiboken6.delete(owner)  # deleted without close(), as a child dies with its parent
    store.apply(batch(unit("U-2")))
    assert len(heard) == 1
    unsubscribe()  # still safe to call
