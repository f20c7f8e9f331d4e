"""One running console: where its data comes from and the objects every panel shares.

``ConsoleSession`` composes a data source (the live feed client with its local cache
today; a recording in replay), the situation store, the Qt bridge, the one clock and
the command controller. It knows services only by the URLs and tokens of its
configuration; the embedded default (the reference backend in a child process) is set
up by ``console/embedded.py``, which hands the session the backend to stop with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

from console.bridge import FeedBridge
from console.config import ConsoleConfig
from console.controller import CommandController
from console.history import restore_history
from console.paths import data_home
from console.sources import DataSource
from console.state import SituationStore, StatePolicy
from console.state.clock import Clock
from console.state.sla import SlaPolicy, SlaTargets
from services.cache import Cache, CacheHealth, CacheOpening, CacheSize
from services.cache.checkpoints import CheckpointRecorder
from services.client.batch import IngestBatch
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from services.protocol.entities import SERVICE_TOPICS
from services.protocol.limits import LABEL_CHARS


class Stoppable(Protocol):
    def stop(self) -> None: ...


def policy_of(config: ConsoleConfig) -> StatePolicy:
    sla = SlaPolicy()
    if config.sla:
        targets = dict(sla.targets)
        targets.update({p: SlaTargets(d, o) for p, (d, o) in config.sla.items()})
        sla = SlaPolicy(targets=targets)
    return dataclasses.replace(
        StatePolicy(),
        ack_escalation_s=config.ack_escalation_s,
        fatigue_after_s=config.fatigue_hours * 3600.0,
        dispatch=config.dispatch_safety,
        sla=sla,
    )


def live_source(config: ConsoleConfig, sink: Callable[[IngestBatch], None]) -> FeedClient:
    """The live data source: the feed client on the configured services, with its cache."""
    cache_path = config.cache or data_home() / f"{config.workstation}.sqlite3"
    client_config = ClientConfig(
        endpoints={
            name: Endpoint(name, setting.url, setting.token, setting.tls, setting.more_urls)
            for name, setting in config.services.items()
        },
        topics={name: SERVICE_TOPICS[name] for name in config.services},
        operator=config.operator,
        workstation=config.workstation,
        # the orders' "By"; a hello longer than a label is refused, so the name is cut to fit
        client_name=f"console/0.1 {config.workstation} ({config.operator})"[:LABEL_CHARS],
    )
    cache = Cache(
        cache_path,
        journal_retention_s=config.cache_retention_days * 86400.0,
        max_bytes=int(config.cache_max_mb * 1024 * 1024),
    )
    # The journal is the recording; a checkpoint every few minutes lets a replay seek.
    return FeedClient(client_config, cache, CheckpointRecorder(cache.write_checkpoint, sink))


class ConsoleSession:
    def __init__(
        self,
        config: ConsoleConfig,
        *,
        backend: Stoppable | None = None,
        clock: Callable[[], float] | None = None,
        source: Callable[[ConsoleConfig, Callable[[IngestBatch], None]], DataSource] = live_source,
    ) -> None:
        self.config = config
        #: a backend this session started and stops with itself (the embedded default)
        self.backend = backend
        #: the console's one clock: wall time live; a replay's clock in training
        self.clock: Callable[[], float] = clock if clock is not None else Clock()
        self.store = SituationStore(clock=self.clock, policy=policy_of(config))
        self.bridge = FeedBridge(self.store)
        #: where batches come from and commands go (the live feed client by default)
        self.feed: DataSource = source(config, self.bridge.sink)
        #: "live", "replay" (a recording; no command leaves) or "training" (a sandbox)
        self.mode: str = getattr(self.feed, "mode", "live")
        self.controller = CommandController(self.feed, self.store)

    def cache_opening(self) -> CacheOpening:
        """How the local cache was found at start: anything but ``ok`` (a damaged file
        moved aside, a read-only or unusable cache) is said once on screen."""
        return self.feed.cache_opening

    def cache_health(self) -> CacheHealth:
        """Whether the local cache takes writes now (any thread)."""
        return self.feed.cache_health

    def cache_size(self) -> CacheSize | None:
        """The local cache's size against its cap ([cache] max_mb); None without a cache
        (a replay reads a recording and keeps none)."""
        cache = getattr(self.feed, "cache", None)
        return cache.size_status if cache is not None else None

    def start(self) -> None:
        """Restore the history the cache keeps (console/history.py), load the cached
        picture, then connect (returns at once; data flows in)."""
        restore_history(self.store, self.feed, workstation=self.config.workstation)
        self.feed.start()

    def role(self) -> str | None:
        """The role the services granted (the most restrictive if they disagree)."""
        order = ["viewer", "wall", "trainee", "dispatcher", "commander"]
        roles = [s.role for s in self.store.service_statuses.values() if s.role]
        return min(roles, key=lambda r: order.index(r) if r in order else 0) if roles else None

    def stop(self) -> None:
        self.feed.stop()
        self.bridge.stop()
        if self.backend is not None:
            self.backend.stop()
