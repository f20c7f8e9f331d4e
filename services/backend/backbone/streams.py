"""The backbone's JetStream layout: streams, subjects, keys, and how they are read and written.

=================  ===============================  ============================================
stream / bucket    subjects                         holds
=================  ===============================  ============================================
``CC_<TOPIC>``     ``cc.topic.<topic>``             one per topic: every event frame, in order;
                                                    stream sequence = the topic's ``seq``; the
                                                    epoch is in the stream's metadata
``CC_STATE``       ``cc.state.<topic>.<key>``,      each entity's latest state (one message per
                   ``cc.mark``                      subject: ``<seq>\\n<json>``, removed entities
                                                    ``<seq>\\n``) and the *mark*: the seq up to
                                                    which that state is complete, per topic
``CC_JOURNAL``     ``cc.journal``                   the core's write-ahead log (see journal.py)
``CC_COMMANDS``    ``cc.command``                   work queue of commands forwarded by edges
KV ``cc_acks``     ``$KV.cc_acks.<digest>``         remembered acks, per (issuer, id), 48 h
KV ``cc_nodes``    ``$KV.cc_nodes.<node>``          each node's heartbeat (status command)
``cc.ack.<d>``     (plain NATS, not stored)         acks that are not remembered
=================  ===============================  ============================================

Only the core creates or changes streams; an edge waits for them. Every topic stream
created in one go shares one epoch, so a fresh backbone reads like a fresh hub.

Thread: everything here runs on the caller's asyncio loop.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import itertools
import json
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import nats
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
    StreamInfo,
)
from nats.js.errors import NotFoundError

from services.protocol.entities import TOPIC_ENTITY

log = logging.getLogger(__name__)

EPOCH_KEY = "cc_epoch"
STATE_STREAM = "CC_STATE"
JOURNAL_STREAM = "CC_JOURNAL"
COMMAND_STREAM = "CC_COMMANDS"
ACKS_BUCKET = "cc_acks"
NODES_BUCKET = "cc_nodes"
MARK_SUBJECT = "cc.mark"
JOURNAL_SUBJECT = "cc.journal"
COMMAND_SUBJECT = "cc.command"
ACK_SUBJECT = "cc.ack"  # + ".<digest>": acks not remembered, for live delivery only
CORE_CONSUMER = "core"
ACK_KEEP_S = 48 * 3600.0
NODE_TTL_S = 15.0
JOURNAL_KEEP_S = 24 * 3600.0
COMMAND_KEEP_S = 48 * 3600.0
DEDUP_WINDOW_S = 120.0
#: JetStream payloads are kept under this (the server must allow more: ``max_payload: 8MB``)
PAYLOAD_BUDGET = 4 << 20


@dataclass(frozen=True)
class BackboneConfig:
    """Where the NATS servers are and how the streams are kept (docs: README, "Backbone")."""

    urls: tuple[str, ...]
    #: copies of every stream: 1 on a laptop, 3 on a three-node cluster
    replicas: int = 1
    #: each topic stream keeps events this long ...
    retention_s: float = 7 * 24 * 3600.0
    #: ... and at most this many bytes (the oldest go first)
    retention_bytes: int = 4 << 30
    #: how this node is named in ``command-centre-services status``
    name: str = ""
    #: an edge answers ``unavailable`` when the core has not answered a command in this long
    command_wait_s: float = 30.0
    heartbeat_s: float = 2.0


def parse_urls(text: str) -> tuple[str, ...]:
    """``nats://a:4222,nats://b:4222`` -> the URLs; ValueError naming a bad one."""
    urls = tuple(part.strip() for part in text.split(",") if part.strip())
    if not urls:
        raise ValueError("--backbone needs at least one nats:// URL")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("nats", "tls") or not parts.hostname:
            raise ValueError(f"--backbone: {url!r} is not a nats://HOST:PORT or tls:// URL")
    return urls


def stream_name(topic: str) -> str:
    return f"CC_{topic.upper()}"


