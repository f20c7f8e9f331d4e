"""One client connection to one service of the hub.

Tasks per session, all on the hub's event-loop thread:

* the *reader* (``run``): handshake, then every inbound frame; bad frames are answered
  with ``bad_request`` and counted (20 in a minute closes the connection with 1008);
* the *sender*: the only task that writes to the socket. It sends queued control frames
  (welcome, snapshots, acks, errors) first, then pulls each subscribed topic's events
  from the hub from the subscription's next seq — from memory, or from the log for a
  client far behind — so a slow client only lags, never makes the hub buffer for it,
  and backlog and live events can never interleave out of order. ``heads`` is sent only
  once every event it counts has been sent.
* on /video, the *frame pump* renders watched cameras at the asked rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import struct
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec
from websockets.exceptions import ConnectionClosed

from services.backend.topics import BATCH_MAX_EVENTS
from services.backend.video_frames import render_jpeg
from services.protocol.codec import ProtocolError, decode_client_frame, encode
from services.protocol.entities import SERVICE_TOPICS
from services.protocol.messages import (
    BAD_FRAMES_PER_MINUTE,
    CLOSE_BAD_REQUEST,
    CLOSE_HELLO_TIMEOUT,
    CLOSE_POLICY,
    CLOSE_UNAUTHORIZED,
    PROTOCOL_VERSION,
    Command,
    Error,
    Head,
    Heads,
    Hello,
    Subscribe,
    Unsubscribe,
    Unwatch,
    Watch,
    Welcome,
)
from services.protocol.times import format_ts, utc_now

if TYPE_CHECKING:
    from websockets.asyncio.server import ServerConnection

    from services.backend.hub import Hub

log = logging.getLogger(__name__)

MAX_WATCHED = 16


@dataclass
class _Subscription:
    topic: str
    next_seq: int


class Session:
    def __init__(self, hub: Hub, connection: ServerConnection, service: str) -> None:
        self.hub = hub
        self.ws = connection
        self.service = service
        self.topics = SERVICE_TOPICS[service]
        self.role = ""
        self.subs: dict[str, _Subscription] = {}
        self._control: deque[bytes] = deque()
        self._wake = asyncio.Event()
        self._heads_due = False
        self._bad_frames: deque[float] = deque()
        self._command_tasks: set[asyncio.Task[None]] = set()
        # video
        self.watched: dict[str, int] = {}  # camera id -> frame counter
        self.max_fps = 5.0
        self.max_width = 640
        self._watch_changed = asyncio.Event()
        self._frames: dict[str, bytes] = {}

    # --- handshake and reading -----------------------------------------------------

    async def run(self) -> None:
        if not await self._handshake():
            return
        tasks = [
            asyncio.create_task(self._sender(), name=f"session-sender-{self.service}"),
            asyncio.create_task(self._heads_timer(), name=f"session-heads-{self.service}"),
        ]
        if self.service == "video":
            tasks.append(asyncio.create_task(self._frame_pump(), name="session-video"))
        tasks[0].add_done_callback(self._on_sender_done)
        self.hub.sessions.add(self._wake.set)
        try:
            async for frame in self.ws:
                await self._on_frame(frame)
        except ConnectionClosed:
            pass
        finally:
            self.hub.sessions.discard(self._wake.set)
            for task in [*tasks, *self._command_tasks]:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await task

    def _on_sender_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled() or isinstance(task.exception(), ConnectionClosed):
            return
        log.error("sender for a /%s client failed", self.service, exc_info=task.exception())
        task.get_loop().create_task(self.ws.close(1011, "internal error"))

    async def _handshake(self) -> bool:
        try:
            async with asyncio.timeout(self.hub.config.hello_timeout_s):
                first = await self.ws.recv()
        except TimeoutError:
            await self.ws.close(CLOSE_HELLO_TIMEOUT, "no hello within 5 s")
            return False
        except ConnectionClosed:
            return False
        try:
            hello = decode_client_frame(first) if isinstance(first, str | bytes) else None
        except ProtocolError as exc:
            await self._refuse("bad_request", exc.message, CLOSE_BAD_REQUEST)
            return False
        if not isinstance(hello, Hello):
            await self._refuse("bad_request", "the first frame must be hello", CLOSE_BAD_REQUEST)
            return False
        if hello.v != PROTOCOL_VERSION:
            await self._refuse(
                "unsupported_version", f"this server speaks v{PROTOCOL_VERSION}", CLOSE_BAD_REQUEST
            )
            return False
        role = self.hub.tokens.get(hello.token)
        if role is None:
            await self._refuse("unauthorized", "unknown or missing token", CLOSE_UNAUTHORIZED)
            return False
        self.role = role
        welcome = Welcome(
            v=PROTOCOL_VERSION,
            service=self.service,
            topics=list(self.topics),
            role=role,
            server_time=format_ts(utc_now()),
        )
        try:
            await self.ws.send(encode(welcome), text=True)
        except ConnectionClosed:
            return False
        log.info("%s connected to /%s as %s", hello.client or "client", self.service, role)
        return True

    async def _refuse(self, code: str, message: str, close_code: int) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.ws.send(encode(Error(code=code, message=message)), text=True)
            await self.ws.close(close_code, message[:120])

    async def _on_frame(self, frame: str | bytes) -> None:
        try:
            if isinstance(frame, bytes):
                raise ProtocolError("bad_request", "clients send text frames only")
            message = decode_client_frame(frame)
            if isinstance(message, Subscribe):
                self._on_subscribe(message)
            elif isinstance(message, Unsubscribe):
                for topic in message.topics:
                    self.subs.pop(topic, None)
            elif isinstance(message, Command):
                task = asyncio.create_task(self._on_command(message))
                self._command_tasks.add(task)
                task.add_done_callback(self._command_tasks.discard)
            elif isinstance(message, Watch | Unwatch):
                self._on_watch(message)
            else:
                raise ProtocolError("bad_request", f"{message.__class__.__name__.lower()} again")
        except ProtocolError as exc:
            await self._on_bad_frame(exc)

    async def _on_bad_frame(self, exc: ProtocolError) -> None:
        now = time.monotonic()
        self._bad_frames.append(now)
        while self._bad_frames and self._bad_frames[0] < now - 60.0:
            self._bad_frames.popleft()
        self._queue(encode(Error(code=exc.code, message=exc.message)))
        if len(self._bad_frames) >= BAD_FRAMES_PER_MINUTE:
            log.warning("closing a /%s client after %d bad frames", self.service, 20)
            await self.ws.close(CLOSE_POLICY, "too many bad frames")

    def _on_subscribe(self, message: Subscribe) -> None:
        unknown = [topic for topic in message.topics if topic not in self.topics]
        if unknown:
            raise ProtocolError(
                "bad_request",
                f"unknown topic {unknown[0]!r} on /{self.service}; "
                f"topics: {', '.join(self.topics)}",
            )
        for name, resume in message.topics.items():
            state = self.hub.topics[name]
            if resume is not None and state.can_resume(resume.epoch, resume.after):
                self.subs[name] = _Subscription(name, resume.after + 1)
            else:
                self._subscribe_with_snapshot(name)
        self._wake.set()

    def _subscribe_with_snapshot(self, name: str) -> None:
        head, frames = self.hub.topics[name].snapshot_frames()
        self._control.extend(frames)
        self.subs[name] = _Subscription(name, head + 1)

    async def _on_command(self, command: Command) -> None:
        self._queue(await self.hub.execute(command, self.service, self.role))

    def _queue(self, frame: bytes) -> None:
        self._control.append(frame)
        self._wake.set()

    # --- sending ---------------------------------------------------------------------

    async def _sender(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await self._send_control()
            for sub in list(self.subs.values()):
                await self._drain(sub)
            for camera_id in list(self._frames):
                await self.ws.send(self._frames.pop(camera_id))
            if self._heads_due:
                self._send_heads_if_caught_up()
            await self._send_control()

    async def _send_control(self) -> None:
        while self._control:
            await self.ws.send(self._control.popleft(), text=True)

    async def _drain(self, sub: _Subscription) -> None:
        state = self.hub.topics[sub.topic]
        while self.subs.get(sub.topic) is sub and sub.next_seq <= state.head:
            if sub.next_seq < state.oldest_held:  # fell behind retention: start over
                self._subscribe_with_snapshot(sub.topic)
                return
            events = state.from_window(sub.next_seq - 1, BATCH_MAX_EVENTS)
            if events is None:
                events = await self.hub.read_events(sub.topic, sub.next_seq - 1, BATCH_MAX_EVENTS)
                if self.subs.get(sub.topic) is not sub:
                    return
            if not events or events[0][0] != sub.next_seq:
                log.error("%s: cannot serve seq %d; resnapshotting", sub.topic, sub.next_seq)
                self._subscribe_with_snapshot(sub.topic)
                return
            sub.next_seq = events[-1][0] + 1
            await self.ws.send(self.hub.batches.frame(sub.topic, events), text=True)
            await self._send_control()

    def _send_heads_if_caught_up(self) -> None:
        names = list(self.subs) or list(self.topics)
        states = [self.hub.topics[name] for name in names]
        if any(
            name in self.subs and self.subs[name].next_seq <= s.head
            for name, s in zip(names, states, strict=True)
        ):
            self._wake.set()  # more events first; heads right after them
            return
        self._heads_due = False
        heads = Heads(heads={s.name: Head(epoch=s.epoch, seq=s.head) for s in states})
        self._control.append(encode(heads))

    async def _heads_timer(self) -> None:
        while True:
            await asyncio.sleep(self.hub.config.heads_interval_s)
            self._heads_due = True
            self._wake.set()

    # --- video -----------------------------------------------------------------------

    def _on_watch(self, message: Watch | Unwatch) -> None:
        if self.service != "video":
            raise ProtocolError("bad_request", f"{type(message).__name__.lower()} is a /video op")
        if isinstance(message, Unwatch):
            for camera_id in message.cameras:
                self.watched.pop(camera_id, None)
                self._frames.pop(camera_id, None)
            return
        for camera_id in message.cameras:
            camera = self.hub.camera(camera_id)
            if camera is None:
                self._queue(encode(Error(code="not_found", message=f"no camera {camera_id}")))
            elif camera.get("stream", {}).get("kind") != "ws-jpeg":
                self._queue(
                    encode(
                        Error(code="bad_request", message=f"{camera_id} streams from its own URL")
                    )
                )
            elif len(self.watched) >= MAX_WATCHED and camera_id not in self.watched:
                self._queue(
                    encode(
                        Error(
                            code="bad_request",
                            message=f"at most {MAX_WATCHED} cameras per connection",
                        )
                    )
                )
            else:
                self.watched.setdefault(camera_id, 0)
        self.max_fps = min(message.max_fps, self.hub.config.video_fps_cap)
        self.max_width = message.max_width
        self._watch_changed.set()

    async def _frame_pump(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if not self.watched:
                self._watch_changed.clear()
                await self._watch_changed.wait()
                continue
            started = loop.time()
            for camera_id in list(self.watched):
                camera = self.hub.camera(camera_id)
                if camera is None or camera.get("status") != "online":
                    continue
                moment = self.hub.sim.now if self.hub.sim else utc_now()
                jpeg, width, height = await loop.run_in_executor(
                    self.hub.media,
                    render_jpeg,
                    camera,
                    moment,
                    self.watched.get(camera_id, 0),
                    self.max_width,
                )
                if camera_id not in self.watched:
                    continue
                self.watched[camera_id] += 1
                header = msgspec.json.encode(
                    {
                        "camera": camera_id,
                        "ts": format_ts(moment),
                        "seq": self.watched[camera_id],
                        "w": width,
                        "h": height,
                    }
                )
                self._frames[camera_id] = struct.pack(">I", len(header)) + header + jpeg
                self._wake.set()
            period = 1.0 / self.max_fps
            await asyncio.sleep(max(0.0, period - (loop.time() - started)))
