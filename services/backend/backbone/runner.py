"""Run a backbone node (core or edge): in the foreground for the command line, or on a
background thread for tests and benchmarks.

Thread: ``NodeThread`` owns one thread, "backbone-<role>", running its own asyncio loop;
``start()`` returns once the node serves (or raises what made it fail), ``stop()`` stops
it (a core commits what is pending) and joins the thread.
"""

from __future__ import annotations

import asyncio
import io
import signal
import sys
from typing import Any

from services.backend.backbone.core import Core
from services.backend.backbone.edge import Edge
from services.backend.backbone.streams import BackboneConfig
from services.backend.config import HubConfig
from services.backend.runner import ServingThread
from services.tls import is_loopback_host


def make_node(role: str, config: HubConfig, backbone: BackboneConfig) -> Core | Edge:
    if role == "core":
        return Core(config, backbone)
    if role == "edge":
        return Edge(config, backbone)
    raise ValueError(f"--role is core or edge, not {role!r}")


class NodeThread(ServingThread):
    def __init__(self, role: str, config: HubConfig, backbone: BackboneConfig) -> None:
        super().__init__()
        self.thread_name = f"backbone-{role}"
        self.what = role
        self.role = role
        self.config = config
        self.backbone = backbone
        self.node: Core | Edge | None = None

    def _build(self) -> Core | Edge:
        return make_node(self.role, self.config, self.backbone)

    def _starting(self, served: Any) -> None:
        self.node = served

    @property
    def edge(self) -> Edge:
        assert isinstance(self.node, Edge)
        return self.node

    @property
    def core(self) -> Core:
        assert isinstance(self.node, Core)
        return self.node

    def url(self, service: str) -> str:
        return f"ws://{self.config.host}:{self.edge.port}/{service}"

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the node and join its thread; TimeoutError naming what it is stuck on."""
        super().stop(timeout)
        if self._thread is not None and self._thread.is_alive() and self._loop is not None:
            stuck = asyncio.run_coroutine_threadsafe(_task_stacks(), self._loop).result(5)
            raise TimeoutError(f"the {self.role} did not stop within {timeout} s:\n{stuck}")


async def _task_stacks() -> str:
    out = io.StringIO()
    for task in asyncio.all_tasks():
        task.print_stack(file=out)
    return out.getvalue()


async def serve(role: str, config: HubConfig, backbone: BackboneConfig) -> int:
    """Run one node until SIGINT/SIGTERM (the command line's ``--backbone``)."""
    node = make_node(role, config, backbone)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    starting = asyncio.create_task(node.start())
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait([starting, stopped], return_when=asyncio.FIRST_COMPLETED)
    if not starting.done():
        starting.cancel()
        await node.stop()
        return 0
    stopped.cancel()
    try:
        starting.result()
    except OSError as exc:
        print(
            f"command-centre-services: cannot listen on {config.host}:{config.port}: {exc}",
            file=sys.stderr,
        )
        await node.stop()
        return 1
    servers = ",".join(backbone.urls)
    if isinstance(node, Edge):
        scheme = "ws" if config.tls is None else "wss"
        print(
            f"command-centre-services: edge listening on {scheme}://{config.host}:{node.port} "
            f"(/cad /avl /video /opinion), backbone {servers}"
        )
        print(
            f"  epoch {node.epoch}, heads "
            + ", ".join(f"{t} {s.head}" for t, s in node.topics.items())
        )
        if node.generated_token:
            print(
                f"  commander token: {node.generated_token} "
                f"(also in {config.data_dir / 'console-token'})"
            )
        if config.tls is None and not is_loopback_host(config.host):
            print(
                f"command-centre-services: warning: ws:// on {config.host} sends tokens in "
                "clear text; serve wss:// with --tls-cert and --tls-key",
                file=sys.stderr,
            )
    else:
        print(f"command-centre-services: core running on backbone {servers}")
        print(
            f"  profile {config.profile}, seed {config.seed}, replicas {backbone.replicas}, "
            "heads " + ", ".join(f"{t} {h}" for t, h in node.heads.items())
        )
    sys.stdout.flush()
    await stop.wait()
    print(f"command-centre-services: stopping the {role}", flush=True)
    await node.stop()
    return 0
