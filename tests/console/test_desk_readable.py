"""Readable by default: the columns a commander decides with are on screen, without
scrolling, in the desk ``command-centre`` first opens at 1920×1080 and at 2560×1440."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DECIDING_COLUMNS = (
    "incidentTable.SLA",
    "incidentTable.UNITS",
    "dispatchRecommendations.FLAGS",
    "dispatchRecommendations.REASONING",
    "ordersTable.ACKNOWLEDGED",
)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (2560, 1440)])
def test_the_deciding_columns_lie_within_their_tables_viewport(tmp_path, width, height) -> None:
    """Reads each column's header geometry (probes/desk_columns.py, its own process with
    an offscreen screen of that size): the section starts at or right of the viewport's
    left edge, ends within its width, and is wide enough for its title (before: the
    queue's SLA and Units lay right of a stretched address, the orders' "Acknowledged"
    showed as "cknowl")."""
    screens = {"screens": [{"name": "Desk", "x": 0, "y": 0, "width": width, "height": height,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(screens))
    probe = subprocess.run(
        [sys.executable, "-m", "tests.console.probes.desk_columns", str(config), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen["screen"] == [width, height]
    columns = seen["columns"]
    for name in DECIDING_COLUMNS:
        column = columns[name]
        assert "missing" not in column, f"{name}: no such table"
        assert column["shown"], f"{name}: its table is not on screen"
        assert not column["hidden"], f"{name}: hidden"
        assert column["x"] >= 0, f"{name}: scrolled off to the left {column}"
        assert column["x"] + column["width"] <= column["viewport"], f"{name}: beyond {column}"
        assert column["width"] >= column["title_width"], f"{name}: title clipped {column}"
