"""The feed client's /video watch: what it asks is what the hub sends, also after a reconnect."""

from __future__ import annotations

import json
import struct
import threading
import time
from pathlib import Path

import pytest

from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.cache import Cache
from services.client.feed import FeedClient
from tests.services.backend.wsclient import TOKENS
from tests.services.client.helpers import Mirror, client_config, free_port


class FrameLog:
    """The video sink: which camera each binary frame was of, and when it came."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.frames: list[tuple[float, str, int]] = []

    def __call__(self, frame: bytes) -> None:
        (length,) = struct.unpack(">I", frame[:4])
        header = json.loads(frame[4 : 4 + length])
        with self.lock:
            self.frames.append((time.monotonic(), header["camera"], header["w"]))
            self.lock.notify_all()

    def cameras_since(self, moment: float) -> set[str]:
        with self.lock:
            return {camera for at, camera, _w in self.frames if at >= moment}

    def wait_for(self, camera: str, after: float, timeout: float = 20.0) -> None:
        with self.lock:
            found = self.lock.wait_for(
                lambda: any(c == camera and at >= after for at, c, _w in self.frames), timeout
            )
        assert found, f"no frame of {camera} within {timeout} s"


@pytest.fixture
def hub(tmp_path: Path) -> HubConfig:
    return HubConfig(data_dir=tmp_path / "hub", port=free_port(), tokens=TOKENS, simulate=False)


def online_cameras(mirror: Mirror, count: int) -> list[str]:
    mirror.wait(lambda m: len(m.state.get("cameras", {})) > 50)
    with mirror.lock:
        cameras = [json.loads(raw) for raw in mirror.state["cameras"].values()]
    return sorted(c["id"] for c in cameras if c["status"] == "online")[:count]


def test_the_hub_sends_what_is_watched_stops_what_is_unwatched_and_resumes_after_reconnect(
    hub: HubConfig, tmp_path: Path
) -> None:
    backend = BackendThread(hub).start()
    mirror, frames = Mirror(), FrameLog()
    feed = FeedClient(client_config(hub.port), Cache(tmp_path / "cache.sqlite3"), mirror)
    feed.video_sink = frames
    try:
        feed.watch_video(["C-0001"], 5, 320)  # before start: applied once connected
        feed.start()
        first, second = online_cameras(mirror, 2)
        feed.watch_video([first, second], 5, 320)
        started = time.monotonic()
        frames.wait_for(first, started)
        frames.wait_for(second, started)
        assert {w for _at, c, w in frames.frames if c == first} == {320}

        feed.watch_video([first], 5, 320)  # the second is unwatched
        time.sleep(0.5)  # a frame already on its way may still arrive
        quiet_from = time.monotonic()
        frames.wait_for(first, quiet_from + 1.0)
        assert frames.cameras_since(quiet_from) == {first}

        backend.stop()
        mirror.wait(lambda m: m.statuses.get("video") == "offline", 30)
        backend = BackendThread(hub).start()
        back = time.monotonic()
        frames.wait_for(first, back, timeout=30)  # re-watched on the new link
        assert frames.cameras_since(back) == {first}
    finally:
        feed.stop()
        backend.stop()
