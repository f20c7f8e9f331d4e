"""Configuration of one reference-backend instance."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from services.backend.camera_file import CameraSpec


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "command-centre" / "backend"


@dataclass(frozen=True)
class HubConfig:
    """Everything a hub needs to start; defaults are the protocol's and the demo city's."""

    data_dir: Path = field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8765
    seed: int = 1
    profile: str = "demo"
    #: Profile fields to change, e.g. {"never_ack_probability": 0.0} for a drill.
    profile_overrides: dict[str, Any] = field(default_factory=dict)
    #: token -> role; empty means "generate a commander token into the data directory".
    tokens: dict[str, str] = field(default_factory=dict)
    #: simulated seconds per real second (training drills and tests fast-forward).
    speed: float = 1.0
    tick_s: float = 0.1
    #: False freezes the simulated city (commands still work): for protocol tests.
    simulate: bool = True
    #: a training backend accepts commands from the trainee role.
    training: bool = False
    #: simulation clock at the first start of a fresh data directory (default: now).
    start: datetime | None = None
    hello_timeout_s: float = 5.0
    heads_interval_s: float = 5.0
    #: events per topic kept in memory for resumes without touching the disk.
    window: int = 100_000
    retention_events: int = 500_000
    retention_s: float = 24 * 3600.0
    prune_interval_s: float = 60.0
    #: frames per second a video watch may never exceed, whatever it asks for.
    video_fps_cap: float = 15.0
    #: real cameras served on /video as URL streams (``--cameras FILE``)
    cameras: tuple[CameraSpec, ...] = ()
    # --- per-connection budgets (docs/protocol.md, "Budgets and close codes") ---------
    #: commands a second and the burst saved up (token bucket); past it `rate_limited`.
    command_rate_per_s: float = 20.0
    command_burst: int = 200
    #: subscribe, unsubscribe, watch and unwatch frames a second, and the burst.
    subscribe_rate_per_s: float = 2.0
    subscribe_burst: int = 30
    #: bytes of control frames and snapshot parts waiting for one client before it is
    #: closed with 1013 (a cad snapshot of the load city is about 2.2 MB).
    send_queue_bytes: int = 16 << 20
    #: a send that cannot complete in this long closes the client with 1013 ...
    send_timeout_s: float = 10.0
    #: ... and a close that cannot complete in this long drops the TCP connection.
    close_grace_s: float = 5.0
    #: acks kept in memory (the most recent); older ones (< 48 h) are read from the log.
    ack_memory: int = 100_000
    # --- failed hellos per address (services/backend/guards.py, FailedHellos) --------
    #: failed hellos in a minute from one address before its refusals are delayed.
    hello_failures_per_minute: int = 5
    hello_failure_delay_s: float = 2.0
    #: serve wss:// with this context (services/backend/tls.py); None serves ws://.
    tls: ssl.SSLContext | None = None
