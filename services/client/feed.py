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

Commands and a failing disk. :meth:`FeedClient.submit_command` returns at once; the
writer commits the outbox row and then hands the sink a batch saying so: ``queued``, or
``not_queued`` with the reason when the cache could not store it (read-only, full,
damaged). A command that was not queued is held in memory on the writer thread and sent
from there like any other (now if online, after a reconnect otherwise) until answered;
it is lost only if the console stops first (said in the log at stop). While the cache
fails, :attr:`FeedClient.cache_health` says so (the console's banner), every
``CACHE_RETRY_S`` the writer checks whether it takes writes again, and when it does the
commands held in memory are written to the outbox (and reported ``queued``).

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
from collections.abc import Callable, Sequence
from typing import Any

from services.cache import Cache, CacheError, CacheHealth, CacheOpening, OutboxRow
from services.client.batch import IngestBatch, ServiceStatus
from services.client.config import ClientConfig
from services.client.connection import ServiceConnection
from services.protocol.codec import encode

log = logging.getLogger(__name__)

Sink = Callable[[IngestBatch], None]
_STOP = object()
JOURNAL_PRUNE_INTERVAL_S = 3600.0
CACHE_RETRY_S = 5.0


class FeedClient:
    def __init__(self, config: ClientConfig, cache: Cache, sink: Sink, *, seed: int | None = None):
        self.config = config
        self.cache = cache
        self.sink = sink
        self.batch = IngestBatch()
        #: called on the network thread with each binary video frame (header + JPEG)
        self.video_sink: Callable[[bytes], None] | None = None
        #: the /video watch wanted (cameras, max_fps, max_width); see watch_video
        self._video_watch: tuple[tuple[str, ...], float, int] = ((), 5.0, 640)
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
        #: commands the cache could not store, sent from here (writer thread only)
        self._unsaved: dict[str, OutboxRow] = {}
        writable = cache.writable and cache.opening.state != "full"
        self._health = CacheHealth(writable, "" if writable else cache.opening.reason, time.time())

    # --- the cache's condition (any thread) ---------------------------------------------

    @property
    def cache_health(self) -> CacheHealth:
        """Whether the cache takes writes now (replaced whole by the writer thread)."""
        return self._health

    @property
    def cache_opening(self) -> CacheOpening:
        """How the cache file was found at start (damaged and moved aside, read-only…)."""
        return self.cache.opening

    # --- lifecycle (any thread) ---------------------------------------------------------

    def start(self) -> None:
        """Load the cached picture (handed to the sink first), then connect everything."""
        self._writer = threading.Thread(target=self._write_loop, name="cache-writer", daemon=True)
        self._writer.start()
        picture_done = threading.Event()
        cursors: dict[str, tuple[str, int]] = {}

        def load_picture() -> None:
            try:
                try:
                    picture = self.cache.load_picture()
                except CacheError as exc:
                    self._cache_failed(exc, "the cached picture could not be read")
                    picture = IngestBatch()
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
        if self._unsaved:
            log.error(
                "%d command(s) the cache could not store were never answered and are "
                "dropped at stop: %s",
                len(self._unsaved),
                ", ".join(self._unsaved),
            )
        self.cache.close()

    def sync(self, timeout: float = 30.0) -> None:
        """Wait until every cache job queued so far (commits, outbox writes) has run."""
        done = threading.Event()
        self._jobs.put(done.set)
        if not done.wait(timeout):
            raise TimeoutError("the cache writer did not catch up")

    # --- video and records (any thread) ---------------------------------------------------

    def watch_video(self, cameras: Sequence[str], max_fps: float, max_width: int) -> None:
        """Watch exactly ``cameras`` on /video (frames go to :attr:`video_sink`); the watch
        is re-sent after every reconnect. Returns at once."""
        self._video_watch = (tuple(cameras), float(max_fps), int(max_width))
        self._call_in_loop(self._apply_video_watch)

    def _apply_video_watch(self) -> None:
        connection = self.connections.get("video")
        if connection is not None:
            connection.watch(*self._video_watch)

    def run_on_writer(self, job: Callable[[Cache], None], what: str) -> None:
        """Run ``job(cache)`` on the cache-writer thread after the jobs queued before it; a
        CacheError is reported like any failed write (``what`` names the loss)."""

        def run() -> None:
            try:
                job(self.cache)
            except CacheError as exc:
                self._cache_failed(exc, what)

        self._jobs.put(run)

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
        """Queue a command: committed to the outbox first, then sent until answered.

        Returns the id at once; the sink later gets the command in ``queued`` or, if the
        cache could not store it, in ``not_queued`` (it is then sent from memory)."""
        command_id = command_id or str(uuid.uuid4())
        payload = encode(data)

        def commit_then_send() -> None:
            row = OutboxRow(
                command_id,
                service,
                command_type,
                payload,
                time.time(),
                "queued",
                0,
                self.config.operator,
                self.config.workstation,
                target,
            )
            outcome = IngestBatch()
            try:
                self.cache.enqueue_command(
                    command_id,
                    service,
                    command_type,
                    payload,
                    operator=self.config.operator,
                    workstation=self.config.workstation,
                    target=target,
                    at=row.created,
                )
            except CacheError as exc:
                self._unsaved[command_id] = row
                outcome.not_queued[command_id] = exc.reason
                self._cache_failed(exc, f"command {command_id} not queued; held in memory")
            else:
                outcome.queued.append(command_id)
                outcome.queued_at[command_id] = row.created
                self._cache_ok(outcome)
            self._deliver(outcome)
            # Only this command goes out now; the other unanswered ones were sent when they
            # were submitted, and all of them are sent again once after each reconnect.
            self._call_in_loop(self._send_rows, service, [row])

        self._jobs.put(commit_then_send)
        return command_id

    def retry_later(self, service: str) -> None:
        """(network thread) try the unanswered commands of ``service`` again in a while."""
        assert self._loop is not None
        self._loop.call_later(self.config.retry_unavailable_s, self.resend_outbox, service)

    def resend_outbox(self, service: str) -> None:
        """(network thread) every unanswered command of ``service``, oldest first: read by
        the writer, sent here (after each reconnect, or when the server said
        ``unavailable``)."""

        def read() -> None:
            try:
                rows = self.cache.unacknowledged(service)
            except CacheError as exc:
                self._cache_failed(exc, "the outbox could not be read")
                rows = []
            stored = {row.id for row in rows}
            rows += [
                row
                for row in self._unsaved.values()
                if row.service == service and row.id not in stored
            ]
            self._call_in_loop(self._send_rows, service, sorted(rows, key=lambda r: r.created))

        self._jobs.put(read)

    def _send_rows(self, service: str, rows: list[OutboxRow]) -> None:
        """(network thread) put ``rows`` on the wire if the service is connected; the
        writer then marks them sent (and the store hears of it)."""
        connection = self.connections.get(service)
        if connection is None:
            return
        sent = [row.id for row in rows if connection.send_command(row.id, row.type, row.data)]
        if sent:
            at = time.time()
            self._jobs.put(lambda: self._mark_sent(sent, at))
            self._jobs.put(IngestBatch(sent=sent, sent_at=dict.fromkeys(sent, at)))

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
        self._apply_video_watch()
        runners = [
            asyncio.create_task(c.run(), name=f"feed-{s}") for s, c in self.connections.items()
        ]
        flusher = asyncio.create_task(self._flusher(), name="feed-flusher")
        pruner = asyncio.create_task(self._pruner(), name="feed-journal-pruner")
        retrier = asyncio.create_task(self._cache_retrier(), name="feed-cache-retrier")
        self._ready.set()
        await self._stopping.wait()
        for connection in self.connections.values():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)
        for task in [*runners, flusher, pruner, retrier, *self._tasks]:
            task.cancel()
        for task in [*runners, flusher, pruner, retrier, *self._tasks]:
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
            self._jobs.put(self._prune_journal)
            await asyncio.sleep(JOURNAL_PRUNE_INTERVAL_S)

    async def _cache_retrier(self) -> None:
        """While the cache fails, ask the writer every CACHE_RETRY_S whether it recovered."""
        while True:
            await asyncio.sleep(CACHE_RETRY_S)
            if not self._health.writable and self.cache.may_recover:
                self._jobs.put(self._retry_cache)

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
        for ack in batch.acks:
            self._unsaved.pop(ack.command_id, None)
        try:
            self.cache.commit(batch)
        except CacheError as exc:
            # The picture stays live; the cursor did not move, so a restart re-fetches.
            self._cache_failed(exc, f"{batch.events} events not cached")
        except Exception:
            log.exception("cache commit failed; %d events not cached", batch.events)
        else:
            if batch.needs_commit():
                self._cache_ok(batch)
        self._deliver(batch)

    def _deliver(self, batch: IngestBatch) -> None:
        try:
            self.sink(batch)
        except Exception:
            log.exception("the batch sink failed")

    def _mark_sent(self, command_ids: list[str], at: float) -> None:
        try:
            self.cache.mark_sent([i for i in command_ids if i not in self._unsaved], at)
        except CacheError as exc:
            self._cache_failed(exc, "sent marks not saved")

    def _prune_journal(self) -> None:
        try:
            self.cache.prune_journal()
        except CacheError as exc:
            self._cache_failed(exc, "the journal was not pruned")

    def _retry_cache(self) -> None:
        """(writer) does the cache take writes again? Then save what is held in memory."""
        if self._health.writable:
            return
        try:
            self.cache.check_writable()
        except CacheError as exc:
            self._cache_failed(exc, "still not writable")
            return
        outcome = IngestBatch()
        self._cache_ok(outcome)
        if outcome.queued:
            self._deliver(outcome)

    def _cache_failed(self, error: CacheError, what: str) -> None:
        """(writer) the cache failed: say so once per reason, keep going without it."""
        if self._health.writable or self._health.reason != error.reason:
            log.error("the local cache cannot be written: %s (%s)", error.reason, what)
            self._health = CacheHealth(False, error.reason, time.time())
        else:
            log.debug("the local cache still cannot be written: %s (%s)", error.reason, what)

    def _cache_ok(self, outcome: IngestBatch) -> None:
        """(writer) a write succeeded: the cache is healthy again; commands held in memory
        go to the outbox now, and ``outcome`` reports them queued."""
        if not self._health.writable:
            log.warning("the local cache takes writes again")
            self._health = CacheHealth(True, "", time.time())
        for row in list(self._unsaved.values()):
            try:
                self.cache.enqueue_command(
                    row.id,
                    row.service,
                    row.type,
                    row.data,
                    operator=row.operator,
                    workstation=row.workstation,
                    target=row.target,
                    at=row.created,
                )
            except CacheError as exc:
                self._cache_failed(exc, f"command {row.id} still held in memory")
                return
            del self._unsaved[row.id]
            outcome.queued.append(row.id)
            outcome.queued_at[row.id] = row.created
