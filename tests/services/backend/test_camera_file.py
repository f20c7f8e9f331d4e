"""``command-centre-services --cameras FILE``: real cameras served on /video as URL streams."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from services.backend.camera_file import CameraFileError, load_camera_file
from tests.services.backend.wsclient import ProtocolClient

GOOD = """
[[cameras]]
id = "GATE-1"
name = "Main gate"
lat = 31.2990
lon = 120.5853
district = "姑苏区"
url = "rtsp://10.0.0.21:554/stream1"

[[cameras]]
id = "YARD-2"
name = "Yard"
lat = 31.30
lon = 120.59
url = "https://video.example/yard.m3u8"
"""


def cameras_of(client: ProtocolClient) -> dict[str, dict]:
    client.send({"op": "subscribe", "topics": {"cameras": None}})
    found: dict[str, dict] = {}
    while True:
        frame = client.recv()
        if frame["op"] != "snapshot":
            continue
        found.update({c["id"]: c for c in frame["items"]})
        if frame.get("part", 1) == frame.get("parts", 1):
            return found


def test_the_file_adds_url_cameras_beside_the_simulated_ones(tmp_path: Path) -> None:
    file = tmp_path / "cameras.toml"
    file.write_text(GOOD, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "services.backend.cli", "--port", "0", "--data",
         str(tmp_path / "data"), "--cameras", str(file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        url = re.search(r"listening on (ws://\S+)", process.stdout.readline()).group(1)
        process.stdout.readline()
        assert "2 real camera(s)" in process.stdout.readline()
        token = re.search(r"commander token: (\S+)", process.stdout.readline()).group(1)
        with ProtocolClient(url + "/video", token) as client:
            cameras = cameras_of(client)
            gate = cameras["GATE-1"]
            assert gate["stream"] == {"kind": "url", "url": "rtsp://10.0.0.21:554/stream1"}
            assert gate["name"] == "Main gate"
            assert gate["district"] == "姑苏区"
            assert gate["location"] == {"lat": 31.299, "lon": 120.5853}
            assert gate["status"] == "online"
            assert cameras["YARD-2"]["stream"]["kind"] == "url"
            simulated = [c for c in cameras.values() if c["id"].startswith("C-")]
            assert len(simulated) > 100
            assert all(c["stream"] == {"kind": "ws-jpeg"} for c in simulated)
            client.send({"op": "watch", "cameras": ["GATE-1"]})
            refusal = client.recv()
            assert refusal["code"] == "bad_request"
            assert "own URL" in refusal["message"]
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err


def test_a_restart_with_a_changed_file_updates_adds_and_removes_real_cameras(
    make_hub, tmp_path: Path
) -> None:
    file = tmp_path / "cameras.toml"
    file.write_text(GOOD, encoding="utf-8")
    data = tmp_path / "hub"
    first = make_hub(data, simulate=False, cameras=load_camera_file(file))
    with ProtocolClient(first.url("video")) as client:
        before = cameras_of(client)
    first.stop()
    file.write_text(
        GOOD.replace("Main gate", "North gate").split('[[cameras]]\nid = "YARD-2"')[0]
        + '[[cameras]]\nid = "DOCK-3"\nname = "Dock"\nlat = 31.1\nlon = 120.4\n'
        'url = "file:///srv/dock.mp4"\n',
        encoding="utf-8",
    )
    second = make_hub(data, simulate=False, cameras=load_camera_file(file))
    with ProtocolClient(second.url("video")) as client:
        after = cameras_of(client)
    assert after["GATE-1"]["name"] == "North gate"
    assert after["GATE-1"]["version"] > before["GATE-1"]["version"]
    assert "YARD-2" not in after
    assert after["DOCK-3"]["stream"] == {"kind": "url", "url": "file:///srv/dock.mp4"}
    simulated = sorted(k for k in before if k.startswith("C-"))
    assert sorted(k for k in after if k.startswith("C-")) == simulated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[cameras]]\nid = 'A'\n", "missing required field"),
        ("[[cameras\n", "not valid TOML"),
        (GOOD.replace("YARD-2", "GATE-1"), "used twice"),
        (GOOD.replace("GATE-1", "C-0001"), "simulated cameras"),
        (GOOD.replace("rtsp://10.0.0.21", "ftp://10.0.0.21"), "url must start"),
        (GOOD.replace("31.2990", "95.0"), "lat"),
        (GOOD + "colour = 'red'\n", "unknown field"),
    ],
)
def test_a_bad_file_is_named_in_one_sentence(tmp_path: Path, text: str, expected: str) -> None:
    file = tmp_path / "cameras.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(CameraFileError, match=expected) as failure:
        load_camera_file(file)
    assert str(file) in str(failure.value)


def test_the_cli_refuses_a_bad_file_with_one_line_and_status_2(tmp_path: Path) -> None:
    file = tmp_path / "cameras.toml"
    file.write_text(GOOD.replace("YARD-2", "GATE-1"), encoding="utf-8")
    for argument in (str(file), str(tmp_path / "absent.toml")):
        process = subprocess.run(
            [sys.executable, "-m", "services.backend.cli", "--port", "0", "--data",
             str(tmp_path / "data"), "--cameras", argument],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )  # fmt: skip
        assert process.returncode == 2
        assert process.stderr.count("\n") == 1, process.stderr
        assert process.stderr.startswith("command-centre-services: ")
        assert argument in process.stderr
