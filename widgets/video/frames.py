"""How decoded pictures cross from the video worker threads to the UI thread.

Every tile has one :class:`FrameSlot` that holds only the newest frame, already scaled
to the tile. A worker (the JPEG decoder, a URL stream) puts a frame in the slot and, if
the UI has not been told about the slot yet, emits :attr:`FrameRelay.frameReady` — a
queued signal to the UI thread carrying the tile's number. When the UI takes the frame it
gets the newest one; frames that were replaced before the UI came are counted as dropped.
So a slow tile drops frames instead of queueing them, and the UI thread is told at most
once per frame it shows.

Workers find where a camera's frames go in :class:`Targets` (camera id -> the slots and
their sizes), which the UI thread replaces whole whenever the wall changes; a worker
reads one consistent snapshot per frame.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from types import MappingProxyType

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage


@dataclass(frozen=True, slots=True)
class VideoFrame:
    """One picture for one tile."""

    camera: str
    image: QImage  # scaled to fit the tile
    received: float  # wall-clock seconds when it was decoded
    source_ts: str | None = None  # the frame's own time (ws-jpeg header), if it has one
    seq: int = 0


class FrameSlot:
    """The newest frame of one tile, waiting for the UI thread (thread-safe)."""

    def __init__(self, tile: int) -> None:
        self.tile = tile
        self._lock = threading.Lock()
        self._frame: VideoFrame | None = None
        self._pending = False
        #: frames put in, taken by the UI, and replaced before the UI took them
        self.delivered = 0
        self.shown = 0
        self.dropped = 0

    def put(self, frame: VideoFrame) -> bool:
        """Keep ``frame`` (replacing an untaken one); True if the UI must be told."""
        with self._lock:
            if self._frame is not None:
                self.dropped += 1
            self._frame = frame
            self.delivered += 1
            notify = not self._pending
            self._pending = True
            return notify

    def take(self) -> VideoFrame | None:
        """(UI thread) the newest frame, or None if it was taken already."""
        with self._lock:
            frame, self._frame = self._frame, None
            self._pending = False
            if frame is not None:
                self.shown += 1
            return frame

    def clear(self) -> None:
        """Forget an untaken frame (the tile now shows another camera)."""
        with self._lock:
            self._frame = None


class FrameRelay(QObject):
    """Lives on the UI thread; workers call :meth:`offer` from theirs."""

    frameReady = Signal(int)  # noqa: N815 (Qt signal) tile number; queued to the UI thread

    def offer(self, slot: FrameSlot, frame: VideoFrame) -> None:
        if slot.put(frame):
            self.frameReady.emit(slot.tile)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a camera's frames go: a tile's slot and the size (device pixels) to fit."""

    slot: FrameSlot
    width: int
    height: int


class Targets:
    """camera id -> its targets; replaced whole by the UI thread, read by workers."""

    def __init__(self) -> None:
        self._map: MappingProxyType[str, tuple[Target, ...]] = MappingProxyType({})

    def replace(self, mapping: dict[str, tuple[Target, ...]]) -> None:
        self._map = MappingProxyType(dict(mapping))

    def of(self, camera_id: str) -> tuple[Target, ...]:
        return self._map.get(camera_id, ())


def fit(width: int, height: int, box_width: int, box_height: int) -> QSize:
    """The largest size of ``width``×``height``'s shape inside the box (at least 1×1)."""
    if width <= 0 or height <= 0:
        return QSize(max(1, box_width), max(1, box_height))
    scale = min(box_width / width, box_height / height)
    return QSize(max(1, round(width * scale)), max(1, round(height * scale)))


def scaled_for(image: QImage, target: Target) -> QImage:
    """``image`` fitted to the target (smooth), in the format that paints fastest."""
    size = fit(image.width(), image.height(), target.width, target.height)
    if size != image.size():
        image = image.scaled(
            size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    if image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    return image
