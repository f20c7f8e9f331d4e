"""The one place feed batches cross into the UI thread.

The feed client calls :meth:`FeedBridge.sink` on its "cache-writer" thread. The bridge
keeps the batch under a lock and, if no hand-over is scheduled, emits a signal that Qt
queues to the UI thread. There, pending batches are merged into one and applied to the
situation store — at most ``max_rate_hz`` (10) times per second: a hand-over sooner than
that is deferred with a single-shot timer, never waited for. The UI thread never blocks
on the feed; the feed never waits for the UI.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from console.state import ChangeSet, SituationStore
from services.client.batch import IngestBatch


class FeedBridge(QObject):
    #: emitted on the UI thread after each apply, with the store's change set
    applied = Signal(object)
    _arrived = Signal()

    def __init__(
        self, store: SituationStore, *, max_rate_hz: float = 10.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._interval_s = 1.0 / max_rate_hz
        self._lock = threading.Lock()
        self._pending: IngestBatch | None = None
        self._scheduled = False
        self._last_apply = 0.0
        self.applies = 0
        self.batches = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._drain)
        self._arrived.connect(self._drain)

    def sink(self, batch: IngestBatch) -> None:
        """Any thread: keep the batch; schedule a hand-over unless one is due already."""
        with self._lock:
            self.batches += 1
            if self._pending is None:
                self._pending = batch
            else:
                self._pending.merge(batch)
            if self._scheduled:
                return
            self._scheduled = True
        self._arrived.emit()

    @Slot()
    def _drain(self) -> None:
        wait = self._last_apply + self._interval_s - time.monotonic()
        if wait > 0:
            self._timer.start(int(wait * 1000) + 1)
            return
        with self._lock:
            batch, self._pending = self._pending, None
            self._scheduled = False
        if batch is None:
            return
        self._last_apply = time.monotonic()
        self.applies += 1
        changes: ChangeSet = self.store.apply(batch)
        self.applied.emit(changes)

    def stop(self) -> None:
        self._timer.stop()
