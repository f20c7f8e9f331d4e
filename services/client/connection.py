"""One backend service, reached through one provider: connect, hello, move bytes, resume.

A :class:`ServiceConnection` keeps one websocket to one service alive on the feed
client's asyncio loop ("feed-network" thread): connect, hello, subscribe every topic
from its cursor (epoch, seq) — or with ``null`` for a snapshot — then hand every frame
to its :class:`~services.client.ingest.IngestCore`, which holds the protocol's sequence
rules and adds what each frame means to the feed's current batch. When the link drops
it reconnects after :func:`~services.client.ingest.backoff_delay` (doubling, capped,
50–100 % jitter). A service with several URLs (edges of one backbone) fails over: a
lost link moves to the next URL at once, and only when every URL has failed in a row
does the backoff apply; the cursors make it a resume by (epoch, seq) on the new edge.
The connection itself only moves bytes and reports its state.

It knows the feed client only through :class:`FeedHost` (no import of the feed module).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from services.client.batch import IngestBatch, ServiceStatus
from services.client.ingest import IngestCore, backoff_delay, read_welcome
from services.protocol.messages import (
    CLOSE_UNAUTHORIZED,
    MAX_FRAME_BYTES,
    PING_INTERVAL_S,
    PING_TIMEOUT_S,
    PROTOCOL_VERSION,
)
from services.tls import TlsSetupError, tls_failure

if TYPE_CHECKING:
    from services.client.config import ClientConfig, Endpoint

log = logging.getLogger(__name__)


class FeedHost(Protocol):
    """What a connection needs of the feed client that owns it (network thread only)."""

    batch: IngestBatch  # the batch being filled; the host swaps it out when it flushes
    video_sink: Callable[[bytes], None] | None

    def wake(self) -> None: ...  # there is something in the batch

    def keep(self, task: asyncio.Task[Any]) -> None: ...  # hold a fire-and-forget task

    def resend_outbox(self, service: str) -> None: ...  # after each (re)connect

    def retry_later(self, service: str) -> None: ...  # after an `unavailable` ack


class ServiceConnection:
    """The provider for one service (see the module docstring)."""

    def __init__(
        self,
        feed: FeedHost,
        endpoint: Endpoint,
        config: ClientConfig,
        cursors: dict[str, tuple[str, int]],
        rng: random.Random,
    ) -> None:
        self.feed = feed
        self.endpoint = endpoint
        self.service = endpoint.service
        self.config = config
        self.core = IngestCore(self.service, config.topics.get(self.service, ()), cursors)
        self.state = "offline"
        self.role: str | None = None
        self._ws: ClientConnection | None = None
        self._rng = rng
        self._attempt = 0
        self._url = 0  # index into endpoint.urls of the URL in use
        self._failed_in_row = 0  # URLs that failed one after another
        self._last_frame_at: float | None = None
        #: (/video) the cameras to watch, frame rate and width; re-sent on every link
        self._watch: tuple[tuple[str, ...], float, int] = ((), 5.0, 640)
        self._watch_sent: tuple[tuple[str, ...], float, int] | None = None

    @property
    def url(self) -> str:
        """The URL in use (or the next one tried)."""
        return self.endpoint.urls[self._url]

    # --- lifecycle --------------------------------------------------------------------

    async def run(self) -> None:
        while True:
            self._set_state("connecting")
            failure = await self._session()
            self._ws = None
            unauthorized = failure == "unauthorized"
            self._set_state("unauthorized" if unauthorized else "offline", failure)
            urls = self.endpoint.urls
            if len(urls) > 1:
                self._url = (self._url + 1) % len(urls)
                self._failed_in_row += 1
                if self._failed_in_row < len(urls):
                    continue  # another edge, at once
                self._failed_in_row = 0
            config = self.config
            delay = backoff_delay(
                self._attempt, config.backoff_base_s, config.backoff_cap_s, self._rng.random()
            )
            self._attempt = min(self._attempt + 1, 10)
            await asyncio.sleep(delay)

    async def _session(self) -> str:
        """One connection, until it ends; returns why it ended."""
        try:
            url = self.url
            secure = url.lower().startswith("wss://")
            tls = self.endpoint.tls.context() if secure else None
        except TlsSetupError as exc:
            return f"TLS failure: {exc}"
        try:
            async with connect(
                url,
                ssl=tls,
                open_timeout=10,
                ping_interval=PING_INTERVAL_S,
                ping_timeout=PING_TIMEOUT_S,
                max_size=MAX_FRAME_BYTES,
                compression=None,
                close_timeout=2,
            ) as ws:
                self._ws = ws
                failure = await self._handshake(ws)
                if failure:
                    return failure
                self._attempt = 0
                self._failed_in_row = 0
                self._send_bytes(self.core.subscribe_all(time.time()))
                self._refresh_state()
                self._watch_sent = None  # a new link watches nothing yet
                self._send_watch()
                self.feed.resend_outbox(self.service)
                while True:
                    frame = await ws.recv()
                    if isinstance(frame, str):
                        self._on_frame(frame.encode())
                    else:
                        self._on_binary(frame)
        except ConnectionClosed as exc:
            if exc.rcvd is not None and exc.rcvd.code == CLOSE_UNAUTHORIZED:
                return "unauthorized"
            reason = exc.rcvd.reason if exc.rcvd is not None else ""
            return (
                f"connection closed ({exc.rcvd.code if exc.rcvd else 'no close frame'}"
                f"{': ' + reason if reason else ''})"
            )
        except (OSError, InvalidHandshake, TimeoutError) as exc:
            why = tls_failure(exc) if tls is not None else None
            return f"TLS failure: {why}" if why else f"cannot connect: {exc}"
        except InvalidURI as exc:
            return f"bad service URL: {exc}"

    async def _handshake(self, ws: ClientConnection) -> str | None:
        hello = {
            "op": "hello",
            "v": PROTOCOL_VERSION,
            "token": self.endpoint.token,
            "client": self.config.client_name,
        }
        await ws.send(json.dumps(hello))
        async with asyncio.timeout(10):
            first = await ws.recv(decode=False)
        greeting = read_welcome(first, self.service)
        self.role = greeting.role
        return greeting.failure

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    def _set_state(self, state: str, detail: str = "") -> None:
        if state == self.state and not detail:
            return
        self.state = state
        self.feed.batch.statuses[self.service] = ServiceStatus(
            self.service, state, time.time(), detail, self._last_frame_at, self.role
        )
        self.feed.wake()
        if state in ("offline", "unauthorized") and detail:
            log.info("%s %s: %s", self.service, state, detail)

    def _refresh_state(self) -> None:
        """Live or resyncing, as the core says (only while connected)."""
        if self.state not in ("connecting", "live", "resyncing") or self._ws is None:
            return
        want = "resyncing" if self.core.syncing else "live"
        if want != self.state:
            self._set_state(want)

    # --- sending ----------------------------------------------------------------------

    def send_command(self, command_id: str, command_type: str, data: bytes) -> bool:
        if self._ws is None or self.state not in ("live", "resyncing"):
            return False
        frame = (
            b'{"op":"command","id":'
            + json.dumps(command_id).encode()
            + b',"type":'
            + json.dumps(command_type).encode()
            + b',"data":'
            + data
            + b"}"
        )
        self._send_bytes(frame)
        return True

    def watch(self, cameras: tuple[str, ...], max_fps: float, max_width: int) -> None:
        """(/video) Watch exactly ``cameras`` (docs/protocol.md, "Video frames"): sent now
        if connected, and again after every reconnect."""
        self._watch = (cameras, max_fps, max_width)
        if self._ws is not None and self.state in ("live", "resyncing"):
            self._send_watch()

    def _send_watch(self) -> None:
        if self._watch == self._watch_sent or (not self._watch[0] and self._watch_sent is None):
            return
        cameras, max_fps, max_width = self._watch
        gone = sorted(set(self._watch_sent[0] if self._watch_sent else ()) - set(cameras))
        if gone:
            self._send_bytes(json.dumps({"op": "unwatch", "cameras": gone}).encode())
        if cameras:
            watch = {"op": "watch", "cameras": list(cameras), "max_fps": max_fps}
            self._send_bytes(json.dumps({**watch, "max_width": max_width}).encode())
        self._watch_sent = self._watch

    def _send_bytes(self, frame: bytes) -> None:
        ws = self._ws
        if ws is None:
            return
        task = asyncio.get_running_loop().create_task(_send_quietly(ws, frame))
        self.feed.keep(task)

    # --- receiving --------------------------------------------------------------------

    def _on_binary(self, frame: bytes) -> None:
        """Binary frames are video (docs/protocol.md, "Video frames"); anywhere else, junk."""
        self._last_frame_at = time.time()
        if self.service == "video" and self.feed.video_sink is not None:
            self.feed.video_sink(frame)
            return
        if self.service != "video":
            self.core.reject(self.feed.batch, None, self._last_frame_at, "a binary frame")
            self.feed.wake()

    def _on_frame(self, raw: bytes) -> None:
        now = time.time()
        self._last_frame_at = now
        reaction = self.core.receive(raw, now, self.feed.batch)
        for frame in reaction.send:
            self._send_bytes(frame)
        if reaction.retry_commands:
            self.feed.retry_later(self.service)
        self._refresh_state()
        self.feed.wake()


async def _send_quietly(ws: ClientConnection, frame: bytes) -> None:
    # A closed link is noticed by the session loop, which reconnects; commands stay queued.
    with contextlib.suppress(ConnectionClosed):
        await ws.send(frame, text=True)
