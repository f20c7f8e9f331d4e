"""Detach to screen 2: the wall goes full screen there, and a restart puts it back there.

Qt's offscreen platform takes several screens from a JSON configuration
(``QT_QPA_PLATFORM=offscreen:configfile=FILE``); the platform is chosen when the
QApplication starts, so the check runs in its own process (screens_probe.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCREENS = {
    "screens": [
        {"name": "Desk", "x": 0, "y": 0, "width": 1280, "height": 800,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "Wall", "x": 1280, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]
}  # fmt: skip


def test_detach_puts_the_wall_full_screen_on_screen_2_and_it_is_remembered(
    tmp_path: Path,
) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    probe = subprocess.run(
        [sys.executable, "-m", "tests.widgets.video.screens_probe", str(config),
         str(tmp_path / "settings.ini")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen["screens"] == {"Desk": [0, 0, 1280, 800], "Wall": [1280, 0, 1920, 1080]}
    for run in ("first", "second"):  # the operator's detach, then after a restart
        assert seen[run]["detached"], run
        assert seen[run]["screen"] == "Wall"
        assert seen[run]["geometry"] == [1280, 0, 1920, 1080]
        assert seen[run]["full_screen"]
        assert seen[run]["wall_inside"]
        assert seen[run]["wall_size"] == [1920, 1080]
    assert seen["back"] == {"detached": False, "in_panel": True}
