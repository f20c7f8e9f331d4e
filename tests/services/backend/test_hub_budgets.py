"""Per-connection budgets: command and subscription rates, the send-queue bound, and a
client that never reads — each limited to the client that overspends."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from tests.services.backend.test_hub_abuse import close_code
from tests.services.backend.test_hub_commands import ack_for, create_command
from tests.services.backend.wsclient import VIEWER, ProtocolClient

DISPATCH = {"incident": "I-20261128-0001", "units": ["U-00001"]}


def wait_until(predicate, timeout: float, what: str) -> float:
    """Poll ``predicate`` until true; the seconds it took."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.02)
    return time.monotonic() - started


def test_commands_past_the_budget_are_rate_limited_and_read_no_faster(make_hub) -> None:
    hub = make_hub(simulate=False, command_burst=5, command_rate_per_s=10.0)
    with ProtocolClient(hub.url("cad"), VIEWER) as viewer, ProtocolClient(hub.url("cad")) as boss:
        started = time.monotonic()
        for number in range(30):
            command = {"op": "command", "id": f"v-{number}", "type": "incident.dispatch"}
            viewer.send({**command, "data": DISPATCH})
        boss.send(create_command("boss-1", "the commander is not slowed"))
        assert ack_for(boss, "boss-1")["ok"] is True
        codes = [ack_for(viewer, f"v-{number}")["error"]["code"] for number in range(30)]
        elapsed = time.monotonic() - started
    assert codes[:5] == ["forbidden"] * 5, "the burst"
    assert set(codes[5:]) == {"forbidden", "rate_limited"}
    judged = codes.count("forbidden")
    assert judged <= 5 + 10.0 * elapsed + 1, f"{judged} judged in {elapsed:.2f} s"
    assert codes.count("rate_limited") >= 10


def frames_until_quiet(client: ProtocolClient, quiet: float) -> list[dict]:
    frames: list[dict] = []
    try:
        for frame in client.frames(timeout=quiet):
            frames.append(frame)
    except TimeoutError:
        return frames
    raise AssertionError("unreachable")


def test_a_subscribe_flood_is_refused_and_never_queues_snapshot_after_snapshot(make_hub) -> None:
    hub = make_hub(simulate=False, subscribe_burst=3, subscribe_rate_per_s=10.0)
    with ProtocolClient(hub.url("cad"), VIEWER) as client:
        started = time.monotonic()
        for _ in range(40):
            client.send({"op": "subscribe", "topics": {"units": None}})
        frames = frames_until_quiet(client, quiet=1.5)
        elapsed = time.monotonic() - started - 1.5
        snapshots = [f for f in frames if f["op"] == "snapshot"]
        refused = [f for f in frames if f["op"] == "error"]
        assert {f["code"] for f in refused} == {"rate_limited"}
        assert len(snapshots) + len(refused) == len(frames)
        assert 15 <= len(refused) <= 37
        accepted = 40 - len(refused)
        assert 1 <= len(snapshots) <= accepted, "at most one snapshot per accepted subscribe"
        assert len(snapshots) <= 3 + 10.0 * elapsed + 1, f"{len(snapshots)} in {elapsed:.1f} s"
        client.send({"op": "unsubscribe", "topics": ["units"]})  # still a working connection
        client.send(create_command("after-flood", "x"))
        assert ack_for(client, "after-flood")["error"]["code"] == "forbidden"


def test_a_client_past_its_send_queue_bound_is_closed_1013_and_resumes(make_hub) -> None:
    hub = make_hub(simulate=False, send_queue_bytes=20_000, heads_interval_s=0.3)
    with ProtocolClient(hub.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"incidents": None}})
        snapshot = client.recv()
        assert snapshot["op"] == "snapshot"
        assert snapshot["parts"] == 1
        client.send({"op": "subscribe", "topics": {"units": None}})  # ~40 kB > the bound
        assert close_code(client) == 1013
    with ProtocolClient(hub.url("cad")) as commander:
        for number in range(3):
            commander.send(create_command(f"while-away-{number}", "while it was away"))
            ack_for(commander, f"while-away-{number}")
    resume = {"epoch": snapshot["epoch"], "after": snapshot["seq"]}
    with ProtocolClient(hub.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"incidents": resume}})
        heads, seen = client.wait_for(lambda f: f["op"] == "heads")
    events = [frame for frame in seen if frame["op"] == "event"]
    assert not [frame for frame in seen if frame["op"] == "snapshot"]
    assert [e["seq"] for e in events] == list(range(snapshot["seq"] + 1, snapshot["seq"] + 4))
    assert heads["heads"]["incidents"]["seq"] == events[-1]["seq"]


