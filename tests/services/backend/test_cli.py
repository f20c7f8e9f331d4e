"""``command-centre-services`` as a newcomer runs it: prints where it listens, stops cleanly."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from tests.services.backend.wsclient import ProtocolClient


def start(data: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "services.backend.cli", "--port", "0", "--data", str(data), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_runs_prints_where_it_listens_and_stops_on_sigterm(tmp_path: Path) -> None:
    process = start(tmp_path / "data", "--seed", "5")
    try:
        line = process.stdout.readline()
        match = re.search(r"listening on (ws://127\.0\.0\.1:\d+)", line)
        assert match, line
        details = process.stdout.readline() + process.stdout.readline()
        token = re.search(r"commander token: (\S+)", details).group(1)
        assert (tmp_path / "data" / "console-token").read_text().strip() == token
        with ProtocolClient(match.group(1) + "/cad", token) as client:
            assert client.welcome["role"] == "commander"
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "flushing" in out


def test_bad_tokens_file_is_a_clear_message(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.toml"
    tokens.write_text('[tokens]\n"abcdefgh12345" = "emperor"\n')
    process = start(tmp_path / "data", "--tokens", str(tokens))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "emperor" in err
    assert "commander" in err
    assert "Traceback" not in err
    missing = start(tmp_path / "data", "--tokens", str(tmp_path / "absent.toml"))
    _, err = missing.communicate(timeout=60)
    assert missing.returncode == 2
    assert "does not exist" in err
