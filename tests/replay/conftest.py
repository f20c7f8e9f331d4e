"""A recorded shift for the replay tests: a live console on a real hub (through a relay
that counts the commands it forwards), its cache journal and checkpoints, and a canonical
digest of the live store after every batch it applied, with the newest receive time the
store had seen by then."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from console.config import ServiceSetting
from console.embedded import embedded_config
from console.replay.digest import store_digest
from console.session import ConsoleSession
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.cache import checkpoints
from tests.console.conftest import QUICK_CITY
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import free_port
from tests.services.client.test_command_path import CountingRelay

RECORD_S = 14.0
OUR_THREADS = ("feed-network", "cache-writer", "backend-hub", "replay-player", "replay-index")


def pump(until: Callable[[], bool], timeout: float) -> bool:
    """Run Qt events until ``until()`` or ``timeout`` seconds; whether it came true."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if until():
            return True
        time.sleep(0.01)
    return until()


def record_wall(session: ConsoleSession, rows: list) -> None:
    session.feed.run_on_writer(  # type: ignore[attr-defined]
        lambda cache: cache.record_tile_changes(rows), "test wall rows not recorded"
    )


@dataclass
class Shift:
    cache: Path
    hub: BackendThread
    relay: CountingRelay
    relay_port: int
    #: (newest receive time seen, store digest) after every live apply
    hub_data: Path = Path()
    samples: list[tuple[float, str]] = field(default_factory=list)
    live_command: str = ""
    #: video-wall tile changes recorded: (time, workstation, tile, camera, trigger)
    wall: list = field(default_factory=list)


@pytest.fixture(scope="package")
def recorded_shift(qapp, tmp_path_factory) -> Iterator[Shift]:
    tmp = tmp_path_factory.mktemp("shift")
    patch = pytest.MonkeyPatch()
    patch.setattr(checkpoints, "DEFAULT_CHECKPOINT_INTERVAL_S", 3.0)
    hub = BackendThread(
        HubConfig(
            data_dir=tmp / "backend",
            port=free_port(),
            tokens=TOKENS,
            # a virtual dispatcher: incidents get dispatched, so response times exist
            profile_overrides={**QUICK_CITY, "auto_dispatch_after_s": 20.0},
            speed=20.0,
        )
    ).start()
    relay = CountingRelay(hub.port).__enter__()
    config = embedded_config(hub, tmp, token=COMMANDER)
    services = {
        name: ServiceSetting(f"ws://127.0.0.1:{relay.port}/{name}", COMMANDER)
        for name in config.services
    }
    config = dataclasses.replace(config, services=services)
    session = ConsoleSession(config)
    shift = Shift(tmp / "console.sqlite3", hub, relay, relay.port, tmp / "backend")
    seen = [0.0]
    live_apply = session.store.apply

    def apply(batch):  # type: ignore[no-untyped-def]
        for entry in batch.journal:
            seen[0] = max(seen[0], entry.received_at)
        changes = live_apply(batch)
        if seen[0]:
            shift.samples.append((seen[0], store_digest(session.store)))
        return changes

    session.store.apply = apply  # type: ignore[method-assign]
    session.start()
    try:
        assert pump(lambda: len(session.store.incidents) > 0, 30), "no incidents arrived"
        incident = next(iter(session.store.incidents))
        shift.live_command = session.controller.update_incident(incident, note="live note")
        pump(lambda: False, RECORD_S / 3)
        # what a desk's video wall records (widgets/video): two tiles, then one emptied
        first, second = sorted(session.store.cameras)[:2]
        shift.wall = [
            (time.time(), "ws-test", 0, first, "operator"),
            (time.time(), "ws-test", 1, second, "operator"),
        ]
        record_wall(session, shift.wall)
        pump(lambda: False, RECORD_S / 3)
        shift.wall.append((time.time(), "ws-test", 0, None, "operator"))
        record_wall(session, shift.wall[-1:])
        pump(lambda: False, RECORD_S / 3)
    finally:
        session.stop()
        patch.undo()
    yield shift
    relay.__exit__()
    hub.stop()
    leaked = [t.name for t in threading.enumerate() if t.name.startswith(OUR_THREADS)]
    assert not leaked, f"threads left running: {leaked}"
