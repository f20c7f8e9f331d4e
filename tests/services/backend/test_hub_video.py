"""/video: a watch yields JPEG frames that decode, never faster than max_fps."""

from __future__ import annotations

import io
import json
import struct
import time

from PIL import Image

from tests.services.backend.wsclient import ProtocolClient


def online_ws_jpeg_cameras(client: ProtocolClient) -> list[str]:
    client.send({"op": "subscribe", "topics": {"cameras": None}})
    cameras = []
    while True:
        frame = client.recv()
        cameras += [
            c["id"]
            for c in frame["items"]
            if c["status"] == "online" and c["stream"]["kind"] == "ws-jpeg"
        ]
        if frame["part"] == frame["parts"]:
            return cameras


def test_watch_yields_decodable_jpegs_at_no_more_than_max_fps(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("video")) as client:
        cameras = online_ws_jpeg_cameras(client)[:2]
        assert len(cameras) == 2
        client.send({"op": "watch", "cameras": cameras, "max_fps": 4, "max_width": 320})
        counts = dict.fromkeys(cameras, 0)
        first: float | None = None
        seqs: dict[str, list[int]] = {c: [] for c in cameras}
        while sum(counts.values()) < 16:
            frame = client.recv_raw()
            if isinstance(frame, str):
                assert json.loads(frame)["op"] == "heads"
                continue
            now = time.monotonic()
            first = first if first is not None else now
            (length,) = struct.unpack(">I", frame[:4])
            header = json.loads(frame[4 : 4 + length])
            image = Image.open(io.BytesIO(frame[4 + length :]))
            image.load()
            assert image.format == "JPEG"
            assert image.size == (header["w"], header["h"]) == (320, 180)
            assert header["ts"].endswith("Z")
            counts[header["camera"]] += 1
            seqs[header["camera"]].append(header["seq"])
        elapsed = time.monotonic() - first
        for camera in cameras:
            assert seqs[camera] == sorted(seqs[camera])
            # n frames at <= 4 fps need at least (n - 1) / 4 seconds.
            assert elapsed >= (counts[camera] - 1) / 4 - 0.05, (counts, elapsed)
        client.send({"op": "unwatch", "cameras": cameras})


def test_watch_of_unknown_camera_is_not_found_and_watch_elsewhere_is_bad_request(make_hub):
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("video")) as client:
        client.send({"op": "watch", "cameras": ["C-NOPE"]})
        reply = client.recv()
        assert reply["op"] == "error"
        assert reply["code"] == "not_found"
    with ProtocolClient(hub.url("cad")) as client:
        client.send({"op": "watch", "cameras": ["C-0001"]})
        assert client.recv()["code"] == "bad_request"
