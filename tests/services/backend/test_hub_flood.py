"""A viewer flooding commands and subscribes against the load city in its own process:
the hub's memory stays flat and a commander and a subscriber beside it are not slowed.

The same run as ``bench/abuse.py``: a 30 s flood (the bench warms up longer). Before the
budgets, a flood like this grew the hub by about 280 MB in 10 s and delayed a commander's
acks by seconds.
"""

from __future__ import annotations

import asyncio

import pytest

from bench.abuse import run_abuse


@pytest.mark.slow
def test_a_viewer_flood_leaves_the_hub_and_other_clients_alone() -> None:
    figures = asyncio.run(run_abuse(seconds=30.0, warmup=5.0))
    flood = figures.flood
    # the flood happened, and was refused
    assert flood["commands sent"] > 2_000, flood
    assert flood["subscribes sent"] > 2_000, flood
    assert flood["acks rate_limited"] > 0, flood
    assert flood["errors rate_limited"] > 0, flood
    assert flood.get("acks ok", 0) == 0, "a viewer's command was applied"
    # ... without costing the hub memory
    assert figures.rss_growth_mb < 50.0, figures
    # ... or the others their service
    _, p99, samples = figures.flood_ack_ms
    assert samples >= 80, figures
    assert p99 < 200.0, figures
    assert figures.lag_s, "the heads probe saw no heads"
    assert max(figures.lag_s) < 1.0, figures
    assert figures.silence_s < 1.0, figures
