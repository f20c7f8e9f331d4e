"""Thousands of hostile frames against a live hub, over many connections at once.

Random bytes, truncated and corrupted frames, deep nesting, huge numbers, NaN, duplicate
keys, binary frames, unknown ops, frames that are not UTF-8 or over 1 MiB, hostile
commands. The hub must answer each with an error or a documented close, log no
traceback, and meanwhile serve a well-behaved subscriber every event in order.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from tests.services.backend.wsclient import COMMANDER, ProtocolClient

FRAMES = 5200
WORKERS = 4
#: docs/protocol.md: 1000 normal, 1007 not UTF-8, 1008 too many bad frames, 1009 over
#: 1 MiB, 4400 bad first frame, 4401 unauthorized, 4408 no hello in time
DOCUMENTED_CLOSES = {1000, 1007, 1008, 1009, 4400, 4401, 4408}
SERVICES = ("cad", "avl", "video", "opinion")
TS = "2026-11-28T20:30:00.123Z"

VALID = [
    '{"op":"subscribe","topics":{"alerts":null}}',
    '{"op":"unsubscribe","topics":["positions"]}',
    '{"op":"command","id":"c-1","type":"incident.create","data":{"category":"theft",'
    '"priority":2,"summary":"电动车被盗","location":{"lat":31.3,"lon":120.6}}}',
    '{"op":"command","id":"c-2","type":"incident.update","data":{"incident":"I-1","note":"x"}}',
    '{"op":"watch","cameras":["C-0012"],"max_fps":5,"max_width":640}',
    '{"op":"hello","v":1,"token":"' + COMMANDER + '","client":"tests"}',
]


def nested(rng: random.Random) -> str:
    levels = rng.choice([33, 40, 200, 1000, 5000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}"), ('["x",', "]")])
    body = opener * levels + "1" + closer * levels
    if rng.random() < 0.5:
        body = '{"op":"command","id":"d","type":"incident.create","data":' + body + "}"
    return body if rng.random() < 0.7 else body[: rng.randrange(len(body))]


def corrupted(rng: random.Random) -> str:
    frame = bytearray(rng.choice(VALID).encode())
    for _ in range(rng.randint(1, 4)):
        frame[rng.randrange(len(frame))] = rng.randrange(256)
    return frame.decode("utf-8", "replace")


def huge_numbers(rng: random.Random) -> str:
    number = rng.choice(["9" * 5000, "1e99999", "-1e-99999", "123456789012345678901234567890"])
    return rng.choice(
        [
            '{"op":"hello","v":' + number + ',"token":"t"}',
            '{"op":"subscribe","topics":{"units":{"epoch":"e","after":' + number + "}}}",
            '{"op":"watch","cameras":[],"max_width":' + number + "}",
            '{"op":"command","id":"n","type":"unit.set_status","data":{"unit":"U-1",'
            '"status":"busy","expected_version":' + number + "}}",
        ]
    )


def hostile_command(rng: random.Random) -> str:
    data = rng.choice(
        [
            {"category": "x", "priority": 1, "location": {"lat": 31, "lon": 120}, "district": ""},
            {"category": "", "priority": 9, "location": {"lat": 999, "lon": 120}},
            {"incident": "I-404", "note": "\x00\x01\u2028"},
            {"incident": "I-404", "units": []},
            {"unit": "U-1", "status": "teleported"},
            {"alert": "A-1", "incident": "x" * 200},
        ]
    )
    if "district" in data:
        data["district"] = "区" * rng.choice([65, 1000, 300_000])
    command_type = rng.choice(
        ["incident.create", "incident.update", "incident.dispatch", "unit.set_status", "warp"]
    )
    frame = {"op": "command", "id": f"h-{rng.random()}", "type": command_type, "data": data}
    return json.dumps(frame, ensure_ascii=False)


def hostile(rng: random.Random) -> str | bytes | bytearray:
    """One hostile frame: ``str`` goes as a text frame, ``bytes`` as a binary frame, and
    ``bytearray`` as a text frame whose bytes are not UTF-8."""
    kind = rng.choices(
        [
            "binary",
            "printable",
            "truncated",
            "corrupted",
            "deep",
            "numbers",
            "nan",
            "duplicate",
            "unknown_op",
            "command",
            "not_utf8",
            "oversized",
            "tiny",
        ],
        weights=[10, 10, 12, 12, 12, 8, 5, 5, 8, 10, 1, 0.3, 6],  # per 100 frames
    )[0]
    if kind == "binary":
        return rng.randbytes(rng.randrange(300))
    if kind == "printable":
        return "".join(rng.choice('{}[]":,\\ abc01-.eE\n') for _ in range(rng.randrange(80)))
    if kind == "truncated":
        frame = rng.choice(VALID)
        return frame[: rng.randrange(len(frame))]
    if kind == "corrupted":
        return corrupted(rng)
    if kind == "deep":
        return nested(rng)
    if kind == "numbers":
        return huge_numbers(rng)
    if kind == "nan":
        return rng.choice(
            [
                '{"op":"watch","cameras":["C-1"],"max_fps":NaN}',
                '{"op":"watch","cameras":["C-1"],"max_fps":Infinity}',
                '{"op":"subscribe","topics":{"units":{"epoch":"e","after":-Infinity}}}',
                "NaN",
            ]
        )
    if kind == "duplicate":
        return rng.choice(
            [
                '{"op":"subscribe","op":"warp","topics":{}}',
                '{"op":"command","id":"a","id":"b","type":"x","type":"incident.close",'
                '"data":{"incident":"I-1"}}',
                '{"op":"unsubscribe","topics":["a"],"topics":[1]}',
            ]
        )
    if kind == "unknown_op":
        return json.dumps({"op": rng.choice(["warp", "", "HELLO", "batch", "event", "ack"])})
    if kind == "command":
        return hostile_command(rng)
    if kind == "not_utf8":
        return bytearray(b'{"op":"hello","v":1,"token":"\xff\xfe"}')
    if kind == "oversized":
        return "x" * ((1 << 20) + rng.randrange(1, 1000))
    return rng.choice(["", " ", "null", "[]", "{}", '"hello"', "0", "\ufeff{}", '{"op":null}'])


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    frames: int = 0
    connections: int = 0
    closes: Counter[int | None] = field(default_factory=Counter)
    replies: Counter[str] = field(default_factory=Counter)

    def add(self, frames: int, close: int | None, replies: Counter[str]) -> None:
        with self.lock:
            self.frames += frames
            self.connections += 1
            self.closes[close] += 1
            self.replies.update(replies)


def send(ws: ClientConnection, frame: str | bytes | bytearray) -> None:
    if isinstance(frame, bytearray):
        ws.send(bytes(frame), text=True)
    else:
        ws.send(frame)


def read_until(ws: ClientConnection, sentinel: str | None, replies: Counter[str]) -> int | None:
    """Read until the ack of ``sentinel`` (None: until closed); the close code, if closed."""
    try:
        while True:
            frame = ws.recv(timeout=30)
            if isinstance(frame, bytes):
                replies["binary"] += 1
                continue
            message = json.loads(frame)
            replies[message["op"]] += 1
            if message["op"] == "ack" and message["id"] == sentinel:
                return None
    except ConnectionClosed:
        return ws.close_code


def one_connection(
    url: str, rng: random.Random, first: str | bytes | None, replies: Counter[str]
) -> tuple[int, int | None]:
    """One connection's worth of hostile frames (``first`` instead of hello, if given):
    (frames sent, close code or None)."""
    sent = 0
    with connect(url, open_timeout=10, max_size=None, close_timeout=5) as ws:
        try:
            if first is not None:
                send(ws, first)
                return 1, read_until(ws, None, replies)
            ws.send(json.dumps({"op": "hello", "v": 1, "token": COMMANDER, "client": "fuzz"}))
            assert json.loads(ws.recv(timeout=10))["op"] == "welcome"
            # Mostly under the 20-bad-frames limit; now and then past it (close 1008).
            burst = 22 if rng.random() < 0.1 else rng.randint(5, 18)
            for _ in range(burst):
                send(ws, hostile(rng))
                sent += 1
            sentinel = f"sentinel-{rng.random()}"
            ws.send(json.dumps({"op": "command", "id": sentinel, "type": "no.such.command"}))
        except ConnectionClosed:
            return sent, ws.close_code
        close = read_until(ws, sentinel, replies)
    return sent, close


def worker(url_of, seed: int, quota: int, tally: Tally, failures: list[BaseException]) -> None:
    rng = random.Random(seed)
    # The first worker opens with a few connections whose very first frame is hostile.
    firsts: list[str | bytes] = [nested(rng), rng.randbytes(40), "[]", '{"op":"hello","v":1e999}']
    done = 0
    try:
        while done < quota:
            url = url_of(rng.choice(SERVICES))
            first = firsts.pop() if seed == 0 and firsts else None
            replies: Counter[str] = Counter()
            sent, close = one_connection(url, rng, first, replies)
            done += sent
            tally.add(sent, close, replies)
    except BaseException as exc:  # noqa: BLE001 - handed to the test thread, which raises it
        failures.append(exc)


class Subscriber(threading.Thread):
    """A well-behaved client on /avl: every position event's seq, in arrival order."""

    def __init__(self, url: str) -> None:
        super().__init__(name="well-behaved-subscriber")
        self.client = ProtocolClient(url)
        self.client.send({"op": "subscribe", "topics": {"positions": None}})
        snapshot = self.client.recv()
        assert snapshot["op"] == "snapshot"
        self.first = snapshot["seq"] + 1
        self.seqs: list[int] = []
        self.stop = threading.Event()
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                for frame in self._frames():
                    if frame["op"] == "event":
                        self.seqs.append(frame["seq"])
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            self.failure = exc
        finally:
            self.client.close()

    def _frames(self) -> Iterator[dict]:
        try:
            frame = self.client.recv(timeout=1.0)
        except TimeoutError:
            return
        yield from frame["events"] if frame["op"] == "batch" else [frame]


def test_thousands_of_hostile_frames_leave_the_hub_and_its_clients_unharmed(
    make_hub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    hub = make_hub(speed=20.0)
    subscriber = Subscriber(hub.url("avl"))
    subscriber.start()
    tally = Tally()
    failures: list[BaseException] = []
    threads = [
        threading.Thread(
            target=worker,
            args=(hub.url, seed, FRAMES // WORKERS, tally, failures),
            name=f"hostile-{seed}",
        )
        for seed in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    subscriber.stop.set()
    subscriber.join(30)

    assert not failures, failures
    assert subscriber.failure is None, subscriber.failure
    assert tally.frames >= 5000
    assert set(tally.closes) - {None} <= DOCUMENTED_CLOSES, tally.closes
    assert {1007, 1008, 1009, 4400} <= set(tally.closes), tally.closes  # each path was taken
    assert tally.replies["error"] > 3000, tally.replies  # bad frames get their answer
    assert any(r.name.startswith("services.backend") for r in caplog.records)  # it listens
    tracebacks = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert tracebacks == [], [r.getMessage() for r in tracebacks]
    seqs = subscriber.seqs
    assert len(seqs) > 50, "the city kept moving"
    assert seqs == list(range(subscriber.first, subscriber.first + len(seqs)))
