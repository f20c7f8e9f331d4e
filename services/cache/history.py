"""What the local cache remembers of the recent past, read back when the console starts.

Read-only queries over the cache's tables (:mod:`services.cache.schema`); every SQL
statement of this rebuild is here. The console turns the answer into its incident
timelines and "My commands" (``console/history.py``), so a restart shows what the
console showed before it.

* **Incident status changes** come from the journal: the incidents topic's event, batch
  and snapshot frames received since ``since`` — or since the oldest incident in the
  cached picture was reported (less :data:`CLOCK_MARGIN_S`), if that is later: older
  frames cannot be about an incident still shown —, read in journal order under the live
  rules — only the events a row *applied* (its ``first_seq``..``last_seq``, so a
  duplicate is never counted twice), a snapshot (all of its parts) replaces the topic,
  a ``*.removed`` event forgets the incident. Per incident still in the cached picture:
  its first version seen and each version whose status differs from the one before.
* **Commands** come from the outbox: this workstation's rows, every unanswered one
  (queued or sent: they will be sent again) and the newest ``command_limit`` answered
  ones created since ``since``, with their times (created, first sent, answered) and
  errors; each answer's ``result`` from its ``ack`` frame in the journal, when it is there.

Frames are read through :func:`services.cache.frames.expand_frame` (the journal may keep
a frame compressed) with lean decoders (the fields a status change needs): the live client
validated each one when it arrived. A frame that does not decode is skipped and counted
in :attr:`CacheHistory.unreadable`.

Thread: like every use of a :class:`~services.cache.Cache`, on one thread at a time; the
console reads it before the feed's writer thread starts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy import Text, cast, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from services.cache.faults import CacheError, is_disk_fault, reason_of
from services.cache.frames import expand_frame
from services.cache.schema import entities, journal, outbox
from services.cache.store import Cache
from services.protocol.times import parse_ts

log = logging.getLogger(__name__)

INCIDENTS = "incidents"
#: how far the services' clocks may run ahead of this machine's (see _read_status_changes)
CLOCK_MARGIN_S = 600.0
_UNANSWERED = ("queued", "sent")
_CHUNK = 500  # values per IN (…) list


@dataclass(frozen=True, slots=True)
class IncidentStatusChange:
    """One version of an incident, as far as its status timeline needs it."""

    id: str
    status: str
    reported_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class OutboxCommand:
    """One command this workstation issued, as the outbox (and its ack frame) recorded it."""

    command_id: str
    kind: str  # the command type, e.g. "incident.dispatch"
    target: str
    data: dict[str, Any] | None  # the payload as sent (None if it no longer decodes)
    state: str  # queued | sent | accepted | refused
    issued_at: float  # the outbox row was committed
    sent_at: float | None  # first put on the wire
    answered_at: float | None
    error_code: str | None
    error_message: str | None
    result: dict[str, Any] | None


@dataclass(slots=True)
class CacheHistory:
    """The recent past as the cache holds it (see the module docstring)."""

    since: float
    #: incident id -> its status changes, oldest first (incidents in the cached picture)
    status_changes: dict[str, list[IncidentStatusChange]] = field(default_factory=dict)
    #: oldest first (issue order)
    commands: list[OutboxCommand] = field(default_factory=list)
    #: where the journal was read from: ``since``, or later when every incident in the
    #: picture was reported later (None: no incident in the picture, nothing read)
    read_from: float | None = None
    frames_read: int = 0  # journal rows read for the timelines
    unreadable: int = 0  # journal rows skipped because they did not decode


# --- lean frame decoders -----------------------------------------------------------------


class _Version(msgspec.Struct):
    id: str
    status: str
    reported_at: str
    updated_at: str


class _Removed(msgspec.Struct):
    id: str


class _Event(msgspec.Struct):
    topic: str
    seq: int
    type: str
    data: msgspec.Raw


class _Frame(msgspec.Struct):
    """An event, batch or snapshot frame (``op`` says which)."""

    op: str
    topic: str = ""
    seq: int = 0
    type: str = ""
    data: msgspec.Raw = msgspec.field(default_factory=lambda: msgspec.Raw(b"null"))
    events: list[_Event] = msgspec.field(default_factory=list)
    items: list[_Version] = msgspec.field(default_factory=list)
    part: int = 1
    parts: int = 1


class _Ack(msgspec.Struct):
    id: str
    result: dict[str, Any] | None = None


_frame_decoder = msgspec.json.Decoder(_Frame)
_version_decoder = msgspec.json.Decoder(_Version)
_removed_decoder = msgspec.json.Decoder(_Removed)
_ack_decoder = msgspec.json.Decoder(_Ack)
_data_decoder = msgspec.json.Decoder(dict[str, Any])


# --- reading -------------------------------------------------------------------------------


@contextmanager
def _reading(cache: Cache) -> Iterator[Connection]:
    """A connection; a fault of the disk or the file becomes a CacheError."""
    try:
        with cache.engine.connect() as conn:
            yield conn
    except (DBAPIError, OSError) as exc:
        if not is_disk_fault(exc):
            raise
        raise CacheError(reason_of(exc)) from exc


def read_history(
    cache: Cache, *, workstation: str, since: float, command_limit: int
) -> CacheHistory:
    """Incident status changes and this workstation's commands (module docstring);
    raises CacheError if the file cannot be read."""
    history = CacheHistory(since)
    with _reading(cache) as conn:
        _read_status_changes(conn, history)
        _read_commands(conn, history, workstation, command_limit)
    return history


class _Timelines:
    """Status changes per incident, folded from journal frames under the live rules."""

    def __init__(self) -> None:
        self.changes: dict[str, list[IncidentStatusChange]] = {}
        self._parts: list[list[_Version]] = []
        self._parts_seq: int | None = None

    def note(self, version: _Version) -> None:
        chain = self.changes.get(version.id)
        if chain is None:
            self.changes[version.id] = [_change(version)]
        elif chain[-1].status != version.status:
            chain.append(_change(version))

    def snapshot(self, frame: _Frame) -> None:
        if frame.part == 1:
            self._parts, self._parts_seq = [], frame.seq
        if frame.seq != self._parts_seq or len(self._parts) != frame.part - 1:
            self._parts, self._parts_seq = [], None  # out of order: the live client dropped it
            return
        self._parts.append(frame.items)
        if frame.part < frame.parts:
            return
        items = [version for part in self._parts for version in part]
        self._parts, self._parts_seq = [], None
        present = {version.id for version in items}
        for gone in [key for key in self.changes if key not in present]:
            del self.changes[gone]
        for version in items:
            self.note(version)

    def events(self, events: list[_Event], first: int, last: int) -> None:
        for event in events:
            if event.topic != INCIDENTS or not first <= event.seq <= last:
                continue  # not applied live (a duplicate, or past a gap)
            if event.type.endswith(".removed"):
                self.changes.pop(_removed_decoder.decode(event.data).id, None)
            else:
                self.note(_version_decoder.decode(event.data))


def _change(version: _Version) -> IncidentStatusChange:
    return IncidentStatusChange(version.id, version.status, version.reported_at, version.updated_at)


def _picture_incidents(conn: Connection) -> tuple[set[str], float | None]:
    """The incidents in the cached picture, and the earliest time one was reported."""
    reported = func.json_extract(cast(entities.c.payload, Text), "$.reported_at")
    query = select(entities.c.key, reported).where(entities.c.topic == INCIDENTS)
    keys: set[str] = set()
    earliest = ""  # protocol timestamps (UTC, "Z") sort as text to the second
    for key, stamp in conn.execute(query):
        keys.add(key)
        if isinstance(stamp, str) and (not earliest or stamp < earliest):
            earliest = stamp
    try:
        return keys, parse_ts(earliest).timestamp() if earliest else None
    except ValueError:
        return keys, None  # unreadable: read the whole window


def _first_row(conn: Connection, start: float) -> int | None:
    """The journal's first row received at ``start`` or later (by its time index: rows are
    written in the order they were received)."""
    query = (
        select(journal.c.id)
        .where(journal.c.received >= start)
        .order_by(journal.c.received, journal.c.id)
        .limit(1)
    )
    return conn.scalar(query)


def _read_status_changes(conn: Connection, history: CacheHistory) -> None:
    in_picture, earliest = _picture_incidents(conn)
    if not in_picture:
        return
    # No frame before the oldest incident in the picture was reported can be about one of
    # them (less a margin for the service's clock running ahead of this machine's).
    start = history.since if earliest is None else max(history.since, earliest - CLOCK_MARGIN_S)
    history.read_from = start
    first_row = _first_row(conn, start)
    if first_row is None:
        return
    query = (
        select(journal.c.kind, journal.c.first_seq, journal.c.last_seq, journal.c.frame)
        .where(
            journal.c.topic == INCIDENTS,  # by the (topic, id) index: no other topic's rows
            journal.c.id >= first_row,
            journal.c.kind.in_(("event", "batch", "snapshot")),
        )
        .order_by(journal.c.id)
    )
    timelines = _Timelines()
    first_error: str | None = None
    for kind, first, last, frame in conn.execute(query):
        history.frames_read += 1
        try:
            message = _frame_decoder.decode(expand_frame(frame))
            if kind == "snapshot":
                timelines.snapshot(message)
            elif first is not None and last is not None:
                if message.op == "event":
                    single = _Event(message.topic, message.seq, message.type, message.data)
                    timelines.events([single], first, last)
                else:
                    timelines.events(message.events, first, last)
        except msgspec.DecodeError as exc:  # ValidationError is a DecodeError
            history.unreadable += 1
            first_error = first_error or str(exc)
    if history.unreadable:
        log.warning(
            "%d journal frame(s) skipped while rebuilding timelines (the first: %s)",
            history.unreadable,
            first_error,
        )
    history.status_changes = {
        key: chain for key, chain in timelines.changes.items() if key in in_picture
    }


def _read_commands(conn: Connection, history: CacheHistory, workstation: str, limit: int) -> None:
    mine = outbox.c.workstation == workstation
    unanswered = select(outbox).where(mine, outbox.c.status.in_(_UNANSWERED))
    answered = (
        select(outbox)
        .where(mine, outbox.c.status.not_in(_UNANSWERED), outbox.c.created >= history.since)
        .order_by(outbox.c.created.desc(), outbox.c.id.desc())
        .limit(max(0, limit))
    )
    rows = [*conn.execute(unanswered), *conn.execute(answered)]
    rows.sort(key=lambda row: (row.created, row.id))
    results = _ack_results(conn, {row.id: row.acked_at for row in rows if row.acked_at})
    for row in rows:
        try:
            data: dict[str, Any] | None = _data_decoder.decode(row.data)
        except msgspec.DecodeError:
            data = None
        history.commands.append(
            OutboxCommand(
                command_id=row.id,
                kind=row.type,
                target=row.target,
                data=data,
                state=row.status,
                issued_at=row.created,
                sent_at=row.sent_at,
                answered_at=row.acked_at,
                error_code=row.error_code,
                error_message=row.error_message,
                result=results.get(row.id),
            )
        )


def _ack_results(conn: Connection, answered: dict[str, float]) -> dict[str, dict[str, Any] | None]:
    """The ``result`` of each answered command (id -> when its ack was received) from its
    ack frame in the journal, journalled at that very time."""
    results: dict[str, dict[str, Any] | None] = {}
    times = sorted(set(answered.values()))
    for chunk in (times[i : i + _CHUNK] for i in range(0, len(times), _CHUNK)):
        query = select(journal.c.frame).where(
            journal.c.received.in_(chunk), journal.c.kind == "ack"
        )
        for (frame,) in conn.execute(query):
            try:
                ack = _ack_decoder.decode(expand_frame(frame))
            except msgspec.DecodeError:
                continue  # an ack frame the live client rejected as well
            if ack.id in answered and ack.id not in results:
                results[ack.id] = ack.result
    return results
