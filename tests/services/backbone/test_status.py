"""``command-centre-services status``: every stream, the command consumer, every node and
how far each edge is behind; the exit status says whether the backbone is healthy."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from services.backend.backbone.runner import NodeThread
from services.backend.cli import main
from services.backend.config import HubConfig
from tests.services.backbone.nodes import ROOT, backbone_config
from tests.services.backend.wsclient import TOKENS


def status(url: str) -> tuple[int, dict]:
    done = subprocess.run(
        [sys.executable, "-m", "services.backend.cli", "status", "--backbone", url, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, json.loads(done.stdout) if done.stdout else {}


def test_status_shows_streams_consumer_and_each_node_with_its_lag(
    tmp_path: Path, nats_server
) -> None:
    server = nats_server()
    backbone = backbone_config([server.url])
    config = HubConfig(data_dir=tmp_path / "node", port=0, tokens=TOKENS, speed=20.0)
    code, report = status(server.url)
    assert code == 1, "no streams, no core: not healthy"
    assert all(s.get("missing") for s in report["streams"])
    core = NodeThread("core", config, backbone.__class__(**{**vars(backbone), "name": "core-a"}))
    core.start()
    edge = NodeThread("edge", config, backbone.__class__(**{**vars(backbone), "name": "edge-1"}))
    edge.start()
    try:
        deadline = time.monotonic() + 20
        while True:
            code, report = status(server.url)
            names = {n["name"] for n in report["nodes"]}
            if names == {"core-a", "edge-1"} or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert code == 0, report
        streams = {s["name"]: s for s in report["streams"]}
        assert streams["CC_POSITIONS"]["last_seq"] > 0
        assert streams["CC_POSITIONS"]["max_age_days"] == 7.0
        assert streams["CC_POSITIONS"]["replicas"] == 1
        assert report["consumer"]["name"] == "CC_COMMANDS/core"
        edge_report = next(n for n in report["nodes"] if n["role"] == "edge")
        assert edge_report["url"] == f"ws://127.0.0.1:{edge.edge.port}"
        assert set(edge_report["behind"]) == {
            "incidents",
            "units",
            "positions",
            "cameras",
            "alerts",
        }
        assert all(v >= 0 for v in edge_report["behind"].values())
    finally:
        edge.stop()
        core.stop()
    code, report = status(server.url)  # their last reports go stale, then expire
    assert code == 1


def test_backbone_options_are_checked(capsys) -> None:
    assert main(["--role", "edge"]) == 2
    assert "--role needs --backbone" in capsys.readouterr().err
    assert main(["--backbone", "nats://127.0.0.1:4222"]) == 2
    assert "needs --role" in capsys.readouterr().err
    assert main(["--backbone", "http://127.0.0.1:4222", "--role", "core"]) == 2
    assert "not a nats://" in capsys.readouterr().err
    assert main(["--backbone", "nats://127.0.0.1:4222", "--role", "core", "--replicas", "2"]) == 2
    assert "--replicas" in capsys.readouterr().err
