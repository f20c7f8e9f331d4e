"""A control room's real cameras, read from a TOML file (``command-centre-services --cameras``).

One ``[[cameras]]`` table per camera::

    [[cameras]]
    id = "GATE-1"                  # unique; C-<digits> belongs to the simulated cameras
    name = "Main gate"
    lat = 31.2990
    lon = 120.5853
    district = "姑苏区"
    url = "rtsp://10.0.0.21:554/stream1"   # rtsp, rtsps, http, https or file

The reference backend serves them on ``/video`` as ``{"kind": "url", "url": ...}``
streams beside the simulated JPEG cameras; consoles play them directly.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta, Struct

from services.protocol.limits import Identifier, Label, Name, Url

URL_SCHEMES = ("rtsp", "rtsps", "http", "https", "file")
_SIMULATED_ID = re.compile(r"C-\d+")


class CameraFileError(Exception):
    """The cameras file is missing, not TOML, or a camera in it is wrong (one sentence)."""


class CameraSpec(Struct, frozen=True, forbid_unknown_fields=True):
    """One real camera as the file declares it."""

    id: Identifier
    name: Label
    lat: Annotated[float, Meta(ge=-90.0, le=90.0)]
    lon: Annotated[float, Meta(ge=-180.0, le=180.0)]
    url: Url
    district: Name = ""


class _CameraFile(Struct, forbid_unknown_fields=True):
    cameras: list[CameraSpec] = msgspec.field(default_factory=list)


def load_camera_file(path: Path) -> tuple[CameraSpec, ...]:
    """The cameras of ``path``, in file order; raises :class:`CameraFileError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CameraFileError(f"cannot read the cameras file {path}: {exc}") from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CameraFileError(f"the cameras file {path} is not valid TOML: {exc}") from exc
    try:
        parsed = msgspec.convert(raw, _CameraFile)
    except msgspec.ValidationError as exc:
        raise CameraFileError(f"the cameras file {path}: {exc}") from exc
    seen: set[str] = set()
    for number, camera in enumerate(parsed.cameras, 1):
        where = f"the cameras file {path}, camera {number} ({camera.id})"
        if camera.id in seen:
            raise CameraFileError(f"{where}: the id is used twice")
        if _SIMULATED_ID.fullmatch(camera.id):
            raise CameraFileError(f"{where}: ids C-<digits> belong to the simulated cameras")
        scheme = camera.url.split(":", 1)[0].lower() if ":" in camera.url else ""
        if scheme not in URL_SCHEMES:
            raise CameraFileError(
                f"{where}: the url must start with one of {', '.join(URL_SCHEMES)}"
            )
        seen.add(camera.id)
    return tuple(parsed.cameras)
