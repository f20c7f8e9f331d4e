"""The replay data source: a recording delivered against the console's clock.

:class:`ReplaySource` is a :class:`~console.sources.DataSource`. Its "replay-player"
thread reads the clock every ``tick_s`` (50 ms of wall time) and hands the sink one
batch with every frame received since the last reading — rebuilt by the live ingest
rules (:mod:`console.replay.rebuild`) — so the store, and every panel, shows the moment
the clock reads, at whatever rate it runs. When the clock jumps (a seek) the thread
hands over the whole picture at the new moment instead (a reset of every topic), and
:attr:`progress` says how far a long seek has come.

No command leaves: :meth:`submit_command` writes a trainee action
(:mod:`console.replay.trainee`) and answers the command itself, refused with the code
``replay``; there is no outbox and no connection. The recording is read-only.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.replay.index import RecordingIndex, build_index
from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from console.replay.trainee import TraineeLog
from console.state.clock import Clock
from services.cache import CacheHealth, CacheOpening
from services.client.batch import AckResult, IngestBatch, ServiceStatus
from services.protocol.entities import SERVICES

log = logging.getLogger(__name__)

Sink = Callable[[IngestBatch], None]


class ReplaySource:
    #: what the shell shows (watermark, title): a replay of a recording
    mode = "replay"

    def __init__(
        self,
        recording: Recording,
        clock: Clock,
        sink: Sink,
        trainee: TraineeLog,
        *,
        operator: str = "trainee",
        workstation: str = "replay",
        tick_s: float = 0.05,
    ) -> None:
        self.recording = recording
        self.clock = clock
        self.sink = sink
        self.trainee = trainee
        self.operator, self.workstation = operator, workstation
        self.tick_s = tick_s
        self.replayer = Replayer(recording)
        #: 0..1 while a seek rebuilds the picture, 1.0 when it stands at the clock
        self.progress = 1.0
        #: the moment the store was last brought to (the clock's reading when delivered)
        self.delivered_to: float | None = None
        self._lock = threading.Lock()
        self._seek_to: float | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._indexer: threading.Thread | None = None
        #: incidents, operator actions and warnings over time (None until built)
        self.index: RecordingIndex | None = None
        self.index_progress = 0.0
        self._remove_listener = clock.on_jump(self._on_jump)
        self._health = CacheHealth(True, "", time.time())
        self._opening = CacheOpening("ok", recording.path)

    # --- DataSource ---------------------------------------------------------------------

    @property
    def cache_health(self) -> CacheHealth:
        return self._health

    @property
    def cache_opening(self) -> CacheOpening:
        return self._opening

    def start(self) -> None:
        """Deliver the picture at the clock's moment, then follow the clock."""
        self._on_jump(self.clock())
        self._thread = threading.Thread(target=self._run, name="replay-player", daemon=True)
        self._thread.start()
        self._indexer = threading.Thread(target=self._build_index, name="replay-index", daemon=True)
        self._indexer.start()

    def stop(self) -> None:
        self._remove_listener()
        self._stopping.set()
        self._wake.set()
        for thread in (self._thread, self._indexer):
            if thread is not None:
                thread.join(30)
        self._thread = self._indexer = None
        self.trainee.close()
        self.recording.close()

    def submit_command(
        self,
        service: str,
        command_type: str,
        data: dict[str, Any],
        *,
        target: str = "",
        command_id: str | None = None,
    ) -> str:
        """Record a trainee action; nothing is sent (see the module docstring)."""
        command_id = command_id or str(uuid.uuid4())
        now = self.clock()
        self.trainee.record(
            command_id,
            replay_ts=now,
            recording=str(self.recording.path),
            operator=self.operator,
            workstation=self.workstation,
            service=service,
            command_type=command_type,
            target=target,
            data=data,
        )
        message = QCoreApplication.translate(
            "Replay", "replay: recorded as a trainee action, not sent"
        )
        outcome = IngestBatch(queued=[command_id])
        outcome.acks.append(AckResult(command_id, False, None, "replay", message, now))
        self.sink(outcome)
        return command_id

    # --- what the controls and the timeline read (any thread) -------------------------

    @property
    def start_time(self) -> float:
        return self.recording.start

    @property
    def end_time(self) -> float:
        return self.recording.end

    def next_event_after(self, moment: float) -> float | None:
        """When the next recorded frame after ``moment`` was received (step)."""
        return self.recording.next_frame_time(moment)

    def _build_index(self) -> None:
        def progress(fraction: float) -> None:
            self.index_progress = fraction
            if self._stopping.is_set():
                raise _StoppedError

        try:
            self.index = build_index(self.recording, progress)
        except _StoppedError:
            return

    # --- the player thread --------------------------------------------------------------

    def _on_jump(self, moment: float) -> None:
        with self._lock:
            self._seek_to = moment
            self.progress = 0.0
        self._wake.set()

    def _statuses(self) -> dict[str, ServiceStatus]:
        detail = QCoreApplication.translate("Replay", "replay of {0}").format(
            self.recording.path.name
        )
        now = self.clock()
        return {s: ServiceStatus(s, "live", now, detail, now, "trainee") for s in SERVICES}

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self.tick_s)
            self._wake.clear()
            if self._stopping.is_set():
                return
            try:
                self._step()
            except Exception:
                log.exception("the replay could not go on at %s", self.replayer.position)
                self.delivered_to = None  # the next seek sends the whole picture again
                self._stopping.wait(1.0)

    def _step(self) -> None:
        with self._lock:
            target, self._seek_to = self._seek_to, None
        if target is not None:
            moment = min(max(target, self.recording.start), self.recording.end)
            # after the first picture the store holds the replayer's: send the difference
            first = self.delivered_to is None
            picture = self.replayer.seek(moment, self._report, delta=not first)
            picture.statuses.update(self._statuses())
            self.sink(picture)
            self.progress = 1.0
            self.delivered_to = target  # after the sink has the picture (tests wait on it)
            return
        now = min(self.clock(), self.recording.end)
        if now < self.replayer.position:
            return  # only a seek goes back (and it is already on its way)
        batch = self.replayer.advance(now)
        batch.acks.clear()  # the recorded operator's answers: not this console's commands
        if not batch.is_empty():
            self.sink(batch)
        self.delivered_to = now

    def _report(self, fraction: float) -> None:
        self.progress = fraction


class _StoppedError(Exception):
    """The source stopped while the index was being built."""
