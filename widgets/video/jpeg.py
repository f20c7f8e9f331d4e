"""Decoding ``ws-jpeg`` frames off the UI thread.

Thread: "video-jpeg", started by :meth:`JpegDecoder.start` and joined by
:meth:`JpegDecoder.stop`. :meth:`JpegDecoder.offer` is called on the feed client's network
thread with each binary frame from /video (docs/protocol.md, "Video frames": a 4-byte
big-endian header length, a JSON header ``{camera, ts, seq, w, h}``, one JPEG); it only
reads the header and keeps the newest frame per camera — a frame not decoded yet when a
newer one of the same camera comes is dropped, never queued. The decoder thread turns
each JPEG into a QImage (safe off the UI thread), scales it to every tile that shows the
camera and hands it over through the tiles' latest-frame slots.
"""

from __future__ import annotations

import logging
import struct
import threading
import time
from collections.abc import Callable

import msgspec
from PySide6.QtGui import QImage

from widgets.video.frames import FrameRelay, Targets, VideoFrame, scaled_for

log = logging.getLogger(__name__)


class _Header(msgspec.Struct):
    camera: str
    ts: str | None = None
    seq: int = 0


_decode_header = msgspec.json.Decoder(_Header).decode


class JpegDecoder:
    """Newest JPEG per camera in, scaled QImages out to the tiles' slots."""

    def __init__(
        self, relay: FrameRelay, targets: Targets, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._relay = relay
        self._targets = targets
        self._clock = clock
        self._lock = threading.Condition()
        self._pending: dict[str, tuple[_Header, bytes]] = {}
        self._stopping = False
        self._thread: threading.Thread | None = None
        #: per camera: frames received, decoded, replaced before decoding; bad frames
        self.received: dict[str, int] = {}
        self.decoded: dict[str, int] = {}
        self.dropped: dict[str, int] = {}
        self.bad_frames = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="video-jpeg", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(10)

    def offer(self, frame: bytes) -> None:
        """(network thread) one binary /video frame."""
        try:
            (length,) = struct.unpack_from(">I", frame)
            header = _decode_header(frame[4 : 4 + length])
        except (struct.error, msgspec.DecodeError, msgspec.ValidationError):
            self.bad_frames += 1
            return
        camera = header.camera
        if not self._targets.of(camera):
            return  # no tile shows it (any more): an unwatch is on its way
        with self._lock:
            self.received[camera] = self.received.get(camera, 0) + 1
            if camera in self._pending:
                self.dropped[camera] = self.dropped.get(camera, 0) + 1
            self._pending[camera] = (header, frame[4 + length :])
            self._lock.notify()

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._pending or self._stopping)
                if self._stopping:
                    return
                work, self._pending = self._pending, {}
            for camera, (header, jpeg) in work.items():
                self._decode(camera, header, jpeg)

    def _decode(self, camera: str, header: _Header, jpeg: bytes) -> None:
        targets = self._targets.of(camera)
        if not targets:
            return
        image = QImage.fromData(jpeg, "JPG")
        if image.isNull():
            self.bad_frames += 1
            log.warning("an undecodable JPEG frame of camera %s was skipped", camera)
            return
        self.decoded[camera] = self.decoded.get(camera, 0) + 1
        received = self._clock()
        for target in targets:
            frame = VideoFrame(camera, scaled_for(image, target), received, header.ts, header.seq)
            self._relay.offer(target.slot, frame)
