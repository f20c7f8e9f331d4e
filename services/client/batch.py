"""What leaves the feed client: coalesced batches of validated changes.

One :class:`IngestBatch` covers at most ~100 ms of frames from every service. It is
committed to the cache in one transaction (journal + entity state + cursors) and then
handed, unchanged, to the situation store. Within a batch:

* ``resets`` (snapshots) come first: a reset replaces a topic's whole state. Events that
  arrived *before* a reset in the same window are dropped from the batch (the snapshot
  already contains their effect), so ``upserts``/``removals`` only hold changes after it.
* ``upserts`` and ``removals`` keep only the latest change per entity key: a unit that
  moved ten times in the window is upserted once. The journal keeps every frame.
* ``cursors`` is each topic's (epoch, seq) after the batch: the cache advances it in the
  same transaction as the state, so a crash never leaves them out of step.

A batch also carries what became of the operator's commands on this side of the wire:
``queued`` (committed to the outbox), ``not_queued`` (the cache could not store them,
with the reason: they are held in memory and sent while the console runs) and ``sent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class TopicReset:
    """A complete snapshot of one topic."""

    topic: str
    epoch: str
    seq: int
    items: dict[str, Any]  # key -> validated entity struct
    raw: dict[str, bytes]  # key -> entity JSON as received (kept verbatim in the cache)


@dataclass(slots=True)
class JournalEntry:
    """One received text frame, verbatim, with where it fits in its topic's sequence."""

    service: str
    received_at: float  # wall clock, seconds since the epoch
    frame: bytes
    kind: str  # "event" | "batch" | "snapshot" | "ack" | "heads" | "error" | "welcome"
    topic: str | None = None
    epoch: str | None = None
    first_seq: int | None = None
    last_seq: int | None = None


@dataclass(slots=True)
class AckResult:
    """The server's answer to a command from the outbox."""

    command_id: str
    ok: bool
    result: dict[str, Any] | None
    error_code: str | None
    error_message: str | None
    received_at: float


@dataclass(slots=True)
class ServiceStatus:
    """A service connection's state: connecting, live, resyncing, offline, unauthorized."""

    service: str
    state: str
    since: float  # wall clock
    detail: str = ""
    last_frame_at: float | None = None
    role: str | None = None  # the role the service granted (from its welcome)


@dataclass(slots=True)
class IngestBatch:
    resets: list[TopicReset] = field(default_factory=list)
    upserts: dict[str, dict[str, Any]] = field(default_factory=dict)  # topic -> key -> entity
    upsert_raw: dict[str, dict[str, bytes]] = field(default_factory=dict)
    removals: dict[str, set[str]] = field(default_factory=dict)  # topic -> keys
    cursors: dict[str, tuple[str, int]] = field(default_factory=dict)
    journal: list[JournalEntry] = field(default_factory=list)
    acks: list[AckResult] = field(default_factory=list)
    statuses: dict[str, ServiceStatus] = field(default_factory=dict)
    #: receive time of the newest event per topic (for per-layer data age)
    received: dict[str, float] = field(default_factory=dict)
    events: int = 0  # events (not frames) this batch covers, duplicates excluded
    #: frames refused as malformed (logged and skipped): service -> count
    rejected: dict[str, int] = field(default_factory=dict)
    #: commands (ids) committed to the outbox
    queued: list[str] = field(default_factory=list)
    #: commands the cache could not store: id -> reason (held in memory, sent from there)
    not_queued: dict[str, str] = field(default_factory=dict)
    #: outbox commands (ids) that went out on the wire
    sent: list[str] = field(default_factory=list)
    #: when each command of ``queued`` was committed (its outbox row's ``created``)
    queued_at: dict[str, float] = field(default_factory=dict)
    #: when each command of ``sent`` first went out in this batch's window (the outbox
    #: keeps the first ``sent_at``): the store shows the times a restart reads back
    sent_at: dict[str, float] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (
            self.resets
            or self.upserts
            or self.removals
            or self.journal
            or self.acks
            or self.statuses
            or self.rejected
            or self.queued
            or self.not_queued
            or self.sent
        )

    def needs_commit(self) -> bool:
        """Whether the cache has anything to store (not only statuses or command marks)."""
        return bool(
            self.journal
            or self.resets
            or self.upsert_raw
            or self.removals
            or self.cursors
            or self.acks
        )

    def reset(self, reset: TopicReset) -> None:
        """Add a snapshot: it supersedes every earlier change to its topic in this batch."""
        self.resets = [r for r in self.resets if r.topic != reset.topic]
        self.resets.append(reset)
        self.upserts.pop(reset.topic, None)
        self.upsert_raw.pop(reset.topic, None)
        self.removals.pop(reset.topic, None)
        self.cursors[reset.topic] = (reset.epoch, reset.seq)

    def upsert(self, topic: str, key: str, entity: Any, raw: bytes) -> None:
        self.upserts.setdefault(topic, {})[key] = entity
        self.upsert_raw.setdefault(topic, {})[key] = raw
        removed = self.removals.get(topic)
        if removed:
            removed.discard(key)

    def merge(self, later: IngestBatch) -> None:
        """Fold a later batch into this one, as if both windows had been one."""
        for reset in later.resets:
            self.reset(reset)
        for topic, entities in later.upserts.items():
            if not entities:
                continue
            # Latest wins per key, as upsert() would have it one by one, at C speed.
            self.upserts.setdefault(topic, {}).update(entities)
            self.upsert_raw.setdefault(topic, {}).update(later.upsert_raw[topic])
            removed = self.removals.get(topic)
            if removed:
                removed.difference_update(entities)
        for topic, keys in later.removals.items():
            for key in keys:
                self.remove(topic, key)
        self.cursors.update(later.cursors)
        self.journal.extend(later.journal)
        self.acks.extend(later.acks)
        self.statuses.update(later.statuses)
        self.received.update(later.received)
        self.events += later.events
        self.queued.extend(later.queued)
        self.not_queued.update(later.not_queued)
        self.sent.extend(later.sent)
        self.queued_at.update(later.queued_at)
        for command_id, at in later.sent_at.items():
            self.sent_at.setdefault(command_id, at)
        for service, count in later.rejected.items():
            self.rejected[service] = self.rejected.get(service, 0) + count

    def remove(self, topic: str, key: str) -> None:
        self.removals.setdefault(topic, set()).add(key)
        upserts = self.upserts.get(topic)
        if upserts:
            upserts.pop(key, None)
            self.upsert_raw[topic].pop(key, None)
