"""A network link and a frame server for ``bench/ingest.py``, run as their own process.

Kept out of the measured process so that their work does not compete with the console
for its interpreter lock.

``python -m bench._link link BACKEND_PORT RECORD_DIR RECORD_S`` — three things:

* a TCP relay on a free loopback port to the backend (the console connects through it).
  On the line ``down`` on stdin every connection through it is reset (both sides see
  the TCP connection abort) and the port stops listening (new connections are refused):
  a lost link as a router dropping the route reports it. ``up`` listens again;
* an observer: one websocket per service straight to the backend, subscribed to every
  topic, which follows each topic's head as the backend publishes it;
* a recorder: the observer's frames of its first ``RECORD_S`` seconds (snapshots first,
  then events in order) written to ``RECORD_DIR/<service>.frames`` for the frame server.

Stdout lines: ``port N``; ``heads <json>`` when asked (``heads`` on stdin);
``accepted <service> <monotonic> <json heads>`` for every connection the relay accepts,
with the observer's heads at that instant; ``recorded``; ``down <t>``, ``up <t>``.

``python -m bench._link serve RECORD_DIR`` — a websockets server on a free loopback
port serving each recorded service: it answers the hello with the recorded welcome,
then, on the first subscribe, sends every recorded frame as fast as the connection
takes them (later subscribes are read and ignored). Stdout: ``port N``, then per
connection ``sent <service> <first send monotonic> <last send monotonic>``.

Both end when their stdin does (the bench stopped, or died).

Times are ``time.monotonic()``, one clock for every process on the machine (Linux).
"""

from __future__ import annotations

import asyncio
import json
import struct
import sys
import time
from pathlib import Path

import msgspec
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

SERVICES = {
    "cad": ("incidents", "units"),
    "avl": ("positions",),
    "video": ("cameras",),
    "opinion": ("alerts",),
}


class _Event(msgspec.Struct):
    topic: str
    seq: int


class _Frame(msgspec.Struct):
    op: str
    topic: str | None = None
    seq: int | None = None
    events: list[_Event] | None = None


_frame_decoder = msgspec.json.Decoder(_Frame)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write_frames(path: Path, frames: list[bytes]) -> None:
    with path.open("wb") as out:
        for frame in frames:
            out.write(struct.pack(">I", len(frame)))
            out.write(frame)


def read_frames(path: Path) -> list[bytes]:
    data = path.read_bytes()
    frames, at = [], 0
    while at < len(data):
        (size,) = struct.unpack_from(">I", data, at)
        frames.append(data[at + 4 : at + 4 + size])
        at += 4 + size
    return frames


class Observer:
    """Every topic's head, as the backend publishes it; records the first frames."""

    def __init__(self, port: int, token: str, record_dir: Path, record_s: float) -> None:
        self.port = port
        self.token = token
        self.heads: dict[str, int] = {}
        self.record_dir = record_dir
        self.record_until = time.monotonic() + record_s
        self.recording: dict[str, list[bytes]] = {service: [] for service in SERVICES}

    async def follow(self, service: str) -> None:
        hello = {"op": "hello", "v": 1, "token": self.token, "client": "bench-observer"}
        url = f"ws://127.0.0.1:{self.port}/{service}"
        async with connect(url, compression=None, max_size=None) as ws:
            await ws.send(json.dumps(hello))
            record = self.recording[service]
            record.append(await ws.recv(decode=False))  # the welcome
            topics = dict.fromkeys(SERVICES[service])
            await ws.send(json.dumps({"op": "subscribe", "topics": topics}))
            async for raw in ws:
                frame = raw.encode() if isinstance(raw, str) else raw
                if time.monotonic() < self.record_until:
                    record.append(frame)
                message = _frame_decoder.decode(frame)
                if message.op in ("event", "snapshot") and message.topic is not None:
                    self.heads[message.topic] = message.seq or 0
                elif message.op == "batch" and message.events:
                    last = message.events[-1]
                    self.heads[last.topic] = last.seq

    async def save_recording(self) -> None:
        await asyncio.sleep(max(0.0, self.record_until - time.monotonic()))
        for service, frames in self.recording.items():
            write_frames(self.record_dir / f"{service}.frames", frames)
        say("recorded")


class Relay:
    """TCP relay to the backend that can lose the link (reset and refuse) and regain it."""

    def __init__(self, target_port: int, observer: Observer) -> None:
        self.target_port = target_port
        self.observer = observer
        self.port = 0
        self.server: asyncio.Server | None = None
        self.transports: set[asyncio.BaseTransport] = set()

    async def listen(self) -> None:
        self.server = await asyncio.start_server(self.accept, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    def down(self) -> None:
        assert self.server is not None
        self.server.close()  # refuses new connections; open ones are reset below
        for transport in list(self.transports):
            transport.abort()
        self.transports.clear()

    async def accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted = time.monotonic()
        heads = dict(self.observer.heads)
        try:
            request_line = await reader.readline()
        except ConnectionError:
            writer.transport.abort()
            return
        parts = request_line.split()
        service = parts[1].decode().strip("/") if len(parts) > 1 else "?"
        say(f"accepted {service} {accepted:.6f} {json.dumps(heads)}")
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.transports.update((writer.transport, up_writer.transport))
        up_writer.write(request_line)
        await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))


async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while chunk := await source.read(1 << 16):
            sink.write(chunk)
            await sink.drain()
    except ConnectionError:
        pass
    finally:
        sink.transport.abort()


async def link_main(backend_port: int, record_dir: Path, record_s: float, token: str) -> None:
    observer = Observer(backend_port, token, record_dir, record_s)
    relay = Relay(backend_port, observer)
    await relay.listen()
    followers = [asyncio.create_task(observer.follow(s)) for s in SERVICES]
    saver = asyncio.create_task(observer.save_recording())
    say(f"port {relay.port}")
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().strip():
        if line == "down":
            relay.down()
            say(f"down {time.monotonic():.6f}")
        elif line == "up":
            await relay.listen()
            say(f"up {time.monotonic():.6f}")
        elif line == "heads":
            say(f"heads {json.dumps(observer.heads)}")
    for task in [*followers, saver]:
        task.cancel()


async def serve_main(record_dir: Path) -> None:
    recorded = {s: read_frames(record_dir / f"{s}.frames") for s in SERVICES}

    async def handler(ws: ServerConnection) -> None:
        service = ws.request.path.strip("/") if ws.request is not None else ""
        frames = recorded[service]
        await ws.recv()  # hello
        await ws.send(frames[0], text=True)  # the welcome
        await ws.recv()  # the first subscribe
        first = time.monotonic()
        try:
            for frame in frames[1:]:
                await ws.send(frame, text=True)
            say(f"sent {service} {first:.6f} {time.monotonic():.6f}")
            async for _ in ws:  # resubscriptions are read and ignored
                pass
        except ConnectionClosed:
            say(f"sent {service} {first:.6f} {time.monotonic():.6f} (closed by the client)")

    async with serve(handler, "127.0.0.1", 0, compression=None, max_size=None) as server:
        say(f"port {server.sockets[0].getsockname()[1]}")
        await stdin_closed()  # the bench stopped or died


async def stdin_closed() -> None:
    """Return when stdin reaches its end (the bench that started this process is gone)."""
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.readline():
        pass


def main() -> None:
    mode = sys.argv[1]
    if mode == "link":
        from bench._harness import TOKEN  # noqa: PLC0415

        port, record_dir, record_s = int(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4])
        asyncio.run(link_main(port, record_dir, record_s, TOKEN))
    elif mode == "serve":
        asyncio.run(serve_main(Path(sys.argv[2])))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
