"""One running console: where its data comes from and the objects every panel shares.

``ConsoleSession`` composes the feed client, the local cache, the situation store, the
Qt bridge and the command controller. With no configuration it first starts the
reference backend in-process (the embedded default: the simulated S city) on a loopback
port and connects to it with the token the backend wrote for it.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from console.bridge import FeedBridge
from console.config import ConsoleConfig, ServiceSetting
from console.controller import CommandController
from console.state import SituationStore, StatePolicy
from console.state.sla import SlaPolicy, SlaTargets
from services.backend.config import HubConfig, default_data_dir
from services.backend.runner import BackendThread
from services.cache import Cache, CacheHealth, CacheOpening
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from services.protocol.entities import SERVICE_TOPICS, SERVICES


def embedded_data_dir() -> Path:
    return default_data_dir().parent / "embedded"


def embedded_config(
    backend: BackendThread, data_dir: Path, *, token: str | None = None, **overrides: object
) -> ConsoleConfig:
    """A configuration for a backend in this process (its own token unless one is given)."""
    token = token or backend.token
    services = {s: ServiceSetting(backend.url(s), token) for s in SERVICES}
    options: dict[str, object] = {"cache": data_dir / "console.sqlite3", "operator": "duty"}
    options.update(overrides)
    return ConsoleConfig(services=services, **options)  # type: ignore[arg-type]


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
        sla=sla,
    )


class ConsoleSession:
    def __init__(
        self,
        config: ConsoleConfig,
        *,
        backend: BackendThread | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.backend = backend
        #: the console's notion of "now": wall time live; a replay's clock in training
        self.clock = clock
        self.store = SituationStore(clock=clock, policy=policy_of(config))
        self.bridge = FeedBridge(self.store)
        cache_path = config.cache or default_data_dir().parent / f"{config.workstation}.sqlite3"
        client_config = ClientConfig(
            endpoints={
                name: Endpoint(name, setting.url, setting.token, setting.tls)
                for name, setting in config.services.items()
            },
            topics={name: SERVICE_TOPICS[name] for name in config.services},
            operator=config.operator,
            workstation=config.workstation,
            client_name=f"console/0.1 {config.workstation}",
        )
        self.feed = FeedClient(client_config, Cache(cache_path), self.bridge.sink)
        self.controller = CommandController(self.feed, self.store)

    @classmethod
    def embedded(cls, hub: HubConfig | None = None, **config_overrides: object) -> ConsoleSession:
        """Start the reference backend in-process and a session connected to it."""
        hub = hub or HubConfig(data_dir=embedded_data_dir() / "backend", port=0)
        return cls.embedded_with(
            BackendThread(hub).start(), hub.data_dir.parent, **config_overrides
        )

    @classmethod
    def embedded_with(
        cls,
        backend: BackendThread,
        data_dir: Path,
        *,
        token: str | None = None,
        **config_overrides: object,
    ) -> ConsoleSession:
        """A session on an already running backend (tests, drills with several desks)."""
        config = embedded_config(backend, data_dir, token=token, **config_overrides)
        return cls(config, backend=backend)

    def cache_opening(self) -> CacheOpening:
        """How the local cache was found at start: anything but ``ok`` (a damaged file
        moved aside, a read-only or unusable cache) is said once on screen."""
        return self.feed.cache_opening

    def cache_health(self) -> CacheHealth:
        """Whether the local cache takes writes now (any thread)."""
        return self.feed.cache_health

    def start(self) -> None:
        """Load the cached picture, then connect (returns at once; data flows in)."""
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
