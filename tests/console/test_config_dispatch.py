"""The [dispatch] table's safe-dispatch thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.config import ConfigError, parse_config
from console.session import policy_of
from console.state.policy import DispatchSafety

WHERE = Path("console.toml")
SERVICES = {"services": {"cad": {"url": "ws://127.0.0.1:8765/cad", "token": "t" * 24}}}


def test_defaults_when_the_table_says_nothing() -> None:
    config = parse_config(dict(SERVICES), WHERE)
    assert config.dispatch_safety == DispatchSafety()
    assert policy_of(config).dispatch == DispatchSafety()


def test_thresholds_in_friendly_units_reach_the_store_policy() -> None:
    document = dict(SERVICES) | {
        "dispatch": {
            "far_ratio": 3,
            "far_extra_minutes": 10,
            "far_extra_km": 5.5,
            "max_units_unconfirmed": 2,
        }
    }
    safety = policy_of(parse_config(document, WHERE)).dispatch
    assert safety == DispatchSafety(
        far_ratio=3.0, far_extra_s=600.0, far_extra_m=5500.0, max_units_unconfirmed=2
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("far_ratio", 0, "far_ratio must be a positive number"),
        ("far_extra_km", "3", "far_extra_km must be a positive number"),
        ("max_units_unconfirmed", 0, "max_units_unconfirmed must be a whole number >= 1"),
        ("max_units_unconfirmed", 1.5, "max_units_unconfirmed must be a whole number >= 1"),
    ],
)
def test_bad_values_are_named(key: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(dict(SERVICES) | {"dispatch": {key: value}}, WHERE)
