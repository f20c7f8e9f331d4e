"""The one repaint tick follows the one clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject

from console.state.clock import Clock
from widgets.common.ticker import Ticker, TickSubscription


def test_ticks_carry_the_clock_reading(qtbot) -> None:
    clock = Clock()
    clock.seek(5_000.0)
    clock.pause()
    ticker = Ticker(clock, interval_ms=20)
    heard: list[float] = []
    ticker.ticked.connect(heard.append)
    ticker.start()
    qtbot.waitUntil(lambda: len(heard) >= 2, timeout=5000)
    ticker.stop()
    assert len(set(heard)) == 1, "paused: every tick reads the same moment"
    assert heard[0] == pytest.approx(5_000.0, abs=0.1)
    ticker.deleteLater()


def test_a_seek_ticks_at_once_and_a_stopped_ticker_is_silent(qtbot) -> None:
    clock = Clock()
    running = Ticker(clock, interval_ms=60_000)  # no timer tick within the test
    stopped = Ticker(clock, interval_ms=60_000)
    heard: list[tuple[str, float]] = []
    running.ticked.connect(lambda now: heard.append(("running", now)))
    stopped.ticked.connect(lambda now: heard.append(("stopped", now)))
    running.start()
    stopped.start()
    stopped.stop()
    clock.seek(1_000.0)
    assert [name for name, _ in heard] == ["running"]
    assert heard[0][1] == pytest.approx(1_000.0, abs=1.0)
    running.stop()
    running.deleteLater()
    stopped.deleteLater()


def test_a_timer_tick_gives_each_subscription_a_turn_of_its_own(qtbot) -> None:
    clock = Clock()
    ticker = Ticker(clock, interval_ms=60_000)  # the test drives the ticks
    owner = QObject()
    ran: list[str] = []
    first = TickSubscription(owner, clock, ticker, lambda: ran.append("first"), active=True)
    TickSubscription(owner, clock, ticker, lambda: ran.append("second"), active=True)
    ended = TickSubscription(owner, clock, ticker, lambda: ran.append("ended"), active=True)

    ticker.tick()  # called directly (as after a jump): every slot before it returns
    assert ran == ["first", "second", "ended"]

    ran.clear()
    ticker._timer.timeout.emit()  # what the running timer does each second
    assert ran == [], "a timer's tick only queues the slots"
    ended.setParent(None)
    ended.deleteLater()  # a panel gone before its turn: its slot does not run
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=5000)
    qtbot.wait(50)
    assert ran == ["first", "second"]

    ran.clear()
    ticker._timer.timeout.emit()
    first.stop()  # stopped before its turn: skipped
    qtbot.waitUntil(lambda: ran == ["second"], timeout=5000)
    ticker.stop()
    ticker.deleteLater()
    owner.deleteLater()
