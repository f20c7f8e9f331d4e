"""The living city: patrols, AVL gaps, shifts, camera outages and the opinion stream."""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict

from services.backend.sim import PROFILES, Emitted, Simulator
from services.backend.sim.opinion import ALERT_FIELDS
from services.protocol.commands import IncidentCreate
from services.protocol.entities import Location
from services.protocol.times import parse_ts

DemoRun = tuple[Simulator, list[Emitted]]

_PERSONAL = {"user", "username", "user_id", "author", "name", "nickname", "handle", "phone",
             "account", "uid", "person", "profile", "avatar", "age", "gender"}  # fmt: skip


def test_positions_move_report_regularly_and_sometimes_go_stale(demo_hour: DemoRun) -> None:
    fixes: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    start = demo_hour[0].now.timestamp() - 3600
    for event in demo_hour[1]:
        if event.topic == "positions":
            data = event.data
            at = parse_ts(data["fix_at"]).timestamp() - start
            fixes[data["unit"]].append((at, data["lat"], data["lon"], data["speed"]))
            assert 0.0 <= data["heading"] < 360.0
    assert len(fixes) == 120
    # (the bootstrap fix is followed by the first regular one at a random phase)
    gaps = [b[0] - a[0] for track in fixes.values() for a, b in itertools.pairwise(track[1:])]
    assert min(gaps) >= 1.99
    assert sum(1 for g in gaps if 1.99 <= g <= 2.01) > 0.6 * len(gaps)
    assert any(g > 60 for g in gaps), "some AVL fixes go stale for a while"
    moving = [f for track in fixes.values() for f in track if f[3] > 0]
    assert len(moving) > 0.2 * sum(len(t) for t in fixes.values())
    assert max(f[3] for f in moving) < 20.0  # m/s: no car does 72 km/h in town


def test_shifts_change(demo_hour: DemoRun) -> None:
    seen: dict[str, str] = {}
    went_off = came_on = 0
    for event in demo_hour[1]:
        if event.topic != "units":
            continue
        before = seen.get(event.data["id"])
        now = event.data["status"]
        went_off += before is not None and before != "off_duty" and now == "off_duty"
        came_on += before == "off_duty" and now == "available"
        seen[event.data["id"]] = now
    assert went_off > 0
    assert came_on > 0


def test_cameras_go_offline_and_come_back(demo_hour: DemoRun) -> None:
    changes = [e.data["status"] for e in demo_hour[1] if e.type == "camera.updated"]
    assert "offline" in changes
    assert "online" in changes


def test_alerts_are_about_topics_not_people(demo_hour: DemoRun) -> None:
    alerts = [e.data for e in demo_hour[1] if e.topic == "alerts" and "ts" in e.data]
    assert len(alerts) > 50
    for alert in alerts:
        assert set(alert) <= ALERT_FIELDS
        assert not set(alert) & _PERSONAL
        assert -1.0 <= alert["sentiment"] <= 1.0
        assert alert["platform"] in {"weibo", "douyin", "wechat", "local_forum"}


def test_alert_volume_spikes_escalate_severity(demo_hour: DemoRun) -> None:
    history: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for event in demo_hour[1]:
        if event.topic == "alerts" and "volume" in event.data:
            history[event.data["id"]].append((event.data["volume"], event.data["severity"]))
    rank = {"info": 0, "watch": 1, "warning": 2, "critical": 3}
    spikes = [
        steps
        for steps in history.values()
        if len(steps) >= 4 and max(v for v, _ in steps) >= 3 * steps[0][0]
    ]
    assert spikes
    assert any(max(rank[s] for _, s in steps) > rank[steps[0][1]] for steps in spikes)


def test_fires_raise_linked_alerts_and_old_alerts_go() -> None:
    profile = dataclasses.replace(
        PROFILES["demo"], alert_ttl_s=900.0, call_interval_s=0.0, initial_incidents=0
    )
    sim = Simulator(seed=6, profile=profile)
    sim.bootstrap()
    fires = []
    for k in range(6):
        result, _ = sim.command(
            "incident.create",
            IncidentCreate(
                category="fire",
                priority=1,
                summary="楼内冒烟",
                address="姑苏区人民路10号",
                location=Location(lat=31.30 + k * 0.004, lon=120.62),
                district="姑苏区",
            ),
        )
        fires.append(result["incident"])
    events = []
    for _ in range(150):
        events.extend(sim.step(1.0))
    linked = [e.data for e in events if e.type == "alert.created" and e.data["incident"]]
    assert linked
    for alert in linked:
        assert alert["incident"] in fires
        assert alert["location"] is not None
        assert alert["severity"] != "info"
        assert "人民路10号" in alert["topic"]
    for _ in range(120):
        events.extend(sim.step(30.0))
    assert any(e.type == "alert.removed" for e in events)
