"""The cameras one /video connection watches, and the pump that renders their frames.

A binary frame is a 4-byte big-endian header length, a UTF-8 JSON header
``{"camera", "ts", "seq", "w", "h"}`` and one JPEG. Only the newest rendered frame of a
camera waits to be sent: an older one not yet sent is replaced (live video prefers the
newest picture), so a slow client never makes frames pile up.

Thread: on the hub's event-loop thread; JPEGs are rendered on the hub's media pool.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

from services.backend.video_frames import render_jpeg
from services.protocol.codec import ProtocolError, encode
from services.protocol.messages import Error, Unwatch, Watch
from services.protocol.times import format_ts, utc_now

if TYPE_CHECKING:
    from services.backend.host import SessionHost

MAX_WATCHED = 16


class VideoWatch:
    def __init__(
        self, hub: SessionHost, enqueue: Callable[[bytes], None], wake: Callable[[], None]
    ) -> None:
        self.hub = hub
        self._enqueue = enqueue
        self._wake = wake
        self.watched: dict[str, int] = {}  # camera id -> frame counter
        self.max_fps = 5.0
        self.max_width = 640
        self.frames: dict[str, bytes] = {}  # camera id -> newest frame not yet sent
        self._changed = asyncio.Event()

    def on_watch(self, message: Watch | Unwatch) -> None:
        if isinstance(message, Unwatch):
            for camera_id in message.cameras:
                self.watched.pop(camera_id, None)
                self.frames.pop(camera_id, None)
            return
        for camera_id in message.cameras:
            camera = self.hub.camera(camera_id)
            if camera is None:
                self._refuse("not_found", f"no camera {camera_id}")
            elif camera.get("stream", {}).get("kind") != "ws-jpeg":
                self._refuse("bad_request", f"{camera_id} streams from its own URL")
            elif len(self.watched) >= MAX_WATCHED and camera_id not in self.watched:
                self._refuse("bad_request", f"at most {MAX_WATCHED} cameras per connection")
            else:
                self.watched.setdefault(camera_id, 0)
        self.max_fps = min(message.max_fps, self.hub.config.video_fps_cap)
        self.max_width = message.max_width
        self._changed.set()

    def _refuse(self, code: str, message: str) -> None:
        self._enqueue(encode(Error(code=code, message=message)))

    async def pump(self) -> None:
        """Render every watched, online camera at ``max_fps``; forever."""
        loop = asyncio.get_running_loop()
        while True:
            if not self.watched:
                self._changed.clear()
                await self._changed.wait()
                continue
            started = loop.time()
            for camera_id in list(self.watched):
                camera = self.hub.camera(camera_id)
                if camera is None or camera.get("status") != "online":
                    continue
                moment = self.hub.sim.now if self.hub.sim else utc_now()
                jpeg, width, height = await loop.run_in_executor(
                    self.hub.media,
                    render_jpeg,
                    camera,
                    moment,
                    self.watched.get(camera_id, 0),
                    self.max_width,
                )
                if camera_id not in self.watched:
                    continue
                self.watched[camera_id] += 1
                header = msgspec.json.encode(
                    {
                        "camera": camera_id,
                        "ts": format_ts(moment),
                        "seq": self.watched[camera_id],
                        "w": width,
                        "h": height,
                    }
                )
                self.frames[camera_id] = struct.pack(">I", len(header)) + header + jpeg
                self._wake()
            period = 1.0 / self.max_fps
            await asyncio.sleep(max(0.0, period - (loop.time() - started)))


def check_video_op(service: str, message: Watch | Unwatch) -> None:
    """Watch and unwatch exist only on /video."""
    if service != "video":
        raise ProtocolError("bad_request", f"{type(message).__name__.lower()} is a /video op")
