"""The edge role: a stateless websocket node speaking protocol v1, backed by JetStream.

Consoles connect to an edge exactly as to the single process: every connection is a
:class:`~services.backend.session.Session` — the same handshake, budgets, size guards,
snapshots in parts, resumes and close codes — served from the edge's
:class:`~services.backend.backbone.mirror.Mirror` instead of the hub's own log.
Commands are authorised and validated here, then forwarded to the core's work queue
(``Nats-Msg-Id`` = the digest of issuer and id, so a resend within two minutes is one
message); the edge waits for the ack the core stores in the ``cc_acks`` bucket (or
publishes live, for acks that are not remembered) and answers it. A remembered ack is
found in the bucket by any edge, so a console that resends an id after failing over
gets the identical ack from another edge.

Thread: one asyncio loop (the caller's); JPEGs of simulated cameras on a small pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import msgspec
from nats.aio.msg import Msg
from nats.js.errors import KeyNotFoundError
from websockets.asyncio.server import Server, ServerConnection

from services.backend.backbone import commands
from services.backend.backbone.core import close_quickly, forget_node, node_key
from services.backend.backbone.mirror import Mirror, MirrorTopic
from services.backend.backbone.streams import (
    ACK_SUBJECT,
    ACKS_BUCKET,
    COMMAND_SUBJECT,
    NODES_BUCKET,
    BackboneConfig,
    ack_key,
    cancel_tasks,
    connect,
)
from services.backend.config import HubConfig
from services.backend.guards import FailedHellos
from services.backend.listener import serve_protocol
from services.backend.private_files import private_dir
from services.backend.refusals import refusal
from services.backend.tokens import TokenTable, generated_commander_token
from services.backend.topics import BatchCache
from services.protocol.codec import encode
from services.protocol.messages import (
    Ack,
    AckError,
    Command,
)

log = logging.getLogger(__name__)


class Edge:
    """Serves /cad /avl /video /opinion from the backbone (see the module docstring)."""

    sim = None  # no simulator here: simulated camera frames are drawn at wall-clock time

    def __init__(self, config: HubConfig, backbone: BackboneConfig) -> None:
        self.config = config
        self.backbone = backbone
        self.name = backbone.name or f"edge@{socket.gethostname()}:{os.getpid()}"
        self.tokens = TokenTable({})
        self.generated_token: str | None = None
        self.failed_hellos = FailedHellos(
            limit=config.hello_failures_per_minute, delay_s=config.hello_failure_delay_s
        )
        self.topics: dict[str, MirrorTopic] = {}
        self.batches = BatchCache()
        self.sessions: set[Callable[[], None]] = set()  # each session's wake-up call
        self.media = ThreadPoolExecutor(max_workers=2, thread_name_prefix="edge-video")
        self.port = 0
        self._nc: Any = None
        self._js: Any = None
        self._kv: Any = None
        self._mirror: Mirror | None = None
        self._server: Server | None = None
        self._connections: set[ServerConnection] = set()
        self._waiting: dict[str, asyncio.Future[bytes]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopped = asyncio.Event()

    @property
    def epoch(self) -> str:
        """The epoch shared by topics created together (tests and logs)."""
        return next(iter(self.topics.values())).epoch if self.topics else ""

    async def start(self) -> None:
        config = self.config
        if config.tokens:
            self.tokens = TokenTable(config.tokens, "HubConfig.tokens")
        else:
            private_dir(config.data_dir)
            self.generated_token, _ = generated_commander_token(config.data_dir)
            self.tokens = TokenTable({self.generated_token: "commander"})
        self._nc = await connect(self.backbone, self.name)
        self._js = self._nc.jetstream(timeout=5.0)
        self._mirror = Mirror(self._js, window=config.window, on_change=self._wake_sessions)
        await self._mirror.load()
        self.topics = self._mirror.topics
        await self._nc.subscribe(f"$KV.{ACKS_BUCKET}.*", cb=self._on_ack)
        await self._nc.subscribe(f"{ACK_SUBJECT}.*", cb=self._on_ack)
        self._kv = await self._js.key_value(ACKS_BUCKET)
        await self._mirror.follow()
        self._server = await serve_protocol(self, config, self._connections)
        self.port = self._server.sockets[0].getsockname()[1]
        self._tasks = [asyncio.create_task(self._heartbeat(), name="edge-heartbeat")]
        log.info("edge %s listening on %s:%d", self.name, config.host, self.port)

    async def stop(self) -> None:
        """Close every connection (1001), stop following, close the backbone. Idempotent."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        await cancel_tasks(self._tasks)
        if self._server is not None:
            self._server.close()
            try:
                async with asyncio.timeout(self.config.close_grace_s):
                    await self._server.wait_closed()
            except TimeoutError:
                for connection in list(self._connections):
                    connection.transport.abort()
                await self._server.wait_closed()
        if self._mirror is not None:
            await self._mirror.stop()
        if self._nc is not None:
            await forget_node(self._js, self.name)
            await close_quickly(self._nc, self.name)
        self.media.shutdown(wait=True, cancel_futures=True)

    def _wake_sessions(self) -> None:
        for wake in list(self.sessions):
            wake()

    # --- what a Session asks of its host ---------------------------------------------

    async def read_events(self, topic: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        assert self._mirror is not None
        return await self._mirror.read_events(topic, after, limit)

    def camera(self, camera_id: str) -> dict | None:
        payload = self.topics["cameras"].entities.get(camera_id)
        return None if payload is None else msgspec.json.decode(payload)

    def refusal(self, command: Command, service: str, role: str) -> Ack | None:
        return refusal(command, service, role, training=self.config.training)

    async def execute(
        self, command: Command, service: str, role: str, issuer: str, client: str = ""
    ) -> bytes:
        """Authorise and validate here, then the core's ack (remembered or live)."""
        refused = self.refusal(command, service, role) or commands.invalid_data(command)
        if refused is not None:
            return encode(refused)
        key = ack_key(issuer, command.id)
        waiting = self._waiting.get(key)
        if waiting is not None:
            return await asyncio.shield(waiting)
        done: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._waiting[key] = done
        done.add_done_callback(lambda _: self._waiting.pop(key, None))
        try:
            try:
                frame = await self._judged(
                    command=command,
                    service=service,
                    role=role,
                    issuer=issuer,
                    client=client,
                    key=key,
                    done=done,
                )
            except _Unavailable as exc:
                frame = unavailable_ack(command.id, str(exc))
            if not done.done():
                done.set_result(frame)
            return frame
        finally:
            if not done.done():  # cancelled: whoever waits for the same id tries again
                done.set_result(unavailable_ack(command.id, "the edge stopped waiting"))

    async def _judged(
        self,
        *,
        command: Command,
        service: str,
        role: str,
        issuer: str,
        client: str,
        key: str,
        done: asyncio.Future[bytes],
    ) -> bytes:
        stored = await self._stored_ack(key)
        if stored is not None:
            return stored
        forwarded = commands.ForwardedCommand(
            issuer=issuer,
            role=role,
            service=service,
            id=command.id,
            type=command.type,
            data=command.data,
            client=client,
        )
        await self._forward(key, msgspec.json.encode(forwarded))
        return await self._wait_for_ack(key, done)

    async def _forward(self, key: str, payload: bytes) -> None:
        deadline = time.monotonic() + self.backbone.command_wait_s
        while True:
            try:
                await self._js.publish(
                    COMMAND_SUBJECT, payload, headers={"Nats-Msg-Id": key}, timeout=2.0
                )
                return
            except Exception as exc:  # retried until the deadline
                if time.monotonic() > deadline:
                    raise _Unavailable("the command queue is not reachable") from exc
                log.warning("forwarding a command failed (%s); retrying", exc or type(exc).__name__)
                await asyncio.sleep(0.25)

    async def _wait_for_ack(self, key: str, done: asyncio.Future[bytes]) -> bytes:
        deadline = time.monotonic() + self.backbone.command_wait_s
        while time.monotonic() < deadline:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    return await asyncio.shield(done)
            stored = await self._stored_ack(key)  # a live ack missed while reconnecting
            if stored is not None:
                return stored
        raise _Unavailable("the core has not answered yet")

    async def _stored_ack(self, key: str) -> bytes | None:
        """The remembered ack, or None (also while the backbone does not answer: the
        command is then forwarded, and answered ``unavailable`` if it cannot be)."""
        try:
            async with asyncio.timeout(2.0):
                entry = await self._kv.get(key)
        except KeyNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a lost link or no leader: not known yet
            log.warning("looking up an ack failed (%s)", exc or type(exc).__name__)
            return None
        return bytes(entry.value) if entry.value else None

    async def _on_ack(self, message: Msg) -> None:
        future = self._waiting.get(message.subject.rsplit(".", 1)[1])
        if future is not None and not future.done() and message.data:
            future.set_result(bytes(message.data))

    # --- connections ------------------------------------------------------------------

    # --- health -----------------------------------------------------------------------

    async def _heartbeat(self) -> None:
        kv = await self._js.key_value(NODES_BUCKET)
        started = time.time()
        while True:
            report = {
                "role": "edge",
                "name": self.name,
                "pid": os.getpid(),
                "url": f"{'wss' if self.config.tls else 'ws'}://{self.config.host}:{self.port}",
                "started": started,
                "at": time.time(),
                "connections": len(self._connections),
                "heads": {t: s.head for t, s in self.topics.items()},
                "stream_last": {t: s.stream_last for t, s in self.topics.items()},
                "commands_waiting": len(self._waiting),
            }
            try:
                await kv.put(node_key(self.name), json.dumps(report).encode())
            except Exception as exc:  # noqa: BLE001 - health is best effort; the log says why
                log.warning("heartbeat not stored: %s", exc or type(exc).__name__)
            await asyncio.sleep(self.backbone.heartbeat_s)


class _Unavailable(Exception):  # noqa: N818 - answered as the `unavailable` ack
    pass


def unavailable_ack(command_id: str, why: str) -> bytes:
    error = AckError("unavailable", f"{why}; send it again")
    return encode(Ack(id=command_id, ok=False, error=error))
