"""Source coverage: last seen, rate, and platforms gone quiet."""

from __future__ import annotations

import pytest

from console.state.opinion import OpinionPolicy, SourceCoverage

POLICY = OpinionPolicy(default_quiet_minutes=20, quiet_minutes={"weibo": 5, "rss": 10})


def test_last_seen_and_rate_over_the_window() -> None:
    coverage = SourceCoverage(POLICY, started_at=0.0)
    for second in range(0, 600, 10):  # 6 posts a minute for 10 minutes
        coverage.note("douyin", float(second))
    report = coverage.platform("douyin", 599.0)
    assert report.last_seen == 590.0
    assert report.rate_per_min == pytest.approx(6.0)
    assert report.silent_s == pytest.approx(9.0)
    assert not report.quiet
    later = coverage.platform("douyin", 900.0)  # minutes 6…15: only 4 minutes of posts
    assert later.rate_per_min == pytest.approx(2.4)


def test_a_platform_is_quiet_only_after_its_own_period() -> None:
    coverage = SourceCoverage(OpinionPolicy(quiet_minutes={"weibo": 5}), started_at=0.0)
    coverage.note("weibo", 100.0)
    coverage.note("douyin", 100.0)
    assert [c.platform for c in coverage.quiet(100.0 + 300.0)] == []
    assert [c.platform for c in coverage.quiet(100.0 + 301.0)] == ["weibo"]
    assert [c.platform for c in coverage.quiet(100.0 + 1201.0)] == ["douyin", "weibo"]
    coverage.note("weibo", 1400.0)
    assert [c.platform for c in coverage.quiet(1400.0)] == ["douyin"]


def test_a_configured_platform_never_heard_from_is_flagged_too() -> None:
    coverage = SourceCoverage(POLICY, started_at=1000.0)
    assert coverage.platforms() == ["rss", "weibo"]
    assert coverage.quiet(1000.0 + 599.0)[0].platform == "weibo"
    quiet = coverage.quiet(1000.0 + 601.0)
    assert [c.platform for c in quiet] == ["rss", "weibo"]
    assert quiet[0].last_seen is None
    assert quiet[0].silent_s == 601.0


def test_a_late_post_counts_in_its_own_minute() -> None:
    coverage = SourceCoverage(POLICY, started_at=0.0)
    coverage.note("weibo", 300.0)
    coverage.note("weibo", 150.0)  # a cached alert's first post
    assert coverage.platform("weibo", 300.0).last_seen == 300.0
    assert coverage.platform("weibo", 300.0).rate_per_min == pytest.approx(0.2)
