"""Playing a ``url`` camera (RTSP, HTTP/HLS, a file) with PyAV, off the UI thread.

Thread: one "video-url-<camera>" thread per camera on the wall, started by
:meth:`UrlStream.start`; :meth:`UrlStream.stop` asks it to end (it notices within the
read timeout) and :meth:`UrlStream.join` waits for it.

The stream is opened for low latency — a small probe (32 KiB) and analysis (0.5 s),
RTSP over TCP — and every packet is decoded (H.264 needs them all), but only as many
frames as the wall asks for (``fps``) are converted: scaled to each tile by FFmpeg's
scaler straight into 32-bit RGB and wrapped in a QImage, then handed over through the
tiles' latest-frame slots. A file or a recorded HTTP clip is paced by its timestamps, so
it plays in real time rather than as fast as it decodes. When the stream fails or ends
the worker opens it again after a backoff (0.5 s doubling to 10 s, with jitter), until
stopped.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable

import av
from PySide6.QtGui import QImage

from widgets.video.frames import FrameRelay, Target, Targets, VideoFrame, fit

log = logging.getLogger(__name__)

OPEN_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 3.0
BACKOFF_FIRST_S = 0.5
BACKOFF_CAP_S = 10.0
LOW_LATENCY = {"probesize": "32768", "analyzeduration": "500000", "fflags": "discardcorrupt"}


def open_options(url: str) -> dict[str, str]:
    options = dict(LOW_LATENCY)
    if url.lower().startswith(("rtsp:", "rtsps:")):
        options["rtsp_transport"] = "tcp"
    return options


def backoff_s(attempt: int, jitter: float) -> float:
    """Seconds before attempt ``attempt`` (0-based): doubling from 0.5 s, capped at 10 s,
    then 50–100 % of that."""
    return min(BACKOFF_CAP_S, BACKOFF_FIRST_S * 2**attempt) * (0.5 + 0.5 * jitter)


class UrlStream:
    """One camera's stream, decoded for the tiles that show it."""

    def __init__(
        self,
        camera_id: str,
        url: str,
        relay: FrameRelay,
        targets: Targets,
        fps: Callable[[], float],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.camera_id = camera_id
        self.url = url
        self._relay = relay
        self._targets = targets
        self._fps = fps
        self._clock = clock
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"video-url-{camera_id}", daemon=True
        )
        #: frames decoded, frames converted for the tiles, (re)connections, last failure
        self.decoded = 0
        self.converted = 0
        self.connects = 0
        self.last_error = ""

    def start(self) -> UrlStream:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread; True if it has ended."""
        if self._thread.ident is not None:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        attempt = 0
        rng = random.Random()
        while not self._stop.is_set():
            decoded_before = self.decoded
            try:
                self._play()
            except (av.FFmpegError, OSError, ValueError) as exc:
                self.last_error = str(exc)
                log.info("camera %s: stream %s failed: %s", self.camera_id, self.url, exc)
            else:
                self.last_error = "the stream ended"
            if self.decoded > decoded_before:
                attempt = 0
            if self._stop.wait(backoff_s(attempt, rng.random())):
                return
            attempt = min(attempt + 1, 8)

    def _play(self) -> None:
        with av.open(
            self.url, options=open_options(self.url), timeout=(OPEN_TIMEOUT_S, READ_TIMEOUT_S)
        ) as container:
            self.connects += 1
            if not container.streams.video:
                raise ValueError("the stream has no video")
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            next_due = 0.0  # when the next frame should go to the tiles (monotonic)
            anchor: tuple[float, float] | None = None  # (media time, monotonic) of pacing
            for frame in container.decode(stream):
                if self._stop.is_set():
                    return
                self.decoded += 1
                anchor = self._pace(frame.time, anchor)
                now = time.monotonic()
                period = 1.0 / max(0.5, self._fps())
                if now + 0.2 * period < next_due:  # (a little early is on time)
                    continue
                next_due = max(next_due + period, now)
                self._hand_over(frame)

    def _pace(
        self, media_time: float | None, anchor: tuple[float, float] | None
    ) -> tuple[float, float] | None:
        """Wait until ``media_time`` is due (a live stream is never early; a file would
        be); a jump back or far behind (a loop, a stall) starts a new anchor."""
        if media_time is None:
            return anchor
        now = time.monotonic()
        if anchor is None:
            return (media_time, now)
        lead = (media_time - anchor[0]) - (now - anchor[1])
        if lead < -1.0 or lead > 5.0:
            return (media_time, now)
        if lead > 0.005:
            self._stop.wait(lead)
        return anchor

    def _hand_over(self, frame: av.VideoFrame) -> None:
        targets = self._targets.of(self.camera_id)
        if not targets:
            return
        received = self._clock()
        for target in targets:
            image = self._to_image(frame, target)
            self.converted += 1
            self._relay.offer(
                target.slot, VideoFrame(self.camera_id, image, received, None, self.decoded)
            )

    @staticmethod
    def _to_image(frame: av.VideoFrame, target: Target) -> QImage:
        size = fit(frame.width, frame.height, target.width, target.height)
        width, height = size.width(), size.height()
        rgb = frame.reformat(width=width, height=height, format="bgra", interpolation="BILINEAR")
        plane = rgb.planes[0]
        image = QImage(bytes(plane), width, height, plane.line_size, QImage.Format.Format_RGB32)
        return image.copy()  # owns its pixels (the bytes above are let go)
