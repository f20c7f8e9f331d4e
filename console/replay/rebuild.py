"""Rebuilding batches from a recording: the same rules as live, against recorded time.

A :class:`Replayer` feeds the recorded frames, in journal order and with the times they
were received, to one :class:`~services.client.ingest.IngestCore` per service — the
very core the live feed used — so every frame is applied, skipped as a duplicate or
ignored for a gap exactly as it was live. It keeps the picture it has built (entity,
payload as received) so that a seek can hand the store a whole picture at once.

Plain Python: no Qt, no threads (the replay source drives it from its own thread).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgspec

from console.replay.recording import Frame, Recording
from services.cache.checkpoints import Checkpoint
from services.client.batch import IngestBatch, TopicReset
from services.client.ingest import IngestCore
from services.protocol.codec import ProtocolError, decode_entity, decode_server_frame
from services.protocol.entities import SERVICE_TOPICS, TOPIC_KEY
from services.protocol.messages import Batch

SEEK_CHUNK = 2000  # frames folded per step of a seek (progress is reported per step)


class Replayer:
    """The picture at ``position`` (seconds) after journal row ``position_id``."""

    def __init__(self, recording: Recording) -> None:
        self.recording = recording
        self.position = recording.start
        self.position_id = 0
        self._model: dict[str, dict[str, tuple[Any, bytes]]] = {}
        self._cursors: dict[str, tuple[str, int]] = {}
        self._received: dict[str, float] = {}
        self._cores: dict[str, IngestCore] = {}
        self._load(recording.base_for(recording.start))

    def _load(self, base: Checkpoint) -> None:
        # An entity whose payload is the one held now is not decoded again (most of a
        # picture — closed incidents, cameras — is the same at two nearby checkpoints).
        known = {
            topic: {raw: entity for entity, raw in bucket.values()}
            for topic, bucket in self._model.items()
        }
        self._model = {topic: {} for topic in TOPIC_KEY}
        self._cursors, self._received = {}, {}
        for topic, (epoch, seq, updated) in base.cursors.items():
            self._cursors[topic] = (epoch, seq)
            self._received[topic] = updated
        for topic, payloads in base.entities.items():
            bucket = self._model.setdefault(topic, {})
            decoded = known.get(topic, {})
            for payload in payloads:
                entity = decoded.get(payload)
                if entity is None:
                    try:
                        entity = decode_entity(topic, payload)
                    except ProtocolError:
                        continue  # the live cache skipped it as well (Cache.load_picture)
                bucket[getattr(entity, TOPIC_KEY[topic])] = (entity, payload)
        self._cores = {
            service: IngestCore(service, topics, self._cursors)
            for service, topics in SERVICE_TOPICS.items()
        }
        self.position_id, self.position = base.journal_id, base.ts

    # --- moving -------------------------------------------------------------------------

    def advance(self, until: float) -> IngestBatch:
        """The frames received after the position up to ``until``, as one batch."""
        batch = self._feed(self.recording.frames(self.position_id, until))
        self.position = max(self.position, until)
        return batch

    def seek(
        self,
        moment: float,
        progress: Callable[[float], None] | None = None,
        *,
        delta: bool = False,
    ) -> IngestBatch:
        """Stand at ``moment``: the whole picture there, as one batch of resets — or, with
        ``delta``, only what differs from the picture held before the seek (for a store
        that holds exactly that picture: a replay's, after its first picture).

        Starts again from the nearest checkpoint when going back or past a checkpoint;
        otherwise goes on from where it stands."""
        before = {t: {k: raw for k, (_, raw) in b.items()} for t, b in self._model.items()}
        moment = max(moment, self.recording.start)
        later = self.recording.next_checkpoint_after(self.position_id, moment)
        if moment < self.position or later is not None:
            self._load(self.recording.base_for(moment))
        start = self.position
        while True:
            frames = list(self.recording.frames(self.position_id, moment, limit=SEEK_CHUNK))
            if not frames:
                break
            self._feed(frames).journal.clear()
            if progress is not None and moment > start:
                progress(min(1.0, (frames[-1].received - start) / (moment - start)))
        self.position = moment
        return self.difference(before) if delta else self.picture()

    def stream(self, until: float) -> Iterator[tuple[float, IngestBatch]]:
        """Each frame up to ``until`` as its own batch, with its receive time: every
        version of every entity, none coalesced (the after-action report reads them)."""
        for frame in self.recording.frames(self.position_id, until):
            if frame.kind != "batch":
                yield frame.received, self._feed([frame])
                continue
            try:
                events = decode_server_frame(frame.frame)
            except ProtocolError:
                yield frame.received, self._feed([frame])  # rejected as it was live
                continue
            # a batch frame's events one by one: a version overtaken in the same frame too
            for event in events.events if isinstance(events, Batch) else []:
                single = dataclasses.replace(frame, frame=msgspec.json.encode(event))
                yield frame.received, self._feed([single])
        self.position = max(self.position, until)

    def _feed(self, frames: Iterable[Frame]) -> IngestBatch:
        batch = IngestBatch()
        for frame in frames:
            core = self._cores.get(frame.service)
            if core is not None:
                core.receive(frame.frame, frame.received, batch)
            self.position_id = frame.id
        self._fold(batch)
        return batch

    def _fold(self, batch: IngestBatch) -> None:
        for reset in batch.resets:
            self._model[reset.topic] = {k: (e, reset.raw[k]) for k, e in reset.items.items()}
        for topic, entities in batch.upserts.items():
            raw = batch.upsert_raw[topic]
            bucket = self._model.setdefault(topic, {})
            for key, entity in entities.items():
                bucket[key] = (entity, raw[key])
        for topic, keys in batch.removals.items():
            bucket = self._model.setdefault(topic, {})
            for key in keys:
                bucket.pop(key, None)
        self._cursors.update(batch.cursors)
        self._received.update(batch.received)

    # --- reading ------------------------------------------------------------------------

    def picture(self) -> IngestBatch:
        """The picture built so far as a batch of resets, one per topic (empty ones too:
        a seek must remove what the store held)."""
        batch = IngestBatch()
        for topic, bucket in self._model.items():
            epoch, seq = self._cursors.get(topic, ("", 0))
            batch.reset(
                TopicReset(
                    topic,
                    epoch,
                    seq,
                    {k: entity for k, (entity, _) in bucket.items()},
                    {k: raw for k, (_, raw) in bucket.items()},
                )
            )
        batch.cursors = dict(self._cursors)
        batch.received = dict(self._received)
        return batch

    def difference(self, before: dict[str, dict[str, bytes]]) -> IngestBatch:
        """What turns the picture ``before`` (key -> payload per topic) into this one:
        upserts of what is new or changed, removals of what is gone."""
        batch = IngestBatch()
        for topic, bucket in self._model.items():
            held = before.get(topic, {})
            for key, (entity, raw) in bucket.items():
                if held.get(key) != raw:
                    batch.upsert(topic, key, entity, raw)
            for key in held.keys() - bucket.keys():
                batch.remove(topic, key)
        batch.cursors = dict(self._cursors)
        batch.received = dict(self._received)
        return batch

    def checkpoint(self) -> Checkpoint:
        """The picture here as a checkpoint (what an export starts from)."""
        return Checkpoint(
            self.position,
            self.position_id,
            {
                t: (e, s, self._received.get(t, self.position))
                for t, (e, s) in self._cursors.items()
            },
            {t: [raw for _, raw in bucket.values()] for t, bucket in self._model.items()},
        )

    def entities(self, topic: str) -> dict[str, Any]:
        """The entities of ``topic`` in the picture (a copy)."""
        return {k: entity for k, (entity, _) in self._model.get(topic, {}).items()}
