"""A bad or missing configuration gets one clear sentence, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from console.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
workstation = "ws-12"
operator = "duty-3"
[services.cad]
url = "ws://127.0.0.1:9/cad"
token = "abc"
[dispatch]
ack_escalation_s = 45
[sla]
p1 = [30, 300]
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.workstation == "ws-12"
    assert config.services["cad"].url == "ws://127.0.0.1:9/cad"
    assert config.ack_escalation_s == 45
    assert config.sla == {1: (30.0, 300.0)}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("workstation = ", "not valid TOML"),
        ("workstation = 'x'", "needs at least one [services"),
        ("[services.cad]\nurl = 'http://x/cad'\ntoken = 't'", "ws:// or wss://"),
        ("[services.cad]\nurl = 'ws://x/cad'", "needs a token"),
        ("[services.weather]\nurl = 'ws://x'\ntoken = 't'", "is not a service"),
        ("language = 'fr'\n" + GOOD, "language must be zh or en"),
        (GOOD.replace("45", "-1"), "must be a positive number"),
        (GOOD.replace("p1 = [30, 300]", "p1 = [30]"), "[sla] p1"),
    ],
)
def test_bad_files_name_the_problem(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_is_a_clear_message_from_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "console.app", "--config", str(tmp_path / "absent.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
