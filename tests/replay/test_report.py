"""The after-action report lists every incident reported in its window with the response
times the hub's own event log gives (the ground truth), opens offline, and has CSV."""

from __future__ import annotations

import csv
import re

import msgspec
from sqlalchemy import create_engine, text

from console.replay.cli import main
from console.replay.recording import Recording
from console.state.timestamps import ts_seconds
from services.protocol.codec import decode_server_frame
from tests.replay.conftest import Shift

MARGIN_S = 0.5  # hub commit to console receipt is milliseconds; keep clear of the edges


def hub_incidents(shift: Shift) -> dict[str, list[tuple[float, dict]]]:
    """Every version of every incident the hub committed: id -> [(committed, data)]."""
    engine = create_engine(f"sqlite:///{shift.hub_data / 'hub.sqlite3'}")
    versions: dict[str, list[tuple[float, dict]]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT received, frame FROM events WHERE topic = 'incidents' ORDER BY seq")
        )
        for received, frame in rows:
            event = decode_server_frame(frame)
            data = msgspec.json.decode(bytes(event.data))
            if isinstance(data, dict) and "status" in data:
                versions.setdefault(data["id"], []).append((received, data))
    engine.dispose()
    return versions


def test_the_report_lists_every_incident_with_its_response_times(
    recorded_shift: Shift, tmp_path
) -> None:
    recording = Recording(recorded_shift.cache)
    since, until = recording.start + 3.0, recording.end - 1.0
    recording.close()
    out = tmp_path / "aar.html"
    assert main(["report", str(recorded_shift.cache), "--from", str(since), "--to", str(until),
                 "--out", str(out)]) == 0  # fmt: skip
    with (tmp_path / "aar-incidents.csv").open(encoding="utf-8") as handle:
        rows = {row["Incident"]: row for row in csv.DictReader(handle)}
    truth = hub_incidents(recorded_shift)
    reported = {
        key: versions
        for key, versions in truth.items()
        if since + MARGIN_S <= versions[0][0] <= until - MARGIN_S
    }
    assert len(reported) >= 3, "too few incidents reported in the window to test"
    assert set(reported) <= set(rows)
    checked = 0
    for key, versions in reported.items():
        dispatched = [
            (committed, data)
            for committed, data in versions
            if data["status"] in ("dispatched", "en_route", "on_scene")
        ]
        if not dispatched or dispatched[0][0] > until + MARGIN_S:
            assert rows[key]["Dispatch (s)"] == ""  # not dispatched within the window
            continue
        if dispatched[0][0] > until - MARGIN_S:
            continue  # at the window's edge: either answer is right
        data = dispatched[0][1]
        expected = ts_seconds(data["updated_at"]) - ts_seconds(data["reported_at"])
        assert rows[key]["Dispatch (s)"] == f"{expected:.0f}", (
            [(d["status"], d["updated_at"], d["reported_at"]) for _, d in versions],
            rows[key]["Timeline"],
            rows[key]["Reported at"],
        )
        target = float(rows[key]["Target (s)"])
        assert rows[key]["Dispatch SLA"] == ("met" if expected <= target else "MISSED")
        checked += 1
    assert checked >= 2, "too few dispatched incidents to check response times"
    # nothing else: every other row was open at the start or first seen in the window
    for key, row in rows.items():
        if key not in reported and "open at start" not in row["Timeline"]:
            assert since - MARGIN_S <= truth[key][0][0] <= until + MARGIN_S, key
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # offline
    assert page.count("data:image/svg+xml;base64,") == 2
    for key in reported:
        assert f"<td>{key}</td>" in page
    assert (tmp_path / "aar-units.csv").exists()
    assert (tmp_path / "aar-orders.csv").exists()
