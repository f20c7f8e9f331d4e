"""One client connection to one service of the hub.

Tasks per session, all on the hub's event-loop thread:

* the *reader* (``run``): handshake, then every inbound frame; bad frames are answered
  with ``bad_request`` and counted (20 in a minute closes the connection with 1008).
  Commands, and subscription changes (subscribe, unsubscribe, watch, unwatch), each
  spend from a per-connection token bucket; past it the frame is answered
  ``rate_limited`` and the reader waits until the bucket has refilled before it reads
  on, so a flooding client is read no faster than its budget (its frames back up in TCP
  on its side). Commands are authorised before any remembered ack is looked at.
* the *sender*: the only task that writes to the socket. It sends the connection's
  :class:`SendQueue` (control frames, then snapshot parts) first, then pulls each
  subscribed topic's events from the hub from the subscription's next seq — from
  memory, or from the log for a client far behind (a latest-wins topic that far
  behind gets a snapshot instead: ``TopicState.snapshot_is_cheaper``) — so a slow
  client only lags, never makes the hub buffer for it, and backlog and live events can
  never interleave out of order. ``heads`` is sent only once every event it counts has
  been sent. Every send has a deadline (``send_timeout_s``): a client that does not
  read is closed with 1013, and so is one whose queue grows past ``send_queue_bytes``;
  if the close frame cannot get through within ``close_grace_s`` the TCP connection is
  dropped.
* on /video, the *frame pump* (:class:`VideoWatch`) renders watched cameras.

Client-supplied strings (the ``client`` name, errors about the hello) reach the log only
through :func:`printable`; tokens never do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode
from websockets.protocol import State

from services.backend.guards import TokenBucket, printable
from services.backend.send_queue import SendQueue
from services.backend.topics import BATCH_MAX_EVENTS
from services.backend.video_watch import VideoWatch, check_video_op
from services.protocol.codec import ProtocolError, decode_client_frame, encode
from services.protocol.entities import SERVICE_TOPICS
from services.protocol.messages import (
    BAD_FRAMES_PER_MINUTE,
    CLOSE_BAD_REQUEST,
    CLOSE_HELLO_TIMEOUT,
    CLOSE_POLICY,
    CLOSE_TRY_AGAIN_LATER,
    CLOSE_UNAUTHORIZED,
    PROTOCOL_VERSION,
    Ack,
    AckError,
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

    from services.backend.host import SessionHost

log = logging.getLogger(__name__)


@dataclass
class _Subscription:
    topic: str
    next_seq: int


class _FallenBehind(Exception):  # noqa: N818 - a reason to close, not a failure
    """The client does not take what is sent to it fast enough; the message says how."""


class Session:
    def __init__(self, hub: SessionHost, connection: ServerConnection, service: str) -> None:
        self.hub = hub
        self.ws = connection
        self.service = service
        self.topics = SERVICE_TOPICS[service]
        self.role = ""
        self.issuer = ""  # the digest of the token this client said hello with
        self.client = ""  # the hello's ``client`` name (who dispatched, on a unit)
        self.subs: dict[str, _Subscription] = {}
        config = hub.config
        self._queue = SendQueue()
        self._commands = TokenBucket(config.command_rate_per_s, config.command_burst)
        self._changes = TokenBucket(config.subscribe_rate_per_s, config.subscribe_burst)
        self._wake = asyncio.Event()
        self._heads_due = False
        self._bad_frames: deque[float] = deque()
        self._command_tasks: set[asyncio.Task[None]] = set()
        self._sender_task: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None
        self.video = VideoWatch(hub, self._enqueue, self._wake.set)

    @property
    def peer(self) -> str:
        """The client's address (host), for logs and per-address accounting."""
        address = self.ws.remote_address
        return str(address[0]) if address else "unknown"

    # --- handshake and reading -----------------------------------------------------

    async def run(self) -> None:
        if not await self._handshake():
            return
        self._sender_task = asyncio.create_task(
            self._sender(), name=f"session-sender-{self.service}"
        )
        self._sender_task.add_done_callback(self._on_sender_done)
        tasks = [
            self._sender_task,
            asyncio.create_task(self._heads_timer(), name=f"session-heads-{self.service}"),
        ]
        if self.service == "video":
            tasks.append(asyncio.create_task(self.video.pump(), name="session-video"))
        self.hub.sessions.add(self._wake.set)
        try:
            async for frame in self.ws:
                if self.ws.state is not State.OPEN:
                    break  # frames still buffered from a closed connection are moot
                await self._on_frame(frame)
        except ConnectionClosed:
            pass
        finally:
            self.hub.sessions.discard(self._wake.set)
            for task in [*tasks, *self._command_tasks]:
                task.cancel()
            if self._closer is not None:
                tasks.append(self._closer)  # it ends with the connection: let it finish
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                    await task

    def _on_sender_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        failure = task.exception()
        if failure is None or isinstance(failure, ConnectionClosed):
            return
        log.error("sender for a /%s client failed", self.service, exc_info=failure)
        self._closer = task.get_loop().create_task(
            self._close_within_grace(CloseCode.INTERNAL_ERROR, "internal error")
        )

    async def _handshake(self) -> bool:
        try:
            async with asyncio.timeout(self.hub.config.hello_timeout_s):
                first = await self.ws.recv()
        except TimeoutError:
            log.info("no hello on /%s from %s in time", self.service, self.peer)
            await self._close_within_grace(CLOSE_HELLO_TIMEOUT, "no hello within 5 s")
            return False
        except ConnectionClosed:
            return False
        try:
            hello = decode_client_frame(first) if isinstance(first, str | bytes) else None
        except ProtocolError as exc:
            await self._refuse_hello("bad_request", exc.message, CLOSE_BAD_REQUEST, "")
            return False
        if not isinstance(hello, Hello):
            message = "the first frame must be hello"
            await self._refuse_hello("bad_request", message, CLOSE_BAD_REQUEST, "")
            return False
        if hello.v != PROTOCOL_VERSION:
            message = f"this server speaks v{PROTOCOL_VERSION}"
            await self._refuse_hello(
                "unsupported_version", message, CLOSE_BAD_REQUEST, hello.client
            )
            return False
        identity = self.hub.tokens.identify(hello.token)
        if identity is None:
            message = "unknown or missing token"
            await self._refuse_hello("unauthorized", message, CLOSE_UNAUTHORIZED, hello.client)
            return False
        self.issuer, self.role = identity
        self.client = hello.client
        welcome = Welcome(
            v=PROTOCOL_VERSION,
            service=self.service,
            topics=list(self.topics),
            role=self.role,
            server_time=format_ts(utc_now()),
        )
        try:
            await self._send(encode(welcome))
        except ConnectionClosed:
            return False
        except _FallenBehind as exc:
            await self._drop(str(exc))
            return False
        log.info(
            "client %s connected to /%s as %s from %s",
            printable(hello.client),
            self.service,
            self.role,
            self.peer,
        )
        return True

    async def _refuse_hello(self, code: str, message: str, close_code: int, client: str) -> None:
        """Log a failed hello (never its token), wait if its address keeps failing, refuse."""
        verdict = self.hub.failed_hellos.record(self.peer)
        if verdict.log:
            unlisted = verdict.suppressed
            log.warning(
                "refused a hello on /%s from %s (client %s): %s; %d failed hello(s) from "
                "this address in the last minute%s",
                self.service,
                self.peer,
                printable(client),
                printable(message),
                verdict.failures,
                f", {unlisted} not logged one by one" if unlisted else "",
            )
        if verdict.delay_s:
            await asyncio.sleep(verdict.delay_s)
        await self._refuse(code, message, close_code)

    async def _refuse(self, code: str, message: str, close_code: int) -> None:
        try:
            await self._send(encode(Error(code=code, message=message)))
        except ConnectionClosed:
            return
        except _FallenBehind:
            pass  # closed below all the same
        await self._close_within_grace(close_code, message[:120])

    async def _on_frame(self, frame: str | bytes) -> None:
        try:
            if isinstance(frame, bytes):
                raise ProtocolError("bad_request", "clients send text frames only")
            message = decode_client_frame(frame)
            if isinstance(message, Command):
                await self._on_command(message)
            elif isinstance(message, Subscribe | Unsubscribe | Watch | Unwatch):
                await self._on_change(message)
            else:
                raise ProtocolError("bad_request", f"{message.__class__.__name__.lower()} again")
        except ProtocolError as exc:
            await self._on_bad_frame(exc)

    async def _on_bad_frame(self, exc: ProtocolError) -> None:
        now = time.monotonic()
        self._bad_frames.append(now)
        while self._bad_frames and self._bad_frames[0] < now - 60.0:
            self._bad_frames.popleft()
        self._enqueue(encode(Error(code=exc.code, message=exc.message)))
        if len(self._bad_frames) >= BAD_FRAMES_PER_MINUTE:
            log.warning(
                "closing a /%s client from %s after %d bad frames in a minute",
                self.service,
                self.peer,
                BAD_FRAMES_PER_MINUTE,
            )
            await self._close_within_grace(CLOSE_POLICY, "too many bad frames")

    async def _over_budget(self, bucket: TokenBucket, refusal: Ack | Error) -> None:
        """Refuse a frame past its budget, then read nothing more until the budget allows
        (or the connection has closed)."""
        self._enqueue(encode(refusal))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(bucket.wait_s()):
                await self.ws.wait_closed()

    async def _on_change(self, message: Subscribe | Unsubscribe | Watch | Unwatch) -> None:
        if isinstance(message, Watch | Unwatch):
            check_video_op(self.service, message)
        if not self._changes.take():
            text = (
                f"more than {self._changes.rate:g} subscription changes a second on this "
                "connection; send it again later"
            )
            await self._over_budget(self._changes, Error(code="rate_limited", message=text))
        elif isinstance(message, Subscribe):
            self._on_subscribe(message)
        elif isinstance(message, Unsubscribe):
            for topic in message.topics:
                self.subs.pop(topic, None)
                self._queue.drop_snapshots(topic)
        else:
            self.video.on_watch(message)

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
            if (
                resume is not None
                and state.can_resume(resume.epoch, resume.after)
                and not state.snapshot_is_cheaper(resume.after)
            ):
                self._queue.drop_snapshots(name)
                self.subs[name] = _Subscription(name, resume.after + 1)
            else:
                self._subscribe_with_snapshot(name)
        self._wake.set()

    def _subscribe_with_snapshot(self, name: str) -> None:
        head, frames = self.hub.topics[name].snapshot_frames()
        self._queue.set_snapshot(name, frames)
        self.subs[name] = _Subscription(name, head + 1)
        self._check_queue()

    async def _on_command(self, command: Command) -> None:
        if not self._commands.take():
            refusal = AckError(
                "rate_limited",
                f"more than {self._commands.rate:g} commands a second on this connection; "
                "send it again later",
            )
            await self._over_budget(self._commands, Ack(id=command.id, ok=False, error=refusal))
            return
        refused = self.hub.refusal(command, self.service, self.role)
        if refused is not None:  # decided without looking at any remembered ack
            self._enqueue(encode(refused))
            return
        task = asyncio.create_task(self._execute(command))
        self._command_tasks.add(task)
        task.add_done_callback(self._command_tasks.discard)

    async def _execute(self, command: Command) -> None:
        self._enqueue(
            await self.hub.execute(command, self.service, self.role, self.issuer, self.client)
        )

    def _enqueue(self, frame: bytes) -> None:
        self._queue.push(frame)
        self._wake.set()
        self._check_queue()

    def _check_queue(self) -> None:
        """Close a client whose queue has grown past its bound (its sender may be stuck)."""
        bound = self.hub.config.send_queue_bytes
        if self._queue.nbytes > bound and self._closer is None:
            if self._sender_task is not None:
                self._sender_task.cancel()
            reason = f"more than {bound:,} bytes were waiting to be sent to it"
            self._closer = asyncio.get_running_loop().create_task(self._drop(reason))

    # --- sending ---------------------------------------------------------------------

    async def _send(self, frame: bytes, *, text: bool = True) -> None:
        """Send one frame, or raise :class:`_FallenBehind` if it cannot go within the
        send deadline (the client does not read, or reads far too slowly)."""
        timeout = self.hub.config.send_timeout_s
        try:
            async with asyncio.timeout(timeout):
                await self.ws.send(frame, text=text)
        except TimeoutError:
            raise _FallenBehind(f"a send did not complete within {timeout:g} s") from None

    async def _drop(self, reason: str) -> None:
        """Close a client that has fallen behind with 1013; it may resume by (epoch, seq)."""
        log.warning("closing a /%s client from %s: %s", self.service, self.peer, reason)
        await self._close_within_grace(CLOSE_TRY_AGAIN_LATER, "too far behind; resume later")

    async def _close_within_grace(self, code: int, reason: str) -> None:
        """Close with ``code``; drop the TCP connection if that cannot finish in time (a
        client that does not read never receives the close frame)."""
        try:
            async with asyncio.timeout(self.hub.config.close_grace_s):
                await self.ws.close(code, reason)
        except TimeoutError:
            self.ws.transport.abort()

    async def _sender(self) -> None:
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                await self._send_queued()
                for sub in list(self.subs.values()):
                    await self._drain(sub)
                for camera_id in list(self.video.frames):
                    await self._send(self.video.frames.pop(camera_id), text=False)
                if self._heads_due:
                    self._send_heads_if_caught_up()
                await self._send_queued()
        except _FallenBehind as exc:
            await self._drop(str(exc))

    async def _send_queued(self) -> None:
        while (frame := self._queue.pop()) is not None:
            await self._send(frame)

    async def _drain(self, sub: _Subscription) -> None:
        state = self.hub.topics[sub.topic]
        while (
            self.subs.get(sub.topic) is sub
            and sub.next_seq <= state.head
            and not self._queue.has_snapshot(sub.topic)  # its events follow its snapshot
        ):
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
            await self._send(self.hub.batches.frame(sub.topic, events))
            await self._send_queued()

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
        self._enqueue(encode(heads))

    async def _heads_timer(self) -> None:
        while True:
            await asyncio.sleep(self.hub.config.heads_interval_s)
            self._heads_due = True
            self._wake.set()
