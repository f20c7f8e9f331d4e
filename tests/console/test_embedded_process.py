"""The embedded default runs the reference backend in a child process of the console.

``command-centre`` with no configuration starts ``command-centre-services`` as a child
(console/embedded.py): the console waits until it listens, data flows from it, closing
the window stops it, and it dies with the console even when the console is killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from console.embedded import BackendStartError, start_embedded

ROOT = Path(__file__).resolve().parents[2]

# The console as ``command-centre`` runs it (console.app.main), with a timer that closes
# the main window once the store holds the city, then reports what became of the child.
CLOSE_THE_WINDOW = r"""
import sys
from PySide6 import QtWebEngineWidgets  # noqa: F401 (before the QApplication)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from console.app import main
from console.shell.main_window import MainWindow

app = QApplication(sys.argv[:1])
seen = {}

def close_when_filled():
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    if windows and len(windows[0].store.units) > 0:
        seen["backend"] = windows[0].session.backend
        print("child", seen["backend"].process.pid, "units", len(windows[0].store.units),
              flush=True)
        windows[0].quit_confirmation = lambda: True  # the operator answers Yes
        windows[0].close()
    else:
        QTimer.singleShot(50, close_when_filled)

QTimer.singleShot(0, close_when_filled)
code = main(["--data", sys.argv[1], "--lang", "en"])
print("exited", code, "child status", seen["backend"].process.poll(), flush=True)
"""


def console_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    return env


def gone(pid: int) -> bool:
    """The process has exited (reaped, or a zombie nobody reaped yet)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return found


def test_the_backend_is_a_child_process_feeding_the_store(qtbot, tmp_path) -> None:
    session = start_embedded(tmp_path, seed=3)
    process = session.backend.process  # type: ignore[union-attr]
    try:
        assert process.poll() is None
        assert process.pid in children_of(os.getpid())
        assert not [t for t in threading.enumerate() if t.name.startswith("backend")]
        assert session.config.services["cad"].url.startswith("ws://127.0.0.1:")
        assert (tmp_path / "backend" / "hub.sqlite3").exists()  # the same data directory
        session.start()
        qtbot.waitUntil(
            lambda: len(session.store.units) > 0 and len(session.store.positions) > 0,
            timeout=60_000,
        )
    finally:
        session.stop()
    assert process.poll() == 0  # stopped by SIGTERM: it flushed its event log and exited


def test_a_backend_that_does_not_start_is_reported_with_its_log(tmp_path) -> None:
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend" / "hub.sqlite3").write_bytes(b"not a database, " * 64)
    with pytest.raises(BackendStartError) as caught:
        start_embedded(tmp_path)
    message = str(caught.value)
    assert "exited with status 1" in message
    assert "file is not a database" in message  # the tail of the child's log
    assert str(tmp_path / "backend.log") in message


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_closing_the_window_stops_the_child(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_THE_WINDOW, str(tmp_path / "data")],
        cwd=ROOT,
        env=console_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = result.stdout.splitlines()
    child = [line for line in lines if line.startswith("child ")]
    assert child, result.stdout + result.stderr
    pid = int(child[0].split()[1])
    assert lines[-1] == "exited 0 child status 0", result.stdout + result.stderr
    assert gone(pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, /proc")
def test_the_child_dies_with_a_killed_console(tmp_path) -> None:
    data = tmp_path / "data"
    backends: list[int] = []
    console = subprocess.Popen(
        [sys.executable, "-m", "console.app", "--data", str(data), "--lang", "en"],
        cwd=ROOT,
        env=console_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not backends:
            assert time.monotonic() < deadline, "the console started no backend"
            assert console.poll() is None, "the console exited"
            log = data / "backend.log"
            if log.exists() and "listening on" in log.read_text(errors="replace"):
                backends = [
                    pid
                    for pid in children_of(console.pid)
                    if b"services.backend.cli" in Path(f"/proc/{pid}/cmdline").read_bytes()
                ]
            time.sleep(0.05)
        assert len(backends) == 1
        console.send_signal(signal.SIGKILL)
        console.wait(30)
        deadline = time.monotonic() + 30
        while not gone(backends[0]):
            assert time.monotonic() < deadline, "the backend outlived the killed console"
            time.sleep(0.05)
    finally:
        if console.poll() is None:
            console.kill()
            console.wait(30)
        for pid in backends:  # never leave an orphan behind a failed test
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)
