"""Synthetic CCTV frames."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from services.backend.video_frames import display_name, render_jpeg

CAMERA = {
    "id": "C-0012",
    "name": "观前街与人民路口 / Guanqian St & Renmin Rd",
    "name_en": "Guanqian St & Renmin Rd",
}
MOMENT = datetime(2026, 11, 28, 20, 30, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("max_width", "size"),
    [
        (640, (640, 360)),
        (1280, (1280, 720)),
        (4000, (1280, 720)),
        (320, (320, 180)),
        (50, (160, 90)),
    ],
)
def test_frame_decodes_to_the_requested_size(max_width: int, size: tuple[int, int]) -> None:
    data, width, height = render_jpeg(CAMERA, MOMENT, 881, max_width)
    assert (width, height) == size
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == size


def test_frames_differ_over_time_and_between_cameras() -> None:
    first, _, _ = render_jpeg(CAMERA, MOMENT, 1)
    later, _, _ = render_jpeg(CAMERA, MOMENT + timedelta(milliseconds=400), 2)
    other, _, _ = render_jpeg({**CAMERA, "id": "C-0013"}, MOMENT, 1)
    assert first != later
    assert first != other
    assert render_jpeg(CAMERA, MOMENT, 1)[0] == first  # deterministic


def test_minimal_and_naive_inputs_render() -> None:
    data, width, _ = render_jpeg({"id": "C-9"}, MOMENT.replace(tzinfo=None), 0)
    assert width == 640
    assert Image.open(io.BytesIO(data)).size == (640, 360)


def test_display_name_falls_back_to_english() -> None:
    assert display_name(CAMERA, cjk=True) == CAMERA["name"]
    assert display_name(CAMERA, cjk=False) == "Guanqian St & Renmin Rd"
    assert display_name({"name": "观前街与人民路口 / Guanqian St"}, cjk=False) == "Guanqian St"
    assert display_name({"name": "观前街"}, cjk=False) == ""


def test_frames_render_concurrently() -> None:
    cameras = [{"id": f"C-{n:04d}", "name": f"Cam {n}"} for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        frames = list(
            pool.map(
                lambda n: render_jpeg(cameras[n % 8], MOMENT, n, 320 + 16 * (n % 3)), range(48)
            )
        )
    for data, width, height in frames:
        assert Image.open(io.BytesIO(data)).size == (width, height)
