"""Where the wall's pictures come from: /video watches, JPEG decoding and URL streams.

:meth:`VideoSources.play` is told, by the UI thread, which camera each *visible* tile
shows and at what size. From that it:

* points the workers at the tiles (:class:`~widgets.video.frames.Targets`);
* watches exactly the visible ``ws-jpeg`` cameras on /video through the feed client —
  at the largest width and frame rate any of their tiles needs — and unwatches the rest
  (sent at most every :data:`WATCH_DEBOUNCE_MS`, since the hub rate-limits watches);
* runs one :class:`~widgets.video.url_stream.UrlStream` per visible ``url`` camera and
  stops those no tile shows any more.

Frame rate per tile size: :func:`fps_for_width`. Decoded frames reach the UI thread
through :attr:`VideoSources.relay` (see widgets/video/frames.py).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer

from services.protocol.entities import Camera
from services.protocol.entities import UrlStream as UrlStreamSpec
from widgets.video.frames import FrameRelay, FrameSlot, Target, Targets
from widgets.video.jpeg import JpegDecoder
from widgets.video.layouts import MAX_TILES

if TYPE_CHECKING:  # PyAV loads with the first url camera's stream
    from widgets.video.url_stream import UrlStream

WATCH_DEBOUNCE_MS = 300
MIN_WATCH_WIDTH, MAX_WATCH_WIDTH = 160, 1280


class VideoFeed(Protocol):
    """What the wall needs of the feed client (services/client/feed.py)."""

    video_sink: Callable[[bytes], None] | None

    def watch_video(self, cameras: Sequence[str], max_fps: float, max_width: int) -> None: ...


def fps_for_width(width: int) -> float:
    """Frames per second a tile of ``width`` device pixels asks for: 10 for a large
    tile (a maximised camera, the big tile of 1 + 5), 5 otherwise."""
    return 10.0 if width >= 800 else 5.0


@dataclass(frozen=True, slots=True)
class TilePlay:
    """What one visible tile plays."""

    camera: Camera
    width: int  # device pixels
    height: int


class VideoSources(QObject):
    """The decoders and the /video watch behind the tiles (UI-thread methods)."""

    def __init__(
        self,
        feed: VideoFeed | None,
        *,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.relay = FrameRelay(self)
        self.slots = [FrameSlot(i) for i in range(MAX_TILES)]
        self.targets = Targets()
        self._clock = clock
        self._feed = feed
        self.jpeg = JpegDecoder(self.relay, self.targets, clock=clock)
        self.jpeg.start()
        self.streams: dict[str, UrlStream] = {}
        self._retired: list[UrlStream] = []
        self._url_fps: dict[str, float] = {}
        self._watch: tuple[tuple[str, ...], float, int] = ((), 5.0, 640)
        self._watch_sent: tuple[tuple[str, ...], float, int] | None = None
        self._watch_timer = QTimer(self)
        self._watch_timer.setSingleShot(True)
        self._watch_timer.setInterval(WATCH_DEBOUNCE_MS)
        self._watch_timer.timeout.connect(self._send_watch)
        self._closed = False
        if feed is not None:
            feed.video_sink = self.jpeg.offer

    def play(self, tiles: Mapping[int, TilePlay]) -> None:
        """The visible tiles and their cameras; everything else stops."""
        if self._closed:
            return
        mapping: dict[str, list[Target]] = {}
        fps: dict[str, float] = {}
        for index, play in tiles.items():
            camera_id = play.camera.id
            mapping.setdefault(camera_id, []).append(
                Target(self.slots[index], play.width, play.height)
            )
            fps[camera_id] = max(fps.get(camera_id, 0.0), fps_for_width(play.width))
        for index, slot in enumerate(self.slots):
            if index not in tiles:
                slot.clear()
        self.targets.replace({camera: tuple(targets) for camera, targets in mapping.items()})
        cameras = {play.camera.id: play.camera for play in tiles.values()}
        self._url_fps = {
            k: v for k, v in fps.items() if isinstance(cameras[k].stream, UrlStreamSpec)
        }
        self._run_url_streams(cameras)
        jpeg = sorted(k for k, c in cameras.items() if not isinstance(c.stream, UrlStreamSpec))
        widths = [t.width for k in jpeg for t in mapping[k]]
        width = max(widths, default=640)
        width = min(MAX_WATCH_WIDTH, max(MIN_WATCH_WIDTH, math.ceil(width / 16) * 16))
        self._watch = (tuple(jpeg), max((fps[k] for k in jpeg), default=5.0), width)
        if self._watch != self._watch_sent and not self._watch_timer.isActive():
            self._watch_timer.start()

    def _run_url_streams(self, cameras: Mapping[str, Camera]) -> None:
        wanted = {
            key: camera.stream.url
            for key, camera in cameras.items()
            if isinstance(camera.stream, UrlStreamSpec)
        }
        for key, stream in list(self.streams.items()):
            if wanted.get(key) != stream.url:
                stream.stop()
                self._retired.append(self.streams.pop(key))
        if wanted:
            from widgets.video.url_stream import UrlStream  # noqa: PLC0415 (see imports)
        for key, url in wanted.items():
            if key not in self.streams:
                self.streams[key] = UrlStream(
                    key, url, self.relay, self.targets,
                    lambda k=key: self._url_fps.get(k, 5.0), clock=self._clock,
                ).start()  # fmt: skip
        self._retired = [stream for stream in self._retired if stream.alive]

    def _send_watch(self) -> None:
        if self._feed is not None and self._watch != self._watch_sent:
            self._feed.watch_video(*self._watch)
            self._watch_sent = self._watch

    @property
    def watched(self) -> tuple[str, ...]:
        """The ws-jpeg cameras the wall watches (or is about to)."""
        return self._watch[0]

    def stats(self) -> dict[str, int]:
        """Totals for benchmarks and the log: decoded, shown and dropped frames."""
        decoded = sum(self.jpeg.decoded.values()) + sum(s.decoded for s in self.streams.values())
        return {
            "decoded": decoded,
            "delivered": sum(slot.delivered for slot in self.slots),
            "shown": sum(slot.shown for slot in self.slots),
            "dropped_in_slots": sum(slot.dropped for slot in self.slots),
            "dropped_before_decode": sum(self.jpeg.dropped.values()),
        }

    def shutdown(self) -> None:
        """Stop watching, stop and join every worker. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._watch_timer.stop()
        self.targets.replace({})
        if self._feed is not None:
            if self._feed.video_sink == self.jpeg.offer:
                self._feed.video_sink = None
            if self._watch_sent and self._watch_sent[0]:
                self._feed.watch_video((), 5.0, 640)
        for stream in [*self.streams.values(), *self._retired]:
            stream.stop()
        self.jpeg.stop()
        for stream in [*self.streams.values(), *self._retired]:
            stream.join(10)
        self.streams.clear()
        self._retired.clear()
