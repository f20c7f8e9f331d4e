"""A real RTSP source for the tests: an H.264 clip made with PyAV, served by GStreamer.

:func:`make_clip` writes a clip of a box moving across a coloured background (every
frame differs); :class:`RtspServer` runs ``serve.py`` under the system Python and gives
its URL. :func:`rtsp_unavailable` says why the server cannot run here (the GStreamer
RTSP bindings are missing), or None.
"""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

SYSTEM_PYTHON = "/usr/bin/python3"
SERVE = Path(__file__).with_name("serve.py")


def make_clip(path: Path, *, seconds: float = 4.0, fps: int = 10, size=(320, 240)) -> Path:
    """An H.264 MP4 of a yellow box crossing a blue field (one keyframe a second)."""
    width, height = size
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=Fraction(fps, 1))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"tune": "zerolatency", "preset": "ultrafast", "g": str(fps)}
        for i in range(round(seconds * fps)):
            picture = np.zeros((height, width, 3), np.uint8)
            picture[:] = (20, 40, 120)
            x = (i * 9) % (width - 48)
            picture[height // 2 - 24 : height // 2 + 24, x : x + 48] = (250, 210, 30)
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def rtsp_unavailable() -> str | None:
    """Why the GStreamer RTSP server cannot run here, or None if it can."""
    if shutil.which(SYSTEM_PYTHON) is None:
        return f"{SYSTEM_PYTHON} is missing"
    check = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('GstRtspServer', '1.0'); "
         "from gi.repository import GstRtspServer"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    if check.returncode != 0:
        return (
            "GStreamer's RTSP server bindings are missing (apt-get install python3-gi "
            "gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good "
            "gstreamer1.0-plugins-bad): " + check.stderr.strip().splitlines()[-1]
        )
    return None


class RtspServer:
    """``serve.py`` in its own process (the system Python); stop() ends it."""

    def __init__(self, clip: Path, port: int = 0) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(SERVE), str(clip), str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("rtsp://"):
            self.stop()
            raise RuntimeError(f"the RTSP server did not start: {line} {self.stderr()}")
        self.url = line

    def stderr(self) -> str:
        return (
            self.process.stderr.read()
            if self.process.stderr and self.process.poll() is not None
            else ""
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> RtspServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
