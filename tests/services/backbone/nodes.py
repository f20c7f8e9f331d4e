"""Backbone nodes for tests: in-process threads (protocol tests) or their own processes
(SIGKILL tests), always on 127.0.0.1."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from services.backend.backbone.runner import NodeThread
from services.backend.backbone.streams import BackboneConfig
from services.backend.config import HubConfig
from tests.services.backbone.natsd import NatsServer
from tests.services.backend.wsclient import TOKENS

ROOT = Path(__file__).resolve().parents[3]
#: small enough for a test machine's disk; each topic stream keeps at most this much
TEST_RETENTION_BYTES = 256 << 20


def backbone_config(urls: list[str], **options: Any) -> BackboneConfig:
    options.setdefault("retention_bytes", TEST_RETENTION_BYTES)
    options.setdefault("heartbeat_s", 0.5)
    return BackboneConfig(urls=tuple(urls), **options)


class EdgeBackend:
    """nats-server + core + one edge, in threads, looking like a BackendThread to tests:
    ``url(service)``, ``port``, ``hub.epoch``, ``stop()``. ``data_dir`` holds the NATS
    store, so starting again on it keeps the streams (and the epoch)."""

    def __init__(self, data_dir: Path, config: HubConfig) -> None:
        self.nats = NatsServer(data_dir / "nats").start()
        backbone = backbone_config([self.nats.url])
        self.core = NodeThread("core", replace(config, data_dir=data_dir / "core"), backbone)
        self.core.start()
        self.edge = NodeThread("edge", replace(config, data_dir=data_dir / "edge"), backbone)
        self.edge.start()

    @property
    def hub(self) -> Any:
        return self.edge.edge

    @property
    def port(self) -> int:
        return self.edge.edge.port

    def url(self, service: str) -> str:
        return self.edge.url(service)

    def stop(self) -> None:
        try:
            self.edge.stop()
        finally:
            try:
                self.core.stop()
            finally:
                self.nats.stop()


class NodeProcess:
    """``command-centre-services --backbone … --role ROLE`` in its own process."""

    def __init__(self, role: str, urls: list[str], data: Path, *extra: str) -> None:
        self.role = role
        self.urls = urls
        self.data = data
        self.extra = extra
        self.process: subprocess.Popen[str] | None = None
        self.port = 0
        self.tokens = data.parent / "tokens.toml"
        if not self.tokens.exists():
            self.tokens.write_text(
                "[tokens]\n" + "".join(f'"{t}" = "{r}"\n' for t, r in TOKENS.items())
            )

    def start(self, port: int = 0) -> NodeProcess:
        self.data.mkdir(parents=True, exist_ok=True)
        log = self.data / f"{self.role}.log"
        with log.open("a") as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "services.backend.cli",
                    "--backbone",
                    ",".join(self.urls),
                    "--role",
                    self.role,
                    "--port",
                    str(port or self.port),
                    "--data",
                    str(self.data),
                    "--tokens",
                    str(self.tokens),
                    "--retention-gb",
                    "0.25",
                    *self.extra,
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if self.role == "edge":
            match = re.search(r"listening on ws://127\.0\.0\.1:(\d+)", line)
            assert match, line + log.read_text()
            self.port = int(match.group(1))
        else:
            assert "core running" in line, line + log.read_text()
        return self

    def url(self, service: str) -> str:
        return f"ws://127.0.0.1:{self.port}/{service}"

    def kill(self) -> float:
        """SIGKILL; returns the monotonic time it was sent."""
        assert self.process is not None
        sent = time.monotonic()
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=30)
        return sent

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate(timeout=30)
