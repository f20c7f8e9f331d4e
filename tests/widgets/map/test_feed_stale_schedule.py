"""The map feed's once-a-second stale check looks only at the units that may have flipped
(a heap of due times); what it marks for re-sending must be what looking at every shown
unit marks, whatever the moves, pushes and clock jumps in between."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

import pytest

from bench._harness import synthetic_picture
from console.state import SituationStore
from console.state.views import fix_is_stale
from services.protocol.times import format_ts
from tests.widgets.map.test_feed import move
from widgets.common.ticker import Ticker
from widgets.map.feed import MapFeed

START = 1_800_000_000.0


def full_recheck(feed: MapFeed, store: SituationStore, now: float) -> set[str]:
    """The shown units whose staleness at ``now`` differs from what the page was told:
    every shown unit judged (the check as it was before the schedule)."""
    stale_after = store.policy.fix_stale_s
    flipped = set()
    for unit_id in feed._shown["units"]:
        position = store.positions.get(unit_id)
        stale = position is not None and fix_is_stale(position, now, stale_after)
        if stale != (unit_id in feed._stale):
            flipped.add(unit_id)
    return flipped


def fix_text(seconds: float) -> str:
    return format_ts(datetime.fromtimestamp(seconds, UTC))


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_the_scheduled_check_marks_what_the_full_check_would(qtbot, seed: int) -> None:
    rng = random.Random(seed)
    now = [START]
    store = SituationStore()
    store.apply(synthetic_picture(200, 0))
    units = sorted(store.units)
    for unit_id in units:  # fixes of many ages, some already stale
        move(store, unit_id, 31.3, 1000, fix_at=fix_text(START - rng.uniform(0, 90)))
    ticker = Ticker(lambda: now[0])  # never started: the test calls the check itself
    sent: list[dict] = []
    feed = MapFeed(
        store,
        lambda text: sent.append(json.loads(text)),
        clock=lambda: now[0],
        interval_ms=60000,
        max_per_push=rng.choice([None, 25]),
        ticker=ticker,
    )
    feed.start()
    version = 1001
    flips_seen = 0
    for _step in range(120):
        roll = rng.random()
        if roll < 0.05:
            now[0] -= rng.uniform(1, 120)  # a replay seek back
        else:
            now[0] += rng.choice([0.2, 1.0, 1.0, 3.0, 15.0])
        for unit_id in rng.sample(units, rng.randint(0, 30)):
            age = rng.choice([0.0, 1.0, 10.0, 59.5, 75.0])  # some new fixes are older ones
            version += 1
            move(store, unit_id, rng.uniform(31.0, 31.5), version, fix_at=fix_text(now[0] - age))
        if rng.random() < 0.6:
            feed.push()
        before = set(feed._dirty["units"])
        expected = full_recheck(feed, store, now[0])
        feed._recheck_flags()
        assert feed._dirty["units"] == before | expected
        flips_seen += len(expected - before)
    assert flips_seen > 20  # the sequence did make units flip by time alone
    feed.close()


def test_a_fix_flips_at_its_due_time_and_not_before(qtbot) -> None:
    now = [START]
    store = SituationStore()
    store.apply(synthetic_picture(3, 0))
    move(store, "U-00000", 31.3, 1000, fix_at=fix_text(START))
    move(store, "U-00001", 31.3, 1000, fix_at=fix_text(START - 30))
    move(store, "U-00002", 31.3, 1000, fix_at=fix_text(START - 30))
    feed = MapFeed(
        store, lambda _text: None, clock=lambda: now[0], interval_ms=60000, ticker=Ticker(time_of)
    )
    feed.start()
    limit = store.policy.fix_stale_s
    now[0] = START + limit - 30 + 0.5  # U-00001 and U-00002 are just past the limit
    feed._recheck_flags()
    assert feed._dirty["units"] == {"U-00001", "U-00002"}
    feed.push()
    now[0] = START + limit - 0.5
    feed._recheck_flags()
    assert feed._dirty["units"] == set()
    now[0] = START + limit + 0.5
    feed._recheck_flags()
    assert feed._dirty["units"] == {"U-00000"}
    feed.close()


def time_of() -> float:
    return START
