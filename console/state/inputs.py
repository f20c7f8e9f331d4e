"""What the situation store takes in, stated by the store itself.

The store depends on no data source: these protocols name exactly the fields it reads.
The live feed client's :mod:`services.client.batch` dataclasses have them, and so will
a replay's; anything else that has them can feed the store too (tests build them with
``tests/console/state/builders.py``). Read-only properties, so a source's own mutable
dataclasses match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol


class ServiceStatus(Protocol):
    """A service connection's state: connecting, live, resyncing, offline, unauthorized."""

    @property
    def service(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def since(self) -> float: ...  # wall clock
    @property
    def detail(self) -> str: ...
    @property
    def last_frame_at(self) -> float | None: ...
    @property
    def role(self) -> str | None: ...


class AckResult(Protocol):
    """The server's answer to a command."""

    @property
    def command_id(self) -> str: ...
    @property
    def ok(self) -> bool: ...
    @property
    def result(self) -> dict[str, Any] | None: ...
    @property
    def error_code(self) -> str | None: ...
    @property
    def error_message(self) -> str | None: ...
    @property
    def received_at(self) -> float: ...


class JournalEntry(Protocol):
    """One received frame, as far as freshness needs it (a quiet topic's ``heads``)."""

    @property
    def service(self) -> str: ...
    @property
    def received_at(self) -> float: ...
    @property
    def kind(self) -> str: ...
    @property
    def topic(self) -> str | None: ...


class TopicReset(Protocol):
    """A complete snapshot of one topic: key -> validated entity."""

    @property
    def topic(self) -> str: ...
    @property
    def items(self) -> Mapping[str, Any]: ...


class StoreBatch(Protocol):
    """One coalesced batch (see ``services/client/batch.py`` for the rules it follows)."""

    @property
    def resets(self) -> Sequence[TopicReset]: ...
    @property
    def upserts(self) -> Mapping[str, Mapping[str, Any]]: ...
    @property
    def removals(self) -> Mapping[str, Iterable[str]]: ...
    @property
    def received(self) -> Mapping[str, float]: ...
    @property
    def cursors(self) -> Mapping[str, tuple[str, int]]: ...  # topic -> (epoch, seq) after it
    @property
    def journal(self) -> Sequence[JournalEntry]: ...
    @property
    def statuses(self) -> Mapping[str, ServiceStatus]: ...
    @property
    def rejected(self) -> Mapping[str, int]: ...
    @property
    def events(self) -> int: ...
    @property
    def sent(self) -> Sequence[str]: ...
    @property
    def acks(self) -> Sequence[AckResult]: ...
    @property
    def queued(self) -> Sequence[str]: ...
    @property
    def not_queued(self) -> Mapping[str, str]: ...
    @property
    def queued_at(self) -> Mapping[str, float]: ...  # id -> when its outbox row was committed
    @property
    def sent_at(self) -> Mapping[str, float]: ...  # id -> when it went on the wire
