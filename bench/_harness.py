"""Shared by the benchmarks: start the reference backend as its own process, read frames fast."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-commander-token"


def start_backend(data: Path, *extra: str) -> tuple[subprocess.Popen[str], int]:
    """``command-centre-services`` on a free loopback port; returns the process and port."""
    data.mkdir(parents=True, exist_ok=True)
    tokens = data.parent / "bench-tokens.toml"
    tokens.write_text(f'[tokens]\n"{TOKEN}" = "commander"\n', encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "services.backend.cli",
            "--port",
            "0",
            "--data",
            str(data),
            "--tokens",
            str(tokens),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"ws://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        raise RuntimeError(f"backend did not start: {line!r}")
    return process, int(match.group(1))


def count_events(frame: bytes | str) -> tuple[int, int]:
    """(events in the frame, seq of its last event) without a full decode."""
    if isinstance(frame, str):
        frame = frame.encode()
    if frame.startswith(b'{"op":"batch"'):
        count = frame.count(b'"op":"event"')
    elif frame.startswith(b'{"op":"event"'):
        count = 1
    else:
        return 0, -1
    at = frame.rfind(b'"seq":') + 6
    end = at
    while frame[end : end + 1].isdigit():
        end += 1
    return count, int(frame[at:end])
