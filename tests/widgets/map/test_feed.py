"""The map feed's diffs, read as the page would (JSON text): only what changed, moved units
as compact rows, no cap unless asked for, and the painted acknowledgement's latency."""

from __future__ import annotations

import json
import time

import msgspec
import pytest

from bench._harness import synthetic_picture
from console.state import SituationStore
from services.protocol.times import format_ts, utc_now
from tests.widgets.map.test_map import upsert
from widgets.map.feed import MapFeed


@pytest.fixture
def fed(qtbot):
    store = SituationStore()
    store.apply(synthetic_picture(300, 5))
    sent: list[dict] = []
    feed = MapFeed(store, lambda text: sent.append(json.loads(text)), interval_ms=60000)
    feed.start()
    yield store, feed, sent
    feed.close()


def move(store: SituationStore, unit: str, lat: float, version: int, fix_at: str | None = None):
    upsert(
        store,
        "positions",
        {
            "unit": unit,
            "lat": lat,
            "lon": 120.6,
            "heading": 45.0,
            "fix_at": fix_at or format_ts(utc_now()),
            "version": version,
        },
    )


def test_the_first_push_is_everything_then_a_moved_unit_is_one_row(fed) -> None:
    store, feed, sent = fed
    first = sent[-1]
    assert first["reset"] is True
    assert len(first["units"]["upsert"]) == 300
    move(store, "U-00007", 31.4567, 50)
    feed.push()
    diff = sent[-1]
    assert diff["units"] == {"move": [["U-00007", 31.4567, 120.6, 45.0]]}
    assert "incidents" not in diff
    assert diff["seq"] == first["seq"] + 1


def test_a_unit_whose_status_changed_with_its_position_is_sent_whole(fed) -> None:
    store, feed, sent = fed
    unit = store.units["U-00003"]
    status = "busy" if unit.status != "busy" else "available"
    upsert(store, "units", {**_unit_fields(unit), "status": status, "version": unit.version + 1})
    move(store, "U-00003", 31.2, 60)
    move(store, "U-00004", 31.3, 60)
    feed.push()
    part = sent[-1]["units"]
    assert [item["id"] for item in part["upsert"]] == ["U-00003"]
    assert part["upsert"][0]["status"] == status
    assert part["move"] == [["U-00004", 31.3, 120.6, 45.0]]


def test_a_stale_fix_is_sent_whole_with_its_flag(fed) -> None:
    store, feed, sent = fed
    move(store, "U-00009", 31.25, 70, fix_at="2026-01-01T00:00:00.000Z")
    feed.push()
    part = sent[-1]["units"]
    assert "move" not in part
    assert part["upsert"][0]["id"] == "U-00009"
    assert part["upsert"][0]["stale"] is True


def test_no_cap_by_default_and_a_cap_when_configured(qtbot) -> None:
    store = SituationStore()
    store.apply(synthetic_picture(2600, 0))
    sent: list[dict] = []
    uncapped = MapFeed(store, lambda text: sent.append(json.loads(text)), interval_ms=60000)
    uncapped.start()
    assert len(sent[-1]["units"]["upsert"]) == 2600
    uncapped.close()
    sent.clear()
    capped = MapFeed(
        store, lambda text: sent.append(json.loads(text)), interval_ms=60000, max_per_push=1000
    )
    capped.start()
    capped.push()
    capped.push()
    assert [len(diff["units"]["upsert"]) for diff in sent] == [1000, 1000, 600]
    capped.close()


def test_the_painted_acknowledgement_gives_the_latency_of_the_oldest_change(fed) -> None:
    store, feed, sent = fed
    feed.painted_ms.clear()
    move(store, "U-00011", 31.27, 80)
    feed.push()
    feed.note_painted(sent[-1]["seq"])
    assert len(feed.painted_ms) == 1
    assert feed.painted_ms[0] >= 0
    feed.note_painted(sent[-1]["seq"])  # a repeated acknowledgement is not counted twice
    assert len(feed.painted_ms) == 1


def _unit_fields(unit) -> dict:
    return msgspec.to_builtins(unit)


def test_a_fix_that_goes_stale_with_time_alone_is_resent_greyed(qtbot) -> None:
    now = [time.time()]
    store = SituationStore()
    store.apply(synthetic_picture(20, 0))
    sent: list[dict] = []
    feed = MapFeed(
        store, lambda text: sent.append(json.loads(text)), clock=lambda: now[0], interval_ms=60000
    )
    fresh = format_ts(utc_now())
    for index in range(20):
        move(store, f"U-{index:05d}", 31.3, 90, fix_at=fresh)
    feed.start()
    assert not any(item["stale"] for item in sent[-1]["units"]["upsert"])
    now[0] += store.policy.fix_stale_s + 5  # no new fix for longer than the limit
    feed._recheck_flags()  # what the once-a-second tick does
    feed.push()
    part = sent[-1]["units"]
    assert len(part["upsert"]) == 20
    assert all(item["stale"] for item in part["upsert"])
    feed.close()
