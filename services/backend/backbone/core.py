"""The core role: the simulator and the command executor, writing every event to JetStream.

Pipeline (all on the core's event-loop thread)::

    simulator.step() / commands from the work queue ──▶ pending units
        ──▶ committer: assign each topic's next seq, encode each event frame once
        ──▶ journal entry (CC_JOURNAL) ──▶ topic streams (expected last sequence: the
            stream sequence *is* the seq) ──▶ entity state + mark (CC_STATE)
        ──▶ acks (KV cc_acks, where every edge reads them) ──▶ work-queue messages acked

The journal is written first, so a core killed at any instant finishes the interrupted
group when it starts again (:meth:`Core._recover`): no seq is ever given to two events,
no command's effects are half applied, and a command is applied once however often it
is delivered — remembered acks are keyed by (issuer, id) as in the single process, and
a redelivered command finds its ack. One core runs at a time.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from typing import Any

import msgspec
from msgspec import Raw
from nats.aio.msg import Msg
from nats.js.api import AckPolicy, ConsumerConfig
from nats.js.errors import KeyNotFoundError, NotFoundError

from services.backend.acks import REMEMBERED_REFUSALS, AckKey, AckMemory
from services.backend.backbone import commands
from services.backend.backbone.journal import (
    JournalAck,
    JournalEvent,
    Unit,
    decode_entry,
    encode_entry,
    entity_payload,
    entries_of,
    missing_events,
)
from services.backend.backbone.streams import (
    ACK_SUBJECT,
    ACKS_BUCKET,
    COMMAND_STREAM,
    COMMAND_SUBJECT,
    CORE_CONSUMER,
    JOURNAL_STREAM,
    JOURNAL_SUBJECT,
    MARK_SUBJECT,
    NODES_BUCKET,
    STATE_STREAM,
    BackboneConfig,
    Mark,
    Publisher,
    ack_key,
    cancel_tasks,
    connect,
    decode_state,
    encode_state,
    ensure_streams,
    read_mark,
    read_messages,
    state_subject,
    stream_name,
    topic_subject,
)
from services.backend.config import HubConfig
from services.backend.refusals import refusal
from services.backend.sim import PROFILES, Emitted, Simulator
from services.backend.simulation import apply, drive
from services.backend.topics import entity_fits
from services.protocol.codec import encode
from services.protocol.entities import TOPIC_ENTITY, TOPIC_KEY
from services.protocol.messages import Event
from services.protocol.times import format_ts, utc_now

log = logging.getLogger(__name__)

#: a core stopping waits this long for its last commit (the backbone may be gone)
STOP_COMMIT_S = 10.0


@dataclasses.dataclass
class _PendingAck:
    key: AckKey
    frame: bytes
    messages: list[Msg]  # work-queue deliveries of this command, acked once it is durable


class Core:
    """The one writer of the backbone (see the module docstring)."""

    def __init__(self, config: HubConfig, backbone: BackboneConfig) -> None:
        self.config = config
        self.backbone = backbone
        self.name = backbone.name or f"core@{socket.gethostname()}:{os.getpid()}"
        self.epochs: dict[str, str] = {}
        self.heads: dict[str, int] = {}
        self.sim: Simulator | None = None
        self._nc: Any = None
        self._js: Any = None
        self._publisher: Publisher | None = None
        self._pending: list[tuple[str, list[Emitted], _PendingAck | None]] = []
        self._dirty = asyncio.Event()
        self._commit_lock = asyncio.Lock()
        self._acks = AckMemory(config.ack_memory)
        self._inflight: dict[AckKey, _PendingAck] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopped = asyncio.Event()
        self._journal_msgs = 0
        self._run = os.urandom(6).hex()
        self.commits = 0
        #: a commit failed for a reason other than the backbone (see ``_committer``)
        self.failed = False

    # --- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        """Create or check the streams, finish an interrupted commit, restore the city."""
        config = self.config
        if config.profile not in PROFILES:
            raise ValueError(f"unknown profile {config.profile!r}; profiles: {', '.join(PROFILES)}")
        self._nc = await connect(self.backbone, self.name)
        self._js = self._nc.jetstream(timeout=5.0)
        self.epochs = await ensure_streams(self._js, self.backbone)
        self._publisher = Publisher(self._nc)
        await self._publisher.start()
        entities = await self._recover()
        start = utc_now() if any(self.heads.values()) or config.start is None else config.start
        profile = dataclasses.replace(PROFILES[config.profile], **config.profile_overrides)
        self.sim = Simulator(seed=config.seed, profile=profile, start=start, cameras=config.cameras)
        if any(self.heads.values()):
            self._submit(self.sim.restore(entities))
        else:
            self._submit(self.sim.bootstrap())
        await self._commit_pending()
        pull = await self._command_consumer()
        self._tasks = [asyncio.create_task(self._committer(), name="core-committer")]
        self._tasks.append(asyncio.create_task(self._commands(pull), name="core-commands"))
        self._tasks.append(asyncio.create_task(self._heartbeat(), name="core-heartbeat"))
        if config.simulate:
            self._tasks.append(asyncio.create_task(self._ticker(), name="core-simulation"))
        log.info("core %s started; heads %s", self.name, self.heads)

    async def stop(self) -> None:
        """Stop taking work, commit what is pending, close the connection. Idempotent."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        committer, others = self._tasks[:1], self._tasks[1:]
        await cancel_tasks(others)
        try:  # a commit in flight is never cut: the next one would leave a gap in a stream
            async with asyncio.timeout(STOP_COMMIT_S):
                await self._commit_lock.acquire()
        except TimeoutError:
            log.error(
                "a commit has waited %g s for the backbone; stopping without the simulator's "
                "last steps (the journal finishes what it holds at the next start; commands "
                "not acked run on the next core)",
                STOP_COMMIT_S,
            )
        else:
            try:
                await cancel_tasks(committer)
                if not self.failed:
                    await self._final_commit()
            finally:
                self._commit_lock.release()
        await cancel_tasks(committer)
        if self._nc is not None:
            await forget_node(self._js, self.name)
            await close_quickly(self._nc, self.name)

    async def _final_commit(self) -> None:
        final = asyncio.create_task(self._commit_pending(), name="core-final-commit")
        await asyncio.wait([final], timeout=STOP_COMMIT_S)
        if not final.done():  # no backbone to write to: what was not journalled is dropped
            log.error(
                "the last commit could not be written in %g s; the simulator's last steps are "
                "lost (commands in it were never acked and will run on the next core)",
                STOP_COMMIT_S,
            )
        await cancel_tasks([final])

    # --- recovery -------------------------------------------------------------------

    async def _recover(self) -> dict[str, list[dict[str, Any]]]:
        """Finish what the journal holds past the mark; return the current entities."""
        js = self._js
        mark = await read_mark(js)
        lasts = {t: (await js.stream_info(stream_name(t))).state.last_seq for t in TOPIC_ENTITY}
        messages = await read_messages(js, JOURNAL_STREAM, JOURNAL_SUBJECT, start=mark.journal + 1)
        entries = [decode_entry(m.data) for m in messages]
        missing = missing_events(entries, lasts)
        if missing:
            log.warning("finishing an interrupted commit: %d event(s)", len(missing))
        self.heads = dict(lasts)
        await self._publish_events(missing)
        for event in missing:
            self.heads[event.topic] = event.seq
        if messages:
            journal = messages[-1].metadata.sequence.stream
            events = [event for entry in entries for event in entry.events]
            acks = [ack for entry in entries for ack in entry.acks]
            await self._publish_state(events, Mark(journal, dict(self.heads)))
            await self._publish_acks(acks)
        entities: dict[str, list[dict[str, Any]]] = {topic: [] for topic in TOPIC_ENTITY}
        for message in await read_messages(js, STATE_STREAM, "cc.state.>", last_per_subject=True):
            topic = message.subject.split(".")[2]
            _, payload = decode_state(message.data)
            if payload is not None and topic in entities:
                entities[topic].append(msgspec.json.decode(payload))
        return entities

    # --- the commit pipeline --------------------------------------------------------

    def _submit(self, emitted: list[Emitted], ack: _PendingAck | None = None) -> None:
        if emitted or ack is not None:
            ts = format_ts(self.sim.now) if self.sim else format_ts(utc_now())
            self._pending.append((ts, emitted, ack))
            self._dirty.set()

    async def _committer(self) -> None:
        """Commit whatever is pending, one group at a time. Failures to reach the backbone
        are retried inside the commit; anything else is a bug, and a group cut off half
        way must not be followed by another (its seqs are taken): the core stops
        committing, says so in ``status``, and its next start finishes from the journal."""
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            try:
                async with self._commit_lock:
                    await self._commit_pending()
            except Exception:
                self.failed = True
                log.critical("a commit failed; this core commits nothing more: restart it")
                raise

    async def _commit_pending(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        units: list[Unit] = []
        acks: list[_PendingAck] = []
        for ts, emitted, ack in pending:
            unit = Unit(events=[e for e in map(self._journal_event(ts), emitted) if e])
            if ack is not None:
                key = ack_key_of(ack.key)
                unit.ack = JournalAck(key, ack.frame)
                acks.append(ack)
            units.append(unit)
        events = [event for unit in units for event in unit.events]
        journal = 0
        for entry in entries_of(units):
            journal = await self._retrying("journal", self._publish_journal, encode_entry(entry))
        await self._publish_events(events)
        await self._publish_state(events, Mark(journal, dict(self.heads)))
        await self._publish_acks([u.ack for u in units if u.ack is not None])
        for ack in acks:
            self._acks.remember(ack.key, ack.frame)
            self._inflight.pop(ack.key, None)
            for message in ack.messages:
                await message.ack()
        self.commits += 1

    def _journal_event(self, ts: str) -> Callable[[Emitted], JournalEvent | None]:
        def make(item: Emitted) -> JournalEvent | None:
            key = str(item.data[TOPIC_KEY[item.topic]])
            removed = item.type.endswith(".removed")
            payload = encode(item.data)
            if not removed and not entity_fits(item.topic, key, payload):
                return None  # never stored: no frame could carry it (logged)
            seq = self.heads[item.topic] + 1
            self.heads[item.topic] = seq
            event = Event(
                topic=item.topic,
                epoch=self.epochs[item.topic],
                seq=seq,
                ts=ts,
                type=item.type,
                data=Raw(payload),
            )
            return JournalEvent(item.topic, seq, key, removed, encode(event))

        return make

    async def _publish_journal(self, payload: bytes) -> int:
        self._journal_msgs += 1
        headers = {"Nats-Msg-Id": f"{self._run}:{self._journal_msgs}"}
        ack = await self._js.publish(JOURNAL_SUBJECT, payload, headers=headers, timeout=5.0)
        return int(ack.seq)

    async def _publish_events(self, events: list[JournalEvent]) -> None:
        """Append to the topic streams; after any failure, learn what each stream holds
        and send only the rest, until every event is stored exactly once."""
        assert self._publisher is not None
        remaining = events
        delay = 0.1
        while remaining:
            messages = [
                (
                    topic_subject(e.topic),
                    e.frame,
                    {
                        "Nats-Expected-Last-Sequence": str(e.seq - 1),
                        "Nats-Msg-Id": f"{self.epochs[e.topic]}:{e.seq}",
                    },
                )
                for e in remaining
            ]
            results = await self._publisher.publish(messages)
            failed = [r for r in results if isinstance(r, str)]
            if not failed:
                return
            log.warning(
                "%d event publish(es) failed (%s); checking streams", len(failed), failed[0]
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
            try:
                lasts = {}
                for topic in {e.topic for e in remaining}:
                    async with asyncio.timeout(1.0):  # no leader yet: ask again soon
                        info = await self._js.stream_info(stream_name(topic))
                    lasts[topic] = info.state.last_seq
            except Exception as exc:  # noqa: BLE001 - no leader yet: ask again
                log.warning("stream info unavailable (%s); retrying", exc)
                continue
            remaining = missing_events_of(remaining, lasts)

    async def _publish_state(self, events: list[JournalEvent], mark: Mark) -> None:
        latest: dict[tuple[str, str], JournalEvent] = {}
        for event in events:
            latest[(event.topic, event.key)] = event
        messages = [
            (state_subject(e.topic, e.key), encode_state(e.seq, entity_payload(e)), None)
            for e in latest.values()
        ]
        await self._publish_until_stored(messages)
        await self._publish_until_stored([(MARK_SUBJECT, mark.encode(), None)])

    async def _publish_acks(self, acks: list[JournalAck]) -> None:
        subject = f"$KV.{ACKS_BUCKET}."
        await self._publish_until_stored([(subject + a.key, a.frame, None) for a in acks])

    async def _publish_until_stored(self, messages: list[tuple[str, bytes, None]]) -> None:
        assert self._publisher is not None
        delay = 0.1
        while messages:
            results = await self._publisher.publish(messages)
            failed = [m for m, r in zip(messages, results, strict=True) if isinstance(r, str)]
            if failed:
                log.warning("%d publish(es) to the backbone failed; retrying", len(failed))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            messages = failed

    async def _retrying(self, what: str, call: Callable[[bytes], Any], payload: bytes) -> Any:
        delay = 0.1
        while True:
            try:
                return await call(payload)
            except Exception as exc:  # noqa: BLE001 - leader changes and timeouts: try again
                log.warning("%s publish failed (%s); retrying", what, exc or type(exc).__name__)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)

    async def _ticker(self) -> None:
        assert self.sim is not None
        await drive(self.sim, self.config, self._submit)

    # --- commands -------------------------------------------------------------------

    async def _command_consumer(self) -> Any:
        """The durable work-queue consumer, made anew so that deliveries a killed core
        never acked come again at once (one core runs at a time)."""
        with contextlib.suppress(NotFoundError):
            await self._js.delete_consumer(COMMAND_STREAM, CORE_CONSUMER)
        consumer = ConsumerConfig(
            durable_name=CORE_CONSUMER,
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=60.0,
            max_ack_pending=10_000,
        )
        return await self._js.pull_subscribe(
            COMMAND_SUBJECT, durable=CORE_CONSUMER, stream=COMMAND_STREAM, config=consumer
        )

    async def _commands(self, pull: Any) -> None:
        while True:
            try:
                messages = await pull.fetch(64, timeout=1.0)
            except TimeoutError:
                continue
            except Exception as exc:  # noqa: BLE001 - the consumer moves with its leader
                log.warning("command queue unavailable (%s); retrying", exc or type(exc).__name__)
                await asyncio.sleep(0.5)
                continue
            for message in messages:
                await self._on_command(message)

    async def _on_command(self, message: Msg) -> None:
        try:
            forwarded = commands.forwarded_decoder.decode(message.data)
        except msgspec.DecodeError as exc:
            log.error("dropping an unreadable message from the command queue: %s", exc)
            await message.term()
            return
        command = forwarded.command()
        key: AckKey = (forwarded.issuer, forwarded.id)
        refused = refusal(command, forwarded.service, forwarded.role, training=self.config.training)
        if refused is not None:
            await self._answer_live(key, encode(refused), message)
            return
        remembered = self._acks.get(key)
        if remembered is None:
            remembered = await self._stored_ack(key)
        if remembered is not None:
            self._acks.remember(key, remembered)
            await self._answer_live(key, remembered, message)
            return
        inflight = self._inflight.get(key)
        if inflight is not None:
            inflight.messages.append(message)
            return
        if self.sim is None or self._stopped.is_set():
            return  # not acked: delivered again to the next core
        ack, emitted = apply(self.sim, command, forwarded.client)
        frame = encode(ack)
        if ack.error is not None and ack.error.code not in REMEMBERED_REFUSALS:
            await self._answer_live(key, frame, message)
            return
        pending = _PendingAck(key, frame, [message])
        self._inflight[key] = pending
        self._submit(emitted, pending)

    async def _stored_ack(self, key: AckKey) -> bytes | None:
        kv = await self._js.key_value(ACKS_BUCKET)
        try:
            entry = await kv.get(ack_key_of(key))
        except KeyNotFoundError:
            return None
        return bytes(entry.value) if entry.value else None

    async def _answer_live(self, key: AckKey, frame: bytes, message: Msg) -> None:
        """An ack that is not stored (or already is): straight to the waiting edges."""
        await self._nc.publish(f"{ACK_SUBJECT}.{ack_key_of(key)}", frame)
        await message.ack()

    # --- health ---------------------------------------------------------------------

    async def _heartbeat(self) -> None:
        kv = await self._js.key_value(NODES_BUCKET)
        started = time.time()
        while True:
            report = {
                "role": "core",
                "name": self.name,
                "pid": os.getpid(),
                "started": started,
                "at": time.time(),
                "heads": self.heads,
                "commits": self.commits,
                "pending_units": len(self._pending),
                "commands_in_flight": len(self._inflight),
                "failed": self.failed,
            }
            try:
                await kv.put(node_key(self.name), json.dumps(report).encode())
            except Exception as exc:  # noqa: BLE001 - health is best effort; the log says why
                log.warning("heartbeat not stored: %s", exc or type(exc).__name__)
            await asyncio.sleep(self.backbone.heartbeat_s)


def ack_key_of(key: AckKey) -> str:
    return ack_key(*key)


def node_key(name: str) -> str:
    """A node's name as a KV key (any name: base64url)."""
    return base64.urlsafe_b64encode(name.encode()).rstrip(b"=").decode()


async def forget_node(js: Any, name: str) -> None:
    """A node stopping on purpose takes its report out of ``status`` at once."""
    try:
        async with asyncio.timeout(2.0):
            kv = await js.key_value(NODES_BUCKET)
            await kv.delete(node_key(name))
    except Exception as exc:  # noqa: BLE001 - it expires in 15 s all the same
        log.warning("%s: report not withdrawn (%s)", name, exc or type(exc).__name__)


async def close_quickly(client: Any, name: str) -> None:
    """Close the NATS connection; a server that does not answer is not waited for."""
    try:
        async with asyncio.timeout(5.0):
            await client.close()
    except TimeoutError:
        log.warning("%s: the NATS connection did not close in 5 s; leaving it", name)


def missing_events_of(events: list[JournalEvent], lasts: dict[str, int]) -> list[JournalEvent]:
    return [event for event in events if event.seq > lasts.get(event.topic, 0)]