def topic_subject(topic: str) -> str:
    return f"cc.topic.{topic}"


def state_subject(topic: str, key: str) -> str:
    """The state subject of one entity; the key is base64url so any id is one token."""
    token = base64.urlsafe_b64encode(key.encode()).rstrip(b"=").decode()
    return f"cc.state.{topic}.{token}"


def encode_state(seq: int, payload: bytes | None) -> bytes:
    return b"%d\n" % seq + (payload or b"")


def decode_state(data: bytes) -> tuple[int, bytes | None]:
    """(seq, entity JSON), or (seq, None) for a removed entity."""
    head, _, payload = data.partition(b"\n")
    return int(head), payload or None


def ack_key(issuer: str, command_id: str) -> str:
    """The KV key of one issuer's command id (a digest: any id, never the id itself)."""
    return hashlib.sha256(f"{issuer}\n{command_id}".encode()).hexdigest()


def new_epoch() -> str:
    return f"e-{secrets.token_hex(6)}"


async def connect(config: BackboneConfig, name: str) -> NatsClient:
    """A NATS connection that reconnects forever; waits until one server answers."""

    async def on_error(error: Exception) -> None:
        log.warning("%s: NATS: %s", name, error or type(error).__name__)

    async def on_disconnected() -> None:
        if not client.is_closed:  # closing on purpose is not a loss
            log.warning("%s: NATS connection lost; reconnecting", name)

    async def on_reconnected() -> None:
        log.warning("%s: NATS connection back (%s)", name, client.connected_url)

    while True:
        client = NatsClient()
        try:
            await client.connect(
                servers=list(config.urls),
                name=name,
                connect_timeout=2,
                reconnect_time_wait=0.25,  # type: ignore[arg-type]  # seconds slept; hinted int
                max_reconnect_attempts=-1,
                ping_interval=2,
                max_outstanding_pings=2,
                error_cb=on_error,
                disconnected_cb=on_disconnected,
                reconnected_cb=on_reconnected,
            )
        except (OSError, TimeoutError, nats.errors.NoServersError) as exc:
            log.warning("%s: no NATS server answers at %s (%s); retrying", name, config.urls, exc)
            await asyncio.sleep(1.0)
            continue
        return client


def topic_stream_config(topic: str, config: BackboneConfig, epoch: str) -> StreamConfig:
    return StreamConfig(
        name=stream_name(topic),
        subjects=[topic_subject(topic)],
        retention=RetentionPolicy.LIMITS,
        max_age=config.retention_s,
        max_bytes=config.retention_bytes,
        storage=StorageType.FILE,
        num_replicas=config.replicas,
        duplicate_window=DEDUP_WINDOW_S,
        allow_direct=True,
        metadata={EPOCH_KEY: epoch},
    )


def support_stream_configs(config: BackboneConfig) -> list[StreamConfig]:
    file, replicas = StorageType.FILE, config.replicas
    return [
        StreamConfig(
            name=STATE_STREAM,
            subjects=["cc.state.>", MARK_SUBJECT],
            max_msgs_per_subject=1,
            allow_direct=True,
            storage=file,
            num_replicas=replicas,
        ),
        StreamConfig(
            name=JOURNAL_STREAM,
            subjects=[JOURNAL_SUBJECT],
            max_age=JOURNAL_KEEP_S,
            duplicate_window=DEDUP_WINDOW_S,
            storage=file,
            num_replicas=replicas,
        ),
        StreamConfig(
            name=COMMAND_STREAM,
            subjects=[COMMAND_SUBJECT],
            retention=RetentionPolicy.WORK_QUEUE,
            max_age=COMMAND_KEEP_S,
            duplicate_window=DEDUP_WINDOW_S,
            storage=file,
            num_replicas=replicas,
        ),
    ]


async def stream_info(js: JetStreamContext, name: str) -> StreamInfo | None:
    try:
        return await js.stream_info(name)
    except NotFoundError:
        return None


