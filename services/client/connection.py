"""One backend service, reached through one provider: connect, resume, ingest, send.

A :class:`ServiceConnection` keeps one websocket to one service alive on the feed
client's asyncio loop ("feed-network" thread): connect, hello, subscribe every topic
from its cursor (epoch, seq) — or with ``null`` for a snapshot — then ingest frames into
the shared :class:`~services.client.batch.IngestBatch` until the link drops, then
reconnect with jittered exponential backoff.

Sequence rules (PROTOCOL.md, "Events"): an event is applied only if its seq is exactly
the topic's last + 1 in the same epoch; an older seq is a duplicate and is skipped; a
newer one or another epoch is a gap and the topic is re-subscribed from its last seq
(the server resumes or sends a snapshot). ``heads`` showing more than we have is a gap.
Malformed frames are logged, journalled as ``rejected``, counted, and skipped; an
invalid entity inside a well-formed event is skipped but its seq still counts, so one
bad entity cannot wedge a topic in a resync loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from services.client.batch import AckResult, JournalEntry, ServiceStatus, TopicReset
from services.protocol.codec import (
    ProtocolError,
    decode_entity,
    decode_event_entity,
    decode_server_frame,
)
from services.protocol.entities import TOPIC_KEY
from services.protocol.messages import (
    CLOSE_UNAUTHORIZED,
    MAX_FRAME_BYTES,
    PING_INTERVAL_S,
    PING_TIMEOUT_S,
    PROTOCOL_VERSION,
    Ack,
    Batch,
    Error,
    Event,
    Heads,
    Snapshot,
    Welcome,
)
from services.tls import TlsSetupError, tls_failure

if TYPE_CHECKING:
    from services.client.config import ClientConfig, Endpoint
    from services.client.feed import FeedClient

log = logging.getLogger(__name__)


@dataclass
class _Topic:
    name: str
    epoch: str | None = None
    seq: int = 0
    resyncing: bool = True
    parts: list[Snapshot] = field(default_factory=list)


class ServiceConnection:
    """The provider for one service (see the module docstring)."""

    def __init__(
        self,
        feed: FeedClient,
        endpoint: Endpoint,
        config: ClientConfig,
        cursors: dict[str, tuple[str, int]],
        rng: random.Random,
    ) -> None:
        self.feed = feed
        self.endpoint = endpoint
        self.service = endpoint.service
        self.config = config
        self.topics: dict[str, _Topic] = {}
        for name in config.topics.get(self.service, ()):
            topic = _Topic(name)
            if name in cursors:
                topic.epoch, topic.seq = cursors[name]
            self.topics[name] = topic
        self.state = "offline"
        self.role: str | None = None
        self._ws: ClientConnection | None = None
        self._rng = rng
        self._attempt = 0
        self._last_frame_at: float | None = None

    # --- lifecycle --------------------------------------------------------------------

    async def run(self) -> None:
        while True:
            self._set_state("connecting")
            failure = await self._session()
            self._ws = None
            unauthorized = failure == "unauthorized"
            self._set_state("unauthorized" if unauthorized else "offline", failure)
            delay = min(self.config.backoff_cap_s, self.config.backoff_base_s * 2**self._attempt)
            self._attempt = min(self._attempt + 1, 10)
            await asyncio.sleep(delay * (0.5 + self._rng.random() / 2))

    async def _session(self) -> str:
        """One connection, until it ends; returns why it ended."""
        try:
            tls = self.endpoint.tls.context() if self.endpoint.secure else None
        except TlsSetupError as exc:
            return f"TLS failure: {exc}"
        try:
            async with connect(
                self.endpoint.url,
                ssl=tls,
                open_timeout=10,
                ping_interval=PING_INTERVAL_S,
                ping_timeout=PING_TIMEOUT_S,
                max_size=MAX_FRAME_BYTES,
                compression=None,
                close_timeout=2,
            ) as ws:
                self._ws = ws
                failure = await self._handshake(ws)
                if failure:
                    return failure
                self._attempt = 0
                self._subscribe(list(self.topics))
                self.feed.resend_outbox(self.service)
                while True:
                    frame = await ws.recv()
                    if isinstance(frame, str):
                        self._on_frame(frame.encode())
                    else:
                        self._on_binary(frame)
        except ConnectionClosed as exc:
            if exc.rcvd is not None and exc.rcvd.code == CLOSE_UNAUTHORIZED:
                return "unauthorized"
            reason = exc.rcvd.reason if exc.rcvd is not None else ""
            return (
                f"connection closed ({exc.rcvd.code if exc.rcvd else 'no close frame'}"
                f"{': ' + reason if reason else ''})"
            )
        except (OSError, InvalidHandshake, TimeoutError) as exc:
            why = tls_failure(exc) if tls is not None else None
            return f"TLS failure: {why}" if why else f"cannot connect: {exc}"
        except InvalidURI as exc:
            return f"bad service URL: {exc}"

    async def _handshake(self, ws: ClientConnection) -> str | None:
        hello = {
            "op": "hello",
            "v": PROTOCOL_VERSION,
            "token": self.endpoint.token,
            "client": self.config.client_name,
        }
        await ws.send(json.dumps(hello))
        async with asyncio.timeout(10):
            first = await ws.recv(decode=False)
        try:
            welcome = decode_server_frame(first)
        except ProtocolError as exc:
            return f"bad welcome: {exc.message}"
        if isinstance(welcome, Error):
            if welcome.code == "unauthorized":
                return "unauthorized"
            return f"refused: {welcome.code}: {welcome.message}"
        if not isinstance(welcome, Welcome):
            return "the server did not welcome us"
        self.role = welcome.role
        return None

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    def _set_state(self, state: str, detail: str = "") -> None:
        if state == self.state and not detail:
            return
        self.state = state
        self.feed.batch.statuses[self.service] = ServiceStatus(
            self.service, state, time.time(), detail, self._last_frame_at, self.role
        )
        self.feed.wake()
        if state in ("offline", "unauthorized") and detail:
            log.info("%s %s: %s", self.service, state, detail)

    def _refresh_state(self) -> None:
        syncing = any(t.resyncing for t in self.topics.values())
        want = "resyncing" if syncing else "live"
        if self.state in ("live", "resyncing") and want != self.state:
            self._set_state(want)

    # --- sending ----------------------------------------------------------------------

    def _subscribe(self, names: list[str]) -> None:
        topics: dict[str, Any] = {}
        for name in names:
            topic = self.topics[name]
            topic.parts.clear()
            if topic.epoch is None:
                topic.resyncing = True
                topics[name] = None
            else:
                topic.resyncing = False  # optimistic: a resume of a quiet topic sends nothing
                topics[name] = {"epoch": topic.epoch, "after": topic.seq}
        self._set_state("resyncing" if any(t.resyncing for t in self.topics.values()) else "live")
        self._send({"op": "subscribe", "topics": topics})

    def _resync(self, topic: _Topic, why: str) -> None:
        if topic.resyncing:
            return
        log.info(
            "%s/%s: %s; resuming after %s/%d", self.service, topic.name, why, topic.epoch, topic.seq
        )
        topic.resyncing = True
        self._set_state("resyncing")
        self._send(
            {
                "op": "subscribe",
                "topics": {
                    topic.name: None
                    if topic.epoch is None
                    else {"epoch": topic.epoch, "after": topic.seq}
                },
            }
        )

    def send_command(self, command_id: str, command_type: str, data: bytes) -> bool:
        if self._ws is None or self.state not in ("live", "resyncing"):
            return False
        frame = (
            b'{"op":"command","id":'
            + json.dumps(command_id).encode()
            + b',"type":'
            + json.dumps(command_type).encode()
            + b',"data":'
            + data
            + b"}"
        )
        self._send_bytes(frame)
        return True

    def _send(self, message: dict[str, Any]) -> None:
        self._send_bytes(json.dumps(message).encode())

    def _send_bytes(self, frame: bytes) -> None:
        ws = self._ws
        if ws is None:
            return
        task = asyncio.get_running_loop().create_task(_send_quietly(ws, frame))
        self.feed.keep(task)

    # --- receiving --------------------------------------------------------------------

    def _on_binary(self, frame: bytes) -> None:
        """Binary frames are video (PROTOCOL.md, "Video frames"); anywhere else, junk."""
        self._last_frame_at = time.time()
        if self.service == "video" and self.feed.video_sink is not None:
            self.feed.video_sink(frame)
            return
        if self.service != "video":
            log.warning("%s: skipped a binary frame", self.service)
            batch = self.feed.batch
            batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
            self.feed.wake()

    def _on_frame(self, raw: bytes) -> None:
        now = time.time()
        self._last_frame_at = now
        batch = self.feed.batch
        try:
            message = decode_server_frame(raw)
        except ProtocolError as exc:
            log.warning("%s: skipped a malformed frame: %s", self.service, exc.message)
            batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
            batch.journal.append(JournalEntry(self.service, now, raw, "rejected"))
            self.feed.wake()
            return
        if isinstance(message, Event):
            self._on_events([message], raw, now, "event")
        elif isinstance(message, Batch):
            self._on_events(message.events, raw, now, "batch")
        elif isinstance(message, Snapshot):
            self._on_snapshot(message, raw, now)
        elif isinstance(message, Heads):
            # Journalled: it is how a quiet topic shows it is alive (and replays that).
            batch.journal.append(JournalEntry(self.service, now, raw, "heads"))
            self._on_heads(message)
        elif isinstance(message, Ack):
            self._on_ack(message, raw, now)
        elif isinstance(message, Error):
            log.warning("%s says %s: %s", self.service, message.code, message.message)
            batch.journal.append(JournalEntry(self.service, now, raw, "error"))
        self.feed.wake()

    def _on_events(self, events: list[Event], raw: bytes, now: float, kind: str) -> None:
        batch = self.feed.batch
        applied: dict[str, list[int]] = {}
        for event in events:
            topic = self.topics.get(event.topic)
            if topic is None:
                batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
                continue
            if event.epoch != topic.epoch or event.seq > topic.seq + 1:
                if not topic.parts:
                    self._resync(topic, "gap" if event.epoch == topic.epoch else "new epoch")
                continue
            if event.seq <= topic.seq:
                continue  # a duplicate: never applied twice
            topic.seq = event.seq
            span = applied.setdefault(event.topic, [event.seq, event.seq])
            span[1] = event.seq
            try:
                entity = decode_event_entity(event)
            except ProtocolError as exc:
                log.warning(
                    "%s/%s seq %d skipped: %s", self.service, event.topic, event.seq, exc.message
                )
                batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
                continue
            if isinstance(entity, str):
                batch.remove(event.topic, entity)
            else:
                batch.upsert(
                    event.topic, getattr(entity, TOPIC_KEY[event.topic]), entity, bytes(event.data)
                )
            batch.events += 1
            if topic.resyncing:
                topic.resyncing = False
        for name, (_, last) in applied.items():
            batch.cursors[name] = (self.topics[name].epoch or "", last)
            batch.received[name] = now
        if len(applied) == 1:
            ((name, (first, last)),) = applied.items()
            batch.journal.append(
                JournalEntry(
                    self.service, now, raw, kind, name, self.topics[name].epoch, first, last
                )
            )
        else:
            batch.journal.append(JournalEntry(self.service, now, raw, kind))
        self._refresh_state()

    def _on_snapshot(self, snapshot: Snapshot, raw: bytes, now: float) -> None:
        topic = self.topics.get(snapshot.topic)
        batch = self.feed.batch
        batch.journal.append(
            JournalEntry(
                self.service,
                now,
                raw,
                "snapshot",
                snapshot.topic,
                snapshot.epoch,
                snapshot.seq,
                snapshot.seq,
            )
        )
        if topic is None:
            batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
            return
        if snapshot.part == 1:
            topic.parts = []
        if topic.parts and (
            topic.parts[-1].seq != snapshot.seq or snapshot.part != len(topic.parts) + 1
        ):
            log.warning(
                "%s/%s: snapshot parts out of order; starting over", self.service, topic.name
            )
            topic.parts = []
            topic.resyncing = False
            self._resync(topic, "broken snapshot")
            return
        topic.parts.append(snapshot)
        if snapshot.part < snapshot.parts:
            return
        items: dict[str, Any] = {}
        raws: dict[str, bytes] = {}
        key_field = TOPIC_KEY[topic.name]
        for part in topic.parts:
            for item in part.items:
                payload = bytes(item)
                try:
                    entity = decode_entity(topic.name, payload)
                except ProtocolError as exc:
                    log.warning(
                        "%s/%s: snapshot item skipped: %s", self.service, topic.name, exc.message
                    )
                    batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
                    continue
                key = getattr(entity, key_field)
                items[key] = entity
                raws[key] = payload
        topic.parts = []
        topic.epoch, topic.seq = snapshot.epoch, snapshot.seq
        topic.resyncing = False
        batch.reset(TopicReset(topic.name, snapshot.epoch, snapshot.seq, items, raws))
        batch.received[topic.name] = now
        self._refresh_state()

    def _on_heads(self, heads: Heads) -> None:
        for name, head in heads.heads.items():
            topic = self.topics.get(name)
            if topic is None or topic.parts:
                continue
            if head.epoch != topic.epoch or head.seq > topic.seq:
                self._resync(topic, f"heads at {head.epoch}/{head.seq}")
            elif topic.resyncing:
                topic.resyncing = False
        self._refresh_state()

    def _on_ack(self, ack: Ack, raw: bytes, now: float) -> None:
        batch = self.feed.batch
        batch.journal.append(JournalEntry(self.service, now, raw, "ack"))
        error = ack.error
        if error is not None and error.code == "unavailable":
            log.info("%s: command %s unavailable now; retrying later", self.service, ack.id)
            self.feed.retry_later(self.service)
            return
        batch.acks.append(
            AckResult(
                ack.id,
                ack.ok,
                ack.result,
                error.code if error else None,
                error.message if error else None,
                now,
            )
        )


async def _send_quietly(ws: ClientConnection, frame: bytes) -> None:
    # A closed link is noticed by the session loop, which reconnects; commands stay queued.
    with contextlib.suppress(ConnectionClosed):
        await ws.send(frame, text=True)
