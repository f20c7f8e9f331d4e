"""The feed client: every backend service, one coalesced stream of batches, a durable outbox.

Threads (each named, each joined by :meth:`FeedClient.stop`):

* "feed-network" runs an asyncio loop with one :class:`ServiceConnection` per service.
  Frames are decoded and validated there and folded into the current
  :class:`IngestBatch`; at most every ``flush_interval_s`` (100 ms) the batch is handed
  to the writer.
* "cache-writer" owns the :class:`~services.cache.Cache`. It commits each batch in one
  transaction (journal + state + cursors + acks), then calls ``sink(batch)`` — on this
  thread. Batches that queue up while a commit runs are merged into one, so a slow disk
  costs latency, never memory without bound. Outbox writes go through the same queue, so
  a command is committed before it is sent.

The sink is where the console's Qt bridge picks batches up; this module knows no Qt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import random
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from services.cache import Cache
from services.client.batch import IngestBatch, ServiceStatus
from services.client.config import ClientConfig
from services.client.connection import ServiceConnection
from services.protocol.codec import encode

log = logging.getLogger(__name__)

Sink = Callable[[IngestBatch], None]
_STOP = object()
JOURNAL_PRUNE_INTERVAL_S = 3600.0


class FeedClient:
    def __init__(self, config: ClientConfig, cache: Cache, sink: Sink, *, seed: int | None = None):
        self.config = config
        self.cache = cache
        self.sink = sink
        self.batch = IngestBatch()
        #: called on the network thread with each binary video frame (header + JPEG)
        self.video_sink: Callable[[bytes], None] | None = None
        self.connections: dict[str, ServiceConnection] = {}
        self._rng = random.Random(seed)
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._network: threading.Thread | None = None
        self._writer: threading.Thread | None = None
        self._ready = threading.Event()
        self._flush_due: asyncio.Event | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stopping: asyncio.Event | None = None
        self._stopped = False

    # --- lifecycle (any thread) ---------------------------------------------------------

    def start(self) -> None:
        """Load the cached picture (handed to the sink first), then connect everything."""
        self._writer = threading.Thread(target=self._write_loop, name="cache-writer", daemon=True)
        self._writer.start()
        picture_done = threading.Event()
        cursors: dict[str, tuple[str, int]] = {}

        def load_picture() -> None:
            try:
                picture = self.cache.load_picture()
                cursors.update(picture.cursors)
                for service in self.config.endpoints:
                    picture.statuses[service] = ServiceStatus(
                        service, "offline", time.time(), "not connected yet"
                    )
                self.sink(picture)
            finally:
                picture_done.set()

        self._jobs.put(load_picture)
        picture_done.wait()
        self._network = threading.Thread(
            target=self._network_main, args=(cursors,), name="feed-network", daemon=True
        )
        self._network.start()
        self._ready.wait(30)

    def stop(self) -> None:
        """Close every connection, commit the last batch, close the cache, join threads.

        Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        if self._loop is not None and self._stopping is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop ended on its own
                self._loop.call_soon_threadsafe(self._stopping.set)
        if self._network is not None:
            self._network.join(30)
        if self._writer is not None:
            self._jobs.put(_STOP)
            self._writer.join(30)
        self.cache.close()

    def sync(self, timeout: float = 30.0) -> None:
        """Wait until every cache job queued so far (commits, outbox writes) has run."""
        done = threading.Event()
        self._jobs.put(done.set)
        if not done.wait(timeout):
            raise TimeoutError("the cache writer did not catch up")

    # --- commands (any thread) ------------------------------------------------------------

    def submit_command(
        self,
        service: str,
        command_type: str,
        data: dict[str, Any],
        *,
        target: str = "",
        command_id: str | None = None,
    ) -> str:
        """Queue a command: committed to the outbox first, then sent until answered."""
        command_id = command_id or str(uuid.uuid4())
        payload = encode(data)

        def commit_then_send() -> None:
            self.cache.enqueue_command(
                command_id,
                service,
                command_type,
                payload,
                operator=self.config.operator,
                workstation=self.config.workstation,
                target=target,
            )
            self._call_in_loop(self._send_outbox_rows, service)

        self._jobs.put(commit_then_send)
        return command_id

    def resend_outbox(self, service: str) -> None:
        """(network thread) send every unanswered command of ``service``, oldest first."""
        self._jobs.put(lambda: self._call_in_loop(self._send_outbox_rows, service))

    def retry_later(self, service: str) -> None:
        """(network thread) try the unanswered commands of ``service`` again in a while."""
        assert self._loop is not None
        self._loop.call_later(self.config.retry_unavailable_s, self.resend_outbox, service)

    def _send_outbox_rows(self, service: str) -> None:
        """(network thread) ask the writer for the rows, send them, mark them sent."""
        rows_box: list[Any] = []

        def read() -> None:
            rows_box.extend(self.cache.unacknowledged(service))
            self._call_in_loop(send)

        def send() -> None:
            connection = self.connections.get(service)
            sent = [
                row.id
                for row in rows_box
                if connection is not None and connection.send_command(row.id, row.type, row.data)
            ]
            if sent:
                self._jobs.put(lambda: self.cache.mark_sent(sent))
                self._jobs.put(IngestBatch(sent=sent))

        self._jobs.put(read)

    # --- the network thread ---------------------------------------------------------------

    def _network_main(self, cursors: dict[str, tuple[str, int]]) -> None:
        asyncio.run(self._network_run(cursors))

    async def _network_run(self, cursors: dict[str, tuple[str, int]]) -> None:
        self._loop = asyncio.get_running_loop()
        self._flush_due = asyncio.Event()
        self._stopping = asyncio.Event()
        for service, endpoint in self.config.endpoints.items():
            self.connections[service] = ServiceConnection(
                self, endpoint, self.config, cursors, random.Random(self._rng.random())
            )
        runners = [
            asyncio.create_task(c.run(), name=f"feed-{s}") for s, c in self.connections.items()
        ]
        flusher = asyncio.create_task(self._flusher(), name="feed-flusher")
        pruner = asyncio.create_task(self._pruner(), name="feed-journal-pruner")
        self._ready.set()
        await self._stopping.wait()
        for connection in self.connections.values():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)
        for task in [*runners, flusher, pruner, *self._tasks]:
            task.cancel()
        for task in [*runners, flusher, pruner, *self._tasks]:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._flush()

    def wake(self) -> None:
        """(network thread) there is something in the batch."""
        if self._flush_due is not None:
            self._flush_due.set()

    def keep(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _flusher(self) -> None:
        assert self._flush_due is not None
        interval = self.config.flush_interval_s
        while True:
            await self._flush_due.wait()
            await asyncio.sleep(interval)  # coalesce everything of this window
            self._flush_due.clear()
            self._flush()

    async def _pruner(self) -> None:
        """Drop journal rows past retention (default 7 days): at start, then hourly."""
        while True:
            self._jobs.put(self.cache.prune_journal)
            await asyncio.sleep(JOURNAL_PRUNE_INTERVAL_S)

    def _flush(self) -> None:
        batch, self.batch = self.batch, IngestBatch()
        if not batch.is_empty():
            self._jobs.put(batch)

    def _call_in_loop(self, function: Callable[..., Any], *args: Any) -> None:
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop is shutting down
                self._loop.call_soon_threadsafe(function, *args)

    # --- the writer thread ----------------------------------------------------------------

    def _write_loop(self) -> None:
        pending: Any = None
        while True:
            job = pending if pending is not None else self._jobs.get()
            pending = None
            if job is _STOP:
                return
            if isinstance(job, IngestBatch):
                # Merge every batch already waiting behind this one (until a non-batch job).
                while True:
                    try:
                        following = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if isinstance(following, IngestBatch):
                        job.merge(following)
                    else:
                        pending = following
                        break
                self._write(job)
            else:
                try:
                    job()
                except Exception:
                    log.exception("cache job failed")

    def _write(self, batch: IngestBatch) -> None:
        try:
            self.cache.commit(batch)
        except Exception:
            # The picture stays live; the cursor did not move, so a restart re-fetches.
            log.exception("cache commit failed; %d events not cached", batch.events)
        try:
            self.sink(batch)
        except Exception:
            log.exception("the batch sink failed")
