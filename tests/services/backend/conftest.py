from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from tests.services.backend.wsclient import TOKENS

START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


@pytest.fixture
def make_hub(tmp_path: Path) -> Iterator[Callable[..., BackendThread]]:
    """Start hubs on loopback (port 0) with the test tokens; all stopped at the end."""
    started: list[BackendThread] = []

    def make(data_dir: Path | None = None, **options: object) -> BackendThread:
        options.setdefault("tokens", TOKENS)
        options.setdefault("start", START)
        config = HubConfig(data_dir=data_dir or tmp_path / "hub", port=0, **options)  # type: ignore[arg-type]
        backend = BackendThread(config).start()
        started.append(backend)
        return backend

    yield make
    for backend in started:
        backend.stop()
