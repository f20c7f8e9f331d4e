"""The embedded default: the reference backend (the simulated S city) in this process.

With console/fork.py (a training sandbox forked from a replay), the only console
module that knows the reference backend exists. ``command-centre`` with no
configuration calls :func:`start_embedded`: the hub starts on a free loopback
port with its data under ``~/.local/share/command-centre/embedded/backend``, writes a
commander token for the console, and the session connects to it like to any backend;
the session stops the hub when it stops. Everything else in the console sees only a
:class:`~console.config.ConsoleConfig` of URLs and tokens.
"""

from __future__ import annotations

from pathlib import Path

from console.config import ConsoleConfig, ServiceSetting
from console.paths import data_home
from console.session import ConsoleSession
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.protocol.entities import SERVICES


def embedded_data_dir() -> Path:
    return data_home() / "embedded"


def embedded_config(
    backend: BackendThread, data_dir: Path, *, token: str | None = None, **overrides: object
) -> ConsoleConfig:
    """A configuration for a backend in this process (its own token unless one is given)."""
    token = token or backend.token
    services = {s: ServiceSetting(backend.url(s), token) for s in SERVICES}
    options: dict[str, object] = {"cache": data_dir / "console.sqlite3", "operator": "duty"}
    options.update(overrides)
    return ConsoleConfig(services=services, **options)  # type: ignore[arg-type]


def embedded_with(
    backend: BackendThread,
    data_dir: Path,
    *,
    token: str | None = None,
    **config_overrides: object,
) -> ConsoleSession:
    """A session on an already running backend, which it stops when it stops (tests,
    drills with several desks)."""
    config = embedded_config(backend, data_dir, token=token, **config_overrides)
    return ConsoleSession(config, backend=backend)


def start_embedded(
    data_dir: Path | None = None,
    *,
    seed: int = 1,
    profile: str = "demo",
    **config_overrides: object,
) -> ConsoleSession:
    """Start the reference backend in-process and a session connected to it."""
    data = data_dir or embedded_data_dir()
    hub = HubConfig(data_dir=data / "backend", port=0, seed=seed, profile=profile)
    return embedded_with(BackendThread(hub).start(), data, **config_overrides)
