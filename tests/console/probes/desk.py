"""What the desk probes share: open the desk as ``command-centre`` does (``show_desk``:
maximised on its first start) on the offscreen screens a config file describes, in the
probe's own process, and let Qt run for a while."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def open_desk(screens_file: str, data_dir: str) -> tuple[Any, Any, Any]:
    """(QApplication, MainWindow, ConsoleSession) of a desk on its embedded backend."""
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens_file}"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6 import QtWebEngineWidgets  # noqa: F401, PLC0415 (before the app)
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    from console.embedded import start_embedded  # noqa: PLC0415
    from console.shell.main_window import MainWindow  # noqa: PLC0415

    data = Path(data_dir)
    session = start_embedded(data)
    session.start()
    window = MainWindow(session, settings_path=data / "layout.ini")
    window.show_desk()
    window.quit_confirmation = None  # closed by the probe: no question
    return app, window, session


def settle(app: Any, seconds: float) -> None:
    """Let the layout settle (no data needed): Qt runs its events for ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()


def run_probe(probe: str, tmp_path: Path, width: int, height: int) -> dict[str, Any]:
    """Run ``tests.console.probes.<probe>`` in its own process on one offscreen screen of
    ``width`` × ``height`` and return the JSON it printed last."""
    import json  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    screens = {"screens": [{"name": "Desk", "x": 0, "y": 0, "width": width, "height": height,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens))
    result = subprocess.run(
        [sys.executable, "-m", f"tests.console.probes.{probe}", str(config), str(tmp_path)],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
