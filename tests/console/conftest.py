"""Console fixtures: a real embedded backend on loopback, a session, the main window.

``make_desk`` builds the whole console the way ``command-centre`` does, on a temporary
data directory, and closes everything at the end; the test then fails if a feed, cache
or backend thread was left running (a leak).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from console.embedded import embedded_with
from console.session import ConsoleSession
from console.shell.main_window import MainWindow
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import free_port

OUR_THREADS = ("feed-network", "cache-writer", "backend-hub")

# A demo city whose terminals answer within a few seconds, no virtual dispatcher taking
# incidents from under the test, and calls often enough to see new ones arrive.
QUICK_CITY = {
    "auto_dispatch_after_s": None,
    "ack_median_s": 1.0,
    "ack_max_s": 3.0,
    "never_ack_probability": 0.0,
    "call_interval_s": 5.0,
}


@dataclass
class Desk:
    window: MainWindow
    session: ConsoleSession
    hub_config: HubConfig
    settings: Path

    def stop_backend(self) -> None:
        assert self.session.backend is not None
        self.session.backend.stop()

    def restart_backend(self) -> None:
        self.session.backend = BackendThread(self.hub_config).start()


@pytest.fixture
def make_desk(qtbot, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    def make(
        profile: dict | None = None,
        *,
        token: str = COMMANDER,
        settings: Path | None = None,
        **config: object,
    ) -> Desk:
        hub_config = HubConfig(
            data_dir=tmp_path / "backend",
            port=free_port(),
            tokens=TOKENS,
            profile_overrides=dict(QUICK_CITY if profile is None else profile),
        )
        backend = BackendThread(hub_config).start()
        session = embedded_with(backend, tmp_path, token=token, **config)
        sessions.append(session)
        session.start()
        settings = settings or tmp_path / "layout.ini"
        window = MainWindow(session, settings_path=settings)
        windows.append(window)
        window.show()
        return Desk(window, session, hub_config, settings)

    sessions: list[ConsoleSession] = []
    windows: list[MainWindow] = []
    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    for session in sessions:
        session.stop()
    leaked = [t.name for t in threading.enumerate() if t.name.startswith(OUR_THREADS)]
    assert not leaked, f"threads left running: {leaked}"
