"""The cache's size cap is said on screen: history removed to make room (amber, with
from when history is now kept), or a cap that even the current picture exceeds (red)."""

from __future__ import annotations

from services.cache import CacheSize
from tests.console.test_desk import LIVE, all_live


def test_a_cap_smaller_than_the_picture_turns_the_cache_banner_red(qtbot, make_desk) -> None:
    desk = make_desk(cache_max_mb=0.05)  # 50 KiB: less than the demo city's picture alone
    banner = desk.window.cache_banner
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    qtbot.waitUntil(banner.problem.isVisible, timeout=LIVE)
    size = desk.session.cache_size()
    assert size is not None
    assert size.over_cap
    assert "SIZE CAP" in banner.problem.text()
    assert "max_mb" in banner.problem.text()


def test_pruned_history_is_said_once_per_pruning(qtbot, make_desk) -> None:
    desk = make_desk()
    banner = desk.window.cache_banner
    sizes = [CacheSize(cap_bytes=2 * 2**20, pruned_at=1000.0, history_from=900.0, pruned_rows=5)]
    banner._size = lambda: sizes[-1]  # the cap's report as the cache writer leaves it
    banner.refresh()
    assert banner.notice_row.isVisible()
    assert "size cap (2 MB)" in banner.notice.text()
    banner.dismiss_button.click()
    banner.refresh()
    assert not banner.notice_row.isVisible(), "the same pruning is not said again"
    sizes.append(CacheSize(cap_bytes=2 * 2**20, pruned_at=2000.0, history_from=1900.0))
    banner.refresh()
    assert banner.notice_row.isVisible(), "a new pruning is"
    assert not banner.problem.isVisible()
