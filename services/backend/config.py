"""Configuration of one reference-backend instance."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


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
