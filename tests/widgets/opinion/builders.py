"""Alerts for the opinion tests, decoded by the protocol like the feed client's."""

from __future__ import annotations

from typing import Any, cast

import msgspec

from services.protocol.codec import decode_entity
from services.protocol.entities import Alert
from tests.console.state.builders import SCENE, ts


def opinion_alert(
    alert_id: str = "A-1",
    *,
    topic: str = "flooding",
    district: str = "Wuzhong",
    volume: int = 10,
    sentiment: float = -0.4,
    platform: str = "weibo",
    excerpt: str = "Water knee-deep at the crossing",
    ts_s: float = 0.0,
    location: tuple[float, float] | None = SCENE,
    version: int = 1,
    incident: str | None = None,
    acknowledged: bool = False,
) -> Alert:
    data: dict[str, Any] = {
        "id": alert_id,
        "ts": ts(ts_s),
        "platform": platform,
        "topic": topic,
        "excerpt": excerpt,
        "sentiment": sentiment,
        "volume": volume,
        "location": None if location is None else {"lat": location[0], "lon": location[1]},
        "district": district,
        "severity": "info",
        "incident": incident,
        "acknowledged": acknowledged,
        "version": version,
    }
    return cast(Alert, decode_entity("alerts", msgspec.json.encode(data)))
