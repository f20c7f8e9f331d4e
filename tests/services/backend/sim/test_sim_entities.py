"""Every emitted entity follows the protocol; versions grow; everything is in the city."""

from __future__ import annotations

from collections import Counter

from services.backend.sim import PROFILES, Emitted, Simulator
from services.protocol.codec import decode_entity, decode_removed_key, encode
from services.protocol.entities import TOPIC_KEY

DemoRun = tuple[Simulator, list[Emitted]]

_TYPES = {
    "incidents": {"incident.created", "incident.updated", "incident.removed"},
    "units": {"unit.created", "unit.updated"},
    "positions": {"position.updated"},
    "cameras": {"camera.created", "camera.updated"},
    "alerts": {"alert.created", "alert.updated", "alert.removed"},
}


def test_every_entity_validates(demo_hour: DemoRun) -> None:
    for event in demo_hour[1]:
        assert event.type in _TYPES[event.topic]
        if event.type.endswith(".removed"):
            assert event.data == {"id": decode_removed_key(event.topic, encode(event.data))}
        else:
            decode_entity(event.topic, encode(event.data))


def test_versions_strictly_increase_and_removed_stay_removed(demo_hour: DemoRun) -> None:
    versions: dict[tuple[str, str], int] = {}
    removed: set[tuple[str, str]] = set()
    for event in demo_hour[1]:
        key = (event.topic, event.data[TOPIC_KEY[event.topic]])
        assert key not in removed, f"{key} changed after removal"
        if event.type.endswith(".removed"):
            removed.add(key)
            continue
        assert event.data["version"] > versions.get(key, 0), key
        versions[key] = event.data["version"]
        if event.type.endswith(".created"):
            assert event.data["version"] == 1


def test_emitted_dicts_are_fresh(demo_hour: DemoRun) -> None:
    sim = demo_hour[0]
    incident = next(e for e in reversed(demo_hour[1]) if e.type == "incident.updated")
    current = sim.entity("incidents", incident.data["id"])
    assert current is not None
    current["units"].append("U-XX-99")
    current["location"]["lat"] = 0.0
    again = sim.entity("incidents", incident.data["id"])
    assert again is not None
    assert "U-XX-99" not in again["units"]
    assert again["location"]["lat"] != 0.0


def test_bootstrap_builds_the_world() -> None:
    sim = Simulator(seed=5, profile=PROFILES["demo"])
    events = sim.bootstrap()
    kinds = Counter(event.type for event in events)
    assert kinds["unit.created"] == 120
    assert kinds["position.updated"] == 120
    assert kinds["camera.created"] == 300
    units = [e.data for e in events if e.type == "unit.created"]
    assert {u["kind"] for u in units} >= {"patrol_car", "motorbike", "foot", "community", "drone"}
    statuses = Counter(u["status"] for u in units)
    assert statuses["available"] > statuses["off_duty"] > 0
    assert all(u["id"].startswith("U-") and u["callsign"] for u in units)
    stations = {u["station"] for u in units}
    assert 18 <= len(stations) <= 36  # 2-4 stations in each of 9 districts
    cameras = [e.data for e in events if e.type == "camera.created"]
    assert len({c["name"] for c in cameras}) == len(cameras)
    assert all(" / " in c["name"] and c["name_en"] for c in cameras)
    assert sim.now == sim.now  # the clock did not move
    position = sim.entity("positions", units[0]["id"])
    assert position is not None
    assert position["version"] == 1


def test_everything_lies_inside_a_district(demo_hour: DemoRun) -> None:
    geography = demo_hour[0].geography
    district_names = {d.name_zh for d in geography.districts}
    checked: Counter[str] = Counter()
    for event in demo_hour[1]:
        data = event.data
        if event.type.endswith(".removed"):
            continue
        if event.topic == "positions":
            assert geography.contains(data["lat"], data["lon"]), data
        elif event.topic in ("incidents", "cameras"):
            where = geography.district_at(data["location"]["lat"], data["location"]["lon"])
            assert where is not None, data
            assert data["district"] == where.name_zh
            assert data["district"] in district_names
        checked[event.topic] += 1
    assert checked["positions"] > 100_000
    assert checked["incidents"] > 100
