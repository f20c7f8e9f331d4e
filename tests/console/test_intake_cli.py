"""``command-centre-intake``: JSON lines in, one JSON line out per call, bad lines answered
with an error on their own line — run as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest


def run_intake(stdin: str) -> list[dict]:
    script = shutil.which("command-centre-intake")
    command = [script] if script else [sys.executable, "-m", "console.intake_cli"]
    done = subprocess.run(
        command, input=stdin.encode("utf-8"), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def test_each_call_gets_its_line_and_bad_lines_get_an_error() -> None:
    lines = [
        json.dumps({"text": "吴中区宝带路有辆车着火了"}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": 42}),
        "",
        json.dumps(["text"]),
        json.dumps({"id": "c-5", "text": "lost my wallet near Tinglin Park"}),
    ]
    out = run_intake("\n".join(lines) + "\n")
    assert len(out) == 5  # the blank line is skipped
    first, bad_json, bad_text, bad_shape, last = out
    assert first["category"] == "fire"
    assert first["district"] == "Wuzhong"
    assert first["place"] == "Baodai Rd"
    assert first["priority"] == 1
    assert set(first) >= {
        "category", "priority", "district", "place", "lat", "lon", "confidence", "reasons"
    }  # fmt: skip
    assert bad_json["line"] == 2
    assert "not JSON" in bad_json["error"]
    assert bad_text == {"error": 'expected an object with a string "text"', "line": 3}
    assert bad_shape["line"] == 5
    assert last["id"] == "c-5"
    assert (last["category"], last["district"]) == ("lost_property", "Kunshan")


def test_a_call_naming_no_place_has_null_place_fields() -> None:
    (only,) = run_intake(json.dumps({"text": "有人冒充客服骗我转账"}, ensure_ascii=False))
    assert only["category"] == "fraud"
    assert only["district"] is None
    assert only["lat"] is None


@pytest.mark.parametrize("argument", ["--help"])
def test_help_exits_cleanly(argument: str) -> None:
    script = shutil.which("command-centre-intake")
    command = [script] if script else [sys.executable, "-m", "console.intake_cli"]
    done = subprocess.run([*command, argument], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0
    assert b"JSON lines" in done.stdout
