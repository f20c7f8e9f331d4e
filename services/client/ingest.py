"""The ingest core of one service connection: frames in, batches and decisions out.

Sans-I/O (in the manner of the websockets library's protocol objects): no socket, no
clock, no thread. The connection that owns an :class:`IngestCore` moves bytes, keeps the
link alive and feeds every received text frame to :meth:`IngestCore.receive` with the
time it arrived; the core adds what the frame means to the :class:`IngestBatch` it is
given and returns what must be sent back (a re-subscription after a gap) and whether
commands must be retried later. Every rule below is unit-tested on its own
(``tests/services/client/test_ingest_core.py``).

Sequence rules (``docs/protocol.md``, "Events"):

* an event is applied only if its seq is exactly the topic's last + 1 in the same epoch;
* an older seq is a duplicate and is skipped (never applied twice);
* a newer seq, or another epoch, is a gap: the topic is re-subscribed from its last
  (epoch, seq) and the server resumes or sends a snapshot; no further gap request is
  made for that topic until it is back in step;
* ``heads`` showing more than we have, or another epoch, is a gap too; ``heads`` equal
  to what we have ends a resync (a quiet topic resumed with nothing to send);
* a snapshot may come in parts (``part``/``parts``); parts out of order or of two
  different snapshots are dropped, and the topic is asked for again when the broken
  snapshot's last part has passed; events arriving while parts are collected are
  ignored (the snapshot covers them);
* a resync that ``heads`` shows is still unanswered after ``retry_s`` (a snapshot part
  that was lost or malformed) is asked for again — a topic is never stuck resyncing;
* a malformed frame is journalled as ``rejected``, counted and skipped; an invalid
  entity inside a well-formed event is skipped but its seq still counts, so one bad
  entity cannot wedge a topic in a resync loop;
* an ``unavailable`` or ``rate_limited`` ack is not an answer: the command is retried
  later; other acks (accepted or refused) go to the batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from services.client.batch import AckResult, IngestBatch, JournalEntry, TopicReset
from services.protocol.codec import (
    ProtocolError,
    decode_entity,
    decode_event_entity,
    decode_server_frame,
)
from services.protocol.entities import TOPIC_ENTITY, TOPIC_KEY
from services.protocol.messages import Ack, Batch, Error, Event, Heads, Snapshot, Welcome

log = logging.getLogger(__name__)

#: refusals that say "not now" rather than "no": the command is sent again later
RETRY_LATER = frozenset({"unavailable", "rate_limited"})

#: the entity types' own decoders, called straight on an event's ``data`` (already
#: checked with its frame); anything they refuse goes through ``decode_event_entity``,
#: which refuses it the same way and says why
_ENTITY_DECODERS: dict[str, msgspec.json.Decoder[Any]] = {
    topic: msgspec.json.Decoder(kind) for topic, kind in TOPIC_ENTITY.items()
}


@dataclass
class TopicCursor:
    """Where one topic stands: the last applied (epoch, seq), and whether it is in step."""

    name: str
    epoch: str | None = None
    seq: int = 0
    resyncing: bool = True
    parts: list[Snapshot] = field(default_factory=list)
    requested_at: float | None = None  # when the last (re)subscription was asked for

    def resume_point(self) -> dict[str, Any] | None:
        return None if self.epoch is None else {"epoch": self.epoch, "after": self.seq}


@dataclass
class Reaction:
    """What the connection must do after a frame: send these frames; retry commands later."""

    send: list[bytes] = field(default_factory=list)
    retry_commands: bool = False


@dataclass(frozen=True)
class Greeting:
    """What the server's first frame says: the role it granted, or why it refused."""

    role: str | None = None
    failure: str | None = None  # "unauthorized", or a sentence for the status line


def read_welcome(raw: bytes, service: str) -> Greeting:
    """The server's answer to our hello (the first frame it sends)."""
    try:
        message = decode_server_frame(raw)
    except ProtocolError as exc:
        return Greeting(failure=f"bad welcome: {exc.message}")
    if isinstance(message, Error):
        if message.code == "unauthorized":
            return Greeting(failure="unauthorized")
        return Greeting(failure=f"refused: {message.code}: {message.message}")
    if not isinstance(message, Welcome):
        return Greeting(failure="the server did not welcome us")
    if message.service != service:
        return Greeting(failure=f"this URL serves /{message.service}, not /{service}")
    return Greeting(role=message.role)


def backoff_delay(attempt: int, base_s: float, cap_s: float, draw: float) -> float:
    """Seconds to wait before reconnect attempt ``attempt`` (0-based).

    ``base_s * 2**attempt`` capped at ``cap_s``, then "equal jitter": between 50 % and
    100 % of that, by ``draw`` in [0, 1) — so clients that lost the same server spread out
    but never retry sooner than half the nominal delay.
    """
    nominal = min(cap_s, base_s * 2 ** min(attempt, 30))
    return nominal * (0.5 + draw / 2)


