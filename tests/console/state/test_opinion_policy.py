"""The [opinion] settings: defaults, parsing and clear refusals."""

from __future__ import annotations

import pytest

from console.state.opinion import OpinionPolicy, opinion_policy


def test_a_table_sets_the_thresholds_and_quiet_periods() -> None:
    policy = opinion_policy(
        {
            "z_threshold": 6,
            "min_volume": 80,
            "sample_seconds": 30,
            "quiet_minutes": {"default": 15, "weibo": 5},
        }
    )
    assert policy.z_threshold == 6
    assert policy.min_volume == 80
    assert policy.sample_s == 30
    assert policy.quiet_s("weibo") == 300.0
    assert policy.quiet_s("douyin") == 900.0
    assert opinion_policy({"quiet_minutes": 12}).quiet_s("any") == 720.0
    assert opinion_policy({}) == OpinionPolicy()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"z_treshold": 4}, "'z_treshold' is not an opinion setting"),
        ({"z_threshold": -1}, "z_threshold must be a positive number"),
        ({"min_volume": 2.5}, "min_volume must be a whole number"),
        ({"min_volume": True}, "min_volume must be a positive number"),
        ({"quiet_minutes": {"weibo": 0}}, "quiet_minutes.weibo must be a positive number"),
        ({"quiet_minutes": "soon"}, "quiet_minutes must be a number or a table"),
        ({"rearm_z": 6}, r"rearm_z \(6\) must be below z_threshold"),
        ({"critical_z": 2}, r"critical_z \(2\) must not be below z_threshold"),
    ],
)
def test_bad_settings_are_refused_with_the_key(table: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        opinion_policy(table)


def test_the_config_file_carries_an_opinion_table(tmp_path) -> None:
    from console.config import ConfigError, load_config  # noqa: PLC0415

    path = tmp_path / "ws.toml"
    services = '[services.opinion]\nurl = "ws://127.0.0.1:9/opinion"\ntoken = "t"\n'
    path.write_text(
        services + "[opinion]\nmin_volume = 120\n[opinion.quiet_minutes]\nweibo = 7\n",
        encoding="utf-8",
    )
    policy = load_config(path).opinion
    assert policy.min_volume == 120
    assert policy.quiet_s("weibo") == 420.0
    path.write_text(services + "[opinion]\nrearm_z = 9\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ws.toml: \[opinion\] rearm_z \(9\) must be below"):
        load_config(path)