async def ensure_streams(js: JetStreamContext, config: BackboneConfig) -> dict[str, str]:
    """Create what is missing, bring retention and replicas in line; topic -> epoch.

    Topic streams created together share one new epoch. A topic stream created anew
    forgets that topic's old state (and the journal, which names old sequences).
    """
    epoch = new_epoch()
    epochs: dict[str, str] = {}
    created: list[str] = []
    for support in support_stream_configs(config):
        await _create_or_update(js, support)
    for topic in TOPIC_ENTITY:
        info = await stream_info(js, stream_name(topic))
        wanted = topic_stream_config(topic, config, epoch)
        if info is None:
            await js.add_stream(wanted)
            created.append(topic)
            epochs[topic] = epoch
            continue
        epochs[topic] = (info.config.metadata or {}).get(EPOCH_KEY) or epoch
        wanted.metadata = {**(info.config.metadata or {}), EPOCH_KEY: epochs[topic]}
        await _create_or_update(js, wanted, info)
    if created and len(created) < len(TOPIC_ENTITY):
        log.warning("topic streams %s were missing: created with a new epoch", created)
    for topic in created:
        await js.purge_stream(STATE_STREAM, subject=f"cc.state.{topic}.>")
    if created:
        await js.purge_stream(JOURNAL_STREAM)
    for bucket, keep in ((ACKS_BUCKET, ACK_KEEP_S), (NODES_BUCKET, NODE_TTL_S)):
        info = await stream_info(js, f"KV_{bucket}")
        if info is None:
            await js.create_key_value(bucket=bucket, history=1, ttl=keep, replicas=config.replicas)
        elif info.config.num_replicas != config.replicas:
            info.config.num_replicas = config.replicas
            await _create_or_update(js, info.config, info)
    return epochs


async def _create_or_update(
    js: JetStreamContext, wanted: StreamConfig, info: StreamInfo | None = None
) -> None:
    if info is None:
        info = await stream_info(js, wanted.name or "")
    if info is None:
        await js.add_stream(wanted)
        return
    have = info.config
    before = (have.max_age or 0.0, have.max_bytes or -1, have.num_replicas or 1)
    after = (wanted.max_age or 0.0, wanted.max_bytes or -1, wanted.num_replicas or 1)
    if before != after:
        log.warning(
            "stream %s: (max age s, max bytes, replicas) %s -> %s", wanted.name, before, after
        )
        await js.update_stream(wanted)


async def topic_epochs(js: JetStreamContext) -> dict[str, str] | None:
    """Each topic's epoch, or None while the core has not created the streams yet."""
    epochs: dict[str, str] = {}
    for topic in TOPIC_ENTITY:
        info = await stream_info(js, stream_name(topic))
        if info is None or not (info.config.metadata or {}).get(EPOCH_KEY):
            return None
        epochs[topic] = (info.config.metadata or {})[EPOCH_KEY]
    return epochs


async def read_mark(js: JetStreamContext) -> Mark:
    try:
        message = await js.get_last_msg(STATE_STREAM, MARK_SUBJECT)
    except NotFoundError:
        return Mark(0, {})
    document = json.loads(message.data or b"{}")
    return Mark(int(document.get("journal", 0)), dict(document.get("heads", {})))


@dataclass(frozen=True)
class Mark:
    """How far the state stream is complete: the journal seq applied, each topic's seq."""

    journal: int
    heads: dict[str, int]

    def encode(self) -> bytes:
        return json.dumps({"journal": self.journal, "heads": self.heads}).encode()