class IngestCore:
    """The protocol rules of one service's subscription (see the module docstring)."""

    def __init__(
        self,
        service: str,
        topics: Iterable[str],
        cursors: dict[str, tuple[str, int]] | None = None,
        *,
        retry_s: float = 8.0,
    ) -> None:
        self.service = service
        self.retry_s = retry_s
        self.topics: dict[str, TopicCursor] = {}
        for name in topics:
            topic = TopicCursor(name)
            if cursors and name in cursors:
                topic.epoch, topic.seq = cursors[name]
            self.topics[name] = topic

    @property
    def syncing(self) -> bool:
        """True while any topic waits for a snapshot or a resumed stream."""
        return any(topic.resyncing for topic in self.topics.values())

    # --- outgoing ---------------------------------------------------------------------

    def subscribe_all(self, now: float) -> bytes:
        """The subscribe frame to send after each (re)connect: every topic from its cursor.

        A topic with no cursor asks for a snapshot and is resyncing until it arrives; a
        topic with one is optimistically in step (a resumed quiet topic sends nothing;
        ``heads`` will tell if we are behind).
        """
        request: dict[str, Any] = {}
        for topic in self.topics.values():
            topic.parts.clear()
            topic.resyncing = topic.epoch is None
            topic.requested_at = now
            request[topic.name] = topic.resume_point()
        return _subscribe_frame(request)

    def _resync(
        self, topic: TopicCursor, why: str, now: float, reaction: Reaction, *, again: bool = False
    ) -> None:
        """Ask for ``topic`` from its cursor, unless a request is already out (``again``)."""
        if topic.resyncing and not again:
            return
        log.info(
            "%s/%s: %s; resuming after %s/%d", self.service, topic.name, why, topic.epoch, topic.seq
        )
        topic.resyncing = True
        topic.parts = []
        topic.requested_at = now
        reaction.send.append(_subscribe_frame({topic.name: topic.resume_point()}))

    # --- incoming ---------------------------------------------------------------------

    def reject(self, batch: IngestBatch, raw: bytes | None, now: float, why: str) -> None:
        """Count (and journal, if text) a frame that is not part of the protocol."""
        log.warning("%s: skipped a malformed frame: %s", self.service, why)
        batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
        if raw is not None:
            batch.journal.append(JournalEntry(self.service, now, raw, "rejected"))

    def receive(self, raw: bytes, now: float, batch: IngestBatch) -> Reaction:
        """Take one text frame received at ``now`` (wall-clock seconds)."""
        reaction = Reaction()
        try:
            message = decode_server_frame(raw)
        except ProtocolError as exc:
            self.reject(batch, raw, now, exc.message)
            return reaction
        if isinstance(message, Event):
            self._on_events([message], raw, now, batch, reaction, kind="event")
        elif isinstance(message, Batch):
            self._on_events(message.events, raw, now, batch, reaction, kind="batch")
        elif isinstance(message, Snapshot):
            self._on_snapshot(message, raw, now, batch, reaction)
        elif isinstance(message, Heads):
            # Journalled: it is how a quiet topic shows it is alive (and replays that).
            batch.journal.append(JournalEntry(self.service, now, raw, "heads"))
            self._on_heads(message, now, reaction)
        elif isinstance(message, Ack):
            self._on_ack(message, raw, now, batch, reaction)
        elif isinstance(message, Error):
            log.warning("%s says %s: %s", self.service, message.code, message.message)
            batch.journal.append(JournalEntry(self.service, now, raw, "error"))
        else:  # a welcome after the handshake
            self.reject(batch, raw, now, f"unexpected {type(message).__name__.lower()}")
        return reaction

    def _on_events(
        self,
        events: list[Event],
        raw: bytes,
        now: float,
        batch: IngestBatch,
        reaction: Reaction,
        *,
        kind: str,
    ) -> None:
        # The hot path: every event of the city passes here, so the per-event work is
        # kept to the sequence rules, one typed decode of the entity and two dict stores.
        applied: dict[str, list[int]] = {}
        into: _TopicChanges | None = None
        count = 0
        for event in events:
            topic = self._in_step(event, now, batch, reaction)
            if topic is None:
                continue
            name, seq = topic.name, event.seq
            span = applied.get(name)
            if span is None:
                applied[name] = [seq, seq]
            else:
                span[1] = seq
            if into is None or into.topic != name:  # a batch holds one topic: once a frame
                into = _TopicChanges(batch, name)
            entity = self._entity(event, into.decoder, batch)
            if entity is None:
                continue
            if isinstance(entity, str):
                batch.remove(name, entity)
            else:
                key = getattr(entity, into.key_field)
                into.entities[key] = entity
                into.raws[key] = bytes(event.data)
                removed = batch.removals.get(name)
                if removed:
                    removed.discard(key)
            count += 1
        batch.events += count
        self._events_done(applied, raw, now, batch, kind)

    def _events_done(
        self, applied: dict[str, list[int]], raw: bytes, now: float, batch: IngestBatch, kind: str
    ) -> None:
        """Cursors to the last applied seqs; the frame journalled with the range it applied."""
        for name, (_, last) in applied.items():
            batch.cursors[name] = (self.topics[name].epoch or "", last)
            batch.received[name] = now
            if not batch.upserts.get(name, True):  # made above, left empty (removals only)
                del batch.upserts[name]
                del batch.upsert_raw[name]
        if len(applied) == 1:
            ((name, (first, last)),) = applied.items()
            epoch = self.topics[name].epoch
            entry = JournalEntry(self.service, now, raw, kind, name, epoch, first, last)
        else:
            entry = JournalEntry(self.service, now, raw, kind)
        batch.journal.append(entry)

    def _in_step(
        self, event: Event, now: float, batch: IngestBatch, reaction: Reaction
    ) -> TopicCursor | None:
        """The event's topic if the event is the next in it (its seq is taken), else None:
        unknown topic (counted), gap or new epoch (resync), duplicate (skipped)."""
        topic = self.topics.get(event.topic)
        if topic is None:
            batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
            return None
        seq = event.seq
        if event.epoch != topic.epoch or seq > topic.seq + 1:
            if not topic.parts:
                why = "gap" if event.epoch == topic.epoch else "new epoch"
                self._resync(topic, why, now, reaction)
            return None
        if seq <= topic.seq:
            return None  # a duplicate: never applied twice
        topic.seq = seq
        topic.resyncing = False
        return topic

    def _entity(
        self, event: Event, decoder: msgspec.json.Decoder[Any] | None, batch: IngestBatch
    ) -> Any:
        """The event's validated entity (a removal's id), or None if invalid (counted)."""
        if decoder is not None and not event.type.endswith(".removed"):
            try:
                return decoder.decode(event.data)
            except msgspec.MsgspecError:
                pass  # said precisely by the strict decode below
        try:
            return decode_event_entity(event)
        except ProtocolError as exc:
            log.warning(
                "%s/%s seq %d skipped: %s", self.service, event.topic, event.seq, exc.message
            )
            batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
            return None

    def _on_snapshot(
        self, snapshot: Snapshot, raw: bytes, now: float, batch: IngestBatch, reaction: Reaction
    ) -> None:
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
        topic = self.topics.get(snapshot.topic)
        if topic is None:
            batch.rejected[self.service] = batch.rejected.get(self.service, 0) + 1
            return
        if snapshot.part == 1:
            topic.parts = []
        expected_part = len(topic.parts) + 1
        if snapshot.part != expected_part or (topic.parts and topic.parts[-1].seq != snapshot.seq):
            topic.parts = []
            if snapshot.part == snapshot.parts:  # the broken snapshot has passed: again
                self._resync(topic, "snapshot parts out of order", now, reaction, again=True)
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

    def _on_heads(self, heads: Heads, now: float, reaction: Reaction) -> None:
        # The server sends heads only after every frame it queued before them, so a
        # snapshot still in parts, or a resync still unanswered, here is one that was lost.
        for name, head in heads.heads.items():
            topic = self.topics.get(name)
            if topic is None:
                continue
            behind = head.epoch != topic.epoch or head.seq > topic.seq
            overdue = topic.requested_at is None or now - topic.requested_at >= self.retry_s
            if topic.parts or (topic.resyncing and behind):
                if overdue:
                    self._resync(topic, "resync unanswered", now, reaction, again=True)
            elif behind:
                self._resync(topic, f"heads at {head.epoch}/{head.seq}", now, reaction)
            elif topic.resyncing:
                topic.resyncing = False

    def _on_ack(
        self, ack: Ack, raw: bytes, now: float, batch: IngestBatch, reaction: Reaction
    ) -> None:
        batch.journal.append(JournalEntry(self.service, now, raw, "ack"))
        error = ack.error
        if error is not None and error.code in RETRY_LATER:
            log.info("%s: command %s %s; retrying later", self.service, ack.id, error.code)
            reaction.retry_commands = True
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


class _TopicChanges:
    """Where one topic's events go in a batch: its upserts, raw payloads, key, decoder."""

    __slots__ = ("decoder", "entities", "key_field", "raws", "topic")

    def __init__(self, batch: IngestBatch, topic: str) -> None:
        self.topic = topic
        self.entities: dict[str, Any] = batch.upserts.setdefault(topic, {})
        self.raws: dict[str, bytes] = batch.upsert_raw.setdefault(topic, {})
        self.key_field = TOPIC_KEY[topic]
        self.decoder = _ENTITY_DECODERS.get(topic)


def _subscribe_frame(topics: dict[str, Any]) -> bytes:
    return json.dumps({"op": "subscribe", "topics": topics}).encode()
