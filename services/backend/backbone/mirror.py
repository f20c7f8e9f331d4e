"""One edge's picture of every topic, followed from the backbone.

At start the edge reads each entity's latest state (``CC_STATE``, one message per
entity, each tagged with the seq that produced it) and the mark (the seq up to which
that state is complete), then replays each topic stream past the mark, applying an event
only if it is newer than the state read for its entity. The result is exact at the
stream's head whatever the core was doing meanwhile. From then on one ordered consumer
per topic (:class:`TopicFollower`) appends each event to the topic's
:class:`~services.backend.topics.TopicState` — the same in-memory view the single
process serves sessions from — so snapshots, resumes and batches behave identically.

Every event is checked: a seq at or below the head is a duplicate and skipped, a seq
past head + 1 is a gap and the consumer is made again from head + 1. A watchdog makes
it again too when the stream has moved on and the consumer has not (a stream leader
lost in a cluster). Events older than the memory window are read from the stream.

Thread: the edge's event-loop thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import msgspec
from msgspec import Raw, Struct
from nats.aio.msg import Msg
from nats.js.api import ConsumerConfig, DeliverPolicy

from services.backend.backbone.streams import (
    EPOCH_KEY,
    STATE_STREAM,
    cancel_tasks,
    decode_state,
    read_mark,
    read_messages,
    stream_name,
    topic_epochs,
    topic_subject,
)
from services.backend.topics import TopicState, within_budget
from services.protocol.entities import TOPIC_ENTITY

log = logging.getLogger(__name__)

#: a client may resume this far past what this edge has received (another edge was a
#: little ahead when the client left it); it waits for those events instead of taking a
#: snapshot. A seq further ahead was never sent by this epoch: snapshot.
RESUME_AHEAD = 100_000


class MirrorTopic(TopicState):
    """A topic's :class:`TopicState` on an edge; knows how far the stream itself has got."""

    def __init__(self, name: str, epoch: str, *, window: int) -> None:
        super().__init__(name, epoch, window=window)
        self.stream_last = 0  # the stream's last seq, as last seen

    def can_resume(self, epoch: str, after: int) -> bool:
        reach = max(self.head, self.stream_last) + RESUME_AHEAD
        return epoch == self.epoch and self.oldest_held - 1 <= after <= reach


class _EventHead(Struct):
    type: str
    data: Raw


class _Keyed(Struct):
    id: str | None = None
    unit: str | None = None


_event_head = msgspec.json.Decoder(_EventHead)
_keyed = msgspec.json.Decoder(_Keyed)


def _key_and_payload(frame: bytes) -> tuple[str, bytes | None]:
    event = _event_head.decode(frame)
    keyed = _keyed.decode(event.data)
    key = keyed.id if keyed.id is not None else keyed.unit
    payload = None if event.type.endswith(".removed") else bytes(event.data)
    return str(key), payload


