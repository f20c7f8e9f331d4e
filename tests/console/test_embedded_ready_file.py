"""COMMAND_CENTRE_READY_FILE: the console reports its start-up milestones (for
bench/cold_start.py): the window exposed, the map page ready, the page's marker counts
— here those of a pre-seeded cache, the backend being down."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench._harness import synthetic_picture
from services.cache import Cache

ROOT = Path(__file__).resolve().parents[2]


def test_the_ready_file_reports_the_window_and_the_cached_markers(tmp_path) -> None:
    cache = Cache(tmp_path / "console.sqlite3")
    cache.commit(synthetic_picture(40, 15))
    cache.close()
    config = tmp_path / "console.toml"
    lines = [f'cache = "{tmp_path / "console.sqlite3"}"', 'workstation = "ready-test"']
    for service in ("cad", "avl", "video", "opinion"):  # port 9: nothing listens
        lines += [f"[services.{service}]", f'url = "ws://127.0.0.1:9/{service}"',
                  'token = "ready-file-test-token-0001"']  # fmt: skip
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ready = tmp_path / "ready.txt"
    env = {**os.environ, "COMMAND_CENTRE_READY_FILE": str(ready),
           "XDG_DATA_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    launched = time.time()
    console = subprocess.Popen(
        [sys.executable, "-m", "console.app", "--config", str(config), "--lang", "en"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        text = ""
        while "units=40 incidents=15" not in text:
            assert time.monotonic() < deadline, f"milestones so far: {text!r}"
            assert console.poll() is None, "the console exited"
            text = ready.read_text(encoding="utf-8") if ready.exists() else ""
            time.sleep(0.05)
    finally:
        console.terminate()
        console.wait(30)
    times = {}
    for line in text.splitlines():
        match = re.fullmatch(r"(exposed|page|markers) (\d+\.\d+)( units=\d+ incidents=\d+)?", line)
        assert match, line
        times.setdefault(match[1], float(match[2]))
    assert set(times) == {"exposed", "page", "markers"}
    assert launched < times["page"] <= times["markers"] < time.time()
    assert launched < times["exposed"] < time.time()
