"""The opinion desk against the real embedded backend, with the city under the test's
control: the hub's simulator does not run on its own (``simulate=False``); the test
steps it a simulated minute at a time on the hub's thread — its events go through the
hub's log, the websockets, the feed client, the cache and the bridge like any others —
and the console's clock is a fake that follows the simulated clock. An hour of city
takes seconds, and every run is the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.embedded import embedded_config
from console.session import ConsoleSession
from console.shell.main_window import MainWindow
from console.state.opinion import OpinionPolicy
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from tests.console.state.builders import FakeClock
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import free_port

OUR_THREADS = ("feed-network", "cache-writer", "backend-hub")
START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
LIVE = 20000  # ms: generous for a loaded machine; waits end as soon as true

#: a small city (few position fixes to carry), calls now and then, nothing spiking
SMALL_CITY: dict[str, object] = {
    "units": 10,
    "cameras": 5,
    "call_interval_s": 120.0,
    "alert_spike_scale": 0.0,
}


@dataclass
class OpinionDesk:
    window: MainWindow
    session: ConsoleSession
    hub_config: HubConfig
    clock: FakeClock
    qtbot: object
    raised: list = field(default_factory=list)

    @property
    def store(self):
        return self.session.store

    @property
    def feed(self):
        return self.window.opinion

    @property
    def monitor(self):
        return self.window.opinion.monitor

    def live(self) -> bool:
        states = [self.store.service_status(s) for s in ("cad", "avl", "video", "opinion")]
        return all(s is not None and s.state == "live" for s in states)

    def minutes(self, count: int, after_each: Callable[[], None] | None = None) -> None:
        """Step the city ``count`` simulated minutes; after each, the console's clock
        moves on a minute and the monitor's tick runs (what the window's ticker does)."""
        for _ in range(count):
            expected = self._step_hub(60.0)
            self.qtbot.waitUntil(lambda e=expected: self._arrived(e), timeout=LIVE)
            self.clock.advance(60.0)
            self.monitor.tick()
            if after_each is not None:
                after_each()

    def _step_hub(self, seconds: float) -> dict[str, int | None]:
        backend = self.session.backend
        assert backend is not None
        assert backend.hub is not None
        hub = backend.hub

        def step() -> dict[str, int | None]:
            assert hub.sim is not None
            emitted = hub.sim.step(seconds)
            hub._submit(emitted)  # the hub's own path: log, then fan-out
            return {
                e.data["id"]: None if e.type.endswith(".removed") else e.data["version"]
                for e in emitted
                if e.topic == "alerts"
            }

        return backend.call(step)

    def _arrived(self, expected: dict[str, int | None]) -> bool:
        alerts = self.store.alerts
        return all(
            key not in alerts
            if version is None
            else key in alerts and alerts[key].version >= version
            for key, version in expected.items()
        )

    def stop_backend(self) -> None:
        assert self.session.backend is not None
        self.session.backend.stop()

    def restart_backend(self) -> None:
        self.session.backend = BackendThread(self.hub_config).start()


@pytest.fixture
def opinion_desk(qtbot, tmp_path: Path) -> Iterator[Callable[..., OpinionDesk]]:
    def make(
        profile: dict | None = None,
        *,
        policy: OpinionPolicy | None = None,
        settings: Path | None = None,
    ) -> OpinionDesk:
        hub_config = HubConfig(
            data_dir=tmp_path / "backend",
            port=free_port(),
            tokens=TOKENS,
            simulate=False,
            start=START,
            profile_overrides={**SMALL_CITY, **(profile or {})},
        )
        backend = BackendThread(hub_config).start()
        clock = FakeClock()
        clock.now = START.timestamp()
        config = embedded_config(
            backend, tmp_path, token=COMMANDER, opinion=policy or OpinionPolicy()
        )
        session = ConsoleSession(config, backend=backend, clock=clock)
        sessions.append(session)
        session.start()
        window = MainWindow(session, settings_path=settings or tmp_path / "layout.ini")
        windows.append(window)
        window.show()
        desk = OpinionDesk(window, session, hub_config, clock, qtbot)
        window.opinion.monitor.warningRaised.connect(desk.raised.append)
        qtbot.waitUntil(lambda: desk.live() and bool(desk.store.alerts), timeout=LIVE)
        desk.monitor.tick()  # the first sample primes the baselines
        return desk

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
