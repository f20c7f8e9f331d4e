"""Warnings raised from spikes: one per spike, followed, acknowledged, escalated."""

from __future__ import annotations

from console.state.opinion import OpinionPolicy, SpikeDetector, WarningBook

KEY = ("flooding", "Wuzhong")
POLICY = OpinionPolicy(critical_z=8.0, critical_volume=300, escalate_after_s=120.0)


def spike(volumes: list[int]) -> tuple[WarningBook, list]:
    """A steady 10 posts for half an hour, then ``volumes`` a minute apart."""
    detector, book = SpikeDetector(POLICY), WarningBook(POLICY)
    raised = []
    at = 0.0
    detector.observe(at, {KEY: 10})
    for volume in [10] * 30 + volumes:
        at += 60.0
        new, _changed = book.apply(detector.observe(at, {KEY: volume}))
        raised += new
    return book, raised


def test_a_spike_raises_one_warning_with_its_reason() -> None:
    book, raised = spike([80, 150, 120, 90])
    [warning] = raised
    assert (warning.topic, warning.district) == KEY
    assert warning.volume == 80
    assert warning.baseline == 10.0
    assert warning.z > 5
    assert warning.raised_at == 31 * 60.0
    assert warning.severity == "warning"
    assert warning.active
    assert book.warnings() == [book.get(warning.id)]


def test_the_warning_follows_its_spike_peak_and_end() -> None:
    book, [warning] = spike([80, 150, 120, 8])
    followed = book.get(warning.id)
    assert followed.peak_volume == 150
    assert followed.peak_z > warning.z
    assert followed.ended_at == 34 * 60.0
    assert not followed.active
    assert book.active_for(KEY) is None


def test_critical_needs_both_the_z_and_the_volume() -> None:
    _book, [small] = spike([80])  # z ≈ 22 but only 80 posts
    assert small.severity == "warning"
    book, [grown] = spike([80, 350])
    assert grown.severity == "warning"
    followed = book.get(grown.id)
    assert followed.severity == "critical"
    assert followed.critical_since == 32 * 60.0


def test_a_second_spike_after_the_first_ended_raises_a_second_warning() -> None:
    _book, raised = spike([80, 8, 8, 90])
    assert [w.volume for w in raised] == [80, 90]
    assert len({w.id for w in raised}) == 2


def test_acknowledging_is_once_and_unknown_ids_are_refused() -> None:
    book, [warning] = spike([80])
    assert book.unacknowledged() == [book.get(warning.id)]
    assert book.acknowledge(warning.id, 5000.0)
    assert not book.acknowledge(warning.id, 6000.0)
    assert book.get(warning.id).acknowledged_at == 5000.0
    assert not book.acknowledge("W-404", 5000.0)
    assert book.unacknowledged() == []


def test_an_unacknowledged_critical_warning_escalates_until_acknowledged() -> None:
    book, [warning] = spike([400])
    critical = book.get(warning.id)
    assert critical.severity == "critical"
    since = critical.critical_since
    assert book.escalated(since + 120.0) == []
    assert book.escalated(since + 121.0) == [critical]
    book.acknowledge(warning.id, since + 130.0)
    assert book.escalated(since + 3600.0) == []


def test_a_plain_warning_never_escalates() -> None:
    book, [warning] = spike([80])
    assert book.escalated(warning.raised_at + 86400.0) == []


def test_the_history_is_capped_but_keeps_what_still_needs_the_operator() -> None:
    detector, book = SpikeDetector(POLICY), WarningBook(POLICY, cap=3)
    at = 0.0
    detector.observe(at, {})
    ids = []
    for index in range(6):
        key = (f"topic-{index}", "Gusu")
        at += 60.0
        raised, _ = book.apply(detector.observe(at, {key: 80}))
        ids += [w.id for w in raised]
        at += 60.0
        book.apply(detector.observe(at, {}))  # the spike is over at once
        if index < 4:
            book.acknowledge(ids[-1], at)
    kept = [w.id for w in book.warnings()]
    assert {ids[4], ids[5]} <= set(kept), "unacknowledged warnings are never dropped"
    assert len(kept) == 3
