"""The opinion watch driven by the S-city simulator, stepped a simulated minute at a time."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import msgspec
import pytest

from console.state.opinion import OpinionPolicy, OpinionWatch
from services.backend.sim import PROFILES, Simulator
from services.backend.sim.profiles import ScriptedAlert
from services.protocol.codec import decode_entity

START = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
T0 = START.timestamp()
SMALL_CITY = {"units": 10, "cameras": 5}


class City:
    """A simulator whose alert events reach an OpinionWatch, as the store would pass them."""

    def __init__(self, policy: OpinionPolicy, seed: int = 1, **profile: object) -> None:
        overrides = {**SMALL_CITY, **profile}
        self.sim = Simulator(seed, dataclasses.replace(PROFILES["demo"], **overrides), START)
        self.watch = OpinionWatch(policy, started_at=T0)
        self.now = T0
        self.raised: list = []
        self._feed(self.sim.bootstrap())
        self.watch.sample(self.now)

    def _feed(self, events) -> None:
        upserted, removed = {}, []
        for event in events:
            if event.topic != "alerts":
                continue
            key = event.data["id"]
            if event.type.endswith(".removed"):
                upserted.pop(key, None)
                removed.append(key)
            else:
                raw = msgspec.json.encode(event.data)
                upserted[key] = decode_entity("alerts", raw)
        self.watch.note(upserted.values(), removed, self.now)

    def minutes(self, count: int) -> None:
        for _ in range(count):
            events = self.sim.step(60.0)
            self.now += 60.0
            self._feed(events)
            self.raised += self.watch.sample(self.now)


def test_steady_traffic_for_an_hour_raises_no_warning() -> None:
    city = City(OpinionPolicy(), alert_spike_scale=0.0)
    city.minutes(60)
    assert len(city.watch.volumes) > 20, "an hour of alerts was seen"
    assert city.raised == []


def test_a_scripted_spike_raises_exactly_one_warning_for_its_topic_and_district() -> None:
    spike = ScriptedAlert(at_s=900.0, kind="weather", district="Wuzhong", peak=400)
    city = City(OpinionPolicy(), alert_spike_scale=0.0, scripted_alerts=(spike,))
    city.minutes(90)
    [warning] = city.raised
    assert warning.topic.endswith("积水严重")  # flooding at a place in Wuzhong
    assert warning.district == "吴中区"
    assert warning.raised_at > T0 + 900.0
    assert warning.volume >= 80
    assert warning.z >= 5.0
    followed = city.watch.warnings.get(warning.id)
    assert followed.peak_volume >= 300
    assert followed.severity == "critical"


def test_a_platform_that_stops_posting_is_flagged_after_its_quiet_period() -> None:
    policy = OpinionPolicy(quiet_minutes={"weibo": 15}, default_quiet_minutes=60)
    city = City(policy, alert_interval_s=20.0, silent_platforms=(("weibo", 1800.0),), seed=3)
    city.minutes(30)
    assert city.watch.quiet_platforms(city.now) == []
    weibo = city.watch.coverage.platform("weibo", city.now)
    assert weibo.last_seen is not None
    city.minutes(16)
    quiet = city.watch.quiet_platforms(city.now)
    assert [c.platform for c in quiet] == ["weibo"]
    assert quiet[0].last_seen <= T0 + 1800.0
    assert quiet[0].silent_s > 15 * 60


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_trend_history_holds_the_volumes_that_were_counted(seed: int) -> None:
    city = City(OpinionPolicy(trend_hours=0.5), seed=seed)
    expected = {}
    for _ in range(40):
        city.minutes(1)
        expected[city.now] = {k: v.volume for k, v in city.watch.volumes.topic_moods().items()}
    samples = list(city.watch.history)
    assert [s.at for s in samples] == [t for t in expected if t >= city.now - 1800.0]
    for sample in samples:
        assert {k: v.volume for k, v in sample.topics.items()} == expected[sample.at]
