"""The one clock: wall time live; rate, pause and seek in replay."""

from __future__ import annotations

import pytest

from console.state.clock import Clock


class Ticks:
    """A wall clock and a monotonic clock that move only when told."""

    def __init__(self) -> None:
        self.wall = 1_700_000_000.0
        self.mono = 50.0

    def advance(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def clock(ticks: Ticks) -> Clock:
    return Clock(wall=lambda: ticks.wall, monotonic=lambda: ticks.mono)


def test_live_reads_the_wall_clock(clock: Clock, ticks: Ticks) -> None:
    assert clock.live
    assert clock() == ticks.wall
    ticks.advance(3)
    assert clock() == ticks.wall


def test_seek_stands_at_the_moment_and_runs_at_the_rate(clock: Clock, ticks: Ticks) -> None:
    clock.seek(1_000.0)
    assert not clock.live
    assert clock() == 1_000.0
    clock.set_rate(10)
    ticks.advance(2)
    assert clock() == pytest.approx(1_020.0)
    clock.set_rate(0.25)
    ticks.advance(4)
    assert clock() == pytest.approx(1_021.0)


def test_pause_holds_and_resume_continues_from_there(clock: Clock, ticks: Ticks) -> None:
    clock.seek(500.0)
    ticks.advance(1)
    clock.pause()
    ticks.advance(100)
    assert clock() == pytest.approx(501.0)
    clock.resume()
    ticks.advance(1)
    assert clock() == pytest.approx(502.0)


def test_seek_while_paused_stays_paused(clock: Clock, ticks: Ticks) -> None:
    clock.seek(10.0)
    clock.pause()
    clock.seek(99.0)
    ticks.advance(5)
    assert clock() == 99.0


def test_listeners_hear_every_jump_and_can_leave(clock: Clock, ticks: Ticks) -> None:
    heard: list[float] = []
    remove = clock.on_jump(heard.append)
    clock.seek(42.0)
    clock.go_live()
    assert heard == [42.0, ticks.wall]
    remove()
    clock.seek(7.0)
    assert heard == [42.0, ticks.wall]


def test_go_live_resets_rate_and_pause(clock: Clock, ticks: Ticks) -> None:
    clock.seek(1.0)
    clock.set_rate(60)
    clock.pause()
    clock.go_live()
    assert (clock.live, clock.rate, clock.paused) == (True, 1.0, False)
    assert clock() == ticks.wall


@pytest.mark.parametrize("rate", [0, -1, 1_001])
def test_a_rate_out_of_range_is_refused(clock: Clock, rate: float) -> None:
    with pytest.raises(ValueError, match="rate must be"):
        clock.set_rate(rate)
