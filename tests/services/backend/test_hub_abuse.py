"""Bad clients get precise errors and close codes, and never disturb another client."""

from __future__ import annotations

from websockets.exceptions import ConnectionClosed

from tests.services.backend.wsclient import COMMANDER, ProtocolClient


def close_code(client: ProtocolClient) -> int | None:
    """Read until the server closes; the close code it sent."""
    try:
        while True:
            client.recv_raw(timeout=20)
    except ConnectionClosed:
        return client.ws.close_code


def test_bad_token_closes_4401(make_hub) -> None:
    hub = make_hub(simulate=False)
    client = ProtocolClient(hub.url("cad"), hello=False)
    client.send({"op": "hello", "v": 1, "token": "not-a-token"})
    error = client.recv()
    assert error["op"] == "error"
    assert error["code"] == "unauthorized"
    assert close_code(client) == 4401


def test_missing_token_closes_4401(make_hub) -> None:
    hub = make_hub(simulate=False)
    client = ProtocolClient(hub.url("cad"), hello=False)
    client.send({"op": "hello", "v": 1})
    assert client.recv()["code"] == "bad_request"
    assert close_code(client) in (4400, 4401)


def test_no_hello_within_five_seconds_closes_4408(make_hub) -> None:
    hub = make_hub(simulate=False)
    assert hub.config.hello_timeout_s == 5.0
    client = ProtocolClient(hub.url("avl"), hello=False)
    assert close_code(client) == 4408


def test_unsupported_version_and_non_hello_first_frame(make_hub) -> None:
    hub = make_hub(simulate=False)
    client = ProtocolClient(hub.url("cad"), hello=False)
    client.send({"op": "hello", "v": 2, "token": COMMANDER})
    assert client.recv()["code"] == "unsupported_version"
    assert close_code(client) == 4400
    client = ProtocolClient(hub.url("cad"), hello=False)
    client.send({"op": "subscribe", "topics": {"units": None}})
    assert client.recv()["code"] == "bad_request"
    assert close_code(client) == 4400


def test_bad_frames_get_bad_request_and_the_connection_keeps_working(make_hub) -> None:
    hub = make_hub(speed=30.0)
    # A second, well-behaved client is subscribed the whole time; its frames queue up
    # while the first one misbehaves and are read afterwards.
    other = ProtocolClient(hub.url("avl"))
    other.send({"op": "subscribe", "topics": {"positions": None}})
    snapshot = other.recv()
    assert snapshot["op"] == "snapshot"

    with ProtocolClient(hub.url("cad")) as client:
        bad_frames = [
            "{not json",
            '{"op": "teleport"}',
            '{"op": "subscribe", "topics": {"incidents": {"epoch": 7, "after": "x"}}}',
            '{"op": "subscribe", "topics": ["incidents"]}',
            '{"op": "command", "id": 12, "type": "incident.create"}',
            '{"op": "subscribe", "topics": {"positions": null}}',  # not a cad topic
            b"\x00\x01binary",
            "[]",
            "",
        ]
        for frame in bad_frames:
            client.send(frame)
            reply = client.recv()
            assert reply["op"] == "error", (frame, reply)
            assert reply["code"] == "bad_request"
            assert reply["message"]
        # ... and it still works.
        client.send({"op": "subscribe", "topics": {"units": None}})
        assert client.recv()["op"] == "snapshot"

    with ProtocolClient(hub.url("cad")) as big:
        big.send("x" * (2 << 20))  # 2 MiB
        assert close_code(big) == 1009

    seqs = []
    for frame in other.frames():
        if frame["op"] == "event":
            seqs.append(frame["seq"])
        if len(seqs) == 300:
            break
    other.close()
    assert seqs == list(range(snapshot["seq"] + 1, snapshot["seq"] + 301))


def test_twenty_bad_frames_in_a_minute_close_1008(make_hub) -> None:
    hub = make_hub(simulate=False)
    client = ProtocolClient(hub.url("opinion"))
    for _ in range(20):
        client.send("nonsense")
    assert close_code(client) == 1008