async def read_messages(
    js: JetStreamContext,
    stream: str,
    subject: str,
    *,
    start: int | None = None,
    limit: int | None = None,
    last_per_subject: bool = False,
) -> list[Msg]:
    """Stored messages of ``subject`` from stream seq ``start`` (or the last one of each
    subject), at most ``limit``; an ephemeral pull consumer read until nothing is pending."""
    if last_per_subject:
        policy, start_seq = DeliverPolicy.LAST_PER_SUBJECT, None
    else:
        policy, start_seq = DeliverPolicy.BY_START_SEQUENCE, max(1, start or 1)
    consumer = ConsumerConfig(
        deliver_policy=policy,
        opt_start_seq=start_seq,
        ack_policy=AckPolicy.NONE,
        inactive_threshold=30.0,
        mem_storage=True,
        num_replicas=1,
    )
    info = await js.stream_info(stream)
    if info.state.messages == 0 or (start_seq is not None and start_seq > info.state.last_seq):
        return []
    pull = await js.pull_subscribe(subject, stream=stream, config=consumer)
    messages: list[Msg] = []
    try:
        while limit is None or len(messages) < limit:
            want = 1000 if limit is None else min(1000, limit - len(messages))
            try:
                batch = await pull.fetch(want, timeout=2.0)
            except TimeoutError:
                break  # nothing (more) stored
            messages.extend(batch)
            if batch and batch[-1].metadata.num_pending == 0:
                break
    finally:
        await pull.unsubscribe()
    return messages


class Publisher:
    """JetStream publishes sent in order on one connection, their acks awaited together.

    (nats-py's ``publish_async`` leaves a future pending forever when the server refuses
    a message, which an expected-sequence publish does by design after a failure.)
    Each result is the stream sequence stored, or the server's refusal as a string, or
    ``"timeout"``.
    """

    def __init__(self, client: NatsClient) -> None:
        self._client = client
        self._prefix = ""
        self._counter = itertools.count()
        self._waiting: dict[str, asyncio.Future[int | str]] = {}

    async def start(self) -> None:
        self._prefix = self._client.new_inbox()
        await self._client.subscribe(f"{self._prefix}.*", cb=self._on_reply)

    async def _on_reply(self, message: Msg) -> None:
        future = self._waiting.pop(message.subject.rsplit(".", 1)[1], None)
        if future is None or future.done():
            return
        if message.headers and message.headers.get("Status") == "503":
            future.set_result("no stream answers (503)")
            return
        answer = json.loads(message.data or b"{}")
        error = answer.get("error")
        if error:
            future.set_result(f"{error.get('err_code')}: {error.get('description')}")
        else:
            future.set_result(int(answer["seq"]))

    async def publish(
        self,
        messages: Sequence[tuple[str, bytes, dict[str, str] | None]],
        wait_s: float = 5.0,
        in_flight: int = 2000,
    ) -> list[int | str]:
        results: list[int | str] = []
        for start in range(0, len(messages), in_flight):
            futures: list[asyncio.Future[int | str]] = []
            for subject, payload, headers in messages[start : start + in_flight]:
                token = str(next(self._counter))
                future: asyncio.Future[int | str] = asyncio.get_running_loop().create_future()
                self._waiting[token] = future
                futures.append(future)
                try:
                    await self._client.publish(
                        subject, payload, reply=f"{self._prefix}.{token}", headers=headers
                    )
                except nats.errors.Error as exc:  # closed, or the reconnect buffer is full
                    self._waiting.pop(token, None)
                    future.set_result(f"not sent: {exc}")
            await asyncio.wait(futures, timeout=wait_s)
            for future in futures:
                if not future.done():
                    future.set_result("timeout")
                results.append(future.result())
            for token in [t for t, f in self._waiting.items() if f.done()]:
                self._waiting.pop(token, None)
        return results


async def cancel_tasks(tasks: Sequence[asyncio.Task[Any]]) -> None:
    """Cancel tasks and wait for them to end, cancelling again as long as they run: on
    Python 3.11 ``asyncio.wait_for`` (inside nats-py's requests) swallows a cancellation
    that arrives as its answer does, and the task would go on."""
    for task in tasks:
        while not task.done():
            task.cancel()
            await asyncio.wait([task], timeout=0.5)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s ended with an error", task.get_name(), exc_info=task.exception())
