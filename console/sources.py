"""Data sources: where a session's batches come from and where its commands go.

A session consumes exactly one :class:`DataSource`. The live one is the feed client
(``services/client/feed.py``): websocket subscriptions to the backend services, the
local cache, the durable outbox. A replay of a recording is another (it delivers the
recorded batches against the replay clock and keeps every command in the console). The
source calls the ``sink`` it was built with — on a thread of its own — with each
coalesced :class:`~services.client.batch.IngestBatch`; the session's bridge carries them
to the UI thread and into the store.
"""

from __future__ import annotations

from typing import Any, Protocol

from services.cache import CacheHealth, CacheOpening


class DataSource(Protocol):
    def start(self) -> None:
        """Deliver the last known picture, then live (or replayed) batches."""

    def stop(self) -> None:
        """Stop delivering and join every thread; idempotent."""

    def submit_command(
        self,
        service: str,
        command_type: str,
        data: dict[str, Any],
        *,
        target: str = "",
        command_id: str | None = None,
    ) -> str:
        """Take an operator's command; returns its id at once."""

    @property
    def cache_health(self) -> CacheHealth:
        """Whether the source's local store takes writes now."""

    @property
    def cache_opening(self) -> CacheOpening:
        """How the source's local store was found at start."""
