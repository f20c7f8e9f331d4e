"""Synthetic CCTV frames for the reference backend's ``/video`` service.

``render_jpeg(camera, moment, seq)`` draws a night street as a fixed camera would see it:
buildings with lit windows, a road with lane markings, cars with headlights and a few
pedestrians whose positions follow ``moment`` (so consecutive frames differ) and the
camera id (so cameras differ), plus the usual on-screen overlay: camera id and name, UTC
time to the second and a frame counter. Only Pillow is used.

The static part of a scene is drawn once per (camera, size) and cached; a frame is a copy
of it with the moving shapes and overlay on top, then JPEG-encoded at quality 70.
Chinese names need a CJK font: one is looked up once (known paths, then ``fc-list``); if
there is none, only the English part of the name is drawn with Pillow's default font.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
import zlib
from collections import OrderedDict
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

MAX_WIDTH = 1280
MIN_WIDTH = 160
JPEG_QUALITY = 70
_SCENE_CACHE_SIZE = 64

_CJK_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Frames are rendered on a thread pool: the scene cache is shared under a lock, and each
# thread keeps its own font objects (a FreeType face must not be used by two at once).
_scenes: OrderedDict[tuple[str, int, int], Image.Image] = OrderedDict()
_scenes_lock = threading.Lock()
_local = threading.local()


@lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A TrueType/OpenType font that covers Chinese, or ``None`` (looked up once)."""
    for candidate in _CJK_FONT_PATHS:
        if Path(candidate).is_file():
            return candidate
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run(  # noqa: S603 - fixed argv, no shell, no user input
            [fc_list, ":lang=zh", "file"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in sorted(listing.splitlines()):
        path = line.split(":", 1)[0].strip()
        if path and Path(path).is_file():
            return path
    return None


def _font(size: int, cjk: bool) -> Font:
    """A font of ``size`` px (CJK-capable if asked and available), cached per thread."""
    fonts: dict[tuple[int, bool], Font] | None = getattr(_local, "fonts", None)
    if fonts is None:
        fonts = _local.fonts = {}
    font = fonts.get((size, cjk))
    if font is None:
        font = fonts[(size, cjk)] = _load_font(size, cjk)
    return font


def _load_font(size: int, cjk: bool) -> Font:
    path = cjk_font_path() if cjk else None
    if path is not None:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    try:
        return ImageFont.load_default(size)
    except (TypeError, OSError):  # Pillow without FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def display_name(camera: dict[str, Any], cjk: bool) -> str:
    """The name to draw: the full bilingual name with a CJK font, else its English part."""
    name = str(camera.get("name") or "")
    if cjk:
        return name
    english = str(camera.get("name_en") or "")
    if english:
        return english
    ascii_only = "".join(ch if ch.isascii() and ch.isprintable() else " " for ch in name)
    return " ".join(ascii_only.replace(" / ", " ").split()).strip(" /")


def _frame_size(max_width: int) -> tuple[int, int]:
    width = max(MIN_WIDTH, min(int(max_width), MAX_WIDTH))
    return width, max(1, width * 9 // 16)


def _scene(camera_id: str, width: int, height: int) -> Image.Image:
    """The static background of a camera's view (cached)."""
    key = (camera_id, width, height)
    with _scenes_lock:
        cached = _scenes.get(key)
        if cached is not None:
            _scenes.move_to_end(key)
            return cached
    seed = zlib.crc32(camera_id.encode("utf-8"))
    image = Image.new("RGB", (width, height), (14, 17, 24))
    draw = ImageDraw.Draw(image)
    horizon = int(height * (0.42 + (seed % 7) / 100))
    for row in range(horizon):  # night sky, a little lighter near the horizon
        shade = 14 + 16 * row // max(horizon, 1)
        draw.line([(0, row), (width, row)], fill=(shade, shade + 2, shade + 10))
    x = 0
    state = seed
    while x < width:  # buildings with a few lit windows
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        block_w = width // 12 + state % (width // 8 + 1)
        block_h = int(horizon * (0.35 + (state >> 8) % 50 / 100))
        top = horizon - block_h
        tone = 22 + (state >> 4) % 18
        draw.rectangle([x, top, x + block_w - 2, horizon], fill=(tone, tone, tone + 6))
        step = max(6, width // 80)
        for wy in range(top + step, horizon - step, step * 2):
            for wx in range(x + step // 2, x + block_w - step, step * 2):
                state = (state * 1103515245 + 12345) & 0x7FFFFFFF
                if state % 5 == 0:
                    draw.rectangle([wx, wy, wx + step // 2, wy + step // 2], fill=(170, 150, 90))
        x += block_w
    draw.rectangle([0, horizon, width, height], fill=(34, 35, 38))  # road
    draw.rectangle([0, horizon, width, horizon + height // 18], fill=(52, 52, 55))  # kerb
    lane_y = horizon + (height - horizon) // 2
    dash = max(8, width // 24)
    for dx in range(0, width, dash * 2):
        draw.rectangle([dx, lane_y - 1, dx + dash, lane_y + 1], fill=(150, 150, 120))
    with _scenes_lock:
        _scenes[key] = image
        if len(_scenes) > _SCENE_CACHE_SIZE:
            _scenes.popitem(last=False)
    return image


def _movers(draw: ImageDraw.ImageDraw, seed: int, t: float, width: int, height: int) -> None:
    """Cars and pedestrians at their positions for time ``t`` (seconds)."""
    horizon = int(height * (0.42 + (seed % 7) / 100))
    road = height - horizon
    lanes = (horizon + road // 4, horizon + 3 * road // 4)
    car_w, car_h = max(12, width // 14), max(6, height // 22)
    span = width + 2 * car_w
    for i in range(5):
        speed = width * (0.08 + ((seed >> (i * 3)) % 7) / 60)  # pixels per second
        phase = (seed >> i) % span
        lane = lanes[i % 2]
        direction = 1 if i % 2 == 0 else -1
        pos = (phase + speed * t) % span - car_w
        x = pos if direction > 0 else width - pos
        y = lane - car_h // 2 + (i // 2) * 2
        body = (60 + 30 * (i % 3), 60 + 20 * ((i + 1) % 3), 70 + 25 * ((i + 2) % 3))
        draw.rectangle([x, y, x + car_w, y + car_h], fill=body)
        lamp_x = x + car_w if direction > 0 else x - 3
        draw.rectangle([lamp_x, y + 1, lamp_x + 3, y + car_h // 3], fill=(255, 240, 180))
    walker = max(3, height // 60)
    kerb = horizon + height // 36
    for i in range(3):
        speed = width * (0.01 + ((seed >> (i + 5)) % 5) / 400)
        x = ((seed >> (i + 2)) % width + speed * t) % width
        draw.ellipse([x, kerb - 3 * walker, x + walker, kerb], fill=(90, 90, 100))


def _overlay(
    draw: ImageDraw.ImageDraw, camera: dict[str, Any], moment: datetime, seq: int, width: int
) -> None:
    cjk = cjk_font_path() is not None
    size = max(10, width // 40)
    font = _font(size, cjk)
    small = _font(max(9, size - 2), False)
    name = display_name(camera, cjk)
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    pad = max(3, size // 3)
    band = size + 2 * pad
    draw.rectangle([0, 0, width, band], fill=(0, 0, 0))
    draw.text((pad, pad), f"{camera.get('id', '?')}  {name}", font=font, fill=(235, 235, 235))
    footer = f"{stamp}   #{seq:06d}"
    draw.text((pad, band + pad), footer, font=small, fill=(255, 255, 255))
    if moment.second % 2 == 0:  # blinking recording dot
        radius = max(3, size // 3)
        centre_x, centre_y = width - 3 * radius, band + pad + radius
        draw.ellipse(
            [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius],
            fill=(220, 30, 30),
        )


def render_jpeg(
    camera: dict[str, Any], moment: datetime, seq: int, max_width: int = 640
) -> tuple[bytes, int, int]:
    """One JPEG frame of the camera at ``moment``: (bytes, width, height), 16:9.

    ``width`` is ``max_width`` clamped to 160..1280. ``camera`` is a camera entity (at
    least ``id``; ``name``/``name_en`` for the overlay).
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    width, height = _frame_size(max_width)
    camera_id = str(camera.get("id") or "?")
    seed = zlib.crc32(camera_id.encode("utf-8"))
    frame = _scene(camera_id, width, height).copy()
    draw = ImageDraw.Draw(frame)
    _movers(draw, seed, moment.timestamp() % 86_400.0, width, height)
    _overlay(draw, camera, moment, seq, width)
    buffer = io.BytesIO()
    frame.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue(), width, height
