"""Small helpers shared by the store-backed table models of the panels."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject

from console.state import ChangeSet, SituationStore


def contiguous_runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """``[(first, last), ...]`` covering ``rows`` in ascending order, one per unbroken run."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def subscribe_until_destroyed(
    owner: QObject, store: SituationStore, listener: Callable[[ChangeSet], None]
) -> Callable[[], None]:
    """Subscribe ``listener`` to ``store``; returns the (idempotent) unsubscribe.

    The subscription also ends when ``owner`` is destroyed, so a panel deleted with its
    parent, without being closed first, is never called back.
    """
    unsubscribe = store.subscribe(listener)
    owner.destroyed.connect(lambda *_args: unsubscribe())
    return unsubscribe
