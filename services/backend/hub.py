"""The reference backend: one websockets server serving /cad, /avl, /video and /opinion.

Pipeline (all on the hub's event-loop thread unless noted)::

    simulator.step() / commands ──▶ pending events (+ pending acks)
        ──▶ committer: assign seq, encode each event frame once
        ──▶ EventLog.commit() on the "hub-eventlog" thread (one transaction)
        ──▶ publish to TopicState (memory) ──▶ wake every session ──▶ acks answered

Nothing is sent before it is committed: a hub killed at any instant restarts with the
same epoch and never reuses a seq, and a command's ack is only ever sent once its effect
(and the ack itself) is durable, which makes resent command ids exactly-once across
restarts. Command ids are per issuer (the digest of the token they came with) and are
looked up only once the command is authorised, so one client's ids can neither reveal
nor block another's.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import msgspec
from msgspec import Raw
from websockets.asyncio.server import Server, ServerConnection

from services.backend.acks import REMEMBERED_REFUSALS, AckKey, AckMemory
from services.backend.config import HubConfig
from services.backend.eventlog import CommitGroup, EventLog
from services.backend.guards import FailedHellos
from services.backend.listener import serve_protocol
from services.backend.private_files import private_dir
from services.backend.refusals import refusal
from services.backend.sim import PROFILES, Emitted, Simulator
from services.backend.simulation import apply, drive
from services.backend.tokens import TokenTable, generated_commander_token
from services.backend.topics import BatchCache, TopicState, entity_fits
from services.protocol.codec import encode
from services.protocol.entities import TOPIC_ENTITY, TOPIC_KEY
from services.protocol.messages import (
    Ack,
    AckError,
    Command,
    Event,
)
from services.protocol.times import format_ts, utc_now

log = logging.getLogger(__name__)

RECENT_ON_RECOVERY = 20_000


@dataclass
class _PendingAck:
    issuer: str
    command_id: str
    service: str
    frame: bytes
    done: asyncio.Future[bytes]


@dataclass
class _Pending:
    events: list[tuple[str, Emitted]] = field(default_factory=list)  # (ts, emitted)
    acks: list[_PendingAck] = field(default_factory=list)


class Hub:
    """One backend instance: simulator, durable log and the four websocket services."""

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self.tokens = TokenTable({})  # filled by start()
        self.generated_token: str | None = None
        self.failed_hellos = FailedHellos(
            limit=config.hello_failures_per_minute, delay_s=config.hello_failure_delay_s
        )
        self.topics: dict[str, TopicState] = {}
        self.batches = BatchCache()
        self.sessions: set[Callable[[], None]] = set()  # each session's wake-up call
        self.epoch = ""
        self.sim: Simulator | None = None
        self._log: EventLog | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-eventlog")
        self.media = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hub-video")
        self._server: Server | None = None
        self._connections: set[ServerConnection] = set()
        self._pending = _Pending()
        self._dirty = asyncio.Event()
        self._commit_lock = asyncio.Lock()
        self._acks = AckMemory(config.ack_memory)
        self._inflight: dict[AckKey, asyncio.Future[bytes]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopped = asyncio.Event()
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        """Recover the data directory, build or restore the city, and start listening."""
        config = self.config
        if config.profile not in PROFILES:
            raise ValueError(f"unknown profile {config.profile!r}; profiles: {', '.join(PROFILES)}")
        private_dir(config.data_dir)
        if config.tokens:
            self.tokens = TokenTable(config.tokens, "HubConfig.tokens")
        else:
            self.generated_token, _ = generated_commander_token(config.data_dir)
            self.tokens = TokenTable({self.generated_token: "commander"})
        self._log = EventLog(
            config.data_dir / "hub.sqlite3",
            retention_events=config.retention_events,
            retention_s=config.retention_s,
        )
        loop = asyncio.get_running_loop()
        recovered = await loop.run_in_executor(
            self._db, self._log.recover, RECENT_ON_RECOVERY, config.ack_memory
        )
        self.epoch = recovered.epoch
        self._acks.load(recovered.acks, more_in_log=recovered.more_acks)
        for topic in TOPIC_ENTITY:
            state = TopicState(topic, self.epoch, window=config.window)
            head = recovered.heads.get(topic, 0)
            state.load(
                head,
                recovered.oldest.get(topic, head + 1),
                recovered.entities.get(topic, {}),
                recovered.recent.get(topic, []),
            )
            self.topics[topic] = state
        start = utc_now() if recovered.heads or config.start is None else config.start
        profile = dataclasses.replace(PROFILES[config.profile], **config.profile_overrides)
        self.sim = Simulator(seed=config.seed, profile=profile, start=start, cameras=config.cameras)
        if any(state.head for state in self.topics.values()):
            entities = {
                topic: [msgspec.json.decode(p) for p in state.entities.values()]
                for topic, state in self.topics.items()
            }
            self._submit(self.sim.restore(entities))
        else:
            self._submit(self.sim.bootstrap())
        await self._commit_pending()
        self._server = await serve_protocol(self, config, self._connections)
        self.port = self._server.sockets[0].getsockname()[1]
        self._tasks = [asyncio.create_task(self._committer(), name="hub-committer")]
        self._tasks.append(asyncio.create_task(self._pruner(), name="hub-pruner"))
        if config.simulate:
            self._tasks.append(asyncio.create_task(self._ticker(), name="hub-simulation"))
        log.info("hub listening on %s:%d, epoch %s", config.host, self.port, self.epoch)

    async def stop(self) -> None:
        """Stop serving, commit what is pending, close the log. Idempotent."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        committer, others = self._tasks[:1], self._tasks[1:]
        await _cancel(others)
        if self._server is not None:
            self._server.close()  # closes every connection with 1001 ...
            try:
                async with asyncio.timeout(self.config.close_grace_s):
                    await self._server.wait_closed()
            except TimeoutError:  # ... but a client that does not read never lets it finish
                for connection in list(self._connections):
                    connection.transport.abort()
                await self._server.wait_closed()
        async with self._commit_lock:  # never interrupt a commit in flight
            await _cancel(committer)
        try:
            await self._commit_pending()
        except Exception:
            log.exception("final commit failed; the last events are lost")
        if self._log is not None:
            await asyncio.get_running_loop().run_in_executor(self._db, self._log.close)
        self._db.shutdown(wait=True)
        self.media.shutdown(wait=True, cancel_futures=True)

    async def wait_stopped(self) -> None:
        await self._stopped.wait()

    # --- the event pipeline -----------------------------------------------------------

    def _submit(self, emitted: list[Emitted], ack: _PendingAck | None = None) -> None:
        if emitted:
            ts = format_ts(self.sim.now) if self.sim else format_ts(utc_now())
            self._pending.events.extend((ts, item) for item in emitted)
        if ack is not None:
            self._pending.acks.append(ack)
        if emitted or ack is not None:
            self._dirty.set()

    async def _committer(self) -> None:
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            try:
                async with self._commit_lock:
                    await self._commit_pending()
            except Exception:
                log.exception("event log commit failed; retrying in 1 s")
                await asyncio.sleep(1.0)
                self._dirty.set()

    async def _commit_pending(self) -> None:
        pending, self._pending = self._pending, _Pending()
        if not pending.events and not pending.acks:
            return
        group = CommitGroup()
        published: list[tuple[TopicState, int, bytes, str, bytes | None]] = []
        state_changes: dict[tuple[str, str], bytes | None] = {}
        heads = {name: state.head for name, state in self.topics.items()}
        for ts, item in pending.events:
            state = self.topics[item.topic]
            key = str(item.data[TOPIC_KEY[item.topic]])
            payload = None if item.type.endswith(".removed") else encode(item.data)
            if payload is not None and not entity_fits(item.topic, key, payload):
                continue  # never stored: no frame could carry it (logged)
            seq = heads[item.topic] + 1
            heads[item.topic] = seq
            frame = encode(
                Event(
                    topic=item.topic,
                    epoch=self.epoch,
                    seq=seq,
                    ts=ts,
                    type=item.type,
                    data=Raw(payload if payload is not None else encode(item.data)),
                )
            )
            group.events.append((item.topic, seq, frame))
            state_changes[(item.topic, key)] = payload
            published.append((state, seq, frame, key, payload))
        for (topic, key), payload in state_changes.items():
            if payload is None:
                group.removals.append((topic, key))
            else:
                group.upserts.append((topic, key, payload))
        group.acks = [(a.issuer, a.command_id, a.service, a.frame) for a in pending.acks]
        assert self._log is not None
        try:
            await asyncio.get_running_loop().run_in_executor(self._db, self._log.commit, group)
        except Exception:
            # Put everything back in front, unchanged, so nothing is lost or reordered.
            pending.events.extend(self._pending.events)
            pending.acks.extend(self._pending.acks)
            self._pending = pending
            raise
        for state, seq, frame, key, payload in published:
            state.publish(seq, frame, key, payload)
        for ack in pending.acks:
            self._acks.remember((ack.issuer, ack.command_id), ack.frame)
            if not ack.done.done():
                ack.done.set_result(ack.frame)
        for wake in list(self.sessions):
            wake()

    async def _ticker(self) -> None:
        assert self.sim is not None
        await drive(self.sim, self.config, self._submit)

    async def _pruner(self) -> None:
        assert self._log is not None
        while True:
            await asyncio.sleep(self.config.prune_interval_s)
            heads = {name: state.head for name, state in self.topics.items()}
            oldest = await asyncio.get_running_loop().run_in_executor(
                self._db, self._log.prune, heads
            )
            for name, seq in oldest.items():
                self.topics[name].oldest_held = seq

    async def read_events(self, topic: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        """Events no longer in memory, from the log (on the log's thread)."""
        assert self._log is not None
        return await asyncio.get_running_loop().run_in_executor(
            self._db, self._log.read_events, topic, after, limit
        )

    # --- commands -------------------------------------------------------------------

    def refusal(self, command: Command, service: str, role: str) -> Ack | None:
        """The ack refusing ``command`` before anything else (unknown type, wrong service,
        role not allowed), or None if it may go on to :meth:`execute`."""
        return refusal(command, service, role, training=self.config.training)

    async def execute(
        self, command: Command, service: str, role: str, issuer: str, client: str = ""
    ) -> bytes:
        """The ack frame for ``command`` from ``issuer`` (its token's digest), sent by the
        client named ``client`` (its hello; recorded as a unit's ``dispatched_by``).

        Authorised first (:meth:`refusal`); then, per (issuer, id), applied at most once
        however often it is sent: the same issuer gets the remembered ack, another
        issuer's id never meets it. Only accepted commands and refusals that depend on the
        state (``REMEMBERED_REFUSALS``) are remembered.
        """
        refused = self.refusal(command, service, role)
        if refused is not None:
            return encode(refused)
        key = (issuer, command.id)
        cached = self._acks.get(key)
        if cached is not None:
            return cached
        inflight = self._inflight.get(key)
        if inflight is not None:
            return await asyncio.shield(inflight)
        done: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._inflight[key] = done
        done.add_done_callback(lambda _: self._inflight.pop(key, None))
        try:
            if self._acks.incomplete:  # memory no longer holds every ack of the last 48 h
                stored = await asyncio.get_running_loop().run_in_executor(
                    self._db, self._log_or_fail().find_ack, issuer, command.id
                )
                if stored is not None:
                    self._acks.remember(key, stored)
                    done.set_result(stored)
                    return stored
            ack, emitted = self._apply(command, service, role, client)
            frame = encode(ack)
            if ack.error is not None and ack.error.code not in REMEMBERED_REFUSALS:
                done.set_result(frame)  # judged afresh if sent again
                return frame
            self._submit(emitted, _PendingAck(issuer, command.id, service, frame, done))
        except BaseException:
            if not done.done():  # whoever waits for the same id is told to try again
                failed = AckError("unavailable", "the command could not be judged; send it again")
                done.set_result(encode(Ack(id=command.id, ok=False, error=failed)))
            raise
        return await asyncio.shield(done)

    def _log_or_fail(self) -> EventLog:
        if self._log is None:
            raise RuntimeError("the hub has not started")
        return self._log

    def _apply(
        self, command: Command, service: str, role: str, client: str = ""
    ) -> tuple[Ack, list[Emitted]]:
        def refused(code: str, message: str) -> tuple[Ack, list[Emitted]]:
            return Ack(id=command.id, ok=False, error=AckError(code, message)), []

        refusal = self.refusal(command, service, role)
        if refusal is not None:
            return refusal, []
        if self._stopped.is_set() or self.sim is None:
            return refused("unavailable", "the backend is shutting down")
        return apply(self.sim, command, client)

    # --- connections ----------------------------------------------------------------

    def camera(self, camera_id: str) -> dict | None:
        payload = self.topics["cameras"].entities.get(camera_id)
        return None if payload is None else msgspec.json.decode(payload)


async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
