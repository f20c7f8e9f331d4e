"""Readable by default: the columns a commander decides with are on screen, without
scrolling, in the desk ``command-centre`` first opens at 1920×1080 and at 2560×1440."""

from __future__ import annotations

import pytest

from tests.console.probes.desk import run_probe

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
    seen = run_probe("desk_columns", tmp_path, width, height)
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
