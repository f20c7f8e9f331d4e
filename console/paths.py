"""Where the console keeps its files: ``$XDG_DATA_HOME/command-centre`` (by default
``~/.local/share/command-centre``) — caches, layouts, the embedded backend's data."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "command-centre"