@contextlib.contextmanager
def non_reading_client(url: str) -> Iterator[None]:
    """A client that says hello, subscribes to the units snapshot again and again and never
    reads again: a 4 kB receive buffer, a websockets client that stops after one frame."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        host, port = url.split("//")[1].split("/", maxsplit=1)[0].split(":")
        sock.connect((host, int(port)))
        with connect(url, sock=sock, max_queue=1, max_size=None, open_timeout=10) as ws:
            ws.send(f'{{"op": "hello", "v": 1, "token": "{VIEWER}", "client": "never reads"}}')
            assert '"welcome"' in ws.recv(timeout=10)
            for _ in range(8):  # 2 MB each: more than the socket buffers on the way hold
                ws.send('{"op": "subscribe", "topics": {"units": null}}')
                time.sleep(0.2)
            try:
                yield
            finally:
                sock.shutdown(socket.SHUT_RDWR)  # let its close end at once


def test_a_reader_that_never_reads_is_closed_in_time_and_others_keep_up(make_hub, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="services.backend.session")
    # The load city, frozen: its units snapshot (2 MB) fills every buffer on the way.
    hub = make_hub(profile="load", simulate=False, send_timeout_s=2.0, close_grace_s=1.0)
    received: list[tuple[float, dict]] = []
    stop = threading.Event()
    with ProtocolClient(hub.url("cad")) as follower:
        follower.send({"op": "subscribe", "topics": {"incidents": None}})
        follower.wait_for(lambda f: f["op"] == "snapshot" and f["part"] == f["parts"])

        def follow() -> None:
            while not stop.is_set():
                try:
                    for frame in follower.frames(timeout=0.5):
                        if frame["op"] == "event":
                            received.append((time.monotonic(), frame))
                except TimeoutError:
                    continue
                except ConnectionClosed:
                    return

        reader = threading.Thread(target=follow, name="test-follower")
        reader.start()
        sessions = hub.call(lambda: len(hub.hub.sessions))

        def stuck_gone() -> bool:  # the follower and the commander are left
            return hub.call(lambda: len(hub.hub.sessions)) == sessions + 1

        started = time.monotonic()
        acked: dict[str, float] = {}
        closed_at = None
        with non_reading_client(hub.url("cad")), ProtocolClient(hub.url("cad")) as commander:
            while time.monotonic() - started < 6.0:
                command_id = str(uuid.uuid4())
                commander.send(create_command(command_id, "during a stuck reader"))
                acked[ack_for(commander, command_id)["result"]["incident"]] = time.monotonic()
                if closed_at is None and stuck_gone():
                    closed_at = time.monotonic()
                time.sleep(0.05)
            if closed_at is None:
                wait_until(stuck_gone, timeout=10.0, what="the stuck reader closed")
                closed_at = time.monotonic()
        stop.set()
        reader.join(10)
    closed_after = closed_at - started
    # 2 s without progress + at most 1 s for a close it never reads, once the buffers on
    # the way are full (1.6 s of subscribes); keepalive alone would take 15 s
    assert 2.0 <= closed_after <= 1.6 + 2.0 + 1.0 + 2.0, f"closed after {closed_after:.1f} s"
    assert "a send did not complete within 2 s" in caplog.text
    seqs = [frame["seq"] for _, frame in received]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "contiguous"
    seen = {frame["data"]["id"]: at for at, frame in received}
    assert set(acked) <= set(seen), "every incident reached the follower"
    lags = [seen[incident] - at for incident, at in acked.items()]
    assert max(lags) < 1.0, f"follower lag up to {max(lags):.2f} s"
