"""The spike detector, rule by rule (console/state/opinion/detector.py)."""

from __future__ import annotations

import math

import pytest

from console.state.opinion import OpinionPolicy, SpikeDetector

KEY = ("flooding", "Wuzhong")
OTHER = ("crowd", "Gusu")
POLICY = OpinionPolicy(z_threshold=5.0, min_volume=50, rearm_z=1.0, baseline_minutes=30)


def steady(detector: SpikeDetector, volume: int, minutes: int, start: float = 0.0) -> float:
    """Observe ``volume`` once a minute; returns the time of the last observation."""
    at = start
    for _ in range(minutes):
        at += 60.0
        detection = detector.observe(at, {KEY: volume})
        assert not detection.started
    return at


def test_the_first_observation_primes_the_baselines_and_raises_nothing() -> None:
    detector = SpikeDetector(POLICY)
    detection = detector.observe(0.0, {KEY: 400, OTHER: 80})
    assert (detection.started, detection.ongoing, detection.ended) == ([], [], [])
    assert detector.baseline(KEY) == (400.0, math.sqrt(400.0))


def test_a_jump_far_above_the_baseline_starts_one_spike_with_its_figures() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 10})
    at = steady(detector, 10, 30)
    detection = detector.observe(at + 60, {KEY: 60})
    [reading] = detection.started
    assert reading.key == KEY
    assert reading.volume == 60
    assert reading.baseline == pytest.approx(10.0)
    assert reading.sigma == pytest.approx(math.sqrt(10.0))  # the noise of a count of 10
    assert reading.z == pytest.approx(50 / math.sqrt(10.0))
    assert detector.spiking(KEY)


def test_below_min_volume_is_never_a_spike_however_many_sigma() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 1})
    at = steady(detector, 1, 10)
    assert not detector.observe(at + 60, {KEY: 49}).started  # 48 σ, but 49 < 50 posts


def test_below_the_z_threshold_is_not_a_spike_however_many_posts() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 400})
    at = steady(detector, 400, 10)
    # σ is at least sqrt(400) = 20: 480 is 4 σ above, under the threshold of 5
    assert not detector.observe(at + 60, {KEY: 480}).started
    assert detector.observe(at + 120, {KEY: 520}).started  # 6 σ


def test_a_spike_is_not_started_again_while_it_lasts() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 10})
    at = steady(detector, 10, 30)
    assert detector.observe(at + 60, {KEY: 80}).started
    for step, volume in enumerate((200, 400, 300, 60, 30), start=2):
        detection = detector.observe(at + 60 * step, {KEY: volume})
        assert not detection.started
        assert [r.volume for r in detection.ongoing] == [volume]


def test_the_baseline_is_frozen_during_a_spike() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 10})
    at = steady(detector, 10, 30)
    before = detector.baseline(KEY)
    for step in range(1, 30):
        detector.observe(at + 60 * step, {KEY: 500})
    assert detector.baseline(KEY) == before


def test_the_spike_ends_below_the_band_and_a_new_spike_starts_a_new_one() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 10})
    at = steady(detector, 10, 30)
    assert detector.observe(at + 60, {KEY: 100}).started
    mean, sigma = detector.baseline(KEY)
    still = math.ceil(mean + sigma)  # at the band's edge: still spiking
    assert detector.observe(at + 120, {KEY: still}).ongoing
    detection = detector.observe(at + 180, {KEY: math.floor(mean)})
    assert [r.key for r in detection.ended] == [KEY]
    assert not detector.spiking(KEY)
    assert detector.observe(at + 240, {KEY: 100}).started


def test_a_key_first_seen_later_starts_from_nothing() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {OTHER: 5})
    detection = detector.observe(60.0, {OTHER: 5, KEY: 55})
    [reading] = detection.started
    assert reading.key == KEY
    assert reading.baseline == 0.0
    assert reading.sigma == 1.0
    assert reading.z == 55.0


def test_a_key_left_out_has_volume_zero_and_is_forgotten_once_quiet() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(0.0, {KEY: 2})
    assert len(detector) == 1
    at = 0.0
    for _ in range(600):  # the baseline decays towards 0 over hours
        at += 60.0
        detector.observe(at, {})
        if not len(detector):
            break
    assert len(detector) == 0


def test_the_baseline_learns_with_the_time_between_observations() -> None:
    slow = SpikeDetector(POLICY)
    fast = SpikeDetector(POLICY)
    for detector in (slow, fast):
        detector.observe(0.0, {KEY: 10})
    slow.observe(1800.0, {KEY: 20})  # one observation after half an hour…
    for minute in range(1, 31):  # …learns as much as thirty, one a minute
        fast.observe(60.0 * minute, {KEY: 20})
    weight = 1 - math.exp(-1.0)
    assert slow.baseline(KEY)[0] == pytest.approx(10 + 10 * weight)
    assert fast.baseline(KEY)[0] == pytest.approx(slow.baseline(KEY)[0])


def test_time_must_move_forward() -> None:
    detector = SpikeDetector(POLICY)
    detector.observe(60.0, {KEY: 1})
    with pytest.raises(ValueError, match="not after"):
        detector.observe(60.0, {KEY: 1})
