"""The embedded default: the reference backend (the simulated S city) in a child process.

With console/fork.py (a training sandbox forked from a replay), the only console
module that knows the reference backend exists. ``command-centre`` with no
configuration launches it first thing (:func:`launch_embedded`: it starts while the
console imports its desk) and :func:`start_embedded` waits until it listens:
``command-centre-services`` runs as a child process on a free loopback port with its
data under
``~/.local/share/command-centre/embedded/backend`` (the seed and profile given), writes a
commander token for the console there, and the session connects to it like to any
backend. Simulation thus never competes with the UI for the interpreter lock.

The child lives exactly as long as the console: the session stops it when it stops
(SIGTERM: it commits what is pending), and on Linux the kernel sends it SIGTERM when
the console dies in any way, SIGKILL included (``PR_SET_PDEATHSIG``). It runs in a
session of its own, so a Ctrl+C in the console's terminal reaches the console only. Its
output goes to ``<data>/backend.log``; a child that does not start is reported with the
tail of it.

:func:`embedded_with` runs a session on a backend already running in this process
(``services.backend.runner.BackendThread``): tests and drills with several desks.
Everything else in the console sees only a :class:`~console.config.ConsoleConfig` of
URLs and tokens.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication

from console.config import ConsoleConfig, ServiceSetting
from console.paths import data_home
from services.protocol.entities import SERVICES

translate = QCoreApplication.translate  # a name pyside6-lupdate reads

if TYPE_CHECKING:
    from console.session import ConsoleSession

ROOT = Path(__file__).resolve().parents[1]
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
LISTENING = re.compile(r"listening on ws://127\.0\.0\.1:(\d+)")


class BackendStartError(OSError):
    """The embedded backend did not start (the message carries the tail of its log)."""


class RunningBackend(Protocol):
    """A backend the console connects to and stops with itself."""

    @property
    def token(self) -> str: ...

    def url(self, service: str) -> str: ...

    def stop(self) -> None: ...


def embedded_data_dir() -> Path:
    return data_home() / "embedded"


def die_with_parent(parent: int) -> None:
    """In the child, before exec: ask the kernel for SIGTERM when the parent goes, and go
    at once if it went already (Linux; elsewhere the session's stop is all there is)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


class BackendProcess:
    """``command-centre-services`` in a child process on a free loopback port.

    ``launch()`` starts the process and returns at once (the console goes on starting
    meanwhile); ``wait_listening()`` returns once it listens (or raises
    :class:`BackendStartError` with the tail of its log); ``start()`` does both.
    ``stop()`` terminates it and waits for it. Launch it from the thread that will
    outlive it (the UI thread): the kernel's parent-death signal follows the thread that
    started the child.
    """

    def __init__(self, data_dir: Path, *, seed: int = 1, profile: str = "demo") -> None:
        self.data_dir = data_dir  # the backend's own data: <embedded>/backend
        self.seed = seed
        self.profile = profile
        self.log_path = data_dir.parent / "backend.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self._token = ""
        self._launched = 0.0

    def command(self) -> list[str]:
        return [sys.executable, "-m", "services.backend.cli", "--host", "127.0.0.1",
                "--port", "0", "--data", str(self.data_dir), "--seed", str(self.seed),
                "--profile", self.profile]  # fmt: skip

    def start(self, timeout: float = 60.0) -> BackendProcess:
        return self.launch().wait_listening(timeout)

    def launch(self) -> BackendProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        parent = os.getpid()
        posix = os.name == "posix"  # (elsewhere the session's stop is all there is)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 (this project's own backend)
                self.command(),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # its own session: a Ctrl+C in the console's terminal is the console's
                start_new_session=posix,
                preexec_fn=(lambda: die_with_parent(parent)) if posix else None,  # noqa: PLW1509
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self._launched = time.monotonic()
        return self

    def wait_listening(self, timeout: float = 60.0) -> BackendProcess:
        from services.backend.tokens import read_console_token  # noqa: PLC0415 (not at launch)

        assert self.process is not None, "launch() first"
        deadline = self._launched + timeout
        while True:
            found = LISTENING.search(self._log_text())
            if found is not None:
                self.port = int(found.group(1))
                self._token = read_console_token(self.data_dir)
                return self
            code = self.process.poll()
            if code is not None:
                raise BackendStartError(
                    self._failure(
                        translate("BackendProcess", "it exited with status {0}").format(code)
                    )
                )
            if time.monotonic() > deadline:
                self.stop()
                raise BackendStartError(
                    self._failure(
                        translate("BackendProcess", "it did not listen within {0} s").format(
                            f"{timeout:g}"
                        )
                    )
                )
            time.sleep(0.02)

    def _log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def _failure(self, what: str) -> str:
        tail = "\n".join(self._log_text().strip().splitlines()[-12:])
        return translate("BackendProcess", "{0}; the end of {1}:\n{2}").format(
            what, self.log_path, tail or translate("BackendProcess", "(empty)")
        )

    @property
    def token(self) -> str:
        return self._token

    def url(self, service: str) -> str:
        return f"ws://127.0.0.1:{self.port}/{service}"

    def stop(self, timeout: float = 30.0) -> None:
        """Terminate the child (it flushes its event log) and wait for it. Idempotent."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)


def embedded_config(
    backend: RunningBackend, data_dir: Path, *, token: str | None = None, **overrides: object
) -> ConsoleConfig:
    """A configuration for a backend on this machine (its own token unless one is given)."""
    token = token or backend.token
    services = {s: ServiceSetting(backend.url(s), token) for s in SERVICES}
    options: dict[str, object] = {"cache": data_dir / "console.sqlite3", "operator": "duty"}
    options.update(overrides)
    return ConsoleConfig(services=services, **options)  # type: ignore[arg-type]


def embedded_with(
    backend: RunningBackend,
    data_dir: Path,
    *,
    token: str | None = None,
    **config_overrides: object,
) -> ConsoleSession:
    """A session on an already running backend, which it stops when it stops (tests,
    drills with several desks)."""
    from console.session import ConsoleSession  # noqa: PLC0415 (heavy: after the launch)

    config = embedded_config(backend, data_dir, token=token, **config_overrides)
    return ConsoleSession(config, backend=backend)


def launch_embedded(
    data_dir: Path | None = None, *, seed: int = 1, profile: str = "demo"
) -> BackendProcess:
    """Launch the reference backend's child process (returns at once; the console's
    start goes on while it starts)."""
    data = data_dir or embedded_data_dir()
    return BackendProcess(data / "backend", seed=seed, profile=profile).launch()


def start_embedded(
    data_dir: Path | None = None,
    *,
    seed: int = 1,
    profile: str = "demo",
    launched: BackendProcess | None = None,
    **config_overrides: object,
) -> ConsoleSession:
    """Start the reference backend in a child process (or take the one ``launched``
    already) and a session connected to it once it listens (raises
    :class:`BackendStartError` if it does not)."""
    data = data_dir or embedded_data_dir()
    backend = launched or launch_embedded(data, seed=seed, profile=profile)
    try:
        backend.wait_listening()
        return embedded_with(backend, data, **config_overrides)
    except BaseException:
        backend.stop()
        raise