class Mirror:
    def __init__(self, js: Any, *, window: int, on_change: Callable[[], None]) -> None:
        self._js = js
        self._window = window
        self._on_change = on_change
        self.topics: dict[str, MirrorTopic] = {}
        self._followers: list[TopicFollower] = []
        self._wake_scheduled = False

    async def load(self) -> None:
        """Wait for the core's streams, then build every topic at its stream's head."""
        waited = False
        while (epochs := await topic_epochs(self._js)) is None:
            if not waited:
                log.warning("waiting for the core to create the backbone's streams")
                waited = True
            await asyncio.sleep(0.5)
        mark = await read_mark(self._js)
        states: dict[str, dict[str, tuple[int, bytes | None]]] = {t: {} for t in TOPIC_ENTITY}
        messages = await read_messages(self._js, STATE_STREAM, "cc.state.>", last_per_subject=True)
        for message in messages:
            topic = message.subject.split(".")[2]
            seq, payload = decode_state(message.data)
            if topic in states and payload is not None:
                key, _ = _key_and_payload_of_state(topic, payload)
                states[topic][key] = (seq, payload)
        for topic, epoch in epochs.items():
            state = MirrorTopic(topic, epoch, window=self._window)
            seqs = {key: seq for key, (seq, _) in states[topic].items()}
            entities = {key: payload for key, (_, payload) in states[topic].items() if payload}
            head = mark.heads.get(topic, 0)
            info = await self._js.stream_info(stream_name(topic))
            while head < info.state.last_seq:
                batch = await read_messages(
                    self._js, stream_name(topic), topic_subject(topic), start=head + 1, limit=5000
                )
                if not batch:
                    break
                for message in batch:
                    seq = message.metadata.sequence.stream
                    key, payload = _key_and_payload(message.data)
                    if seq > seqs.get(key, 0):
                        seqs[key] = seq
                        if payload is None:
                            entities.pop(key, None)
                        else:
                            entities[key] = payload
                    head = seq
            state.load(head, info.state.first_seq or head + 1, entities, [])
            state.stream_last = info.state.last_seq
            self.topics[topic] = state
        log.info("mirror loaded at %s", {t: s.head for t, s in self.topics.items()})

    async def follow(self) -> None:
        for state in self.topics.values():
            follower = TopicFollower(self._js, state, self.changed)
            await follower.start()
            self._followers.append(follower)

    async def stop(self) -> None:
        for follower in self._followers:
            await follower.stop()

    def changed(self) -> None:
        """Wake the sessions once for however many events arrived together."""
        if not self._wake_scheduled:
            self._wake_scheduled = True
            asyncio.get_running_loop().call_soon(self._wake)

    def _wake(self) -> None:
        self._wake_scheduled = False
        self._on_change()

    async def read_events(self, topic: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        """Events past ``after`` from the stream itself (older than the memory window)."""
        messages = await read_messages(
            self._js, stream_name(topic), topic_subject(topic), start=after + 1, limit=limit
        )
        return within_budget([(m.metadata.sequence.stream, m.data) for m in messages])


def _key_and_payload_of_state(topic: str, payload: bytes) -> tuple[str, bytes]:
    keyed = _keyed.decode(payload)
    key = keyed.id if keyed.id is not None else keyed.unit
    return str(key), payload


class TopicFollower:
    """One ordered consumer appending a topic stream's events to its :class:`MirrorTopic`."""

    def __init__(self, js: Any, state: MirrorTopic, changed: Callable[[], None]) -> None:
        self._js = js
        self.state = state
        self._changed = changed
        self._subscription: Any = None
        self._restart = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._progress_at = time.monotonic()
        self._reported_new_epoch = False

    async def start(self) -> None:
        await self._subscribe()
        self._task = asyncio.create_task(self._watch(), name=f"mirror-{self.state.name}")

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_tasks([self._task])
        await self._unsubscribe()

    async def _subscribe(self) -> None:
        consumer = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_SEQUENCE,
            opt_start_seq=self.state.head + 1,
            mem_storage=True,
            num_replicas=1,
            inactive_threshold=30.0,
        )
        self._subscription = await self._js.subscribe(
            topic_subject(self.state.name),
            stream=stream_name(self.state.name),
            cb=self._on_message,
            ordered_consumer=True,
            idle_heartbeat=1.0,
            config=consumer,
        )
        self._progress_at = time.monotonic()

    async def _unsubscribe(self) -> None:
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            # the server may have lost it already, or not answer: the consumer is
            # ephemeral and goes by itself once nobody reads it
            with contextlib.suppress(Exception):
                async with asyncio.timeout(2.0):
                    await subscription.unsubscribe()

    async def _on_message(self, message: Msg) -> None:
        state = self.state
        metadata = message.metadata
        seq = metadata.sequence.stream
        state.stream_last = max(state.stream_last, seq + metadata.num_pending)
        if seq <= state.head:
            return  # delivered again after a consumer reset
        if seq != state.head + 1:
            log.warning("%s: seq %d after %d; following again", state.name, seq, state.head)
            self._restart.set()
            return
        key, payload = _key_and_payload(message.data)
        state.publish(seq, message.data, key, payload)
        self._progress_at = time.monotonic()
        self._changed()

    async def _watch(self) -> None:
        """Follow again after a gap, or when the stream has moved on and we have not."""
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    await self._restart.wait()
            state = self.state
            try:
                info = await self._js.stream_info(stream_name(state.name))
            except Exception as exc:  # noqa: BLE001 - no leader for a moment: look again
                log.info("%s: stream info unavailable (%s)", state.name, exc)
                continue
            epoch = (info.config.metadata or {}).get(EPOCH_KEY)
            if epoch != state.epoch and not self._reported_new_epoch:
                self._reported_new_epoch = True
                log.error(
                    "%s: the stream was made anew (epoch %s, this edge serves %s): restart "
                    "this edge to serve the new epoch",
                    state.name,
                    epoch,
                    state.epoch,
                )
            state.oldest_held = max(info.state.first_seq, 1)
            state.stream_last = max(state.stream_last, info.state.last_seq)
            stalled = state.head < info.state.last_seq and (
                time.monotonic() - self._progress_at > 2.0
            )
            if self._restart.is_set() or stalled:
                self._restart.clear()
                log.warning("%s: consumer made again from seq %d", state.name, state.head + 1)
                await self._unsubscribe()
                try:
                    await self._subscribe()
                except Exception as exc:  # noqa: BLE001 - tried again on the next round
                    log.warning("%s: cannot follow yet (%s)", state.name, exc)
                    self._restart.set()
                    await asyncio.sleep(0.5)
